import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestApp, openTestDatabase, type TestApp } from '../testing/test-app.js';
import { openDatabase } from './database.js';
import { knownMigrations, migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(async () => t?.close());

describe('migrations', () => {
  it('brought an empty database to the latest version, and running again changes nothing', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.app.db);
    expect(applied.rows.map((r) => r.name)).toEqual(knownMigrations());
    expect(await migrateToLatest(t.app.db as Kysely<unknown>)).toEqual([]);
  });

  it('can be rolled all the way down and up again', async () => {
    const migrator = new Migrator({ db: t.app.db as Kysely<unknown>, provider: { getMigrations: async () => migrations } });
    for (let i = 0; i < knownMigrations().length; i++) {
      const { error } = await migrator.migrateDown();
      expect(error).toBeUndefined();
    }
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`.execute(t.app.db);
    expect(tables.rows[0]!.n).toBe(0);
    expect(await migrateToLatest(t.app.db as Kysely<unknown>)).toEqual(knownMigrations());
  });

  it('loads no demo data when demo is off', async () => {
    const orgs = await t.app.db.selectFrom('organizations').select('id').execute();
    expect(orgs).toHaveLength(0);
  });
});

describe('health', () => {
  it('answers 503 once the database is unreachable', async () => {
    const database = t.config.database.kind === 'postgres' ? await openDatabase(t.config.database) : await openTestDatabase();
    const app = await buildApp({ ...t.config, demo: false }, { database, backgroundJobs: false, logger: false });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    await database.close();
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/unavailable', status: 503 });
    await app.close();
  });
});
