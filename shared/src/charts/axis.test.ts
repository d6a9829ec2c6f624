import { describe, expect, it } from 'vitest';
import { axisDay, axisHour, daySeconds } from './axis.js';

describe('chart axes', () => {
  it('writes a day day-first, in English or Kiswahili', () => {
    expect(axisDay(Date.parse('2026-12-01T00:00:00Z') / 1000)).toBe('1 Dec');
    expect(axisDay(Date.parse('2027-01-31T00:00:00Z') / 1000)).toBe('31 Jan');
    expect(axisDay(daySeconds('2026-12-07'), 'sw')).toBe('7 Des');
    expect(axisDay(daySeconds('2026-08-15'), 'sw')).toBe('15 Ago');
  });
  it('writes an hour as a 24-hour time', () => {
    expect(axisHour(8)).toBe('08:00');
    expect(axisHour(17)).toBe('17:00');
  });
});
