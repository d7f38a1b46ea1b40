// The backup and restore path of "Running for real" (issue 15), end to end: `npm run backup` of a
// database the app has written to, `npm run restore` into a fresh one, and the app started on the
// restored database serves the same posts, post page, statistics and sign-ins. On PostgreSQL
// (TEST_DATABASE_URL, as `npm run test:pg` sets it) with pg_dump/pg_restore; embedded PGlite always.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createScratchPostgres, createTestApp, TestClient, usingPostgres, type TestApp } from '../src/server/testing/test-app.js';

const root = path.resolve(import.meta.dirname, '..');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'vf-backup-'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

/** `npm run backup` / `npm run restore` as an operator runs them, with the given database settings. */
function script(command: 'backup' | 'restore', file: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', command, command === 'backup' ? '--out' : '--from', file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', VF_DATA_DIR: path.join(work, 'unused'), ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

interface Seen {
  posts: { id: string; title: string }[];
  detail: unknown;
  statistics: unknown;
}
/** What a partial-tier reader sees: every post of the list (page by page), one post page, the statistics. */
async function seenBy(c: TestClient, postId: string): Promise<Seen> {
  const posts: { id: string; title: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = (await c.get(`/api/v1/posts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json() as { items: { id: string; title: string }[]; nextCursor: string | null };
    posts.push(...page.items.map((i) => ({ id: i.id, title: i.title })));
    cursor = page.nextCursor;
  } while (cursor);
  return { posts, detail: (await c.get(`/api/v1/posts/${postId}`)).json(), statistics: (await c.get('/api/v1/statistics')).json() };
}

/** Writes something after the demo load, so the backup holds more than a fresh start would. */
async function writeSome(t: TestApp): Promise<{ postId: string; seen: Seen }> {
  const cso = await t.signIn('cso@demo.test');
  const created = await cso.post('/api/v1/posts', { kind: 'project_idea', title: 'Written before the backup', body: 'Shelter standards, kept across a restore.', regions: ['150'], countries: [], areas: ['victim_protection'], themes: [] });
  expect(created.statusCode).toBe(201);
  const postId = created.json().id as string;
  expect((await cso.post(`/api/v1/posts/${postId}/comments`, { body: 'A comment that must survive the restore.' })).statusCode).toBe(201);
  return { postId, seen: await seenBy(cso, postId) };
}

/** The app started on the restored database: the same sign-in works and it serves the same. */
async function servedFrom(env: Record<string, string>, postId: string): Promise<Seen> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const app = await buildApp({ ...config, webDir: null }, { backgroundJobs: false, logger: false });
  try {
    const c = new TestClient(app);
    expect((await c.post('/api/v1/session', { email: 'cso@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(200);
    return await seenBy(c, postId);
  } finally {
    await app.close();
  }
}

describe.skipIf(!usingPostgres())('backup and restore on PostgreSQL (pg_dump, pg_restore)', () => {
  it('restores into a fresh database that serves the same posts, post page and statistics, and refuses a database in use', async () => {
    const t = await createTestApp();
    const restored = await createScratchPostgres();
    try {
      const { postId, seen } = await writeSome(t);
      expect(seen.posts.some((p) => p.id === postId)).toBe(true);
      const file = path.join(work, 'forum.dump');
      const dumped = script('backup', file, { DATABASE_URL: (t.config.database as { url: string }).url });
      expect(dumped.status, dumped.output).toBe(0);
      const back = script('restore', file, { DATABASE_URL: restored.url });
      expect(back.status, back.output).toBe(0);
      expect(back.output).toMatch(/restored .* posts/);
      expect(await servedFrom({ DATABASE_URL: restored.url }, postId)).toEqual(seen);
      // A second restore over the now-filled database is refused, with a sentence saying what to do.
      const again = script('restore', file, { DATABASE_URL: restored.url });
      expect(again.status).toBe(1);
      expect(again.output).toMatch(/already has \d+ tables; restore into a new, empty database/);
    } finally {
      await t.close();
      await restored.drop();
    }
  }, 300_000);
});

describe('backup and restore of the embedded database (PGlite data folder)', () => {
  it('restores the archive into a new folder that serves the same posts, post page and statistics', async () => {
    const source = path.join(work, 'source-data');
    const env = { DATABASE_URL: '', VF_DATA_DIR: source, VF_DEMO: '1' };
    // An embedded Forum on disk, written to through the app, then stopped (as the backup requires).
    const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
    const app = await buildApp({ ...config, webDir: null }, { backgroundJobs: false, logger: false });
    let postId: string;
    let seen: Seen;
    try {
      const t = { signIn: async (email: string) => { const c = new TestClient(app); await c.post('/api/v1/session', { email, password: 'vienna-2008-demo' }); return c; } } as unknown as TestApp;
      ({ postId, seen } = await writeSome(t));
    } finally {
      await app.close();
    }
    const file = path.join(work, 'forum.tar');
    const dumped = script('backup', file, env);
    expect(dumped.status, dumped.output).toBe(0);
    const target = path.join(work, 'restored-data');
    const back = script('restore', file, { DATABASE_URL: '', VF_DATA_DIR: target });
    expect(back.status, back.output).toBe(0);
    expect(await servedFrom({ DATABASE_URL: '', VF_DATA_DIR: target, VF_DEMO: '1' }, postId)).toEqual(seen);
    const again = script('restore', file, { DATABASE_URL: '', VF_DATA_DIR: target });
    expect(again.status).toBe(1);
    expect(again.output).toMatch(/is not empty; restore into a new folder/);
  }, 300_000);
});
