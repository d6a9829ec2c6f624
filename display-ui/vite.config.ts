import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Two pages from one workspace, served by the centre server: the TV display at /display (index.html) and
// the citizen's phone tracker at /t/<ticketId> (track.html, sent by the server for that path). Assets live
// under /display/assets for both; the tracker gets its own small bundle and shares only tiny chunks.
// `npm run dev` proxies the API and sockets to a running server.
export default defineConfig({
  base: '/display/',
  plugins: [svelte()],
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: { display: here('./index.html'), track: here('./track.html') },
      // The one chunk both pages load (Svelte's runtime, the socket client): named for what it is.
      output: { chunkFileNames: 'assets/common-[hash].js' },
      treeshake: {
        // The shared contract's modules only declare things (zod schemas, catalogues, helpers), but a call
        // like `z.object()` at module level looks like a side effect: without this the tracker would carry
        // all of zod for two small helpers.
        moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
