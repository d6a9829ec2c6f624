// The head-office link as the centre's staff see it: the live feed's state (admin) and a day's bundle to carry
// to head office by hand (manager or admin).
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';
import { buildDayBundle } from '../hq-feed/day-bundle.js';
import type { HqFeed } from '../hq-feed/hq-feed.js';

const safeName = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '-') || 'centre';

export function hqFeedHandlers(ctx: AppContext, feed: HqFeed): HandlersOf<'dayBundle' | 'hqFeedStatus'> {
  return {
    async dayBundle({ query: { day }, res }) {
      ctx.stats.reports.checkRange(day, day);
      const centre = ctx.centre.get();
      const bundle = await buildDayBundle(ctx.repos.stats, centre, day);
      if (res.destroyed) return;
      res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="foleni-${safeName(centre.code)}-${day}.ndjson"`);
      res.setHeader('Cache-Control', 'no-store');
      res.end([`${JSON.stringify(bundle.manifest)}\n`, ...bundle.chunks].join(''));
    },

    hqFeedStatus: () => feed.status(),
  };
}
