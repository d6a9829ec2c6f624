// The one table `npm run bench` prints: each figure, its baseline from the same run, the ratio, the target
// (docs/architecture.md, "Performance targets") and whether it was met. Markdown, so it can go into the
// README as printed.
import type { Timing } from './hq-national.js';
import type { BenchResults } from './run.js';
import { depressedBaseline } from './usual.js';

export interface Row {
  measure: string;
  foleni: string;
  baseline: string;
  ratio: string;
  target: string;
  /** 'met', 'MISSED', '' (no target) or 'pending' / 'error'. */
  verdict: string;
}

const n0 = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? `${n.toFixed(1)} ms` : `${n0(n)} ms`);
const mb = (bytes: number) => `${n0(bytes / 2 ** 20)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const pct = (x: number) => `${Math.round(x * 100)}%`;
const times = (x: number) => `${x.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function failed(part: object | undefined): string | null {
  if (!part) return null;
  return 'error' in part ? (part as { error: string }).error : null;
}

/** The 1-minute load average after a full-speed part above which something else must have run meanwhile. */
const BUSY_AFTER = 3;

export function rowsFor(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const errorRow = (measure: string, error: string) => rows.push({ measure, foleni: `error: ${error}`, baseline: '', ratio: '', target: '', verdict: 'error' });

  const issuing = r.issuing;
  const issuingError = failed(issuing);
  if (issuingError) errorRow('Issuing', issuingError);
  else if (issuing && !('error' in issuing)) {
    const ratio = issuing.foleni.rps / issuing.baseline.rps;
    const cpuRatio = issuing.foleni.cpuUsPerRequest / issuing.baseline.cpuUsPerRequest;
    const errors = issuing.foleni.non2xx + issuing.foleni.errors + issuing.foleni.timeouts;
    const depressed = depressedBaseline(issuing.baseline, r.usualBaseline);
    const load = r.loads?.['issuing'];
    // The machine's own load is the figure before; during the part the bench itself keeps three processes busy
    // on two cores, which lifts the 1-minute average to about 2 by the end. More than 3 after means a neighbour.
    const busy = load && (load.before >= 1 || load.after >= BUSY_AFTER);
    // A "met" against a slowed baseline, or on a busy machine, is not a result: say which.
    const judged = (ok: boolean) => (depressed ? `${verdict(ok)}?` : busy && ok ? 'met (loaded)' : verdict(ok));
    rows.push({
      measure: `Issue a ticket (POST /tickets, durable), req/s, ${r.sizes.connections} connections, best of ${issuing.rounds}`,
      foleni: `${n0(issuing.foleni.rps)}/s${errors ? ` (${errors} failed)` : ''}`,
      baseline: `${n0(issuing.baseline.rps)}/s no-op Express`,
      ratio: pct(ratio),
      target: '≥ 80%',
      verdict: judged(ratio >= 0.8 && errors === 0),
    });
    rows.push({
      measure: 'Issue a ticket: server CPU per request (the same runs)',
      foleni: `${n0(issuing.foleni.cpuUsPerRequest)} µs`,
      baseline: `${n0(issuing.baseline.cpuUsPerRequest)} µs no-op Express`,
      ratio: times(cpuRatio),
      target: '≤ 1.25×',
      verdict: judged(cpuRatio <= 1.25),
    });
    if (depressed) {
      rows.push({ measure: 'Issuing: the baseline looks slowed by other work (ratios flatter Foleni)', foleni: '', baseline: depressed, ratio: '', target: '', verdict: 'check' });
    }
    rows.push({
      measure: `Issue latency p50 / p99 at a steady ${n0(issuing.steadyRate)}/s`,
      foleni: `${ms(issuing.foleniSteady.latencyP50)} / ${ms(issuing.foleniSteady.latencyP99)}`,
      baseline: `${ms(issuing.baselineSteady.latencyP50)} / ${ms(issuing.baselineSteady.latencyP99)}`,
      ratio: '',
      target: '',
      verdict: '',
    });
    if (issuing.commit) {
      rows.push({
        measure: 'One commit on this disk, WAL: durable (synchronous=FULL, as served) vs not waiting for the disk',
        foleni: `${n0(issuing.commit.fullUs)} µs`,
        baseline: `${n0(issuing.commit.normalUs)} µs synchronous=NORMAL`,
        ratio: '',
        target: '',
        verdict: '',
      });
    }
  }

  const calls = r.callToScreen;
  const callsError = failed(calls);
  if (callsError) errorRow('Call → screen', callsError);
  else if (calls && !('error' in calls)) {
    const who = `${n0(calls.clients)} clients (${calls.mix.displays} displays, ${calls.mix.staff} staff, ${n0(calls.mix.trackers)} trackers)`;
    const missing = calls.foleni.missing ? ` (${calls.foleni.missing} never arrived)` : '';
    rows.push({
      measure: `Call → screen p50, ${who}`,
      foleni: ms(calls.foleni.p50),
      baseline: `${ms(calls.baseline.p50)} bare Socket.IO`,
      ratio: times(calls.foleni.p50 / calls.baseline.p50),
      target: '',
      verdict: '',
    });
    const ratio = calls.foleni.p99 / calls.baseline.p99;
    rows.push({
      measure: `Call → screen p99, ${calls.calls} calls`,
      foleni: ms(calls.foleni.p99) + missing,
      baseline: `${ms(calls.baseline.p99)} bare Socket.IO`,
      ratio: times(ratio),
      target: '≤ 1.1×',
      verdict: verdict(ratio <= 1.1 && calls.foleni.missing === 0),
    });
  }

  const trackers = r.trackers;
  const trackersError = failed(trackers);
  if (trackersError) errorRow('Trackers', trackersError);
  else if (trackers && !('error' in trackers)) {
    rows.push({
      measure: `${n0(trackers.trackers)} phone trackers connected: server memory (RSS)`,
      foleni: `${mb(trackers.foleni.connectedRss)} (${mb(trackers.foleni.idleRss)} before)`,
      baseline: `${mb(trackers.baseline.connectedRss)} bare Socket.IO (${mb(trackers.baseline.idleRss)} before)`,
      ratio: times(trackers.foleni.connectedRss / trackers.baseline.connectedRss),
      target: '< 400 MB, ≤ 1.3×',
      verdict: verdict(trackers.foleni.connectedRss < 400 * 2 ** 20 && trackers.foleni.connectedRss / trackers.baseline.connectedRss <= 1.3),
    });
  }

  const reports = r.reports;
  const reportsError = failed(reports);
  if (reportsError) errorRow('Reports', reportsError);
  else if (reports && !('error' in reports)) {
    const over = `${(reports.tickets / 1e6).toFixed(1)}M tickets, ${(reports.events / 1e6).toFixed(1)}M events`;
    const health = `${ms(reports.health.p50)} GET /health (CPU ${ms(reports.health.cpuMs)})`;
    rows.push({
      measure: `Live dashboard (GET /stats/live) p50, ${over}`,
      foleni: `${ms(reports.live.p50)} (p90 ${ms(reports.live.p90)}; CPU ${ms(reports.live.cpuMs)})`,
      baseline: health,
      ratio: times(reports.live.p50 / reports.health.p50),
      target: '< 50 ms',
      verdict: verdict(reports.live.p50 < 50),
    });
    if (reports.report && reports.reportByDay && reports.reportFirst !== null) {
      rows.push({
        measure: 'A year\'s report by service (GET /stats/report) p50',
        foleni: `${ms(reports.report.p50)} (p90 ${ms(reports.report.p90)}; CPU ${ms(reports.report.cpuMs)})`,
        baseline: health,
        ratio: times(reports.report.p50 / reports.health.p50),
        target: '< 50 ms',
        verdict: verdict(reports.report.p50 < 50),
      });
      rows.push({
        measure: 'A year\'s report by day p50',
        foleni: `${ms(reports.reportByDay.p50)} (p90 ${ms(reports.reportByDay.p90)}; CPU ${ms(reports.reportByDay.cpuMs)})`,
        baseline: health,
        ratio: times(reports.reportByDay.p50 / reports.health.p50),
        target: '< 50 ms',
        verdict: verdict(reports.reportByDay.p50 < 50),
      });
      rows.push({
        measure: 'A year\'s report at once after start-up',
        foleni: `${ms(reports.reportFirst)} (the server was busy for ${(reports.busyAfterStartMs / 1000).toFixed(1)} s after start)`,
        baseline: '',
        ratio: '',
        target: '< 1,000 ms',
        verdict: verdict(reports.reportFirst < 1000),
      });
      rows.push({
        measure: 'A year imported without summaries: its report at once (summarised a day per turn)',
        foleni: ms(reports.afterImport.reportMs),
        baseline: `GET /health meanwhile p99 ${ms(reports.afterImport.healthP99)}, max ${ms(reports.afterImport.healthMax)} (${reports.afterImport.healthN} probes)`,
        ratio: '',
        target: '',
        verdict: '',
      });
    } else {
      rows.push({ measure: 'A year\'s report (GET /stats/report)', foleni: 'pending', baseline: '', ratio: '', target: '< 50 ms', verdict: 'pending' });
    }
    rows.push({
      measure: `Start-up with that database (${mb(reports.dbBytes)})`,
      foleni: ms(reports.startup.yearMs),
      baseline: `${ms(reports.startup.smallMs)} small database`,
      ratio: times(reports.startup.yearMs / reports.startup.smallMs),
      target: '',
      verdict: '',
    });
  }

  const slots = r.slots;
  const slotsError = failed(slots);
  if (slotsError) errorRow('Booking slots', slotsError);
  else if (slots && !('error' in slots)) {
    rows.push({
      measure: `Free slots for a month of one service (${slots.slots} slots; ${n0(slots.bookings)} bookings on file, ${n0(slots.inMonth)} in the month), p50`,
      foleni: `${ms(slots.month.p50)} (p90 ${ms(slots.month.p90)}; CPU ${ms(slots.month.cpuMs)})`,
      baseline: `${ms(slots.health.p50)} GET /health`,
      ratio: times(slots.month.p50 / slots.health.p50),
      target: '< 20 ms',
      verdict: verdict(slots.month.p50 < 20),
    });
  }

  const bundles = r.bundles;
  const bundlesError = failed(bundles);
  if (bundlesError) errorRow('Bundles', bundlesError);
  else if (bundles && !('error' in bundles)) {
    const base = `${kb(bundles.baseline.gzipBytes)} smallest Svelte 5 app`;
    for (const [name, b] of [
      ['Kiosk', bundles.kiosk],
      ['Display and tracker', bundles.display],
      ['Staff (counter, dashboard, admin)', bundles.counter],
    ] as const) {
      rows.push({
        measure: `${name} app, HTML+JS+CSS gzip (fonts apart)`,
        foleni: `${kb(b.gzipBytes)} (+ ${kb(b.fontBytes)} woff2)`,
        baseline: base,
        ratio: times(b.gzipBytes / bundles.baseline.gzipBytes),
        target: '',
        verdict: '',
      });
    }
  }

  const hq = r.hq;
  const hqError = failed(hq);
  if (hqError) errorRow('Head office ingest', hqError);
  else if (hq && !('error' in hq)) {
    rows.push({
      measure: `Head office ingest into PostgreSQL, events/s (${n0(hq.events)} events of ${hq.centres} centres, batches of ${n0(hq.batch)}, ${hq.senders} senders)`,
      foleni: `${n0(hq.ingest.eventsPerSec)}/s`,
      baseline: `${n0(hq.bareInsert.eventsPerSec)}/s bare INSERT of the same rows`,
      ratio: pct(hq.ingest.eventsPerSec / hq.bareInsert.eventsPerSec),
      target: '≥ 20,000/s',
      verdict: verdict(hq.ingest.eventsPerSec >= 20_000),
    });
  }

  const national = r.hqNational;
  const nationalError = failed(national);
  if (nationalError) errorRow('Head office national report', nationalError);
  else if (national && !('error' in national)) {
    const over = `a year of ${national.centres} centres, ${(national.tickets / 1e6).toFixed(1)}M tickets in ${n0(national.summaryRows)} day-summary rows`;
    const me = `${ms(national.me.p50)} GET /auth/me`;
    const made = national.madeInSec === null ? 'cached year' : `year made in ${n0(national.madeInSec)} s`;
    const asked: [string, Timing][] = [
      [`Head office national report by centre (GET /hq/api/v1/report) p50, ${over} (${made})`, national.byCentre],
      ['The same as CSV p50', national.byCentreCsv],
      ['A year\'s national report by service p50', national.byService],
      ['A year\'s national report by day (365 rows) p50', national.byDay],
    ];
    for (const [measure, t] of asked) {
      rows.push({
        measure,
        foleni: `${ms(t.p50)} (max ${ms(t.max)}; ${kb(t.bytes)})`,
        baseline: me,
        ratio: times(t.p50 / national.me.p50),
        target: '< 500 ms',
        verdict: verdict(t.p50 < 500),
      });
    }
  }

  const sms = r.sms;
  const smsError = failed(sms);
  if (smsError) errorRow('SMS', smsError);
  else if (sms && !('error' in sms)) {
    const ratio = sms.halfWithPhone.rps / sms.without.rps;
    const errors = sms.halfWithPhone.non2xx + sms.halfWithPhone.errors + sms.halfWithPhone.timeouts;
    rows.push({
      measure: `Issue with half the tickets leaving a number for SMS, req/s, best of ${sms.rounds} (same server, log gateway, ${n0(sms.sent)} sent)`,
      foleni: `${n0(sms.halfWithPhone.rps)}/s${errors ? ` (${errors} failed)` : ''}`,
      baseline: `${n0(sms.without.rps)}/s without SMS`,
      ratio: pct(ratio),
      target: '≥ 95%',
      verdict: verdict(ratio >= 0.95 && errors === 0),
    });
    rows.push({
      measure: 'The same: server CPU per request, until every message queued was sent',
      foleni: `${n0(sms.halfWithPhone.cpuUsPerRequest)} µs`,
      baseline: `${n0(sms.without.cpuUsPerRequest)} µs without SMS`,
      ratio: pct(sms.without.cpuUsPerRequest / sms.halfWithPhone.cpuUsPerRequest),
      target: '',
      verdict: '',
    });
    // Older result files have no pairs.
    if (sms.pairs?.length) {
      rows.push({
        measure: 'The same, round by round (the two back to back, order swapped each round): ratio of each pair, and their median',
        foleni: sms.pairs.map((p) => pct(p.halfRps / p.withoutRps)).join(', '),
        baseline: '',
        ratio: pct(sms.medianPairRatio),
        target: '',
        verdict: '',
      });
    }
  }

  const loads = Object.entries(r.loads ?? {});
  if (loads.length) {
    rows.push({
      measure: 'Machine load (1-minute average) before → after each part; under 1 is quiet on two cores',
      foleni: loads.map(([part, l]) => `${part} ${l.before} → ${l.after}`).join(', '),
      baseline: '',
      ratio: '',
      target: '',
      verdict: '',
    });
  }
  return rows;
}

export function renderTable(rows: Row[]): string {
  const head: Row = { measure: 'Measure', foleni: 'Foleni', baseline: 'Baseline (same run)', ratio: 'Ratio', target: 'Target', verdict: 'Result' };
  const keys = Object.keys(head) as (keyof Row)[];
  const width = keys.map((k) => Math.max(...[head, ...rows].map((r) => r[k].length)));
  const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(width[i]!)).join(' | ')} |`;
  return [line(head), `| ${width.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}
