// A kiosk that reloads or a display on flaky Wi-Fi drops its socket for a few seconds: the dashboard's
// "gone" alert (critical, with a chime) waits out a grace period on the server's clock, and clears when the
// device is back. Worked out on a fake clock: `now` is just a number here.
import { describe, expect, it } from 'vitest';
import type { Device, LiveStats } from '@foleni/shared';
import { alertsFor, DEVICE_GONE_GRACE_MS } from '../src/manage/alerts.js';

const T0 = Date.parse('2025-06-02T07:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function display(over: Partial<Device> = {}): Device {
  return { id: 'd1', kind: 'display', name: 'Main hall screen', zone: 'main', printer: null, printerStatus: 'unknown', printerProblem: null, status: 'active', connected: true, lastSeenAt: iso(T0), pairedAt: iso(T0 - 86_400_000), pairedBy: null, ...over };
}

function stats(devices: Device[], at = T0): LiveStats {
  return { day: '2025-06-02', at: iso(at), services: [], counters: [], devices, failedPrints: [] };
}

const titles = (s: LiveStats, now: number, grace?: number) => alertsFor(s, now, grace).map((a) => `${a.level}: ${a.title}`);

describe('a device gone', () => {
  it('is an alert only once it has stayed away for the grace period', () => {
    expect(DEVICE_GONE_GRACE_MS).toBe(60_000);
    // It dropped out at T0.
    const gone = stats([display({ connected: false, lastSeenAt: iso(T0) })]);
    expect(titles(gone, T0)).toEqual([]);
    expect(titles(gone, T0 + 59_999)).toEqual([]);
    expect(titles(gone, T0 + 60_000)).toEqual(['critical: Display Main hall screen is gone']);
    expect(alertsFor(gone, T0 + 5 * 60_000)[0]!.detail).toBe('Not connected for 5 min (zone main).');
  });

  it('clears when the device comes back, and a blip inside the grace never raises it', () => {
    // Back after 40 s: never an alert.
    const back = stats([display({ connected: true, lastSeenAt: iso(T0 + 40_000) })]);
    expect(titles(back, T0 + 40_000)).toEqual([]);
    expect(titles(back, T0 + 10 * 60_000)).toEqual([]);
    // Gone for ten minutes, then back: the alert goes with the next figures.
    expect(titles(stats([display({ connected: false, lastSeenAt: iso(T0) })]), T0 + 10 * 60_000)).toHaveLength(1);
    expect(titles(stats([display({ connected: true, lastSeenAt: iso(T0 + 10 * 60_000) })]), T0 + 10 * 60_000)).toEqual([]);
  });

  it('takes its grace from the caller, and a device that never connected is a warning at once', () => {
    const gone = stats([display({ connected: false, lastSeenAt: iso(T0) })]);
    expect(titles(gone, T0 + 2_000, 1_000)).toEqual(['critical: Display Main hall screen is gone']);
    // Seen "after" now (the figures' clock a moment ahead of the ticking one): not gone.
    expect(titles(gone, T0 - 500, 0)).toEqual([]);
    expect(titles(stats([display({ kind: 'kiosk', name: 'Kiosk 1', connected: false, lastSeenAt: null })]), T0)).toEqual(['warning: Kiosk Kiosk 1 has never connected']);
  });
});
