// Waits in fixed buckets, so that daily summaries can be added up over any range and still give medians
// and 90th percentiles. A wait is counted in whole minutes, rounded up (a wait of 6 min 10 s is "within
// 7 minutes"): one-minute buckets up to 2 hours, five-minute buckets to 4 hours, fifteen-minute buckets to
// 8 hours, then one bucket for longer. A percentile is the nearest-rank one: the smallest bucket bound
// such that at least that share of waits are at or below it.

export const BUCKET_COUNT = 162;

/** The bucket of a wait in ms. */
export function bucketOf(waitMs: number): number {
  const m = waitMs <= 0 ? 0 : Math.ceil(waitMs / 60_000);
  if (m <= 120) return m;
  if (m <= 240) return 120 + Math.ceil((m - 120) / 5);
  if (m <= 480) return 144 + Math.ceil((m - 240) / 15);
  return BUCKET_COUNT - 1;
}

/** The upper bound, in minutes, of a bucket; the last (open) bucket reports its lower bound, 480. */
export function bucketMinutes(bucket: number): number {
  if (bucket <= 120) return bucket;
  if (bucket <= 144) return 120 + (bucket - 120) * 5;
  if (bucket <= 160) return 240 + (bucket - 144) * 15;
  return 480;
}

/**
 * A wait in ms as reports give it: the bound of its bucket (whole minutes rounded up, coarser past two
 * hours). The bucket order follows the waits', so the nearest-rank percentile of exact waits, given this
 * way, is the histogram's percentile of the same waits: the live dashboard and a report agree.
 */
export function reportedMinutes(waitMs: number): number {
  return bucketMinutes(bucketOf(waitMs));
}

export type Histogram = Uint32Array;

export const newHistogram = (): Histogram => new Uint32Array(BUCKET_COUNT);

/** Little-endian uint32s, trailing empty buckets cut: most days fit in a few hundred bytes. */
export function encodeHistogram(h: Histogram): Buffer | null {
  let end = h.length;
  while (end > 0 && h[end - 1] === 0) end--;
  if (end === 0) return null;
  const buf = Buffer.alloc(end * 4);
  for (let i = 0; i < end; i++) buf.writeUInt32LE(h[i]!, i * 4);
  return buf;
}

/** Adds an encoded histogram into `into`. */
export function addEncoded(into: Histogram, encoded: Uint8Array | null): void {
  if (!encoded) return;
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const n = Math.min(into.length, encoded.byteLength >>> 2);
  for (let i = 0; i < n; i++) into[i]! += view.getUint32(i * 4, true);
}

/** The nearest-rank percentile in minutes (q in (0, 1]), or null when there are no waits. */
export function histogramPercentile(h: Histogram, q: number): number | null {
  let total = 0;
  for (let i = 0; i < h.length; i++) total += h[i]!;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    seen += h[i]!;
    if (seen >= rank) return bucketMinutes(i);
  }
  return bucketMinutes(h.length - 1);
}

/** The nearest-rank percentile of exact values (sorted ascending), or null when there are none. */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}
