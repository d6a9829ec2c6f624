// Live figures for the manager: per service, waits now and today; per counter, who serves whom.
// Wait = first call − issue (DESIGN.md KPIs); medians, not averages.
import type { Clock } from '../clock.js';
import type { CentreService } from '../queue/centre.service.js';
import type { QueueViews } from '../queue/queue.views.js';
import type { Repositories } from '../repositories/index.js';
import type { DeviceService } from '../devices/device.service.js';

export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);

export class StatsService {
  constructor(
    private readonly repos: Repositories,
    private readonly centre: CentreService,
    private readonly views: QueueViews,
    private readonly devices: DeviceService,
    private readonly clock: Clock,
  ) {}

  live() {
    const now = this.clock.now();
    const day = this.centre.today();
    const today = this.repos.stats.todayByService(day);
    const services = this.views.services(false).map((s) => {
      const t = today.get(s.id);
      const waits = (t?.waits ?? []).sort((a, b) => a - b);
      const slaMs = s.slaMinutes * 60_000;
      const longest = t?.oldestWaitingArrival != null ? now - t.oldestWaitingArrival : null;
      const withinTarget = waits.length ? waits.filter((w) => w <= slaMs).length / waits.length : null;
      return {
        serviceId: s.id,
        code: s.code,
        name: s.name,
        slaMinutes: s.slaMinutes,
        waiting: s.waiting,
        estimatedWaitMinutes: s.estimatedWaitMinutes,
        longestWaitMinutes: minutes(longest),
        medianWaitMinutes: minutes(quantile(waits, 0.5)),
        withinTargetShare: withinTarget,
        served: t?.served ?? 0,
        noShows: t?.noShows ?? 0,
        issued: t?.issued ?? 0,
        overTarget: longest !== null && longest > slaMs,
      };
    });
    const counters = this.views.counters().map((c) => {
      const current = c.currentTicketId ? this.repos.tickets.byId(c.currentTicketId) : undefined;
      return {
        ...c,
        current: current ? { label: current.label, status: current.status, sinceMinutes: minutes(now - (current.servingAt ?? current.calledAt ?? now)) } : null,
      };
    });
    return { day, at: new Date(now).toISOString(), services, counters, devices: this.devices.list() };
  }
}
