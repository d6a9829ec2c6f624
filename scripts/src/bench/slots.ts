// (f) Free booking slots for a month of one service with 100,000 bookings on file (GET /appointments/slots,
// days=31), against the same server's health check. The bookings are written straight into a stopped demo
// centre's database, spread over a year around today on the service's 15-minute grid (some cancelled), so
// the month asked for holds several thousand of them.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from './lib/foleni-api.js';
import { cpuMsOf, startFoleni } from './lib/processes.js';
import { percentile } from './lib/stats.js';
import type { Timing } from './reports.js';

export interface SlotsResult {
  bookings: number;
  /** Bookings in the month asked for (cancelled ones included). */
  inMonth: number;
  slots: number;
  health: Timing;
  month: Timing;
}

const ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';

export async function benchSlots(opts: { bookings: number; log: (s: string) => void }): Promise<SlotsResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'foleni-bench-slots-'));
  try {
    await (await startFoleni({ dataDir })).stop();
    opts.log(`slots: writing ${opts.bookings} bookings`);
    const db = new Database(join(dataDir, 'foleni.db'));
    const service = db.prepare("SELECT id FROM services WHERE code = 'A'").pluck().get() as string;
    const today = new Date().toISOString().slice(0, 10);
    const from = Date.parse(`${today}T05:00:00Z`) - 180 * 86_400_000; // 08:00 in Nairobi
    const insert = db.prepare(
      `INSERT INTO appointments (id, reference, service_id, day, slot_start, slot_end, status, channel, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'ehuduma', ?)`,
    );
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    db.transaction(() => {
      for (let i = 0; i < opts.bookings; i++) {
        const day = Math.floor(random() * 365);
        const slot = Math.floor(random() * 36);
        const start = from + day * 86_400_000 + slot * 15 * 60_000;
        // Unique among all, open or not: the number i written in the reference alphabet.
        let reference = '';
        for (let k = 0, rest = i; k < 6; k++, rest = Math.floor(rest / ALPHABET.length)) reference += ALPHABET[rest % ALPHABET.length];
        // Past bookings are closed; a tenth of all are cancelled; the rest hold their places.
        const status = random() < 0.1 ? 'cancelled' : start < Date.now() ? 'served' : 'booked';
        insert.run(`apt_bench${i}`, reference, service, new Date(start + 3 * 3_600_000).toISOString().slice(0, 10), start, start + 15 * 60_000, status, start - 86_400_000);
      }
    })();
    db.prepare("UPDATE services SET booking_enabled = 1 WHERE id = ?").run(service);
    const monthEnd = Date.parse(`${today}T00:00:00Z`) + 31 * 86_400_000;
    const inMonth = db.prepare('SELECT COUNT(*) FROM appointments WHERE slot_start >= ? AND slot_start < ?').pluck().get(Date.parse(`${today}T00:00:00Z`), monthEnd) as number;
    db.close();

    const server = await startFoleni({ dataDir });
    try {
      const token = await api(server.url).login('manager');
      const timed = async (path: string): Promise<number> => {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
        return performance.now() - t0;
      };
      const timeGets = async (path: string, n: number): Promise<Timing> => {
        for (let i = 0; i < 5; i++) await timed(path); // warm
        const times: number[] = [];
        const cpu0 = cpuMsOf(server.pid);
        for (let i = 0; i < n; i++) times.push(await timed(path));
        return { p50: percentile(times, 0.5), p90: percentile(times, 0.9), n, cpuMs: (cpuMsOf(server.pid) - cpu0) / n };
      };
      const monthPath = `/appointments/slots?serviceId=${service}&date=${today}&days=31`;
      const slots = ((await (await fetch(`${server.url}/api/v1${monthPath}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] }).items.length;
      opts.log('slots: timing');
      const health = await timeGets('/health', 100);
      const month = await timeGets(monthPath, 100);
      return { bookings: opts.bookings, inMonth, slots, health, month };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
