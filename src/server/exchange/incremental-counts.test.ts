// Counts brought up to date by counting only the posts added since (incremental-counts.ts) must
// equal counts made afresh, for every demo account, for searches and filtered lists, whatever the
// added posts' audience, organization or hidden state; and anything but adding must count afresh.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrincipal } from '../auth/sessions.js';
import type { Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { boundedCountsQuery, countsWithSource, visiblePosts } from './post-queries.js';
import type { ListPostsFilters } from './post-schemas.js';

let t: TestApp;
let db: Kysely<Database>;
const actors: Actor[] = [];
let gov: TestClient, io: TestClient, cso: TestClient;

const FILTERS: ListPostsFilters[] = [
  { q: 'labour inspection' },
  { kind: ['ta_request'] },
  { region: ['150'] },
  { q: 'training', area: ['criminal_justice'] },
  { country: ['NG'], theme: ['prosecution'] },
];

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  const users = await db.selectFrom('users').select('id').where('email', 'like', '%@demo.test').execute();
  for (const u of users) actors.push((await loadPrincipal(db, u.id))!);
  [gov, io, cso] = await Promise.all(['government@demo.test', 'io@demo.test', 'cso@demo.test'].map((e) => t.signIn(e))) as [TestClient, TestClient, TestClient];
});
afterAll(async () => t?.close());

/** Counted afresh, straight from the posts the actor may see. */
async function fresh(actor: Actor, filters: ListPostsFilters) {
  const rows = (await boundedCountsQuery(visiblePosts(db, actor, filters)).execute(db)).rows;
  const facets: Record<string, Record<string, number>> = { kind: {}, region: {}, area: {}, theme: {} };
  let total = 0;
  for (const r of rows) {
    if (r.dimension === 'total') total = r.n;
    else if (r.dimension === 'geo') {
      if (/^\d{3}$/.test(r.code)) facets.region![r.code] = r.n;
    } else facets[r.dimension]![r.code] = r.n;
  }
  return { total, totalExact: true, facets };
}

async function post(client: TestClient, body: Record<string, unknown>): Promise<string> {
  const res = await client.post('/api/v1/posts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function addSomePosts() {
  const stamp = Math.random().toString(36).slice(2, 8);
  const ids = [
    // Restricted to the full tier: must never be added to a partial-tier reader's counts.
    await post(gov, { kind: 'ta_request', title: `Labour inspection training ${stamp}`, body: 'Training for labour inspection teams on forced labour.', countries: ['ng'], regions: ['150'], areas: ['criminal_justice'], themes: ['prosecution'], audience: 'full' }),
    await post(gov, { kind: 'ta_request', title: `Prosecutor training ${stamp}`, body: 'Training prosecutors on trafficking cases.', countries: ['ng'], areas: ['criminal_justice'], themes: ['prosecution'], audience: 'all' }),
    await post(io, { kind: 'pipeline_project', title: `Regional labour inspection programme ${stamp}`, body: 'Labour inspection and training across Europe.', regions: ['150'], areas: ['criminal_justice'], audience: 'full' }),
    await post(cso, { kind: 'project_idea', title: `Shelter network training ${stamp}`, body: 'Training shelter staff; labour inspection referrals.', regions: ['150'], themes: ['protection'], areas: ['victim_protection'], audience: 'all' }),
  ];
  return ids;
}

describe('counts brought up to date with the posts added since', () => {
  it('equal counts made afresh for every demo account and filter, and come from the added posts only', async () => {
    for (const actor of actors) for (const f of FILTERS) await countsWithSource(db, actor, f);
    await addSomePosts();
    // A post hidden by the organizers in the same stretch: it was added and changed since, so it is
    // counted as it is now (hidden) and the counts still only add.
    const hiddenNow = await post(cso, { kind: 'project_idea', title: 'Labour inspection training idea to hide', body: 'Training on labour inspection.', regions: ['150'], audience: 'all' });
    await db.updateTable('posts').set({ hidden_at: new Date(), hidden_reason: 'test' }).where('id', '=', hiddenNow).execute();

    const sources = new Set<string>();
    for (const actor of actors) {
      for (const f of FILTERS) {
        const { counts, source } = await countsWithSource(db, actor, f);
        sources.add(source);
        expect({ actor: actor.id, f, counts }).toEqual({ actor: actor.id, f, counts: await fresh(actor, f) });
      }
    }
    // Accounts of one organization share their counts ('same' for the second one); none counted afresh.
    expect(sources.has('added')).toBe(true);
    expect(sources.has('full')).toBe(false);
  });

  it('answers the known counts while nothing changed', async () => {
    const actor = actors[0]!;
    await countsWithSource(db, actor, FILTERS[0]!);
    expect((await countsWithSource(db, actor, FILTERS[0]!)).source).toBe('same');
  });

  it('counts afresh after an older post is edited, hidden, opened to all or deleted', async () => {
    const older = await db.selectFrom('posts').select('id').where('is_demo', '=', true).orderBy('created_at').limit(4).execute();
    const changes: (() => Promise<unknown>)[] = [
      () => db.updateTable('posts').set({ hidden_at: new Date(), hidden_reason: 'test' }).where('id', '=', older[0]!.id).execute(),
      () => db.updateTable('posts').set({ audience: 'all' }).where('id', '=', older[1]!.id).execute(),
      () => db.updateTable('posts').set({ areas: ['criminal_justice'] }).where('id', '=', older[2]!.id).execute(),
      () => db.deleteFrom('posts').where('id', '=', older[3]!.id).execute(),
    ];
    for (const change of changes) {
      for (const actor of actors) for (const f of FILTERS) await countsWithSource(db, actor, f);
      await change();
      const sources = new Set<string>();
      for (const actor of actors) {
        for (const f of FILTERS) {
          const { counts, source } = await countsWithSource(db, actor, f);
          sources.add(source);
          expect(counts).toEqual(await fresh(actor, f));
        }
      }
      expect(sources.has('full')).toBe(true);
      expect(sources.has('added')).toBe(false);
    }
  });

  it('counts afresh when the log has a gap', async () => {
    const actor = actors[0]!;
    await countsWithSource(db, actor, FILTERS[1]!);
    await addSomePosts();
    const newest = await db.selectFrom('post_changes').select(sql<string>`max(version)::text`.as('v')).executeTakeFirstOrThrow();
    await db.deleteFrom('post_changes').where('version', '=', newest.v).execute();
    const { counts, source } = await countsWithSource(db, actor, FILTERS[1]!);
    expect(source).toBe('full');
    expect(counts).toEqual(await fresh(actor, FILTERS[1]!));
  });

  it('logs one row per changing statement with the ids it touched, under the version it made', async () => {
    const before = await db.selectFrom('meta').select('value').where('key', '=', 'posts_version').executeTakeFirstOrThrow();
    const id = await post(cso, { kind: 'project_idea', title: 'A logged idea', body: 'Logged.', regions: ['150'], audience: 'all' });
    const after = await db.selectFrom('meta').select('value').where('key', '=', 'posts_version').executeTakeFirstOrThrow();
    const log = await db.selectFrom('post_changes').select(['version', 'op', sql<string[]>`ids::text[]`.as('ids')]).where('version', '>', before.value).orderBy('version').execute();
    expect(log.length).toBe(Number(after.value) - Number(before.value));
    expect(log[0]).toMatchObject({ op: 'insert', ids: [id] });
  });
});
