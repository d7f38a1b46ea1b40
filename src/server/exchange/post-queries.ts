// Listing and searching posts. Every query here starts from `visiblePosts(actor)`, so what a user
// may not see is never listed, matched, counted or quoted in a snippet.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { visiblePostsFilter, type Actor } from '../access/index.js';
import { isUuid } from '../http/form-input.js';
import { problems } from '../http/problem.js';
import { VersionedCache } from './versioned-cache.js';
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
  'p.hidden_reason', 'p.is_demo', 'p.created_at', 'p.updated_at', 'p.summary',
] as const;

type Counts = { total: number; facets: Awaited<ReturnType<typeof facetCounts>> };
const counts = new VersionedCache<Counts>();

// Whole list answers, as JSON text. A list shows only columns of posts (which bump the posts
// version on every change) and the names of organizations and authors (which never change), so
// it is the same for everyone of one visibility class until the version moves.
const pages = new VersionedCache<string>();

/** One page of the list as JSON text, from the cache while no post has changed. */
export async function listPostsJson(db: Kysely<Database>, actor: Actor, filters: ListPostsFilters): Promise<string> {
  const version = await counts.postsVersion(db);
  const key = `${VersionedCache.visibilityKey(actor)}|${JSON.stringify(filters)}|${version}`;
  return pages.get(key, async () => JSON.stringify(await listPosts(db, actor, filters, version)));
}

export async function listPosts(db: Kysely<Database>, actor: Actor, filters: ListPostsFilters, knownVersion?: string) {
  const limit = filters.limit ?? 20;
  const q = filters.q?.trim() || null;
  const sort = filters.sort ?? (q ? 'relevance' : 'recent');
  if (sort === 'relevance' && !q) throw problems.validation([{ field: 'sort', pointer: '#/sort', detail: 'relevance needs a search text in q' }]);
  const cursor = decodeCursor(filters.cursor);
  const base = visiblePosts(db, actor, filters);

  let page = base
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('users as u', 'u.id', 'p.author_id')
    .select([...SUMMARY_COLUMNS, 'o.name as org_name', 'o.category as org_category', 'o.country as org_country', 'u.name as author_name'])
    .limit(limit + 1);
  if (sort === 'recent') {
    if (cursor?.at && cursor.id) page = page.where(sql<boolean>`(p.created_at, p.id) < (${new Date(cursor.at)}, ${cursor.id}::uuid)`);
    page = page.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc');
  } else {
    page = page
      .orderBy(sql`ts_rank(p.search, websearch_to_tsquery('english', ${q}))`, 'desc')
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id', 'desc')
      .offset(cursor?.offset ?? 0);
  }

  const { cursor: _c, sort: _s, limit: _l, ...countFilters } = filters;
  const [rows, version] = await Promise.all([page.execute(), knownVersion ?? counts.postsVersion(db)]);
  const countKey = `${VersionedCache.visibilityKey(actor)}|${JSON.stringify(countFilters)}|${version}`;
  const { total, facets } = await counts.get(countKey, async () => ({ total: await countPosts(base), facets: await facetCounts(db, base) }));
  const more = rows.length > limit;
  const items = rows.slice(0, limit) as unknown as (Omit<PostJoinRow, 'search' | 'body' | 'body_html' | 'geo' | 'hidden_by'> & { summary: string })[];
  const snippets = q ? await highlightedSnippets(db, items.map((r) => r.id), q) : new Map(items.map((r) => [r.id, escapeHtml(r.summary)]));
  const last = items.at(-1);
  const nextCursor = !more || !last ? null : sort === 'recent' ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : encodeCursor({ offset: (cursor?.offset ?? 0) + limit });
  return {
    items: items.map((row) => ({ ...serializeCommon(row), snippet: snippets.get(row.id) ?? '' })),
    nextCursor,
    total,
    facets,
  };
}

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

async function countPosts(base: PostsQuery): Promise<number> {
  const row = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** Counts per kind, region, area and theme, over exactly the posts that match and may be seen. */
async function facetCounts(db: Kysely<Database>, base: PostsQuery) {
  const byColumn = (column: 'p.areas' | 'p.themes' | 'p.geo') =>
    db
      .selectFrom(base.select(sql<string>`unnest(${sql.ref(column)})`.as('code')).as('t'))
      .select(['t.code', sql<number>`count(*)::int`.as('n')])
      .groupBy('t.code')
      .execute();
  const [kinds, regions, areas, themes] = await Promise.all([
    base.select(['p.kind as code', sql<number>`count(*)::int`.as('n')]).groupBy('p.kind').execute(),
    byColumn('p.geo'),
    byColumn('p.areas'),
    byColumn('p.themes'),
  ]);
  const toRecord = (rows: { code: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.code, r.n]));
  return {
    kind: toRecord(kinds),
    // geo holds countries too; the region facet counts M49 regions only.
    region: toRecord(regions.filter((r) => /^\d{3}$/.test(r.code))),
    area: toRecord(areas),
    theme: toRecord(themes),
  };
}
