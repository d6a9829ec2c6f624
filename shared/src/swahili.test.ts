import { describe, expect, it } from 'vitest';
import { callAnnouncement, counterNameIn } from './labels.js';
import { clockFor, swahiliClock, swahiliNumber } from './swahili.js';

describe('Kiswahili readings', () => {
  it('reads numbers in words', () => {
    expect([1, 7, 10, 12, 20, 45, 99].map(swahiliNumber)).toEqual(['moja', 'saba', 'kumi', 'kumi na mbili', 'ishirini', 'arobaini na tano', 'tisini na tisa']);
    expect(swahiliNumber(120)).toBe('120');
  });

  it('reads clock times counted from sunrise, with the part of the day', () => {
    expect(swahiliClock('08:00')).toBe('saa 2 asubuhi');
    expect(swahiliClock('06:00')).toBe('saa 12 asubuhi');
    expect(swahiliClock('12:00')).toBe('saa 6 mchana');
    expect(swahiliClock('16:30')).toBe('saa 10 na nusu jioni');
    expect(swahiliClock('09:15')).toBe('saa 3 na robo asubuhi');
    expect(swahiliClock('08:45')).toBe('saa 3 kasorobo asubuhi');
    expect(swahiliClock('13:05')).toBe('saa 7 na dakika 5 mchana');
    expect(swahiliClock('20:00')).toBe('saa 2 usiku');
    expect(swahiliClock('soon')).toBe('soon');
  });

  it('gives the Swahili reading beside the time in Kiswahili only', () => {
    expect(clockFor('sw', '08:00')).toBe('saa 2 asubuhi (08:00)');
    expect(clockFor('en', '08:00')).toBe('08:00');
  });

  it('ends a Kiswahili call with where to go, the counter in words', () => {
    expect(callAnnouncement('B007', 'Counter 1', 'sw')).toBe('Tiketi B sifuri sifuri saba, tafadhali nenda dirisha namba moja');
    expect(callAnnouncement('B007', 'Counter 1', 'en')).toBe('Ticket B zero zero seven, counter 1');
  });
});

describe('counter names by language', () => {
  it('reads "Counter 7" as "Dirisha 7" in Kiswahili and keeps a name of its own', () => {
    expect(counterNameIn('sw', 'Counter 7')).toBe('Dirisha 7');
    expect(counterNameIn('en', 'Dirisha 7')).toBe('Counter 7');
    expect(counterNameIn('en', 'Counter 7')).toBe('Counter 7');
    expect(counterNameIn('sw', 'Cashier')).toBe('Cashier');
    expect(counterNameIn('sw', 'dirisha jingine')).toBe('dirisha jingine');
  });
});
