// Reads a .cpuprofile (node --cpu-prof) and prints where the time went: self time per function and
// total (inclusive) time per function, so a missed target can be traced to its cause.
// Usage: tsx scripts/src/bench/tools/profile-summary.ts <file.cpuprofile> [top=40]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
const top = Number(topArg ?? 40);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const name = (n: Node) => {
  const url = n.callFrame.url.replace(/^.*node_modules\//, '~/').replace(/^file:\/\/.*\/work\/main\//, '');
  return `${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
p.samples.forEach((id, i) => {
  const dt = p.timeDeltas[i] ?? 0;
  all += dt;
  const n = byId.get(id)!;
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
});
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((v / all) * 100).toFixed(1).padStart(5)}%  ${k}`);
  }
};
show('self', self);
show('total', total);

// Self time per package or source folder: where a request's CPU goes, by owner.
const owner = (n: Node): string => {
  const url = n.callFrame.url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/work\/main\/([^/]+\/src\/[^/]+)/.exec(url) ?? /\/([^/]+\/src\/[^/]+)\//.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return 'node';
  return n.callFrame.functionName ? `(${n.callFrame.functionName})` : '(native)';
};
const byOwner = new Map<string, number>();
p.samples.forEach((id, i) => {
  const k = owner(byId.get(id)!);
  byOwner.set(k, (byOwner.get(k) ?? 0) + (p.timeDeltas[i] ?? 0));
});
show('self by package or folder', byOwner);
