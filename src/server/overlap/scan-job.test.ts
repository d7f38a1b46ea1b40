// The background scan that keeps the organizers' board up to date: it compares new and edited posts
// without anyone opening the board, and one round at a time holds the database lock.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, usingPostgres, type TestApp } from '../testing/test-app.js';
import { manualOverlapScan, overlapScanRound } from './scan-job.js';
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

// Issue 10: the organizers' "compare now" takes the same lock as the background rounds, so two
// scans never run at once, on one server or several (six at once used to deadlock on PostgreSQL).
it.runIf(usingPostgres())('the manual scan waits for the lock another server holds, and says so when it waits too long', async () => {
  const gov = await t.signIn('government@demo.test');
  for (let i = 0; i < 2; i++) await gov.post('/api/v1/posts', { kind: 'project_info', title: `Referral pathways for survivors, step ${i + 1}`, body: 'Referral pathways.', countries: ['NG'] });
  const organizer = await t.signIn('organizer@demo.test');
  const actor = { id: (await organizer.get('/api/v1/me')).json().id as string, role: 'organizer' as const, tier: 'full' as const, organizationId: '00000000-0000-0000-0000-000000000000', category: 'intergovernmental' as const };
  const before = await pending();
  expect(before).toBe(2);
  await t.app.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('virtual-forum:overlap-scan'))`.execute(conn);
    try {
      // Held longer than it waits: a clear 409, and nothing compared behind the holder's back.
      await expect(manualOverlapScan(t.app.db, actor, 300)).rejects.toMatchObject({ status: 409, slug: 'overlap-scan-running' });
      expect(await pending()).toBe(before);
      // Released while it waits: the organizer's request goes ahead once the lock is free.
      let answered = false;
      const waiting = organizer.post('/api/v1/overlaps/scan').finally(() => (answered = true));
      await new Promise((r) => setTimeout(r, 3000));
      expect(answered).toBe(false);
      expect(await pending()).toBe(before);
      await sql`select pg_advisory_unlock(hashtext('virtual-forum:overlap-scan'))`.execute(conn);
      const answer = await waiting;
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ scanned: 2, pending: 0 });
    } finally {
      await sql`select pg_advisory_unlock_all()`.execute(conn);
    }
  });
});

it('six concurrent manual scans: no 5xx, never the same post twice, and a background round in between changes nothing', async () => {
  const gov = await t.signIn('government@demo.test');
  for (let i = 0; i < 12; i++) {
    const res = await gov.post('/api/v1/posts', { kind: 'project_info', title: `Labour inspection in agriculture, district ${i + 1}`, body: 'Labour inspectors visit farms.', countries: ['NG'], areas: ['victim_protection'] });
    expect(res.statusCode, res.body).toBe(201);
  }
  const organizer = await t.signIn('organizer@demo.test');
  const waiting = await pending();
  expect(waiting).toBe(12);
  const scansBefore = (await t.app.db.selectFrom('overlap_scans').select('post_id').execute()).length;
  const answers = await Promise.all([...Array.from({ length: 6 }, () => organizer.post('/api/v1/overlaps/scan')), overlapScanRound(t.app)]);
  const http = answers.slice(0, 6) as Awaited<ReturnType<typeof organizer.post>>[];
  for (const a of http) {
    expect(a.statusCode, a.body).toBeLessThan(500);
    if (a.statusCode !== 200) expect(a.json()).toMatchObject({ status: 409, type: '/problems/overlap-scan-running' });
  }
  const scanned = http.filter((a) => a.statusCode === 200).reduce((n, a) => n + (a.json().scanned as number), 0) + (answers[6] as number);
  const scansAfter = (await t.app.db.selectFrom('overlap_scans').select('post_id').execute()).length;
  // Each post compared once: the answers add up to the posts that left the queue.
  expect(scanned).toBe(scansAfter - scansBefore);
  expect(scanned).toBe(waiting - (await pending()));
});
