// Head office takes centres' events by feed and by bundle, on embedded PGlite and on a real PostgreSQL
// server: in order, again (nothing doubled), past a hole (409 with the seq it needs), by the wrong key,
// and damaged or altered bundles, refused with the reason and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HqEvent } from '@foleni/shared';
import { BACKENDS, TEST_DAY, dayBundle, eventsOf, startTestHq } from '../testing/hq-test-env.js';
import type { TestHq, TicketPlan } from '../testing/hq-test-env.js';

const PLANS: TicketPlan[] = [
  { id: 'tk-001', service: 'NHIF', issuedAt: '2026-12-07T06:00:00Z', waitMin: 4, end: 'served' },
  { id: 'tk-002', service: 'NHIF', issuedAt: '2026-12-07T06:05:00Z', waitMin: 10, end: 'served' },
  { id: 'tk-003', service: 'NHIF', issuedAt: '2026-12-07T06:10:00Z', waitMin: 20, end: 'no_show' },
  { id: 'tk-004', service: 'KRA', issuedAt: '2026-12-07T06:15:00Z', waitMin: 2, end: 'served', rating: 4 },
  { id: 'tk-005', service: 'KRA', issuedAt: '2026-12-07T06:20:00Z', end: 'waiting' },
];

interface CentreItem {
  code: string;
  lastSeq: number;
  lastHeardAt: string | null;
  behindBy: number | null;
  today: { issued: number; served: number; noShows: number; medianWaitMinutes: number | null; withinTargetShare: number | null; feedbackCount: number };
}

describe.each(BACKENDS)('head office ingest on %s', (backend) => {
  let hq: TestHq;
  let gpoKey: string;
  let mksKey: string;
  let outreachKey: string;
  const events = eventsOf(PLANS);

  const centre = async (code: string): Promise<CentreItem> => {
    const r = await hq.call<{ items: CentreItem[] }>('GET', '/centres', { token: hq.adminToken });
    return r.body.items.find((c) => c.code === code)!;
  };
  const eventCount = async (): Promise<number> => (await hq.sql.query<{ n: number }>('SELECT count(*) AS n FROM events'))[0]!.n;
  const ingest = (key: string | undefined, fromSeq: number, list: HqEvent[]) => hq.call<{ ackSeq: number; needSeq?: number; error?: { code: string } }>('POST', '/ingest', { token: key, body: { fromSeq, events: list } });

  beforeAll(async () => {
    hq = await startTestHq(backend);
    gpoKey = await hq.registerCentre('NRB-GPO', { county: 'Nairobi' });
    mksKey = await hq.registerCentre('MKS-01', { county: 'Machakos' });
    outreachKey = await hq.registerCentre('NRB-OUT-KIBRA', { kind: 'outreach', parentCode: 'NRB-GPO', county: 'Nairobi' });
  }, 120_000);
  afterAll(async () => hq?.close());

  it('takes events in order, in batches, and shows the day', async () => {
    expect(events).toHaveLength(16);
    const first = await ingest(gpoKey, 1, events.slice(0, 7));
    expect(first.status).toBe(200);
    expect(first.body.ackSeq).toBe(7);
    const second = await ingest(gpoKey, 8, events.slice(7));
    expect(second.body).toEqual({ ackSeq: 16 });
    const c = await centre('NRB-GPO');
    expect(c.lastSeq).toBe(16);
    expect(c.lastHeardAt).toBe(new Date(hq.clock.now()).toISOString());
    // Waits 2, 4, 10, 20 minutes: the nearest-rank median is 4; three of four within the 15-minute target.
    expect(c.today).toMatchObject({ issued: 5, served: 3, noShows: 1, medianWaitMinutes: 4, withinTargetShare: 0.75, feedbackCount: 1 });
  });

  it('ignores events sent again: nothing doubled', async () => {
    const before = await eventCount();
    const again = await ingest(gpoKey, 5, events.slice(4, 12));
    expect(again.status).toBe(200);
    expect(again.body.ackSeq).toBe(16);
    expect(await eventCount()).toBe(before);
    expect((await centre('NRB-GPO')).today.issued).toBe(5);
  });

  it('answers a batch past a hole with 409 and the seq it needs', async () => {
    const more = eventsOf([{ id: 'tk-006', service: 'KRA', issuedAt: '2026-12-07T07:00:00Z', waitMin: 3, end: 'served' }], 21);
    const r = await ingest(gpoKey, 21, more);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: { code: 'seq-gap' }, needSeq: 17 });
    expect((await centre('NRB-GPO')).lastSeq).toBe(16);
  });

  it('refuses a batch whose seqs are not one run, and a batch too big', async () => {
    const broken = [events[0]!, events[2]!];
    const r = await ingest(mksKey, 1, broken);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('seq-not-contiguous');
    const huge = Array.from({ length: 5001 }, (_, i) => ({ ...events[0]!, seq: i + 1 }));
    expect((await ingest(mksKey, 1, huge)).status).toBe(400);
    const padded = events.slice(0, 3).map((e) => ({ ...e, data: { note: 'x'.repeat(2_000_000) } }));
    const tooBig = await ingest(mksKey, 1, padded);
    expect(tooBig.status).toBe(413);
    const badDay = await ingest(mksKey, 1, [{ ...events[0]!, day: '2026-13-45' }]);
    expect(badDay.body.error?.code).toBe('invalid-event');
    expect((await centre('MKS-01')).lastSeq).toBe(0);
  });

  it('refuses a wrong key, and a key writes only its own centre', async () => {
    expect((await ingest('fhk_not-a-key', 1, events.slice(0, 1))).status).toBe(401);
    expect((await ingest(undefined, 1, events.slice(0, 1))).status).toBe(401);
    // A centre's key is not a head-office account.
    expect((await hq.call('GET', '/centres', { token: gpoKey })).status).toBe(403);
    // The Machakos key sends the same events: they are Machakos's, never the GPO's.
    const r = await ingest(mksKey, 1, events);
    expect(r.body.ackSeq).toBe(16);
    expect((await centre('NRB-GPO')).today.issued).toBe(5);
    expect((await centre('MKS-01')).today.issued).toBe(5);
  });

  describe('day bundles', () => {
    const outreach = { code: 'NRB-OUT-KIBRA', name: 'Kibra outreach' };
    const plans: TicketPlan[] = [
      { id: 'ok-1', service: 'BIRTH', issuedAt: '2026-12-05T07:00:00Z', waitMin: 6, end: 'served' },
      { id: 'ok-2', service: 'BIRTH', issuedAt: '2026-12-05T07:10:00Z', waitMin: 30, end: 'served' },
      { id: 'ok-3', service: 'ID', issuedAt: '2026-12-05T07:20:00Z', waitMin: 8, end: 'no_show' },
    ];
    const bundleEvents = eventsOf(plans);
    const good = dayBundle(outreach, '2026-12-05', bundleEvents);
    const importAs = (token: string | undefined, raw: string) => hq.call<{ added: number; alreadyImported: boolean; error?: { code: string; message: string } }>('POST', '/import', { token, raw });

    it('refuses a damaged or altered file with the reason, changing nothing', async () => {
      const before = await eventCount();
      const altered = good.replace('"BIRTH"', '"BIRTX"');
      const r1 = await importAs(hq.adminToken, altered);
      expect(r1.status).toBe(400);
      expect(r1.body.error).toMatchObject({ code: 'bundle-altered' });
      expect(r1.body.error!.message).toMatch(/sha256/);

      const truncated = good.slice(0, good.lastIndexOf('\n', good.length - 2) + 1);
      expect((await importAs(hq.adminToken, truncated)).body.error?.code).toBe('bundle-altered');

      // Counted wrong by whoever made it, checksum right: the count is checked too.
      const miscounted = good.replace(`"count":${bundleEvents.length}`, `"count":${bundleEvents.length + 1}`);
      const r3 = await importAs(hq.adminToken, miscounted);
      expect(r3.body.error).toMatchObject({ code: 'bundle-count-mismatch' });

      const notJson = dayBundle(outreach, '2026-12-05', bundleEvents).replace(/\n[^\n]*\n$/, '\n{"seq": oops}\n');
      expect((await importAs(hq.adminToken, notJson)).status).toBe(400);

      const shuffled = dayBundle(outreach, '2026-12-05', [bundleEvents[2]!, bundleEvents[0]!]);
      expect((await importAs(hq.adminToken, shuffled)).body.error?.code).toBe('bundle-seq-order');

      const stranger = dayBundle({ code: 'MSA-99', name: 'Nobody' }, '2026-12-05', bundleEvents);
      expect((await importAs(hq.adminToken, stranger)).body.error?.code).toBe('unknown-centre');

      expect((await importAs(hq.adminToken, 'not a bundle at all')).body.error?.code).toBe('bundle-damaged');
      expect(await eventCount()).toBe(before);
      expect((await centre('NRB-OUT-KIBRA')).lastSeq).toBe(0);
    });

    it("refuses a bundle by another centre's key", async () => {
      const r = await importAs(mksKey, good);
      expect(r.status).toBe(403);
      expect((await centre('NRB-OUT-KIBRA')).lastSeq).toBe(0);
    });

    it('takes a good bundle carried by the parent centre, and the same file twice changes nothing', async () => {
      const r = await importAs(gpoKey, good);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ added: 11, alreadyImported: false });
      const after = await eventCount();
      const again = await importAs(outreachKey, good);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ added: 0, alreadyImported: true });
      expect(await eventCount()).toBe(after);
      expect((await centre('NRB-OUT-KIBRA')).lastSeq).toBe(11);
    });

    it('holds a later day past a hole, and acknowledges both when the earlier day comes', async () => {
      await hq.registerCentre('NRB-OUT-MATHARE', { kind: 'outreach', parentCode: 'NRB-GPO' });
      const team = { code: 'NRB-OUT-MATHARE', name: 'Mathare outreach' };
      const day1 = eventsOf([{ id: 'm1', service: 'ID', issuedAt: '2026-11-03T07:00:00Z', waitMin: 5, end: 'served' }]);
      const day2 = eventsOf([{ id: 'm2', service: 'ID', issuedAt: '2026-11-10T07:00:00Z', waitMin: 9, end: 'served' }], day1.length + 1);
      expect((await importAs(gpoKey, dayBundle(team, '2026-11-10', day2))).body).toMatchObject({ added: 4 });
      let c = await centre('NRB-OUT-MATHARE');
      expect(c.lastSeq).toBe(0);
      expect(c.behindBy).toBe(8);
      expect((await importAs(gpoKey, dayBundle(team, '2026-11-03', day1))).body).toMatchObject({ added: 4 });
      c = await centre('NRB-OUT-MATHARE');
      expect(c.lastSeq).toBe(8);
      expect(c.behindBy).toBeNull();
      const november = await hq.call<{ rows: { key: string; issued: number }[] }>('GET', '/report?from=2026-11-01&to=2026-11-30&groupBy=day&centre=NRB-OUT-MATHARE', { token: hq.adminToken });
      expect(november.body.rows.map((r) => [r.key, r.issued])).toEqual([
        ['2026-11-03', 1],
        ['2026-11-10', 1],
      ]);
    });

    it('takes a day whose events are not one run of the log, and acknowledges only up to its hole', async () => {
      await hq.registerCentre('NRB-OUT-KAYOLE', { kind: 'outreach', parentCode: 'NRB-GPO' });
      const team = { code: 'NRB-OUT-KAYOLE', name: 'Kayole outreach' };
      const day1 = eventsOf([{ id: 'k1', service: 'ID', issuedAt: '2026-11-03T07:00:00Z', waitMin: 5, end: 'served' }]);
      const day2 = eventsOf([{ id: 'k2', service: 'ID', issuedAt: '2026-11-04T07:00:00Z', waitMin: 5, end: 'served' }], day1.length + 1);
      // Day 1's visit rated on day 2, after day 2's events: it keeps its visit's day, so day 1's bundle holds it.
      const late = { ...day1.at(-1)!, seq: day1.length + day2.length + 1, type: 'ticket.feedback', at: '2026-11-04T09:00:00Z', data: { rating: 5 } };
      const first = await importAs(gpoKey, dayBundle(team, '2026-11-03', [...day1, late]));
      expect(first.status).toBe(200);
      expect((await centre('NRB-OUT-KAYOLE')).lastSeq).toBe(day1.length);
      expect((await importAs(gpoKey, dayBundle(team, '2026-11-04', day2))).status).toBe(200);
      expect((await centre('NRB-OUT-KAYOLE')).lastSeq).toBe(late.seq);
    });

    it('reports the outreach day beside the centres', async () => {
      const r = await hq.call<{ rows: { key: string; issued: number; served: number; noShows: number; medianWaitMinutes: number | null }[] }>(
        'GET',
        '/report?from=2026-12-05&to=2026-12-05&groupBy=centre',
        { token: hq.adminToken },
      );
      expect(r.body.rows).toEqual([expect.objectContaining({ key: 'NRB-OUT-KIBRA', issued: 3, served: 2, noShows: 1, medianWaitMinutes: 8 })]);
    });
  });

  it('reports sums by centre, service and day, and as CSV', async () => {
    const q = `from=2026-12-01&to=${TEST_DAY}`;
    const byCentre = await hq.call<{ rows: { key: string; issued: number; served: number }[]; total: { issued: number; served: number } }>('GET', `/report?${q}&groupBy=centre`, {
      token: hq.adminToken,
    });
    expect(byCentre.status).toBe(200);
    expect(byCentre.body.rows.map((r) => [r.key, r.issued, r.served])).toEqual([
      ['MKS-01', 5, 3],
      ['NRB-GPO', 5, 3],
      ['NRB-OUT-KIBRA', 3, 2],
    ]);
    expect(byCentre.body.total).toMatchObject({ issued: 13, served: 8 });
    const byService = await hq.call<{ rows: { key: string; issued: number }[] }>('GET', `/report?${q}&groupBy=service&centre=NRB-GPO`, { token: hq.adminToken });
    expect(byService.body.rows.map((r) => [r.key, r.issued])).toEqual([
      ['KRA', 2],
      ['NHIF', 3],
    ]);
    const byDay = await hq.call<{ rows: { key: string; issued: number }[] }>('GET', `/report?${q}&groupBy=day`, { token: hq.adminToken });
    expect(byDay.body.rows.map((r) => [r.key, r.issued])).toEqual([
      ['2026-12-05', 3],
      [TEST_DAY, 10],
    ]);
    const csv = await hq.call('GET', `/report?${q}&groupBy=centre&format=csv`, { token: hq.adminToken });
    expect(csv.text.split('\n')[0]).toMatch(/^centre,issued,called,served,noShows/);
    expect(csv.text).toContain('NRB-GPO,5,4,3,1');
    expect((await hq.call('GET', `/report?from=${TEST_DAY}&to=2026-12-01`, { token: hq.adminToken })).status).toBe(400);
  });
});
