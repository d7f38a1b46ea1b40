// Listing and searching posts. Every query here starts from `visiblePosts(actor)`, so what a user
// may not see is never listed, matched, counted or quoted in a snippet.
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { isUuid } from '../http/form-input.js';
import { draftTalliesCorrection, openTalliesFilter, ownRestTalliesFilter, visiblePostsFilter, type Actor } from '../access/index.js';
import { problems } from '../http/problem.js';
import { VersionedCache } from './versioned-cache.js';
import { upToDate, type CountSource } from './incremental-counts.js';
import { markdownToText } from './markdown.js';
import { serializeCommon, type PostJoinRow } from './post-model.js';
import type { ListPostsFilters } from './post-schemas.js';

type PostsQuery = SelectQueryBuilder<Database & { p: Database['posts'] }, 'p', object>;

/** The posts this actor may see, narrowed by the filters. The base of every list and count. */
export function visiblePosts(db: Kysely<Database>, actor: Actor, filters: ListPostsFilters): PostsQuery {
  let query = db.selectFrom('posts as p').where(visiblePostsFilter(actor)) as unknown as PostsQuery;
  const tsQuery = filters.q?.trim() ? sql`websearch_to_tsquery('english', ${filters.q.trim()})` : null;
  if (tsQuery) query = query.where(sql<boolean>`p.search @@ ${tsQuery}`);
  if (filters.kind?.length) query = query.where('p.kind', 'in', filters.kind);
  if (filters.status?.length) query = query.where('p.status', 'in', filters.status);
  if (filters.organization) query = query.where('p.organization_id', '=', filters.organization);
  if (filters.hidden !== undefined) query = query.where('p.hidden_at', filters.hidden ? 'is not' : 'is', null);
  // Within one dimension any of the chosen codes matches; across dimensions all must.
  const geo = [...(filters.region ?? []), ...(filters.country ?? []).map((c) => c.toUpperCase())];
  if (geo.length) query = query.where(sql<boolean>`p.geo && ${sql.val(geo)}::text[]`);
  if (filters.area?.length) query = query.where(sql<boolean>`p.areas && ${sql.val(filters.area)}::text[]`);
  if (filters.theme?.length) query = query.where(sql<boolean>`p.themes && ${sql.val(filters.theme)}::text[]`);
  if (filters.exploitation?.length) query = query.where(sql<boolean>`p.exploitation && ${sql.val(filters.exploitation)}::text[]`);
  if (filters.from && filters.to && filters.from > filters.to) throw problems.validation([{ field: 'to', pointer: '#/to', detail: 'must not be before the start of the time span (from)' }]);
  // A time span: the post's planned period overlaps it (an open end on either side of the post's period reaches it).
  if (filters.from || filters.to) query = query.where((eb) => eb.or([eb('p.starts_on', 'is not', null), eb('p.ends_on', 'is not', null)]));
  if (filters.from) query = query.where((eb) => eb.or([eb('p.ends_on', 'is', null), eb('p.ends_on', '>=', filters.from!)]));
  if (filters.to) query = query.where((eb) => eb.or([eb('p.starts_on', 'is', null), eb('p.starts_on', '<=', filters.to!)]));
  return query;
}

interface Cursor {
  /** recent: position after (created_at, id); relevance: an offset into the ranking. */
  at?: string;
  id?: string;
  offset?: number;
}
const MAX_CURSOR_OFFSET = 1_000_000;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
/** A time between the years 1900 and 9000: what a post's creation time can be, and PostgreSQL can hold. */
const isPlausibleTime = (at: string): boolean => {
  const ms = Date.parse(at);
  return Number.isFinite(ms) && ms >= Date.UTC(1900, 0, 1) && ms < Date.UTC(9000, 0, 1);
};
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c !== 'object' || c === null) throw new Error('not an object');
    // Every part is checked as the query will use it: an offset within bigint (and far below), a time
    // PostgreSQL can hold, an id that is a uuid; and nothing else.
    if (Object.keys(c).some((k) => !['at', 'id', 'offset'].includes(k))) throw new Error('unknown part');
    if (c.offset !== undefined && !(Number.isSafeInteger(c.offset) && c.offset >= 0 && c.offset <= MAX_CURSOR_OFFSET)) throw new Error('bad offset');
    if ((c.at === undefined) !== (c.id === undefined)) throw new Error('half a position');
    if (c.at !== undefined && !(typeof c.at === 'string' && ISO_TIME.test(c.at) && isPlausibleTime(c.at))) throw new Error('bad time');
    if (c.id !== undefined && !(typeof c.id === 'string' && isUuid(c.id))) throw new Error('bad id');
    return c;
  } catch {
    throw problems.badRequest('invalid-cursor', 'The cursor is not one this server gave out. Start again from the first page.');
  }
}

// Marks around matches that cannot occur in text, replaced by <mark> after HTML-escaping.
const START = '\u0002';
const STOP = '\u0003';
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const markUp = (s: string) => escapeHtml(s).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');

const SUMMARY_COLUMNS = [
  'p.id', 'p.kind', 'p.title', 'p.audience', 'p.status', 'p.organization_id', 'p.author_id', 'p.regions', 'p.countries', 'p.areas', 'p.themes',
  'p.exploitation', 'p.budget_amount', 'p.budget_currency', 'p.funding_sought', 'p.starts_on', 'p.ends_on', 'p.revision', 'p.hidden_at',
  'p.hidden_reason', 'p.is_demo', 'p.created_at', 'p.updated_at', 'p.published_at', 'p.summary',
] as const;

/**
 * Totals and facets are exact up to this many matches. Beyond it the total reads "10,000+"
 * (`totalExact: false`) and each facet count is the number among the first matches found, a lower
 * bound: counting every one of tens of thousands of matches on every new search is what made
 * searches slow (issue 15). Only posts the user may see are ever counted, below or above the bound.
 */
export const COUNT_BOUND = 10_000;
/** Relevance ranks the newest this-many matches; "Load more" then goes on through older ones by date. */
export const RANK_WINDOW = 200;

type FacetRecord = Record<string, number>;
export interface Counts {
  total: number;
  totalExact: boolean;
  facets: { kind: FacetRecord; region: FacetRecord; area: FacetRecord; theme: FacetRecord };
}
const counts = new VersionedCache<Counts>();

// First pages of the list, as JSON text. A list shows only columns of posts (which bump the posts
// version on every change) and the names of organizations and authors (which never change), so
// it is the same for everyone of one visibility class until the version moves. Pages further on
// ("Load more" from a cursor) are seldom asked twice and are not kept.
const pages = new VersionedCache<string>(300);

/** One page of the list as JSON text, from the cache while no post has changed. */
export async function listPostsJson(db: Kysely<Database>, actor: Actor, filters: ListPostsFilters): Promise<string> {
  if (filters.cursor) return JSON.stringify(await listPosts(db, actor, filters));
  const version = await counts.postsVersion(db);
  const key = `${VersionedCache.visibilityKey(actor)}|${JSON.stringify(filters)}|${version}`;
  return pages.get(key, async () => JSON.stringify(await listPosts(db, actor, filters, version)));
}

/** No search text and no filter: the totals and facets are sums of the tallies the database keeps. */
function unfiltered(filters: ListPostsFilters): boolean {
  const { cursor: _c, sort: _s, limit: _l, q, ...rest } = filters;
  return !q?.trim() && Object.values(rest).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/**
 * Totals and facets of the unfiltered list: sums of the tallies the database keeps (migration
 * 0011), exact: the tier's share from post_tallies_all (a few hundred rows) plus the reader's own
 * organization's hidden or restricted posts from post_tallies, plus or minus the few drafts the
 * tallies count otherwise than the reader sees them (access/rules/posts.ts, draftTalliesCorrection).
 */
export function talliesQuery(db: Kysely<Database>, actor: Actor, dimensions: Database['post_tallies']['dimension'][] = ['total', 'kind', 'geo', 'area', 'theme']) {
  const open = db.selectFrom('post_tallies_all as a').where(openTalliesFilter(actor)).where('a.dimension', 'in', dimensions).select(['a.dimension', 'a.code', 'a.n', 'a.amount']);
  const ownRest = ownRestTalliesFilter(actor);
  const withOwn = ownRest ? open.unionAll(db.selectFrom('post_tallies as t').where(ownRest).where('t.dimension', 'in', dimensions).select(['t.dimension', 't.code', 't.n', 't.amount'])) : open;
  const parts = withOwn.unionAll(db.selectFrom(draftTallies(db, actor).as('d')).where('d.dimension', 'in', dimensions).select(['d.dimension', 'd.code', 'd.n', 'd.amount']));
  return db
    .selectFrom(parts.as('x'))
    .select(['x.dimension', 'x.code', sql<number>`sum(x.n)::int`.as('n'), sql<string>`sum(x.amount)::numeric(18, 2)`.as('amount')])
    .groupBy(['x.dimension', 'x.code'])
    .having(sql<number>`sum(x.n)`, '>', 0);
}

/** The drafts of draftTalliesCorrection, expanded like the tallies (migration 0052's `expand`), with their sign. */
function draftTallies(db: Kysely<Database>, actor: Actor) {
  const { sign, filter } = draftTalliesCorrection(actor);
  const drafts = db.selectFrom('posts as p').where(filter).select(['p.kind', 'p.status', 'p.geo', 'p.areas', 'p.themes', 'p.budget_currency', 'p.funding_sought', 'p.budget_amount']);
  const s = sql.lit(sign);
  // Word for word the SEEKING predicate of migrations 0011 and 0052.
  const seeking = sql`d.kind in ('pipeline_project', 'project_idea', 'project_info') and (d.status = 'seeking_funding' or (d.funding_sought is not null and d.status not in ('funded', 'completed', 'withdrawn')))`;
  return sql<{ dimension: Database['post_tallies']['dimension']; code: string; n: number; amount: string }>`(
    with d as materialized (${drafts})
    select 'total'::text as dimension, ''::text as code, (${s} * count(*))::int as n, 0::numeric as amount from d
    union all select 'kind', d.kind, (${s} * count(*))::int, 0 from d group by d.kind
    union all select 'kind_status', d.kind || '/' || d.status, (${s} * count(*))::int, 0 from d group by d.kind, d.status
    union all select 'geo', g.code, (${s} * count(*))::int, 0 from d cross join lateral unnest(d.geo) as g(code) group by g.code
    union all select 'area', a.code, (${s} * count(*))::int, 0 from d cross join lateral unnest(d.areas) as a(code) group by a.code
    union all select 'theme', h.code, (${s} * count(*))::int, 0 from d cross join lateral unnest(d.themes) as h(code) group by h.code
    union all select 'seeking', coalesce(trim(d.budget_currency), ''), (${s} * count(*))::int, ${s} * sum(coalesce(d.funding_sought, d.budget_amount, 0)) from d where ${seeking} group by coalesce(trim(d.budget_currency), '')
  )`;
}

/** Totals and facets of a search or filtered list, in one pass over at most COUNT_BOUND + 1 matches. */
export function boundedCountsQuery(base: PostsQuery, bound = COUNT_BOUND) {
  const matches = base.select(['p.kind', 'p.geo', 'p.areas', 'p.themes']).limit(bound + 1);
  return sql<{ dimension: string; code: string; n: number }>`
    with m as materialized (${matches})
    select 'total' as dimension, '' as code, count(*)::int as n from m
    union all select 'kind', m.kind, count(*)::int from m group by m.kind
    union all select 'geo', g.code, count(*)::int from m cross join lateral unnest(m.geo) as g(code) group by g.code
    union all select 'area', a.code, count(*)::int from m cross join lateral unnest(m.areas) as a(code) group by a.code
    union all select 'theme', h.code, count(*)::int from m cross join lateral unnest(m.themes) as h(code) group by h.code`;
}

function countsOf(rows: { dimension: string; code: string; n: number }[], bounded: boolean): Counts {
  const facets: Counts['facets'] = { kind: {}, region: {}, area: {}, theme: {} };
  let total = 0;
  for (const r of rows) {
    if (r.dimension === 'total') total = r.n;
    else if (r.dimension === 'kind') facets.kind[r.code] = r.n;
    // geo holds countries too; the region facet counts M49 regions only.
    else if (r.dimension === 'geo') {
      if (/^\d{3}$/.test(r.code)) facets.region[r.code] = r.n;
    } else if (r.dimension === 'area') facets.area[r.code] = r.n;
    else if (r.dimension === 'theme') facets.theme[r.code] = r.n;
  }
  if (bounded && total > COUNT_BOUND) return { total: COUNT_BOUND, totalExact: false, facets };
  return { total, totalExact: true, facets };
}

/** Counts made from a few posts (those added since) added to counts known before. */
function addCounts(known: Counts, added: Counts): Counts {
  const facets: Counts['facets'] = { kind: { ...known.facets.kind }, region: { ...known.facets.region }, area: { ...known.facets.area }, theme: { ...known.facets.theme } };
  for (const dimension of Object.keys(facets) as (keyof Counts['facets'])[]) {
    for (const [code, n] of Object.entries(added.facets[dimension])) facets[dimension][code] = (facets[dimension][code] ?? 0) + n;
  }
  const total = known.total + added.total;
  // Past the bound the total stays "10,000+" and facets stay lower bounds, as when counted afresh.
  if (!known.totalExact || total > COUNT_BOUND) return { total: COUNT_BOUND, totalExact: false, facets };
  return { total, totalExact: true, facets };
}

/** Totals and facets of a filtered list or search, counted afresh in the given transaction. */
async function boundedCounts(tx: Transaction<Database>, filters: ListPostsFilters, base: PostsQuery): Promise<Counts> {
  // A search: the matches come from the GIN index (a bitmap of them, exact for plain words). With a
  // bound, the planner may prefer reading the table in order and testing each row's search
  // vector, which must then be fetched from TOAST storage: 20 times the pages at 100,000 posts.
  if (filters.q?.trim()) {
    await sql`set local enable_seqscan = off`.execute(tx);
    await sql`set local enable_indexscan = off`.execute(tx);
  }
  return countsOf((await boundedCountsQuery(base).execute(tx)).rows, true);
}

/**
 * Totals and facets of a list. Unfiltered: sums of the tallies. Filtered or searched: the counts
 * this server last made for the same reader class and filters, brought up to date by counting
 * only the posts added since (incremental-counts.ts), or counted afresh.
 */
export async function countsWithSource(db: Kysely<Database>, actor: Actor, filters: ListPostsFilters, base: PostsQuery = visiblePosts(db, actor, filters)): Promise<{ counts: Counts; source: CountSource | 'tallies' }> {
  if (unfiltered(filters)) return { counts: countsOf(await talliesQuery(db, actor).execute(), false), source: 'tallies' };
  const { value, source } = await upToDate<Counts>(db, `${VersionedCache.visibilityKey(actor)}|${JSON.stringify(filters)}`, {
    full: (tx) => boundedCounts(tx, filters, base),
    // The same visible-posts query, narrowed to the added posts: the tier wall is the same filter.
    add: async (tx, known, ids) => (ids.length ? addCounts(known, countsOf((await boundedCountsQuery(base.where('p.id', 'in', ids)).execute(tx)).rows, true)) : known),
  });
  return { counts: value, source };
}

async function countsFor(db: Kysely<Database>, actor: Actor, filters: ListPostsFilters, base: PostsQuery): Promise<Counts> {
  return (await countsWithSource(db, actor, filters, base)).counts;
}

/**
 * The filters each facet is counted without: a facet's counts ignore that facet's own selection
 * (ticking one Kind keeps the other Kinds' counts, choosing a country keeps the other regions'),
 * while every other filter applies, as usual for faceted search. Countries and regions are one
 * dimension (geo), as in the filter.
 */
const FACET_FILTERS = [
  ['kind', ['kind']],
  ['region', ['region', 'country']],
  ['area', ['area']],
  ['theme', ['theme']],
] as const satisfies readonly (readonly [keyof Counts['facets'], readonly (keyof ListPostsFilters)[]])[];

/** Total and facets of a list, each facet without its own selection; every part from the cache while no post changed. */
async function facetedCounts(db: Kysely<Database>, actor: Actor, filters: ListPostsFilters, base: PostsQuery, version: string): Promise<Counts> {
  const cached = (f: ListPostsFilters, query: () => PostsQuery) =>
    counts.get(`${VersionedCache.visibilityKey(actor)}|${JSON.stringify(f)}|${version}`, () => countsFor(db, actor, f, query()));
  const chosen = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== undefined);
  const selected = FACET_FILTERS.filter(([, fields]) => fields.some((field) => chosen(filters[field])));
  const [own, ...others] = await Promise.all([
    cached(filters, () => base),
    ...selected.map(([, fields]) => {
      const without: ListPostsFilters = { ...filters };
      for (const field of fields) delete without[field];
      return cached(without, () => visiblePosts(db, actor, without));
    }),
  ]);
  const facets = { ...own!.facets };
  selected.forEach(([dimension], i) => (facets[dimension] = others[i]!.facets[dimension]));
  return { ...own!, facets };
}

const pageColumns = [...SUMMARY_COLUMNS, 'o.name as org_name', 'o.category as org_category', 'o.country as org_country', 'u.name as author_name'] as const;

/** The newest matches first, after a (created_at, id) position: keyset pagination on posts_recent_idx. */
function recentPage(base: PostsQuery, limit: number, after: { at: string; id: string } | null) {
  let page = base
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('users as u', 'u.id', 'p.author_id')
    .select(pageColumns)
    .limit(limit + 1);
  if (after) page = page.where(sql<boolean>`(p.created_at, p.id) < (${new Date(after.at)}, ${after.id}::uuid)`);
  return page.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc');
}

/**
 * Relevance: ts_rank over the newest RANK_WINDOW matches only (found through the GIN index or the
 * date index, whichever the planner prefers), never over every match; `window_n` says how many
 * candidates there were.
 */
function relevancePage(db: Kysely<Database>, base: PostsQuery, q: string, limit: number, offset: number) {
  const candidates = base
    .select(['p.id', 'p.created_at', sql<number>`ts_rank(p.search, websearch_to_tsquery('english', ${q}))`.as('rank')])
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(RANK_WINDOW);
  return db
    .selectFrom(candidates.as('c'))
    .innerJoin('posts as p', 'p.id', 'c.id')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('users as u', 'u.id', 'p.author_id')
    .select(pageColumns)
    .select(sql<number>`count(*) over ()`.as('window_n'))
    .orderBy('c.rank', 'desc')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(offset)
    .limit(limit + 1);
}

/** The queries behind one list and one search, for bench/explain.ts (EXPLAIN ANALYZE). */
export function explainQueries(db: Kysely<Database>, actor: Actor, q: string) {
  const randomPoint = { at: new Date(Date.now() - 200 * 86_400_000).toISOString(), id: '00000000-0000-4000-8000-000000000000' };
  return {
    'list page ("Load more" from a point)': recentPage(visiblePosts(db, actor, {}), 20, randomPoint),
    'list totals and facets (tallies)': talliesQuery(db, actor),
    'filtered list page (kind)': recentPage(visiblePosts(db, actor, { kind: ['project_idea'] }), 20, randomPoint),
    'filtered list counts (bounded)': boundedCountsQuery(visiblePosts(db, actor, { kind: ['project_idea'] })),
    [`search page (relevance, "${q}")`]: relevancePage(db, visiblePosts(db, actor, { q }), q, 20, 0),
    [`search counts (bounded, "${q}")`]: boundedCountsQuery(visiblePosts(db, actor, { q })),
  };
}

export async function listPosts(db: Kysely<Database>, actor: Actor, filters: ListPostsFilters, knownVersion?: string) {
  const limit = filters.limit ?? 20;
  const q = filters.q?.trim() || null;
  const sort = filters.sort ?? (q ? 'relevance' : 'recent');
  if (sort === 'relevance' && !q) throw problems.validation([{ field: 'sort', pointer: '#/sort', detail: 'relevance needs a search text in q' }]);
  const cursor = decodeCursor(filters.cursor);
  const base = visiblePosts(db, actor, filters);

  // Relevance ranks a window of the newest matches; past it (a cursor with a position) the pages
  // go on by date, so every match can still be reached.
  const byDate = sort === 'recent' || (cursor?.at !== undefined && cursor.id !== undefined);
  const offset = cursor?.offset ?? 0;
  const pageQuery = byDate ? recentPage(base, limit, cursor?.at && cursor.id ? { at: cursor.at, id: cursor.id } : null) : relevancePage(db, base, q!, limit, offset);

  const { cursor: _c, sort: _s, limit: _l, ...countFilters } = filters;
  const [rows, version] = await Promise.all([pageQuery.execute() as Promise<(PageRow & { window_n?: number })[]>, knownVersion ?? counts.postsVersion(db)]);
  const { total, totalExact, facets } = await facetedCounts(db, actor, countFilters, base, version);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const snippets = q ? await highlightedSnippets(db, items.map((r) => r.id), q) : new Map(items.map((r) => [r.id, escapeHtml(r.summary)]));
  const last = items.at(-1);
  let nextCursor: string | null = null;
  if (byDate) {
    if (more && last) nextCursor = encodeCursor({ at: last.created_at.toISOString(), id: last.id });
  } else if (more) {
    nextCursor = encodeCursor({ offset: offset + limit });
  } else if ((rows[0]?.window_n ?? 0) >= RANK_WINDOW) {
    // The ranked window is used up and there are older matches: go on from its oldest candidate.
    const oldest = await base.select(['p.created_at', 'p.id']).orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').offset(RANK_WINDOW - 1).limit(1).executeTakeFirst();
    if (oldest) nextCursor = encodeCursor({ at: oldest.created_at.toISOString(), id: oldest.id });
  }
  return {
    items: items.map((row) => ({ ...serializeCommon(row as never), snippet: snippets.get(row.id) ?? '' })),
    nextCursor,
    total,
    totalExact,
    facets,
  };
}

type PageRow = Omit<PostJoinRow, 'search' | 'body' | 'body_html' | 'geo' | 'hidden_by'> & { summary: string };

/** For a search, the passages of each listed post that matched, highlighted. */
async function highlightedSnippets(db: Kysely<Database>, ids: string[], q: string): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('posts')
    .select([
      'id',
      sql<string>`ts_headline('english', body, websearch_to_tsquery('english', ${q}), ${`StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`})`.as('headline'),
    ])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, markUp(markdownToText(r.headline))]));
}
