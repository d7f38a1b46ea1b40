// The background scan that keeps the organizers' board up to date: it compares new and edited posts
// without anyone opening the board, and one round at a time holds the database lock.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, usingPostgres, type TestApp } from '../testing/test-app.js';
import { overlapScanRound } from './scan-job.js';
import { SCAN_BATCH } from './board.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const pending = async () => (await t.app.db.selectFrom('posts as p').leftJoin('overlap_scans as s', 's.post_id', 'p.id').select('p.id').where('s.post_id', 'is', null).where('p.hidden_at', 'is', null).execute()).length;

it('compares every post in rounds, and the board shows the pairs without scanning itself', async () => {
  const before = await pending();
  expect(before).toBeGreaterThan(SCAN_BATCH);
  // A server that is stopping compares nothing more.
  const stopping = new AbortController();
  stopping.abort();
  expect(await overlapScanRound(t.app, stopping.signal)).toBe(0);
  expect(await pending()).toBe(before);
  expect(await overlapScanRound(t.app)).toBe(SCAN_BATCH);
  expect(await pending()).toBe(before - SCAN_BATCH);
  while ((await overlapScanRound(t.app)) > 0);
  expect(await pending()).toBe(0);

  const gov = await t.signIn('government@demo.test');
  const created = await gov.post('/api/v1/posts', {
    kind: 'project_info',
    title: 'Minimum standards and staff training for the shelters of the Agency',
    body: 'Minimum standards for shelters and training for shelter staff.',
    countries: ['NG'],
    areas: ['victim_protection'],
    themes: ['protection'],
  });
  expect(created.statusCode).toBe(201);
  expect(await overlapScanRound(t.app)).toBe(1);

  const organizer = await t.signIn('organizer@demo.test');
  const board = (await organizer.get('/api/v1/overlaps')).json() as { clusters: { posts: { id: string; title: string }[] }[] };
  const cluster = board.clusters.find((c) => c.posts.some((p) => p.id === created.json().id));
  expect(cluster?.posts.map((p) => p.title)).toContain('Minimum standards and staff training for the Agency’s shelters');
});

it.runIf(usingPostgres())('lets one server scan at a time', async () => {
  const gov = await t.signIn('government@demo.test');
  for (let i = 0; i < 2; i++) await gov.post('/api/v1/posts', { kind: 'project_info', title: `Shelter staff training, part ${i + 1}`, body: 'Training for shelter staff.', countries: ['NG'] });
  // Another session holds the lock: this round does nothing.
  const other = await t.app.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('virtual-forum:overlap-scan'))`.execute(conn);
    const skipped = await overlapScanRound(t.app);
    await sql`select pg_advisory_unlock(hashtext('virtual-forum:overlap-scan'))`.execute(conn);
    return skipped;
  });
  expect(other).toBe(0);
  expect(await overlapScanRound(t.app)).toBe(2);
});
