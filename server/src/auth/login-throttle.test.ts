import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { LoginThrottle } from './login-throttle.js';

const fail = (t: LoginThrottle, name: string, address: string) => {
  const a = t.admit(name, address);
  if (!a.ok) return a;
  t.failed(name, address);
  return a;
};

describe('the sign-in throttle', () => {
  it('doubles the wait with each failure past five, up to fifteen minutes, and forgets after a quiet hour', () => {
    const clock = new ManualClock(0);
    const t = new LoginThrottle(clock);
    for (let i = 0; i < 5; i++) expect(fail(t, 'mwangi', 'a').ok).toBe(true);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const a = t.admit('mwangi', 'a');
      expect(a.ok).toBe(false);
      const ms = a.ok ? 0 : a.retryAfterMs;
      waits.push(ms / 1000);
      clock.advance(ms);
      expect(fail(t, 'mwangi', 'a').ok).toBe(true);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    // Another address, and the same address for another name, are not slowed by this.
    expect(t.admit('mwangi', 'b').ok).toBe(true);
    t.released('mwangi', 'b');
    expect(t.admit('otieno', 'a').ok).toBe(true);
    t.released('otieno', 'a');
    // Waiting out the longest wait does not wipe the slate; an hour without a failure does.
    clock.advanceMinutes(15);
    expect(fail(t, 'mwangi', 'a').ok).toBe(true);
    expect(t.admit('mwangi', 'a')).toEqual({ ok: false, reason: 'name-and-address', retryAfterMs: 900_000 });
    clock.advanceMinutes(60);
    for (let i = 0; i < 5; i++) expect(fail(t, 'mwangi', 'a').ok).toBe(true);
  });

  it('lets only one guess at a time past the free tries, so a burst sent at once is not all checked', () => {
    const t = new LoginThrottle(new ManualClock(0));
    for (let i = 0; i < 4; i++) fail(t, 'n', 'a');
    expect(t.admit('n', 'a').ok).toBe(true);
    expect(t.admit('n', 'a')).toMatchObject({ ok: false, reason: 'name-and-address' });
  });

  it('reports a name under attack once per window, counting its addresses', () => {
    const clock = new ManualClock(0);
    const t = new LoginThrottle(clock);
    const reports = [];
    for (let i = 0; i < 45; i++) {
      t.admit('admin', `10.0.0.${i % 30}`);
      const r = t.failed('admin', `10.0.0.${i % 30}`);
      if (r) reports.push(r);
    }
    expect(reports).toEqual([{ username: 'admin', failures: 20, addresses: 20, since: 0 }]);
    clock.advanceMinutes(15);
    t.admit('admin', 'x');
    expect(t.failed('admin', 'x')).toBeNull();
  });

  it('admits everyone when rate limits are off, and still reports an attack', () => {
    const t = new LoginThrottle(new ManualClock(0), undefined, false);
    let reported = 0;
    for (let i = 0; i < 30; i++) {
      expect(t.admit('n', 'a').ok).toBe(true);
      if (t.failed('n', 'a')) reported++;
    }
    expect(reported).toBe(1);
  });
});
