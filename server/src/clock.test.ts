import { describe, expect, it } from 'vitest';
import { dayOf, hourOf } from './clock.js';

describe('days and hours in the centre’s time zone', () => {
  it('gives ISO days whatever the zone', () => {
    const t = Date.parse('2026-03-02T21:30:00Z');
    expect(dayOf(t, 'Africa/Nairobi')).toBe('2026-03-03');
    expect(dayOf(t, 'UTC')).toBe('2026-03-02');
    expect(dayOf(t, 'America/Los_Angeles')).toBe('2026-03-02');
    expect(dayOf(Date.parse('0999-12-31T12:00:00Z'), 'UTC')).toBe('0999-12-31');
    expect(hourOf(t, 'Africa/Nairobi')).toBe(0);
  });
});
