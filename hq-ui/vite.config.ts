import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Served by the head-office server under /hq/; `npm run dev` proxies the API to a running `npm run hq`.
export default defineConfig({
  base: '/hq/',
  plugins: [svelte()],
  build: { target: 'es2022', assetsInlineLimit: 0 },
  server: { proxy: { '/hq/api': 'http://localhost:8180' } },
});
