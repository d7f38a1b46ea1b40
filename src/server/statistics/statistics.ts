// Measures of the Forum's purpose, computed over exactly the posts the user may see: every count
// here starts from `visiblePosts(...)`, so a partial-tier user's figures are those of the posts
// they can list, and a full-audience post never shows in them, not even as a number.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { REGIONS } from '../../shared/taxonomy/index.js';
import type { Actor } from '../access/index.js';
import { cooperativelyDeveloped } from '../coordination/projects.js';
import type { Database } from '../db/schema.js';
import { seekingFunding, targetSql } from '../donors/funding.js';
import { VersionedCache } from '../exchange/versioned-cache.js';
import { talliesQuery, visiblePosts } from '../exchange/post-queries.js';

const toRecord = (rows: { code: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.code.trim(), r.n]));
const M49 = new Set(REGIONS.map((r) => r.code));

type Statistics = Awaited<ReturnType<typeof computeStatistics>>;
const cache = new VersionedCache<Statistics>();

/**
 * The statistics, cached per visibility class under the two data versions the database bumps on
 * every change to posts and to the other tables counted (migrations 0003 and 0007): a cached
 * answer is only served while nothing it counts has changed, on any number of app servers.
 */
export async function statisticsFor(db: Kysely<Database>, actor: Actor): Promise<Statistics> {
  const versions = await db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['posts_version', 'statistics_version']).execute();
  const tag = versions.map((v) => `${v.key}=${v.value}`).sort().join(',');
  return cache.get(`${VersionedCache.visibilityKey(actor)}|${tag}`, () => computeStatistics(db, actor));
}

/** Exact decimal arithmetic on "123.45" amounts (cents as BigInt): no floating point near money. */
const cents = (amount: string | null | undefined) => {
  const [whole = '0', frac = ''] = (amount ?? '0').split('.');
  const negative = whole.startsWith('-');
  const value = BigInt(whole.replace('-', '') || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -value : value;
};
const money = (c: bigint) => {
  const negative = c < 0n;
  const abs = negative ? -c : c;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/**
 * Issue 15: every figure from the tallies the database keeps in the same transaction as each change
 * (migration 0011) or from small sets (accepted offers, partners, pledges, overlap pairs) joined to
 * the posts they concern, never from a pass over every visible post.
 */
/**
 * The queries behind the statistics, by name (bench/explain.ts explains them one by one).
 *
 * Each small set (accepted offers, partners and co-authors, pledges, overlap pairs and marks) is
 * read whole, and each of its rows asks "may this reader see this post?" through a correlated
 * subquery on posts_pkey, which PostgreSQL cannot turn into a join: the cost follows the size of
 * the set, never the number of posts. (As a semi-join, the planner hashed every visible post when
 * it misjudged a set's size: a pass over all 20,000 posts for an empty overlap table, seen in
 * bench/explain.ts; bench/stats-roles.ts times each kind of reader after a change.)
 */
export function statisticsQueries(db: Kysely<Database>, actor: Actor) {
  type Posts = ReturnType<typeof visiblePosts>;
  /** A value of the post in `column`, or null when the reader may not see it (or `narrow` excludes it). */
  const ofVisible = <T>(column: string, value: RawBuilder<T>, narrow: (q: Posts) => Posts = (q) => q) =>
    sql<T | null>`(${narrow(visiblePosts(db, actor, {})).select(value.as('v')).where(sql<boolean>`p.id = ${sql.ref(column)}`)})`;
  const visible = (column: string, narrow?: (q: Posts) => Posts) => sql<boolean>`${ofVisible(column, sql<number>`1`, narrow)} is not null`;

  const acceptedRequests = db
    .selectFrom('offers as f')
    .where('f.status', '=', 'accepted')
    .select(ofVisible('f.post_id', sql<string>`p.status`, (q) => q.where('p.kind', '=', 'ta_request')).as('status'))
    .distinctOn('f.post_id')
    .orderBy('f.post_id');
  const collaborators = db.selectFrom('post_partners as pp').select('pp.post_id').union(db.selectFrom('post_coauthors as pc').select('pc.post_id'));
  const cooperative = db.selectFrom('post_partners as pp').select('pp.post_id').groupBy('pp.post_id').having(sql<number>`count(distinct pp.organization_id)`, '>=', 2);
  const pledgeSums = db
    .selectFrom('pledges as g')
    .select(['g.post_id', 'g.currency', sql<string>`sum(g.amount)`.as('amount')])
    .where('g.status', '<>', 'withdrawn')
    .groupBy(['g.post_id', 'g.currency']);
  // Seeking funding, visible, and pledged in its budget's currency: its target (a value, possibly null).
  const seekingIn = (q: Posts) => q.where(seekingFunding).where(sql<boolean>`p.budget_currency = g.currency`);
  const pledges = db
    .selectFrom(pledgeSums.as('g'))
    .select([
      'g.currency',
      'g.amount',
      visible('g.post_id', seekingIn).as('counted'),
      ofVisible('g.post_id', sql<string | null>`${targetSql}`, seekingIn).as('target'),
    ]);
  const pairs = db.selectFrom('overlap_pairs').select(['post_a', 'post_b']).union(db.selectFrom('overlap_marks').select(['post_a', 'post_b']));
  return {
    tallies: talliesQuery(db, actor, ['total', 'kind', 'kind_status', 'geo', 'area', 'seeking']),
    // Requests with an accepted offer, per status (a few, from the offers).
    answeredByStatus: db
      .selectFrom(acceptedRequests.as('a'))
      .where('a.status', 'is not', null)
      .select([sql<string>`a.status`.as('status'), sql<number>`count(*)::int`.as('n')])
      .groupBy('a.status'),
    // Projects: the coordination feature's definition (also shown on each project's page).
    coopProjects: db
      .selectFrom(collaborators.as('c'))
      .where(visible('c.post_id', (q) => q.where(cooperativelyDeveloped)))
      .select(sql<number>`count(*)::int`.as('projects')),
    coopPosts: db.selectFrom(cooperative.as('c')).where(visible('c.post_id')).select(sql<number>`count(*)::int`.as('posts')),
    // Pledges in the budget's currency, and how much of the targets they cover, per currency.
    pledged: db
      .selectFrom(pledges.as('g'))
      .where('g.counted', '=', true)
      .select([
        sql<string>`g.currency`.as('currency'),
        sql<string>`sum(g.amount)::numeric(18, 2)`.as('pledged'),
        sql<string>`coalesce(sum(g.target - greatest(g.target - g.amount, 0)), 0)::numeric(18, 2)`.as('covered'),
      ])
      .groupBy('g.currency'),
    overlapsFound: db
      .selectFrom(pairs.as('x'))
      .select(sql<number>`count(*)::int`.as('n'))
      .where(visible('x.post_a'))
      .where(visible('x.post_b')),
    overlapsResolved: db
      .selectFrom('overlap_marks as m')
      .select(['m.mark', sql<number>`count(*)::int`.as('n')])
      .where(visible('m.post_a'))
      .where(visible('m.post_b'))
      .groupBy('m.mark'),
  };
}

async function computeStatistics(db: Kysely<Database>, actor: Actor) {
  const q = statisticsQueries(db, actor);
  const [tallies, answeredByStatus, coopProjects, coopPosts, pledged, overlapsFound, overlapsResolved] = await Promise.all([
    q.tallies.execute(),
    q.answeredByStatus.execute(),
    q.coopProjects.executeTakeFirstOrThrow(),
    q.coopPosts.executeTakeFirstOrThrow(),
    q.pledged.execute(),
    q.overlapsFound.executeTakeFirstOrThrow(),
    q.overlapsResolved.execute(),
  ]);

  const of = (dimension: string) => tallies.filter((t) => t.dimension === dimension);
  const n = (dimension: string, code: string) => tallies.find((t) => t.dimension === dimension && t.code === code)?.n ?? 0;
  const accepted = (status: string) => answeredByStatus.find((r) => r.status === status)?.n ?? 0;
  const requestsTotal = of('kind_status').filter((t) => t.code.startsWith('ta_request/')).reduce((sum, t) => sum + t.n, 0);
  const request = (status: string) => n('kind_status', `ta_request/${status}`);
  const marks = Object.fromEntries(overlapsResolved.map((r) => [r.mark, r.n]));
  const seeking = of('seeking');
  const withCurrency = seeking.filter((t) => t.code !== '').sort((a, b) => (a.code < b.code ? -1 : 1));
  return {
    posts: {
      total: n('total', ''),
      byKind: toRecord(of('kind')),
      // geo holds countries too; these are the UN M49 regions (each post counts once in every region it lies in).
      byRegion: toRecord(of('geo').filter((r) => M49.has(r.code))),
      byArea: toRecord(of('area')),
    },
    requests: {
      total: requestsTotal,
      answered: request('in_progress') + request('closed') + answeredByStatus.filter((r) => r.status !== 'in_progress' && r.status !== 'closed').reduce((sum, r) => sum + r.n, 0),
      unanswered: request('open') - accepted('open'),
      withdrawn: request('withdrawn') - accepted('withdrawn'),
    },
    cooperation: { projects: coopProjects.projects, posts: coopPosts.posts },
    overlaps: { found: overlapsFound.n, resolved: (marks.related ?? 0) + (marks.not_duplicate ?? 0), related: marks.related ?? 0, notDuplicate: marks.not_duplicate ?? 0 },
    funding: {
      projectsSeeking: seeking.reduce((sum, t) => sum + t.n, 0),
      projectsWithoutBudget: seeking.filter((t) => t.code === '').reduce((sum, t) => sum + t.n, 0),
      byCurrency: withCurrency.map((t) => {
        const p = pledged.find((r) => r.currency?.trim() === t.code);
        return { currency: t.code, projects: t.n, sought: money(cents(t.amount)), pledged: money(cents(p?.pledged ?? '0')), gap: money(cents(t.amount) - cents(p?.covered ?? '0')) };
      }),
    },
  };
}
