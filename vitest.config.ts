import { defineConfig } from 'vitest/config';

// Unit and integration tests. Each test file builds the app in-process on its own fresh database
// (PGlite in memory by default; a fresh PostgreSQL database when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
