import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,server,scripts,kiosk-ui,display-ui,counter-ui,hq,hq-ui}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: browser and crash tests are heavy, so keep file parallelism modest.
    maxWorkers: 2,
  },
});
