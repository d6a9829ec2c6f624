import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, transformWithOxc } from 'vite';
import type { Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const BASE = '/kiosk/';

/**
 * Emits `sw.js` (from sw/service-worker.ts) with the list of every file of this build to keep offline.
 * The list changes with every build, so the browser sees a new service worker and the kiosk updates.
 */
function kioskServiceWorker(): Plugin {
  return {
    name: 'foleni-kiosk-service-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f !== 'index.html' && !f.endsWith('.map'))
        .sort();
      const precache = [BASE, ...files.map((f) => BASE + f)];
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(new URL('./sw/service-worker.ts', import.meta.url), 'utf8');
      const { code } = await transformWithOxc(source, 'service-worker.ts', { lang: 'ts' });
      const script = code
        // A classic worker script: the `export {}` that made the file a module for TypeScript must go.
        .replace(/^export\s*\{\s*\};?\s*$/m, '')
        .replaceAll('__FOLENI_SW_VERSION__', JSON.stringify(version))
        .replaceAll('__FOLENI_SW_PRECACHE__', JSON.stringify(precache));
      if (script.includes('__FOLENI_SW_')) this.error('sw.js: a build-time value was left unfilled');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: script });
    },
  };
}

// Served by the centre server under /kiosk/; `npm run dev` proxies the API and sockets to a running server.
export default defineConfig({
  base: BASE,
  plugins: [svelte(), kioskServiceWorker()],
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    rolldownOptions: {
      // @foleni/shared's modules only declare things. Saying so lets the bundler leave out the zod schemas
      // the kiosk never uses (about 100 kB); `"sideEffects": false` in shared/package.json would do it for all.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
