// The tallies the database keeps (migration 0011) against counting the posts themselves: for every
// demo account, every dimension and code, after inserts, edits of each tallied column, hiding,
// audience changes and deletes made straight in the database (as another server or a bulk job
// would), the sums an actor may read from the tallies equal counts over visiblePosts. This is the
// test that openTalliesFilter / ownRestTalliesFilter agree with visiblePostsFilter.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrincipal } from '../auth/sessions.js';
import type { Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { seekingFunding, targetSql } from '../donors/funding.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { boundedCountsQuery, COUNT_BOUND, talliesQuery, visiblePosts } from './post-queries.js';

let t: TestApp;
let db: Kysely<Database>;
const actors: Actor[] = [];
const byEmail = new Map<string, Actor>();

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  const users = await db.selectFrom('users').select(['id', 'email']).where('email', 'like', '%@demo.test').execute();
  for (const u of users) {
    const actor = (await loadPrincipal(db, u.id))!;
    actors.push(actor);
    byEmail.set(u.email, actor);
  }
});
afterAll(async () => t?.close());

type Row = { dimension: string; code: string; n: number; amount: string };
const key = (r: { dimension: string; code: string }) => `${r.dimension}:${r.code}`;

/** What the tallies say, as dimension:code -> [count, amount]. */
async function fromTallies(actor: Actor) {
  const rows = (await talliesQuery(db, actor, ['total', 'kind', 'kind_status', 'geo', 'area', 'theme', 'seeking']).execute()) as Row[];
  return Object.fromEntries(rows.map((r) => [key(r), [r.n, Number(r.amount).toFixed(2)]]));
}

/** The same counted from the posts the actor may see. */
async function fromPosts(actor: Actor) {
  const base = () => visiblePosts(db, actor, {});
  const unnest = (column: 'p.geo' | 'p.areas' | 'p.themes', dimension: string) =>
    db.selectFrom(base().select(sql<string>`unnest(${sql.ref(column)})`.as('code')).as('x')).select([sql.lit(dimension).as('dimension'), 'x.code', sql<number>`count(*)::int`.as('n'), sql<string>`0`.as('amount')]).groupBy('x.code');
  const rows = (await base()
    .select([sql.lit('total').as('dimension'), sql<string>`''`.as('code'), sql<number>`count(*)::int`.as('n'), sql<string>`0`.as('amount')])
    .unionAll(base().select([sql.lit('kind').as('dimension'), 'p.kind as code', sql<number>`count(*)::int`.as('n'), sql<string>`0`.as('amount')]).groupBy('p.kind'))
    .unionAll(base().select([sql.lit('kind_status').as('dimension'), sql<string>`p.kind || '/' || p.status`.as('code'), sql<number>`count(*)::int`.as('n'), sql<string>`0`.as('amount')]).groupBy(['p.kind', 'p.status']))
    .unionAll(unnest('p.geo', 'geo'))
    .unionAll(unnest('p.areas', 'area'))
    .unionAll(unnest('p.themes', 'theme'))
    .unionAll(
      base()
        .where(seekingFunding)
        .select([sql.lit('seeking').as('dimension'), sql<string>`coalesce(trim(p.budget_currency), '')`.as('code'), sql<number>`count(*)::int`.as('n'), sql<string>`coalesce(sum(${targetSql}), 0)`.as('amount')])
        .groupBy(sql`coalesce(trim(p.budget_currency), '')`),
    )
    .execute()) as Row[];
  return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [key(r), [r.n, Number(r.amount).toFixed(2)]]));
}

async function expectAgreement() {
  for (const actor of actors) {
    const [tallies, posts] = await Promise.all([fromTallies(actor), fromPosts(actor)]);
    expect(tallies, actor.id).toEqual(posts);
  }
}

describe('post tallies', () => {
  it('agree with counting the visible posts, for every demo account', async () => {
    expect(actors.length).toBeGreaterThan(10);
    // Both tiers and organizers are among them, and the tallies are not trivially empty.
    expect(new Set(actors.map((a) => a.tier)).size).toBe(2);
    expect((await fromTallies(actors[0]!))['total:']?.[0]).toBeGreaterThan(10);
    await expectAgreement();
  });

  it('follow inserts, edits of every tallied column, hiding, audience changes and deletes made in the database', async () => {
    const someone = await db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', 'cso@demo.test').executeTakeFirstOrThrow();
    const other = await db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', 'io@demo.test').executeTakeFirstOrThrow();
    const post = (i: number, by: typeof someone) => ({
      kind: (['project_idea', 'project_info', 'pipeline_project', 'ta_request'] as const)[i % 4],
      title: `Tally ${i}`,
      body: 'x',
      summary: 'x',
      body_html: '<p>x</p>',
      audience: (i % 3 === 0 ? 'full' : 'all') as 'full' | 'all',
      status: (['seeking_funding', 'open', 'draft', 'funded'] as const)[i % 4] as never,
      regions: i % 2 ? ['150'] : ['002', '019'],
      countries: i % 5 ? ['AT'] : [],
      geo: i % 2 ? ['150', ...(i % 5 ? ['AT'] : [])] : ['002', '019', ...(i % 5 ? ['AT'] : [])],
      areas: i % 2 ? ['prevention_awareness'] : ['victim_protection', 'criminal_justice'],
      themes: i % 3 ? ['labour'] : [],
      budget_amount: i % 2 ? '1000.50' : null,
      budget_currency: i % 2 ? (i % 4 === 1 ? 'EUR' : 'USD') : null,
      funding_sought: i % 4 === 1 ? '400.25' : null,
      organization_id: by.organization_id,
      author_id: by.id,
    });
    // One statement inserting many rows, as the seeding does.
    const ids = (await db.insertInto('posts').values(Array.from({ length: 12 }, (_, i) => post(i, i % 2 ? someone : other)) as never).returning('id').execute()).map((r) => r.id);
    await expectAgreement();
    await db.updateTable('posts').set({ hidden_at: new Date() }).where('id', 'in', ids.slice(0, 3)).execute();
    await db.updateTable('posts').set({ audience: 'full' }).where('id', 'in', ids.slice(3, 6)).execute();
    await db.updateTable('posts').set({ areas: ['prevention_awareness', 'legislation'], themes: [], geo: ['142', 'TH'], regions: ['142'], countries: ['TH'] }).where('id', 'in', ids.slice(6, 8)).execute();
    await db.updateTable('posts').set({ status: 'funded' as never, funding_sought: null }).where('id', 'in', ids.slice(8, 10)).execute();
    await db.updateTable('posts').set({ revision: 2 }).where('id', '=', ids[10]!).execute();
    await expectAgreement();
    await db.deleteFrom('posts').where('id', 'in', ids.slice(0, 5)).execute();
    await expectAgreement();
  });

  it('count drafts only for their organization and co-authors (issue 13), through drafting, co-authorship and publishing', async () => {
    const cso = await db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', 'cso@demo.test').executeTakeFirstOrThrow();
    const gov = await db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', 'government@demo.test').executeTakeFirstOrThrow();
    const organizer = await db.selectFrom('users').select(['id', 'organization_id']).where('role', '=', 'organizer').where('email', 'like', '%@demo.test').executeTakeFirstOrThrow();
    const draft = (i: number, by: typeof cso, audience: 'all' | 'full') => ({
      kind: (['project_idea', 'pipeline_project', 'project_info'] as const)[i % 3],
      title: `Draft tally ${i}`,
      body: 'x', summary: 'x', body_html: '<p>x</p>', audience,
      status: 'seeking_funding' as never,
      regions: ['150'], countries: ['AT'], geo: ['150', 'AT'], areas: ['legislation'], themes: ['labour'],
      budget_amount: '250.00', budget_currency: 'EUR', funding_sought: null,
      organization_id: by.organization_id, author_id: by.id, published_at: null,
    });
    const ids = (await db.insertInto('posts').values([draft(0, gov, 'all'), draft(1, gov, 'full'), draft(2, cso, 'all'), draft(3, organizer, 'full')] as never).returning('id').execute()).map((r) => r.id);
    const before = await fromTallies(byEmail.get('io@demo.test')!);
    await expectAgreement();
    // Co-authorship lets the co-author count the draft its tier may see (a partial-tier co-author not the full-audience one).
    await db.insertInto('post_coauthors').values([ids[0]!, ids[1]!].map((post_id) => ({ post_id, organization_id: cso.organization_id, added_by: gov.id }))).execute();
    await expectAgreement();
    // Someone else's drafts change nothing in a third organization's counts.
    expect(await fromTallies(byEmail.get('io@demo.test')!)).toEqual(before);
    await db.updateTable('posts').set({ published_at: new Date() }).where('id', 'in', [ids[0]!, ids[3]!]).execute();
    await expectAgreement();
    expect((await fromTallies(byEmail.get('io@demo.test')!))['total:']![0]).toBe(Number(before['total:']![0]) + 2);
    await db.deleteFrom('posts').where('id', 'in', ids).execute();
    await expectAgreement();
  });

  it('give the unfiltered list its exact totals and facets', async () => {
    const cso = await t.signIn('cso@demo.test');
    const list = (await cso.get('/api/v1/posts?limit=1')).json();
    const actor = byEmail.get('cso@demo.test')!;
    const posts = await fromPosts(actor);
    expect(list.total).toBe(posts['total:']![0]);
    expect(list.totalExact).toBe(true);
    expect(list.facets.kind.project_idea ?? 0).toBe(posts['kind:project_idea']?.[0] ?? 0);
    expect(COUNT_BOUND).toBe(10_000);
  });

  it('count a search only up to the bound, and only posts the reader may see', async () => {
    const actor = byEmail.get('cso@demo.test')!;
    const all = (await visiblePosts(db, actor, {}).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const bounded = (await boundedCountsQuery(visiblePosts(db, actor, {}), 3).execute(db)).rows;
    expect(all).toBeGreaterThan(4);
    expect(bounded.find((r) => r.dimension === 'total')!.n).toBe(4);
    // Facets over the rows counted: lower bounds, never more than the rows looked at.
    expect(Object.values(bounded.filter((r) => r.dimension === 'kind')).reduce((s, r) => s + r.n, 0)).toBe(4);
    const exact = (await boundedCountsQuery(visiblePosts(db, actor, {}), 100_000).execute(db)).rows;
    expect(exact.find((r) => r.dimension === 'total')!.n).toBe(all);
  });
});
