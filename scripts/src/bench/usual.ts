// What the no-op baseline usually reaches on this machine, read from earlier full runs in bench/results/.
// A baseline far below its usual figure was slowed by something else on the machine, and a ratio against it
// flatters Foleni: the table says so rather than printing a "met" nobody should believe.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface UsualBaseline {
  /** Earlier full runs it was read from. */
  runs: number;
  rps: number;
  cpuUsPerRequest: number;
}

interface SavedIssuing {
  issuing?: { baseline?: { rps?: number; cpuUsPerRequest?: number } };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** The median no-op figures of earlier runs (quick runs apart), or null when there are fewer than two. */
export function usualBaseline(dir: string): UsualBaseline | null {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.includes('quick'));
  } catch {
    return null;
  }
  const found = names.flatMap((n) => {
    try {
      const b = (JSON.parse(readFileSync(join(dir, n), 'utf8')) as SavedIssuing).issuing?.baseline;
      return b?.rps && b.cpuUsPerRequest ? [{ rps: b.rps, cpu: b.cpuUsPerRequest }] : [];
    } catch {
      return [];
    }
  });
  if (found.length < 2) return null;
  return { runs: found.length, rps: median(found.map((f) => f.rps)), cpuUsPerRequest: median(found.map((f) => f.cpu)) };
}

/**
 * Why this run's baseline looks slowed against its usual figure, or null when it does not: more than 15% fewer
 * requests a second, or more than 15% more CPU per request.
 */
export function depressedBaseline(now: { rps: number; cpuUsPerRequest: number }, usual: UsualBaseline | null): string | null {
  if (!usual) return null;
  const reasons: string[] = [];
  if (now.rps < usual.rps * 0.85) reasons.push(`${Math.round(now.rps)}/s against a usual ${Math.round(usual.rps)}/s`);
  if (now.cpuUsPerRequest > usual.cpuUsPerRequest * 1.15) reasons.push(`${Math.round(now.cpuUsPerRequest)} µs CPU a request against a usual ${Math.round(usual.cpuUsPerRequest)} µs`);
  return reasons.length ? `${reasons.join(', ')} (median of ${usual.runs} earlier runs)` : null;
}
