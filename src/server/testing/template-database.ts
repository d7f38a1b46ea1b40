// Template databases for the test suite. Creating a database, migrating it and loading the demo
// data cost most of a test file's time (a fresh PGlite runs initdb; the demo hashes a password and
// writes hundreds of rows), and every file needs the same result. So the suite builds it once per
// run (Vitest globalSetup, `global-setup.ts`) and each file starts from a copy of its own:
// - PGlite: the data folder of the template, dumped as a tar archive and loaded into a new
//   in-memory PGlite (no initdb, no migrations, no demo load);
// - PostgreSQL: `CREATE DATABASE … TEMPLATE …`, a file-level copy made by the server.
// Two templates: migrated and empty (`demo: false`), and migrated with the demo data.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadDemoData } from '../demo/load-demo.js';

export interface TemplateSet {
  kind: 'pglite' | 'postgres';
  /** When the demo data was loaded: it is dated relative to then (see `isFresh`). */
  createdAt: number;
  /** PGlite: tar archives of the data folder; PostgreSQL: database names. */
  empty: string;
  demo: string;
}

/**
 * Demo data is dated relative to the moment it was loaded (posts "3 days ago", an event "in three
 * weeks"). A run takes minutes, which no test notices; a template kept by a long watch session is
 * not used after this long, and files then build their database as before.
 */
export const TEMPLATE_MAX_AGE_MS = 15 * 60_000;
export const isFresh = (templates: TemplateSet, now = Date.now()): boolean => now - templates.createdAt < TEMPLATE_MAX_AGE_MS;

const TEMPLATE_PREFIX = 'vf_template_';

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Builds both templates; `dispose` removes them again. */
export async function buildTemplates(adminUrl: string | undefined = process.env.TEST_DATABASE_URL): Promise<{ templates: TemplateSet; dispose: () => Promise<void> }> {
  return adminUrl ? buildPostgresTemplates(adminUrl) : buildPgliteTemplates();
}

/** Archives of runs that were killed before their teardown (a day old or more). */
async function removeAbandonedArchives(): Promise<void> {
  const names = (await readdir(tmpdir()).catch(() => [] as string[])).filter((n) => n.startsWith('vf-template-'));
  for (const name of names) {
    const dir = path.join(tmpdir(), name);
    const info = await stat(dir).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 86_400_000) await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

async function buildPgliteTemplates() {
  await removeAbandonedArchives();
  const dir = await mkdtemp(path.join(tmpdir(), 'vf-template-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
    const empty = path.join(dir, 'empty.tar');
    await writeFile(empty, Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()));
    const createdAt = Date.now();
    await loadDemoData(handle.db);
    const demo = path.join(dir, 'demo.tar');
    await writeFile(demo, Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()));
    return { templates: { kind: 'pglite' as const, createdAt, empty, demo }, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await handle.close();
  }
}

async function buildPostgresTemplates(adminUrl: string) {
  // Seconds since the epoch in the name, so a run that was killed before its teardown leaves
  // templates the next run can recognise as abandoned and drop.
  const stamp = Math.floor(Date.now() / 1000);
  const base = `${TEMPLATE_PREFIX}${stamp}_${randomBytes(4).toString('hex')}`;
  const empty = `${base}_empty`;
  const demo = `${base}_demo`;
  await withAdmin(adminUrl, async (admin) => {
    await dropAbandonedTemplates(admin, stamp);
    await admin.query(`create database ${empty}`);
  });
  const drop = () =>
    withAdmin(adminUrl, async (admin) => {
      for (const name of [demo, empty]) await admin.query(`drop database if exists ${name} with (force)`);
    });
  try {
    const emptyHandle = await openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, empty), poolSize: 1 });
    try {
      await migrateToLatest(emptyHandle.db as Kysely<unknown>);
    } finally {
      await emptyHandle.close();
    }
    await withAdmin(adminUrl, (admin) => admin.query(`create database ${demo} template ${empty}`));
    const createdAt = Date.now();
    const demoHandle = await openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, demo), poolSize: 1 });
    try {
      await loadDemoData(demoHandle.db);
    } finally {
      await demoHandle.close();
    }
    return { templates: { kind: 'postgres' as const, createdAt, empty, demo }, dispose: drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** Templates of runs that ended without their teardown (a day old or more). */
async function dropAbandonedTemplates(admin: pg.Client, nowSeconds: number): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like '${TEMPLATE_PREFIX}%'`);
  for (const { datname } of rows) {
    const stamp = Number(/^vf_template_(\d+)_/.exec(datname)?.[1]);
    if (Number.isFinite(stamp) && nowSeconds - stamp > 86_400) await admin.query(`drop database if exists ${datname} with (force)`).catch(() => {});
  }
}

/** A PGlite data folder to start from, read from a template archive. */
export async function readTemplateArchive(file: string): Promise<Blob> {
  return new Blob([await readFile(file)]);
}
