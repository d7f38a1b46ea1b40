// The semantic signal stored when a post is saved, and the whole-corpus scan of the board: every post
// compared only with the posts in its buckets, pairs found across paraphrase, every post marked
// compared at its revision.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { pendingScans } from './board.js';
import { scanCorpus } from './corpus-scan.js';

let t: TestApp;
let gov: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  gov = await t.signIn('government@demo.test');
});
afterAll(async () => t?.close());

const shelters = async () => (await t.app.db.selectFrom('posts').select('id').where('title', '=', 'Minimum standards and staff training for the Agency’s shelters').executeTakeFirstOrThrow()).id;
const vectorRow = (id: string) => t.app.db.selectFrom('post_vectors').selectAll().where('post_id', '=', id).executeTakeFirst();

it('stores each post’s vector, concepts and blocking keys when it is saved, and again when it is edited', async () => {
  // Every demo post has its row (written in bulk by the demo loader).
  const missing = await t.app.db.selectFrom('posts as p').leftJoin('post_vectors as v', 'v.post_id', 'p.id').select('p.id').where('v.post_id', 'is', null).execute();
  expect(missing).toEqual([]);

  const created = await gov.post('/api/v1/posts', { kind: 'project_info', title: 'Care rules for safe houses', body: 'Rules on admission and counselling in the residential centres, and a course for carers.', countries: ['NG'] });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  const row = await vectorRow(id);
  expect(row?.revision).toBe(1);
  expect(row?.vector).toHaveLength(100);
  expect(row?.concepts).toContain('shelter_services');
  expect(row?.keys).toContain('NG|c:shelter_services');

  const edited = await gov.patch(`/api/v1/posts/${id}`, { revision: 1, title: 'A hotline for workers', body: 'A phone line for workers in trouble.' });
  expect(edited.statusCode).toBe(200);
  const after = await vectorRow(id);
  expect(after?.revision).toBe(2);
  expect(after?.concepts).toContain('hotline');
  expect(after?.concepts).not.toContain('shelter_services');
});

it('compares the whole corpus through its buckets, finds a paraphrased duplicate, and leaves nothing pending', async () => {
  // The same work as the demo shelters request, in other words: no title word in common.
  const res = await gov.post('/api/v1/posts', {
    kind: 'project_idea',
    title: 'Care quality in the agency’s safe houses',
    body: 'Written rules on admission, counselling and length of stay in the residential centres the agency runs, and a course for the carers who work there.',
    countries: ['NG'],
  });
  const paraphrase = res.json().id as string;
  expect(await pendingScans(t.app.db)).toBeGreaterThan(0);

  const result = await scanCorpus(t.app.db);
  const posts = (await t.app.db.selectFrom('posts').select('id').where('hidden_at', 'is', null).execute()).length;
  expect(result.posts).toBe(posts);
  // Blocking: far fewer comparisons than every pair of posts.
  expect(result.comparisons).toBeLessThan((posts * (posts - 1)) / 2 / 2);
  expect(await pendingScans(t.app.db)).toBe(0);

  const [a, b] = [paraphrase, await shelters()].sort() as [string, string];
  const pair = await t.app.db.selectFrom('overlap_pairs').selectAll().where('post_a', '=', a).where('post_b', '=', b).executeTakeFirst();
  expect(pair).toBeDefined();
  const codes = (pair!.reasons as { code: string; values: string[] }[]).map((r) => r.code);
  expect(codes).toContain('same_country');
  expect(codes).toContain('shared_concepts');

  // The organizers' board shows it.
  const organizer = await t.signIn('organizer@demo.test');
  const board = (await organizer.get('/api/v1/overlaps')).json() as { clusters: { posts: { id: string }[] }[]; pending: number };
  expect(board.pending).toBe(0);
  expect(board.clusters.some((c) => c.posts.some((p) => p.id === paraphrase) && c.posts.some((p) => p.id === b || p.id === a))).toBe(true);
});
