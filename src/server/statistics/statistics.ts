// Measures of the Forum's purpose, computed over exactly the posts the user may see: every count
// here starts from `visiblePosts(...)`, so a partial-tier user's figures are those of the posts
// they can list, and a full-audience post never shows in them, not even as a number.
import { sql, type Kysely } from 'kysely';
import { REGIONS } from '../../shared/taxonomy/index.js';
import type { Actor } from '../access/index.js';
import { cooperativelyDeveloped } from '../coordination/projects.js';
import type { Database } from '../db/schema.js';
import { gapSql, pledgedSql, seekingFunding, targetSql } from '../donors/funding.js';
import { VersionedCache } from '../exchange/versioned-cache.js';
import { visiblePosts } from '../exchange/post-queries.js';

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

async function computeStatistics(db: Kysely<Database>, actor: Actor) {
  const base = () => visiblePosts(db, actor, {});
  const unnested = (column: 'p.geo' | 'p.areas') =>
    db
      .selectFrom(base().select(sql<string>`unnest(${sql.ref(column)})`.as('code')).as('t'))
      .select(['t.code', sql<number>`count(*)::int`.as('n')])
      .groupBy('t.code')
      .execute();
  // As semi-joins against one set each, not a subquery per post (100,000 posts: 8 ms instead of 500).
  const acceptedOffer = sql<boolean>`p.id in (select f.post_id from offers f where f.status = 'accepted')`;
  const cooperative = sql<boolean>`p.id in (select pp.post_id from post_partners pp group by pp.post_id having count(distinct pp.organization_id) >= 2)`;

  // Overlaps (from the overlap feature's tables): pairs the scan has found or organizers have
  // marked, counted only when the user may see both posts of the pair.
  const visibleIds = () => base().select('p.id');
  const [total, kinds, geo, areas, requests, coopProjects, coopPosts, funding, overlapsFound, overlapsResolved] = await Promise.all([
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base().select(['p.kind as code', sql<number>`count(*)::int`.as('n')]).groupBy('p.kind').execute(),
    unnested('p.geo'),
    unnested('p.areas'),
    base()
      .where('p.kind', '=', 'ta_request')
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`(count(*) filter (where p.status in ('in_progress', 'closed') or ${acceptedOffer}))::int`.as('answered'),
        sql<number>`(count(*) filter (where p.status = 'open' and not ${acceptedOffer}))::int`.as('unanswered'),
        sql<number>`(count(*) filter (where p.status = 'withdrawn' and not ${acceptedOffer}))::int`.as('withdrawn'),
      ])
      .executeTakeFirstOrThrow(),
    // Projects: the coordination feature's definition (also shown on each project's page).
    base().where(cooperativelyDeveloped).select(sql<number>`count(*)::int`.as('projects')).executeTakeFirstOrThrow(),
    base().where(cooperative).select(sql<number>`count(*)::int`.as('posts')).executeTakeFirstOrThrow(),
    db
      .selectFrom(
        base()
          .where(seekingFunding)
          .select(['p.budget_currency as currency', targetSql.as('target'), pledgedSql.as('pledged'), gapSql.as('gap')])
          .as('f'),
      )
      .select([
        'f.currency',
        sql<number>`count(*)::int`.as('projects'),
        sql<string>`coalesce(sum(f.target), 0)::numeric(18, 2)`.as('sought'),
        sql<string>`coalesce(sum(f.pledged), 0)::numeric(18, 2)`.as('pledged'),
        sql<string>`coalesce(sum(f.gap), 0)::numeric(18, 2)`.as('gap'),
      ])
      .groupBy('f.currency')
      .orderBy('f.currency')
      .execute(),
    db
      .selectFrom(db.selectFrom('overlap_pairs').select(['post_a', 'post_b']).union(db.selectFrom('overlap_marks').select(['post_a', 'post_b'])).as('x'))
      .select(sql<number>`count(*)::int`.as('n'))
      .where('x.post_a', 'in', visibleIds())
      .where('x.post_b', 'in', visibleIds())
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('overlap_marks as m')
      .select(['m.mark', sql<number>`count(*)::int`.as('n')])
      .where('m.post_a', 'in', visibleIds())
      .where('m.post_b', 'in', visibleIds())
      .groupBy('m.mark')
      .execute(),
  ]);

  const marks = Object.fromEntries(overlapsResolved.map((r) => [r.mark, r.n]));
  const withCurrency = funding.filter((f) => f.currency !== null);
  return {
    posts: {
      total: total.n,
      byKind: toRecord(kinds),
      // geo holds countries too; these are the UN M49 regions (each post counts once in every region it lies in).
      byRegion: toRecord(geo.filter((r) => M49.has(r.code))),
      byArea: toRecord(areas),
    },
    requests: { total: requests.total, answered: requests.answered, unanswered: requests.unanswered, withdrawn: requests.withdrawn },
    cooperation: { projects: coopProjects.projects, posts: coopPosts.posts },
    overlaps: { found: overlapsFound.n, resolved: (marks.related ?? 0) + (marks.not_duplicate ?? 0), related: marks.related ?? 0, notDuplicate: marks.not_duplicate ?? 0 },
    funding: {
      projectsSeeking: funding.reduce((n, f) => n + f.projects, 0),
      projectsWithoutBudget: funding.filter((f) => f.currency === null).reduce((n, f) => n + f.projects, 0),
      byCurrency: withCurrency.map((f) => ({ currency: f.currency!.trim(), projects: f.projects, sought: f.sought, pledged: f.pledged, gap: f.gap })),
    },
  };
}
