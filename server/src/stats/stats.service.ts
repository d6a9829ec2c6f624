// Figures for the manager: live ones (per service, waits now and today; per counter, who serves whom and
// for how long; devices and printers) and reports over any range (stats-report.ts).
// Wait = first call − issue (docs/architecture.md, "Statistics and reports"). Medians and 90th percentiles
// are nearest-rank and counted as reports count them (whole minutes, rounded up: wait-histogram.ts), and each
// ticket is judged by the target it was issued under, so today's figures here are the ones a report of today
// gives.
import type { LiveCounter, LiveService, LiveStats } from '@foleni/shared';
import type { Clock } from '../clock.js';
import { isoOrNull } from '../clock.js';
import type { DeviceService } from '../devices/device.service.js';
import type { CentreService } from '../queue/centre.service.js';
import type { QueueViews } from '../queue/queue.views.js';
import type { Repositories } from '../repositories/index.js';
import type { FailedPrint, Grouping, Report } from '@foleni/shared';
import { journeyReport } from './journey-figures.js';
import { StatsReports } from './stats-report.js';
import { SummaryKeeper } from './summary-keeper.js';
import { nearestRank, reportedMinutes } from './wait-histogram.js';

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

export class StatsService {
  readonly reports: StatsReports;
  readonly summaries: SummaryKeeper;

  constructor(
    private readonly repos: Repositories,
    private readonly centre: CentreService,
    private readonly views: QueueViews,
    private readonly devices: DeviceService,
    private readonly clock: Clock,
  ) {
    this.reports = new StatsReports(repos, centre, clock);
    this.summaries = new SummaryKeeper(this.reports, () => centre.today());
  }

  live(): LiveStats {
    const now = this.clock.now();
    const day = this.centre.today();
    const today = this.repos.stats.todayByService(day);
    const waitingSince = this.repos.liveStats.waitingSince(day);
    const services = this.views.services(false).map((s): LiveService => {
      const t = today.get(s.id);
      const calls = t?.calls ?? [];
      const waits = calls.map((x) => x.waitMs).sort((a, b) => a - b);
      const within = calls.filter((x) => x.waitMs <= (x.slaMinutes ?? s.slaMinutes) * 60_000).length;
      const percentile = (q: number) => {
        const w = nearestRank(waits, q);
        return w === null ? null : reportedMinutes(w);
      };
      const slaMs = s.slaMinutes * 60_000;
      // From when the ticket joined this queue, not its arrival: a transfer keeps the arrival.
      const oldest = waitingSince.get(s.id) ?? null;
      const longest = oldest !== null ? Math.max(0, now - oldest) : null;
      return {
        serviceId: s.id,
        code: s.code,
        name: s.name,
        active: s.active,
        slaMinutes: s.slaMinutes,
        waiting: s.waiting,
        estimatedWaitMinutes: s.estimatedWaitMinutes,
        oldestWaitingSince: isoOrNull(oldest),
        longestWaitMinutes: minutes(longest),
        medianWaitMinutes: percentile(0.5),
        p90WaitMinutes: percentile(0.9),
        withinTargetShare: calls.length ? Math.round((within / calls.length) * 10_000) / 10_000 : null,
        served: t?.served ?? 0,
        noShows: t?.noShows ?? 0,
        issued: t?.issued ?? 0,
        overTarget: longest !== null && longest > slaMs,
      };
    });
    const activity = this.repos.stats.counterActivity(day);
    const counters = this.views.counters().map((c): LiveCounter => {
      const current = c.currentTicketId ? this.repos.tickets.byId(c.currentTicketId) : undefined;
      const since = current ? (current.servingAt ?? current.calledAt ?? now) : null;
      const act = activity.get(c.id);
      return {
        ...c,
        current:
          current && since !== null
            ? { id: current.id, label: current.label, status: current.status, serviceId: current.serviceId, since: new Date(since).toISOString(), sinceMinutes: minutes(now - since) }
            : null,
        idleSince: c.status === 'open' && !current && act ? new Date(act.lastAt).toISOString() : null,
        statusSince: isoOrNull(act?.statusAt ?? null),
      };
    });
    const failedPrints = this.repos.liveStats.unresolvedFailedPrints(day).map(
      (p): FailedPrint => ({ jobId: String(p.jobId), ticketId: p.ticketId, label: p.label, deviceId: p.deviceId, error: p.error, at: new Date(p.at).toISOString() }),
    );
    return { day, at: new Date(now).toISOString(), services, counters, devices: this.devices.list(), failedPrints, betweenSteps: this.repos.journeys.betweenSteps(day) };
  }

  /** A report once the days of its range are summarised (at once, unless days are still missing). */
  async report(from: string, to: string, groupBy: Grouping): Promise<Report> {
    this.reports.checkRange(from, to);
    await this.summaries.ready(from, to);
    return { ...this.reports.report(from, to, groupBy), journeys: journeyReport(this.repos, from, to) };
  }
}
