import { defineConfig } from 'vitest/config';

// Unit and integration tests. Each test file builds the app in-process on its own fresh database
// (PGlite in memory by default; a fresh PostgreSQL database when TEST_DATABASE_URL is set), a copy
// of the migrated, demo-loaded template that the global setup builds once per run.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on 2 cores is a single worker (cpus - 1). Files spend much of their time
    // waiting (on PGlite, on the server processes of the lifecycle tests), so two keep both cores busy.
    maxWorkers: 2,
    globalSetup: ['src/server/testing/global-setup.ts'],
  },
});
