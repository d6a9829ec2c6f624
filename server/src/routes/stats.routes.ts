// Managers' figures: the live dashboard, reports (JSON or CSV), a day's raw event log (NDJSON) for head
// office, and rebuilding the daily summaries of a range on demand.
import type { Response } from 'express';
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';
import { reportCsv, reportFileName } from '../reports/report-csv.js';
import { eventLine } from '../stats/event-export.js';
import { daysBetween } from '../stats/stats-report.js';
import { MAX_SPLIT_DAYS } from '../appointments/appointment.service.js';
import type { LiveStats, Report } from '@foleni/shared';

const PAGE = 2000;

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '-') || 'centre';

/** Waits until the response can take more, or the client has gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** Today's bookings beside each service that takes them (or has some today). */
function withBookings(ctx: AppContext, live: LiveStats): LiveStats {
  const figures = ctx.appointments.figures();
  const services = live.services.map((s) => {
    const bookings = figures.get(s.serviceId) ?? (ctx.repos.services.getAny(s.serviceId)?.booking.enabled ? { expected: 0, arrived: 0, served: 0, noShows: 0, nextHour: 0 } : undefined);
    return bookings ? { ...s, bookings } : s;
  });
  return { ...live, services };
}

/** Walk-ins and bookings side by side, for ranges short enough to read from the tickets (MAX_SPLIT_DAYS). */
function withArrivalSplit(ctx: AppContext, report: Report): Report {
  if (daysBetween(report.from, report.to).length > MAX_SPLIT_DAYS) return report;
  return { ...report, byArrival: ctx.appointments.arrivalSplit(report.from, report.to) };
}

export function statsHandlers(ctx: AppContext): HandlersOf<'liveStats' | 'report' | 'dayEvents' | 'rebuildStats'> {
  return {
    liveStats: () => withBookings(ctx, ctx.stats.live()),

    report({ query, res }) {
      const report = withArrivalSplit(ctx, ctx.stats.report(query.from, query.to, query.groupBy));
      if (query.format !== 'csv') return report;
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(report, ctx.centre.get().code)}"`);
      res.send(reportCsv(report));
      return undefined;
    },

    async dayEvents({ query: { day }, res }) {
      ctx.stats.reports.checkRange(day, day);
      const names = ctx.repos.stats.names();
      res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="foleni-${safeName(ctx.centre.get().code)}-events-${day}.ndjson"`);
      // Pages, not one open cursor: better-sqlite3 cannot run other queries while an iterator is open, and
      // the centre keeps working while a big day streams to a slow client.
      let after = 0;
      for (;;) {
        const page = ctx.repos.stats.eventsPage(day, after, PAGE);
        if (page.length === 0 || res.destroyed) break;
        after = page[page.length - 1]!.seq;
        const chunk = page.map((e) => JSON.stringify(eventLine(e, names))).join('\n') + '\n';
        if (!res.write(chunk)) await drained(res);
        if (page.length < PAGE) break;
      }
      res.end();
    },

    rebuildStats({ body: { from, to } }) {
      ctx.stats.reports.checkRange(from, to);
      return { rebuilt: ctx.stats.reports.ensureFresh(from, to, true) };
    },
  };
}
