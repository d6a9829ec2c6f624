// The day bundle an outreach laptop carries to head office: its manifest describes exactly the lines after it
// (count, first and last seq, SHA-256), one altered byte shows, and only managers and admins may take it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { DayBundleManifest, HqEvent } from '@foleni/shared';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The file split as head office reads it: the manifest line, then every byte after its newline. */
function split(bytes: Uint8Array): { manifest: DayBundleManifest; rest: Uint8Array } {
  const nl = bytes.indexOf(0x0a);
  expect(nl).toBeGreaterThan(0);
  return { manifest: DayBundleManifest.parse(JSON.parse(Buffer.from(bytes.subarray(0, nl)).toString('utf8'))), rest: bytes.subarray(nl + 1) };
}

describe('the day bundle', () => {
  let c: TestCentre;
  let manager: string;
  let day: string;

  const download = (d: string, auth: string) => fetch(`${c.url}/api/v1/stats/day-bundle?day=${d}`, { headers: { authorization: `Bearer ${auth}` } });

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    manager = await c.login('manager');
    day = c.app.ctx.centre.today();
    for (const code of ['A', 'B', 'A', 'H']) {
      const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId(code) } });
      expect(res.status).toBe(201);
    }
    expect((await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: manager })).status).toBe(200);
    expect((await c.api('POST', `/counters/${c.counterId('1')}/call-next`, { auth: manager })).status).toBe(200);
  });
  afterAll(async () => {
    await c.close();
  });

  it("is one NDJSON file named for the centre and day, whose manifest matches the day's events", async () => {
    const res = await download(day, manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const code = c.app.ctx.centre.get().code;
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="foleni-${code}-${day}.ndjson"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const { manifest, rest } = split(bytes);

    const lines = Buffer.from(rest).toString('utf8').split('\n');
    expect(lines.pop()).toBe(''); // every line ends with a newline, the last one too
    const events = lines.map((l) => HqEvent.parse(JSON.parse(l)));
    const seqs = events.map((e) => e.seq);
    const inLog = c.db.prepare('SELECT seq FROM events WHERE day = ? ORDER BY seq').pluck().all(day);
    expect(seqs).toEqual(inLog);
    expect(manifest).toEqual({
      kind: 'foleni-day-bundle',
      version: 1,
      centre: { code, name: c.app.ctx.centre.get().name },
      day,
      fromSeq: seqs[0],
      toSeq: seqs.at(-1),
      count: events.length,
      sha256: sha256(rest),
    });
    // Nothing else happened on this day: its events follow each other in the log.
    expect(manifest.toSeq - manifest.fromSeq + 1).toBe(manifest.count);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ticket.issued', 'counter.open', 'ticket.called']));

    // The same lines as the day's event export (and the live feed).
    const exported = await fetch(`${c.url}/api/v1/stats/events?day=${day}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(Buffer.from(rest).toString('utf8')).toBe(await exported.text());
  });

  it('shows any altered byte: the SHA-256 no longer matches', async () => {
    const bytes = new Uint8Array(await (await download(day, manager)).arrayBuffer());
    const { manifest, rest } = split(bytes);
    expect(sha256(rest)).toBe(manifest.sha256);
    const at = Buffer.from(rest).indexOf('"ticket.issued"') + 2;
    const altered = Uint8Array.from(rest);
    altered[at] = 'T'.charCodeAt(0);
    expect(sha256(altered)).not.toBe(manifest.sha256);
    const truncated = rest.subarray(0, rest.length - 1);
    expect(sha256(truncated)).not.toBe(manifest.sha256);
  });

  it('describes a day without events as empty', async () => {
    const res = await download('2024-01-01', manager);
    expect(res.status).toBe(200);
    const { manifest, rest } = split(new Uint8Array(await res.arrayBuffer()));
    expect(rest.length).toBe(0);
    expect(manifest).toMatchObject({ day: '2024-01-01', fromSeq: 0, toSeq: 0, count: 0, sha256: sha256(new Uint8Array()) });
  });

  it('is for managers and admins only, and refuses a day that is not a date', async () => {
    const who: [string, string, number][] = [
      ['nobody', '', 401],
      ['kiosk', c.kioskToken, 403],
      ['display', c.displayToken, 403],
      ['clerk', await c.login('wanjiru'), 403],
      ['manager', manager, 200],
      ['admin', await c.login('admin'), 200],
    ];
    for (const [name, token, status] of who) {
      const res = await c.api('GET', `/stats/day-bundle?day=${day}`, token ? { auth: token } : {});
      expect(res.status, name).toBe(status);
    }
    expect((await c.api('GET', '/stats/day-bundle?day=2024-02-30', { auth: manager })).status).toBe(400);
    expect((await c.api('GET', '/stats/day-bundle', { auth: manager })).status).toBe(400);
  });
});
