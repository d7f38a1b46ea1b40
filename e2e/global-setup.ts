// Vitest globalSetup for the browser tests (vitest.browser.config.ts): one data folder, migrated and
// holding the demo data, built once per run. Every startServer() without a data folder of its own
// starts from a copy of it: creating a fresh embedded database (PGlite's initdb) costs some 20 s of
// CPU, which each of the fourteen files used to pay again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { loadDemoData } from '../src/server/demo/load-demo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    vfE2eDataTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vf-e2e-template-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
    await loadDemoData(handle.db);
  } finally {
    await handle.close();
  }
  project.provide('vfE2eDataTemplate', dir);
  return () => rm(dir, { recursive: true, force: true });
}
