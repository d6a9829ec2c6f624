import { describe, expect, it } from 'vitest';
import { countText, durationText, minutesText, percentText } from './time-text.js';

describe('figures as managers read them', () => {
  it('groups thousands in counts, and says minutes and shares in words a table can hold', () => {
    expect(countText(12384)).toBe('12,384');
    expect(countText(2_000_000)).toBe('2,000,000');
    expect(countText(7)).toBe('7');
    expect(minutesText(3)).toBe('3 min');
    expect(minutesText(6.66)).toBe('6.7 min');
    expect(minutesText(null)).toBe('—');
    expect(percentText(0.8249)).toBe('82%');
    expect(percentText(null)).toBe('—');
  });

  it('says minutes and hours the Kiswahili way, the figure after the word', () => {
    expect(minutesText(3, 'sw')).toBe('dakika 3');
    expect(durationText(7 * 60_000, 'sw')).toBe('dakika 7');
    expect(durationText(65 * 60_000, 'sw')).toBe('saa 1 dakika 5');
    expect(durationText(65 * 60_000)).toBe('1 h 05 min');
  });
});
