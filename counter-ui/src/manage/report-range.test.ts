import { describe, expect, it } from 'vitest';
import { axisDay, tKiosk } from '@foleni/shared';
import { pressedPreset, presets } from './report-range.js';

describe('report ranges and the day axis', () => {
  it('lights one preset when two coincide: the one picked, else the first that matches', () => {
    // On the 1st, "Today" and "This month" are the same range.
    const list = presets('2026-12-01');
    expect(list.filter((p) => p.from === '2026-12-01' && p.to === '2026-12-01').map((p) => p.name)).toEqual(['Today', 'This month']);
    expect(pressedPreset(list, '2026-12-01', '2026-12-01', null)).toBe('Today');
    expect(pressedPreset(list, '2026-12-01', '2026-12-01', 'This month')).toBe('This month');
    // A picked preset no longer matching gives way to one that does, or to none.
    expect(pressedPreset(list, '2026-11-25', '2026-12-01', 'This month')).toBe('Last 7 days');
    expect(pressedPreset(list, '2026-11-02', '2026-11-03', 'Today')).toBeNull();
  });

  it('reads days day first, as in Kenya: "1 Dec", never "12/1"', () => {
    expect(axisDay(Date.parse('2026-12-01T00:00:00Z') / 1000)).toBe('1 Dec');
    expect(axisDay(Date.parse('2027-01-31T00:00:00Z') / 1000)).toBe('31 Jan');
    expect(axisDay(Date.parse('2026-12-01T00:00:00Z') / 1000, 'sw')).toBe('1 Des');
  });

  it('has the unpaired kiosk name the admin menu as it reads', () => {
    expect(tKiosk('en', 'pair.step1', { admin: '/admin' })).toContain('Kiosks and displays');
    expect(tKiosk('sw', 'pair.step1', { admin: '/admin' })).toContain('Kiosks and displays');
  });
});
