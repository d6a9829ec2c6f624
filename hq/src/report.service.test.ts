// Head office's reports by week and its outreach days by county, on embedded PGlite and on a real PostgreSQL
// server: weeks from Monday, a team under its own county or its parent centre's, medians from the histograms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HqOutreachReport, HqReport } from '@foleni/shared';
import { BACKENDS, dayBundle, eventsOf, startTestHq } from './testing/hq-test-env.js';
import type { TestHq } from './testing/hq-test-env.js';

describe.each(BACKENDS)('head office reports by week and outreach by county on %s', (backend) => {
  let hq: TestHq;
  let gpoKey: string;

  const get = <T>(path: string, token: string | undefined = hq.adminToken) => hq.call<T>('GET', path, { token });
  const importBundle = async (code: string, day: string, plans: Parameters<typeof eventsOf>[0], fromSeq: number) => {
    const r = await hq.call('POST', '/import', { token: hq.adminToken, raw: dayBundle({ code, name: code }, day, eventsOf(plans, fromSeq)) });
    expect(r.status, r.text).toBe(200);
  };

  beforeAll(async () => {
    hq = await startTestHq(backend);
    gpoKey = await hq.registerCentre('NRB-GPO', { county: 'Nairobi' });
    // Kibra has no county of its own: it works in its parent centre's, Nairobi.
    await hq.registerCentre('NRB-OUT-KIBRA', { kind: 'outreach', parentCode: 'NRB-GPO' });
    await hq.registerCentre('MSA-OUT-LIKONI', { kind: 'outreach', county: 'Mombasa' });
    await hq.registerCentre('KSM-OUT-NYALENDA', { kind: 'outreach', county: 'Kisumu' });
    // The centre's own Monday, 7 December: not an outreach day.
    const fed = await hq.call('POST', '/ingest', {
      token: gpoKey,
      body: { fromSeq: 1, events: eventsOf([{ id: 'g1', service: 'NHIF', issuedAt: '2026-12-07T06:00:00Z', waitMin: 3, end: 'served' }]) },
    });
    expect(fed.status).toBe(200);
    // Likoni on Tuesday 1 and Thursday 3 December (one week), Kibra on Saturday 5 December (the same week).
    await importBundle(
      'MSA-OUT-LIKONI',
      '2026-12-01',
      [
        { id: 'l1', service: 'ID', issuedAt: '2026-12-01T06:00:00Z', waitMin: 4, end: 'served' },
        { id: 'l2', service: 'ID', issuedAt: '2026-12-01T06:10:00Z', waitMin: 10, end: 'served' },
      ],
      1,
    );
    await importBundle('MSA-OUT-LIKONI', '2026-12-03', [{ id: 'l3', service: 'NHIF', issuedAt: '2026-12-03T06:00:00Z', waitMin: 30, end: 'no_show' }], 9);
    await importBundle('NRB-OUT-KIBRA', '2026-12-05', [{ id: 'k1', service: 'BIRTH', issuedAt: '2026-12-05T06:00:00Z', waitMin: 6, end: 'served' }], 1);
  }, 120_000);
  afterAll(async () => {
    await hq?.close();
  });

  it('groups days by week, each week keyed by its Monday, with medians over the whole week', async () => {
    const byDay = await get<HqReport>('/report?from=2026-11-30&to=2026-12-07&groupBy=day');
    expect(byDay.body.rows.map((r) => r.key)).toEqual(['2026-12-01', '2026-12-03', '2026-12-05', '2026-12-07']);
    const byWeek = await get<HqReport>('/report?from=2026-11-30&to=2026-12-07&groupBy=week');
    expect(byWeek.status).toBe(200);
    expect(byWeek.body.groupBy).toBe('week');
    // Waits of the week of 30 November: 4, 10, 30 and 6 minutes; the median is 6.
    expect(byWeek.body.rows.map((r) => [r.key, r.issued, r.served, r.noShows, r.medianWaitMinutes])).toEqual([
      ['2026-11-30', 4, 3, 1, 6],
      ['2026-12-07', 1, 1, 0, 3],
    ]);
    expect(byWeek.body.total.issued).toBe(byDay.body.total.issued);
    const csv = await get('/report?from=2026-11-30&to=2026-12-07&groupBy=week&format=csv');
    expect(csv.text.split('\n')[0]).toMatch(/^week,issued,/);
    expect(csv.text).toContain('2026-11-30,4,');
  });

  it("groups outreach teams' days by county, a team without one under its parent centre's", async () => {
    const r = await get<HqOutreachReport>('/report/outreach?from=2026-11-30&to=2026-12-07');
    expect(r.status, r.text).toBe(200);
    const shape = r.body.counties.map((c) => ({
      county: c.county,
      issued: c.total.issued,
      teams: c.teams.map((t) => [t.code, t.parentCode, t.days.map((d) => [d.key, d.issued, d.served, d.medianWaitMinutes])]),
    }));
    expect(shape).toEqual([
      { county: 'Kisumu', issued: 0, teams: [['KSM-OUT-NYALENDA', null, []]] },
      { county: 'Mombasa', issued: 3, teams: [['MSA-OUT-LIKONI', null, [['2026-12-01', 2, 2, 4], ['2026-12-03', 1, 0, 30]]]] },
      { county: 'Nairobi', issued: 1, teams: [['NRB-OUT-KIBRA', 'NRB-GPO', [['2026-12-05', 1, 1, 6]]]] },
    ]);
    // A team's median is over all its waits (4, 10, 30), not a median of its days' medians.
    expect(r.body.counties[1]!.teams[0]!.total.medianWaitMinutes).toBe(10);
    // The centre's own tickets are not an outreach day.
    expect(r.body.total.issued).toBe(4);
  });

  it('keeps to one county when asked, whatever its case', async () => {
    const r = await get<HqOutreachReport>('/report/outreach?from=2026-11-30&to=2026-12-07&county=nairobi');
    expect(r.body.counties.map((c) => [c.county, c.teams.map((t) => t.code)])).toEqual([['Nairobi', ['NRB-OUT-KIBRA']]]);
    expect(r.body.total.issued).toBe(1);
    const none = await get<HqOutreachReport>('/report/outreach?from=2026-11-30&to=2026-12-07&county=Turkana');
    expect(none.body.counties).toEqual([]);
  });

  it('refuses a backward range, a centre key and no key, and is in the OpenAPI document', async () => {
    const backward = await get<{ error: { code: string } }>('/report/outreach?from=2026-12-07&to=2026-12-01');
    expect(backward.status).toBe(400);
    expect(backward.body.error.code).toBe('invalid-query');
    expect((await get('/report/outreach?from=2026-12-01&to=2026-12-07', gpoKey)).status).toBe(403);
    expect((await hq.call('GET', '/report/outreach?from=2026-12-01&to=2026-12-07')).status).toBe(401);
    expect((await get('/report/outreach?from=2026-12-01')).status).toBe(400);
    const doc = await get<{ paths: Record<string, { get?: { operationId: string; parameters: { name: string }[] } }> }>('/openapi.json');
    expect(doc.body.paths['/report/outreach']?.get?.operationId).toBe('outreachDays');
    expect(doc.body.paths['/report/outreach']?.get?.parameters.map((p) => p.name)).toEqual(['from', 'to', 'county']);
  });
});
