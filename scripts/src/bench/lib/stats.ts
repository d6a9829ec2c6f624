// Small statistics for the bench: percentiles of samples.

export function percentile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(values: ArrayLike<number>): number {
  return percentile(values, 0.5);
}

export const round = (n: number, places = 1): number => Math.round(n * 10 ** places) / 10 ** places;
