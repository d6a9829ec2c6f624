// (e) What each screen downloads: the built kiosk, display and staff apps, gzip-compressed as a browser
// fetches them (HTML, JS and CSS; fonts apart, since woff2 is already compressed), against the smallest
// Svelte 5 app built by the same Vite and Svelte plugin.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './lib/processes.js';

export interface BundleSize {
  /** HTML, JS and CSS, each file gzipped (level 9), summed. */
  gzipBytes: number;
  /** How many HTML, JS and CSS files. */
  files: number;
  /** woff2 fonts as shipped. */
  fontBytes: number;
}

export interface BundlesResult {
  kiosk: BundleSize;
  display: BundleSize;
  counter: BundleSize;
  baseline: BundleSize;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function measureDist(dist: string): BundleSize {
  let gzipBytes = 0;
  let files = 0;
  let fontBytes = 0;
  for (const f of walk(dist)) {
    if (/\.(html|js|mjs|css)$/.test(f)) {
      gzipBytes += gzipSync(readFileSync(f), { level: 9 }).length;
      files++;
    } else if (f.endsWith('.woff2')) fontBytes += statSync(f).size;
  }
  return { gzipBytes, files, fontBytes };
}

async function baselineBundle(): Promise<BundleSize> {
  const { build } = await import('vite');
  const { svelte } = await import('@sveltejs/vite-plugin-svelte');
  const out = mkdtempSync(join(tmpdir(), 'foleni-bench-baseline-ui-'));
  try {
    await build({
      root: join(ROOT, 'scripts/src/bench/baseline-app'),
      configFile: false,
      logLevel: 'silent',
      plugins: [svelte()],
      build: { outDir: out, emptyOutDir: true, target: 'es2022' },
    });
    return measureDist(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function benchBundles(): Promise<BundlesResult> {
  return {
    kiosk: measureDist(join(ROOT, 'kiosk-ui/dist')),
    display: measureDist(join(ROOT, 'display-ui/dist')),
    counter: measureDist(join(ROOT, 'counter-ui/dist')),
    baseline: await baselineBundle(),
  };
}
