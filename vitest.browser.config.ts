import { defineConfig } from 'vitest/config';

// Browser tests (`npm run test:browser`): the built server as a real process, driven by headless
// Chromium through playwright-core. One file at a time in a single fork: each file starts its own
// server and browser, and two Chromiums on a 2-core machine only make both flaky.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    globalSetup: ['e2e/global-setup.ts'],
  },
});
