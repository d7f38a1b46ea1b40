// The scheduled-job runner and "nothing is sent twice when several servers run" (issue 11), with
// two app servers' worth of connections on one database (PostgreSQL: two pools running at once;
// PGlite: one in-process database, where the same code paths run interleaved).
import type { FastifyInstance } from 'fastify';
import { TableNode, type KyselyPlugin, type OperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { ensureJobRows, JOBS, runDueJobs, sendDigests, sendImmediateMail, type Job } from './jobs.js';

let t: TestApp;
let b: FastifyInstance;
let bDatabase: DatabaseHandle | null = null;
let gov: TestClient, io: TestClient, cso: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  if (t.database.kind === 'postgres') bDatabase = await openDatabase(t.config.database);
  b = await buildApp(t.config, { database: bDatabase ?? t.database, backgroundJobs: false, logger: false });
  [gov, io, cso] = (await Promise.all(['government@demo.test', 'io@demo.test', 'cso@demo.test'].map((e) => t.signIn(e)))) as [TestClient, TestClient, TestClient];
});
afterAll(async () => {
  await b?.close();
  await bDatabase?.close();
  await t?.close();
});

describe('the job runner', () => {
  it('runs a due job on one server only, then not again before it is due', async () => {
    const runs: string[] = [];
    const job = (server: string) => ({
      name: 'test-once',
      everyMs: 60_000,
      run: async () => {
        runs.push(server);
        await new Promise((r) => setTimeout(r, 50)); // still running while the other server asks
      },
    });
    await ensureJobRows(t.app.db, [job('a')]);
    const [ranA, ranB] = await Promise.all([runDueJobs(t.app, 'server-a', [job('a')]), runDueJobs(b, 'server-b', [job('b')])]);
    expect(runs).toHaveLength(1);
    expect([...ranA, ...ranB]).toEqual(['test-once']);
    // Finished: the lease is free and the job is due again in a minute, not now.
    expect(await runDueJobs(b, 'server-b', [job('b')])).toEqual([]);
    const row = await t.app.db.selectFrom('scheduled_jobs').selectAll().where('name', '=', 'test-once').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ locked_by: null, locked_until: null, last_error: null });
    expect(row.run_after.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });

  it('a lease left by a server that died expires, and another server takes the job', async () => {
    const runs: string[] = [];
    const job = { name: 'test-lease', everyMs: 60_000, run: async () => void runs.push('b') };
    await t.app.db.insertInto('scheduled_jobs').values({ name: 'test-lease', locked_by: 'dead-server', locked_until: new Date(Date.now() + 60_000) }).execute();
    expect(await runDueJobs(b, 'server-b', [job])).toEqual([]);
    await t.app.db.updateTable('scheduled_jobs').set({ locked_until: new Date(Date.now() - 1000) }).where('name', '=', 'test-lease').execute();
    expect(await runDueJobs(b, 'server-b', [job])).toEqual(['test-lease']);
    expect(runs).toEqual(['b']);
  });

  it('a failing job is recorded, releases its lease, and does not stop the others', async () => {
    const jobs: Job[] = [
      { name: 'test-fails', everyMs: 60_000, run: async () => Promise.reject(new Error('SMTP refused')) },
      { name: 'test-after', everyMs: 60_000, run: async () => {} },
    ];
    await ensureJobRows(b.db, jobs);
    const ran = await runDueJobs(b, 'server-b', jobs);
    expect(ran).toEqual(['test-after']);
    expect(await t.app.db.selectFrom('scheduled_jobs').select(['last_error', 'locked_by']).where('name', '=', 'test-fails').executeTakeFirstOrThrow()).toEqual({ last_error: 'SMTP refused', locked_by: null });
  });

  it('a tick only tries the claims: it writes no job row; starting a server adds the missing ones, once', async () => {
    // Every statement a tick sends, by kind and table.
    const statements: string[] = [];
    const recorder: KyselyPlugin = {
      transformQuery: ({ node }) => {
        const target = (node as { table?: OperationNode }).table ?? (node as { into?: OperationNode }).into ?? (node as { from?: OperationNode }).from;
        statements.push(`${node.kind} ${target && TableNode.is(target) ? target.table.identifier.name : '?'}`);
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const recording = Object.create(b, { db: { value: b.db.withPlugin(recorder) } }) as FastifyInstance;
    const names = JOBS.map((j) => j.name);
    await ensureJobRows(t.app.db);
    // A later deploy adds a job: its row is missing. Every other job is not yet due, so the tick runs nothing.
    await t.app.db.deleteFrom('scheduled_jobs').where('name', '=', 'saved-searches').execute();
    await t.app.db.updateTable('scheduled_jobs').set({ run_after: new Date(Date.now() + 3_600_000) }).where('name', 'in', names).execute();
    for (let tick = 0; tick < 3; tick++) expect(await runDueJobs(recording, 'server-b')).toEqual([]);
    expect(statements.filter((s) => s.startsWith('InsertQueryNode'))).toEqual([]);
    expect(statements).toEqual(Array.from({ length: 3 * JOBS.length }, () => 'UpdateQueryNode scheduled_jobs'));
    const present = async () => (await t.app.db.selectFrom('scheduled_jobs').select('name').where('name', 'in', names).execute()).map((r) => r.name).sort();
    expect(await present()).toEqual(names.filter((n) => n !== 'saved-searches').sort());
    // Starting a server's runner (as buildApp does) adds it, and leaves the others' schedule alone.
    const c = await buildApp(t.config, { database: bDatabase ?? t.database, backgroundJobs: true, logger: false });
    try {
      expect(await present()).toEqual([...names].sort());
      const rows = await t.app.db.selectFrom('scheduled_jobs').select(['name', 'run_after']).where('name', 'in', names).execute();
      for (const row of rows) expect(row.run_after.getTime() > Date.now() + 60_000, row.name).toBe(row.name !== 'saved-searches');
    } finally {
      await c.close();
    }
  });
});

describe('nothing is sent twice when several servers run', () => {
  const outboxTo = async (email: string, text: string) =>
    (await t.app.db.selectFrom('mail_outbox').select('body_text').where('recipient', '=', email).execute()).filter((m) => m.body_text.includes(text));

  it('immediate mail: two servers sending at once write each mail once', async () => {
    await t.app.db.updateTable('notifications').set({ mail_status: 'sent' }).where('mail_status', '=', 'pending').execute();
    for (let i = 0; i < 12; i++) {
      const post = (await gov.post('/api/v1/posts', { kind: 'ta_request', title: `Twice? shelter standards ${i}`, body: 'We need help.', regions: ['002'], areas: ['victim_protection'], audience: 'all' })).json() as { id: string };
      expect((await io.post(`/api/v1/posts/${post.id}/offers`, { summary: 'An offer of help', body: 'We can help.' })).statusCode).toBe(201);
    }
    const due = await t.app.db.selectFrom('notifications').select('id').where('mail_status', '=', 'pending').where('mail_mode', '=', 'immediately').execute();
    expect(due.length).toBeGreaterThanOrEqual(12);
    const [a, bCount] = await Promise.all([sendImmediateMail(t.app.db, t.config.publicUrl), sendImmediateMail(b.db, t.config.publicUrl)]);
    expect(a + bCount).toBe(due.length);
    expect(await outboxTo('government@demo.test', 'Twice? shelter standards')).toHaveLength(12);
    const written = (await t.app.db.selectFrom('mail_outbox').select('body_text').execute()).filter((m) => m.body_text.includes('Twice? shelter standards'));
    expect(written).toHaveLength(due.length);
  });

  it('digests: two servers at the same tick write one digest', async () => {
    const post = (await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Twice? digest of comments', body: 'We need help.', regions: ['002'], areas: ['victim_protection'], audience: 'all' })).json() as { id: string };
    await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'One.' });
    await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'Two.' });
    const tick = new Date(Date.now() + 2 * 86_400_000);
    const [a, bCount] = await Promise.all([sendDigests(t.app.db, t.config.publicUrl, tick), sendDigests(b.db, t.config.publicUrl, tick)]);
    expect(a + bCount).toBeGreaterThan(0);
    expect(await outboxTo('government@demo.test', 'Twice? digest of comments')).toHaveLength(1);
  });
});
