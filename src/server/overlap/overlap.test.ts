// Overlap detection: suggestions while writing and for saved posts, never across the tier wall;
// the organizers' board, their verdicts on pairs (audited), and what those verdicts change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let gov: TestClient, io: TestClient, cso: TestClient, organizer: TestClient;
const ids = new Map<string, string>();

interface Suggestion {
  post: { id: string; title: string; audience: string };
  score: number;
  reasons: { code: string; values: string[] }[];
}

/** A draft that describes the same work as the demo request 'Minimum standards and staff training for the Agency’s shelters' (full audience). */
const shelterDraft = {
  kind: 'project_idea',
  title: 'Standards and training for the staff of victim shelters',
  body: 'We propose minimum standards for shelters and a training course for shelter staff, with a referral procedure for adults and children.',
  regions: [],
  countries: ['NG'],
  areas: ['victim_protection'],
  themes: ['protection'],
};

beforeAll(async () => {
  t = await createTestApp();
  [gov, io, cso, organizer] = (await Promise.all(['government@demo.test', 'io@demo.test', 'cso@demo.test', 'organizer@demo.test'].map((e) => t.signIn(e)))) as [TestClient, TestClient, TestClient, TestClient];
  const rows = await t.app.db.selectFrom('posts').select(['id', 'title', 'audience']).execute();
  for (const r of rows) ids.set(r.title, r.id);
});
afterAll(async () => t?.close());

const shelters = () => ids.get('Minimum standards and staff training for the Agency’s shelters')!;

describe('POST /api/v1/similar', () => {
  it('suggests the existing post that describes the same work, with a score and reasons in codes', async () => {
    const res = await io.post('/api/v1/similar', shelterDraft);
    expect(res.statusCode).toBe(200);
    const list = res.json() as Suggestion[];
    expect(list[0]?.post.id).toBe(shelters());
    const top = list[0]!;
    expect(top.score).toBeGreaterThan(0.4);
    expect(top.score).toBeLessThanOrEqual(1);
    const codes = Object.fromEntries(top.reasons.map((r) => [r.code, r.values]));
    expect(codes.same_country).toEqual(['NG']);
    expect(codes.shared_areas).toEqual(['victim_protection']);
    expect(codes.shared_terms).toEqual(expect.arrayContaining(['shelters']));
    // Best first.
    for (let i = 1; i < list.length; i++) expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
  });

  it('saves nothing', async () => {
    const before = await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await io.post('/api/v1/similar', shelterDraft);
    const after = await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('suggests nothing for a draft about unrelated work', async () => {
    const res = await io.post('/api/v1/similar', { title: 'Annual picnic of the office football team', body: 'Sandwiches and lemonade in the park.', regions: [], countries: ['IS'], areas: [], themes: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
  });

  it('refuses bad input with problem details, listing the fields', async () => {
    const res = await io.post('/api/v1/similar', { title: 'Shelters', body: '', regions: ['Africa'], countries: [], areas: ['shelters'], themes: [] });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['regions.0', 'areas.0']));
  });

  it('needs a signed-in user', async () => {
    const res = await t.client().post('/api/v1/similar', shelterDraft);
    expect(res.statusCode).toBe(401);
  });
});

describe('the tier wall', () => {
  let openTwin: string;
  beforeAll(async () => {
    // A post open to all that describes the same work as the full-audience shelters request.
    const res = await cso.post('/api/v1/posts', { ...shelterDraft, title: 'Minimum standards and staff training for shelters', audience: 'all' });
    expect(res.statusCode).toBe(201);
    openTwin = res.json().id;
  });

  it('never suggests a full-audience post to a partial-tier user through POST /similar', async () => {
    const full = (await io.post('/api/v1/similar', { ...shelterDraft, postId: openTwin })).json() as Suggestion[];
    expect(full.map((s) => s.post.id)).toContain(shelters()); // the full tier does see it: the check below means something
    const partial = (await cso.post('/api/v1/similar', { ...shelterDraft, postId: openTwin, limit: undefined })).json() as Suggestion[];
    expect(partial.map((s) => s.post.id)).not.toContain(shelters());
    expect(partial.every((s) => s.post.audience === 'all')).toBe(true);
  });

  it('never suggests a full-audience post to a partial-tier user through GET /posts/:id/similar', async () => {
    const full = (await io.get(`/api/v1/posts/${openTwin}/similar?limit=20`)).json() as Suggestion[];
    expect(full.map((s) => s.post.id)).toContain(shelters());
    const partial = (await cso.get(`/api/v1/posts/${openTwin}/similar?limit=20`)).json() as Suggestion[];
    expect(partial.map((s) => s.post.id)).not.toContain(shelters());
    expect(partial.every((s) => s.post.audience === 'all')).toBe(true);
  });

  it('answers 404 for the similar posts of a post the user may not see, like a missing one', async () => {
    const hidden = await cso.get(`/api/v1/posts/${shelters()}/similar`);
    const missing = await cso.get('/api/v1/posts/00000000-0000-4000-8000-000000000000/similar');
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(missing.json().detail);
  });

  it('ignores a postId the user may not see instead of revealing it', async () => {
    const res = await cso.post('/api/v1/similar', { ...shelterDraft, postId: shelters() });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Suggestion[]).map((s) => s.post.id)).not.toContain(shelters());
  });
});

describe('the organizers’ board and their verdicts', () => {
  let duplicate: string;
  beforeAll(async () => {
    const res = await gov.post('/api/v1/posts', { ...shelterDraft, kind: 'project_info', title: 'Minimum standards and staff training for the shelters of the Agency' });
    expect(res.statusCode).toBe(201);
    duplicate = res.json().id;
  });

  it('is for organizers only', async () => {
    expect((await io.get('/api/v1/overlaps')).statusCode).toBe(403);
    expect((await io.post('/api/v1/overlaps/scan')).statusCode).toBe(403);
    expect((await io.post('/api/v1/overlaps/marks', { postA: duplicate, postB: shelters(), mark: 'related' })).statusCode).toBe(403);
  });

  it('groups possible overlaps across all posts into clusters', async () => {
    expect((await organizer.get('/api/v1/overlaps')).json().pending).toBeGreaterThan(0);
    while ((await organizer.post('/api/v1/overlaps/scan')).json().pending > 0);
    const board = (await organizer.get('/api/v1/overlaps')).json();
    expect(board.pending).toBe(0);
    const cluster = (board.clusters as { posts: { id: string }[]; pairs: { a: string; b: string; score: number; reasons: unknown[] }[] }[]).find((c) => c.posts.some((p) => p.id === duplicate));
    expect(cluster).toBeDefined();
    expect(cluster!.posts.map((p) => p.id)).toContain(shelters());
    const pair = cluster!.pairs.find((p) => [p.a, p.b].includes(duplicate) && [p.a, p.b].includes(shelters()))!;
    expect(pair.score).toBeGreaterThan(0.35);
    expect(pair.reasons.length).toBeGreaterThan(0);
  });

  it('rescans a post once it is edited', async () => {
    const post = (await gov.get(`/api/v1/posts/${duplicate}`)).json();
    await gov.patch(`/api/v1/posts/${duplicate}`, { revision: post.revision, title: 'Annual picnic of the office football team', body: 'Sandwiches and lemonade.', areas: [], themes: [], countries: ['IS'] });
    expect((await organizer.get('/api/v1/overlaps')).json().pending).toBe(1);
    expect((await organizer.post('/api/v1/overlaps/scan')).json()).toEqual({ scanned: 1, pending: 0 });
    const board = (await organizer.get('/api/v1/overlaps')).json();
    expect((board.clusters as { posts: { id: string }[] }[]).some((c) => c.posts.some((p) => p.id === duplicate))).toBe(false);
    const back = (await gov.get(`/api/v1/posts/${duplicate}`)).json();
    await gov.patch(`/api/v1/posts/${duplicate}`, { revision: back.revision, title: 'Minimum standards and staff training for the shelters of the Agency', body: shelterDraft.body, areas: shelterDraft.areas, themes: shelterDraft.themes, countries: ['NG'] });
    await organizer.post('/api/v1/overlaps/scan');
  });

  it('“not a duplicate”: the pair is never suggested again, leaves the board, and is audited', async () => {
    expect(((await gov.get(`/api/v1/posts/${duplicate}/similar`)).json() as Suggestion[]).map((s) => s.post.id)).toContain(shelters());
    const res = await organizer.post('/api/v1/overlaps/marks', { postA: shelters(), postB: duplicate, mark: 'not_duplicate' });
    expect(res.statusCode).toBe(200);
    expect(((await gov.get(`/api/v1/posts/${duplicate}/similar`)).json() as Suggestion[]).map((s) => s.post.id)).not.toContain(shelters());
    expect(((await gov.get(`/api/v1/posts/${shelters()}/similar`)).json() as Suggestion[]).map((s) => s.post.id)).not.toContain(duplicate);
    expect(((await gov.post('/api/v1/similar', { ...shelterDraft, postId: duplicate })).json() as Suggestion[]).map((s) => s.post.id)).not.toContain(shelters());
    const board = (await organizer.get('/api/v1/overlaps')).json();
    const pairs = (board.clusters as { pairs: { a: string; b: string }[] }[]).flatMap((c) => c.pairs);
    expect(pairs.some((p) => [p.a, p.b].includes(duplicate) && [p.a, p.b].includes(shelters()))).toBe(false);
    const audit = await t.app.db.selectFrom('audit_events').selectAll().where('action', '=', 'overlap.marked_not_duplicate').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ postA: [duplicate, shelters()].sort()[0], postB: [duplicate, shelters()].sort()[1] });
  });

  it('“related”: linked on both posts, for those who may see the other post', async () => {
    const res = await organizer.post('/api/v1/overlaps/marks', { postA: duplicate, postB: shelters(), mark: 'related' });
    expect(res.statusCode).toBe(200);
    const fromA = (await gov.get(`/api/v1/posts/${duplicate}/related`)).json().items as { post: { id: string } }[];
    const fromB = (await gov.get(`/api/v1/posts/${shelters()}/related`)).json().items as { post: { id: string } }[];
    expect(fromA.map((r) => r.post.id)).toEqual([shelters()]);
    expect(fromB.map((r) => r.post.id)).toEqual([duplicate]);
    // Marked pairs are shown as related, not suggested again.
    expect(((await gov.get(`/api/v1/posts/${duplicate}/similar`)).json() as Suggestion[]).map((s) => s.post.id)).not.toContain(shelters());
    expect(await t.app.db.selectFrom('audit_events').select('id').where('action', '=', 'overlap.marked_related').execute()).toHaveLength(1);
  });

  it('never links a full-audience post for a partial-tier user', async () => {
    const openPost = (await cso.post('/api/v1/posts', { ...shelterDraft, title: 'Shelter standards: a note from the network', audience: 'all' })).json().id as string;
    expect((await organizer.post('/api/v1/overlaps/marks', { postA: openPost, postB: shelters(), mark: 'related' })).statusCode).toBe(200);
    expect(((await io.get(`/api/v1/posts/${openPost}/related`)).json().items as { post: { id: string } }[]).map((r) => r.post.id)).toEqual([shelters()]);
    expect((await cso.get(`/api/v1/posts/${openPost}/related`)).json().items).toEqual([]);
  });

  it('refuses a pair of one post, or a post that does not exist, and changes nothing', async () => {
    const same = await organizer.post('/api/v1/overlaps/marks', { postA: duplicate, postB: duplicate, mark: 'related' });
    expect(same.statusCode).toBe(400);
    const missing = await organizer.post('/api/v1/overlaps/marks', { postA: duplicate, postB: '00000000-0000-4000-8000-000000000000', mark: 'related' });
    expect(missing.statusCode).toBe(404);
    const bad = await organizer.post('/api/v1/overlaps/marks', { postA: duplicate, postB: shelters(), mark: 'maybe' });
    expect(bad.statusCode).toBe(400);
    const marks = await t.app.db.selectFrom('overlap_marks').selectAll().execute();
    expect(marks.filter((m) => m.post_a === duplicate || m.post_b === duplicate)).toHaveLength(1);
    expect(marks.find((m) => m.post_a === duplicate || m.post_b === duplicate)!.mark).toBe('related');
  });

  it('takes a verdict back (audited), and the pair can be suggested again', async () => {
    const [a, b] = [duplicate, shelters()].sort() as [string, string];
    expect((await io.delete(`/api/v1/overlaps/marks/${a}/${b}`)).statusCode).toBe(403);
    expect((await organizer.delete(`/api/v1/overlaps/marks/${a}/${b}`)).statusCode).toBe(204);
    expect((await organizer.delete(`/api/v1/overlaps/marks/${a}/${b}`)).statusCode).toBe(404);
    expect(((await gov.get(`/api/v1/posts/${duplicate}/similar`)).json() as Suggestion[]).map((s) => s.post.id)).toContain(shelters());
    expect(await t.app.db.selectFrom('audit_events').select('id').where('action', '=', 'overlap.unmarked').execute()).toHaveLength(1);
  });
});
