// The day bundle an outreach laptop carries to head office by hand: one NDJSON file, a manifest line (centre,
// day, first and last seq, count, SHA-256 of the rest) and then the day's events, the same lines as the feed.
import { createHash } from 'node:crypto';
import { DAY_BUNDLE_KIND } from '@foleni/shared';
import type { DayBundleManifest } from '@foleni/shared';
import type { StatsRepository } from '../repositories/stats.repository.js';
import { eventLine } from '../stats/event-export.js';

const PAGE = 2000;

export interface DayBundle {
  manifest: DayBundleManifest;
  /** The bytes after the manifest's newline, in pieces: one event a line, each line ending with a newline. */
  chunks: string[];
}

/**
 * Reads the day a page at a time (a turn of the event loop between pages, so the centre keeps serving) and
 * hashes as it goes. The whole day is read before anything is sent: the manifest, first in the file, must
 * describe exactly the lines that follow, even while today's log grows.
 */
export async function buildDayBundle(stats: StatsRepository, centre: { code: string; name: string }, day: string): Promise<DayBundle> {
  const names = stats.names();
  const hash = createHash('sha256');
  const chunks: string[] = [];
  let fromSeq = 0;
  let toSeq = 0;
  let count = 0;
  for (;;) {
    const page = stats.eventsPage(day, toSeq, PAGE);
    if (page.length === 0) break;
    if (fromSeq === 0) fromSeq = page[0]!.seq;
    toSeq = page[page.length - 1]!.seq;
    count += page.length;
    const chunk = page.map((e) => JSON.stringify(eventLine(e, names))).join('\n') + '\n';
    hash.update(chunk, 'utf8');
    chunks.push(chunk);
    if (page.length < PAGE) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const manifest: DayBundleManifest = {
    kind: DAY_BUNDLE_KIND,
    version: 1,
    centre: { code: centre.code, name: centre.name },
    day,
    fromSeq,
    toSeq,
    count,
    sha256: hash.digest('hex'),
  };
  return { manifest, chunks };
}
