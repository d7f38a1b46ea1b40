import { defineConfig } from 'vitest/config';

// Browser tests (`npm run test:browser`): the built server as a real process, driven by headless
// Chromium through playwright-core. Each file starts its own server and browser; two files run at
// once: a file spends about a quarter of its time on the CPU (measured: 145 s of CPU over 583 s for
// two files), the rest waiting on pages, so two keep both cores busy. UI_TIMEOUT (e2e/harness.ts)
// leaves room for a busy machine; on a machine busy with other work, VF_BROWSER_WORKERS=1 runs one
// file at a time (servers starting side by side on saturated cores can miss their 60 s start).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    maxWorkers: Number(process.env.VF_BROWSER_WORKERS ?? 2),
    globalSetup: ['e2e/global-setup.ts'],
    // expect.poll gives up after 1 s by default. A page that fetches its data after loading can take
    // longer than that on a busy machine (seen: Browse still empty 1 s after navigation, two files
    // at once), so a poll waits as long as Playwright's own waits (UI_TIMEOUT in e2e/harness.ts).
    // What each poll checks is unchanged; it only stops giving up early.
    expect: { poll: { timeout: 15_000 } },
  },
});
