// The map's figures and the "who does what there" panel. Every count and every name starts from
// visiblePosts(...) with the list's own filters, so the map never shows more than Browse would:
// a country's figure is exactly the total of GET /api/v1/posts?country=XX with the same filters,
// a region's that of ?region=NNN (map.test.ts checks both, for every role). Under a country or
// region filter, the place replaces that filter and only places inside it are shown (insideGeoFilter).
import { sql, type Kysely } from 'kysely';
import { MAP_PLACE_POST_LIMIT, MAP_PROJECT_KINDS } from '../../shared/map.js';
import { countryName, isCountryCode, isRegionCode, regionByCode, regionsOfCountry } from '../../shared/taxonomy/index.js';
import type { Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { visiblePosts } from '../exchange/post-queries.js';
import type { ListPostsFilters } from '../exchange/post-schemas.js';

export type MapFilters = Omit<ListPostsFilters, 'cursor' | 'limit' | 'sort'>;

const isProjectKind = sql<boolean>`p.kind in (${sql.join(MAP_PROJECT_KINDS.map((k) => sql.lit(k)))})`;

/** Posts and projects per country (ISO alpha-2) and per UN M49 region, over the posts the actor may see. */
export async function mapCounts(db: Kysely<Database>, actor: Actor, filters: MapFilters) {
  const base = visiblePosts(db, actor, filters);
  // geo holds each post's countries and every region enclosing them, once each: counting a code
  // here counts exactly the posts a country or region filter of the list would match.
  const rows = await db
    .selectFrom(base.select([sql<string>`unnest(p.geo)`.as('code'), isProjectKind.as('project')]).as('t'))
    .select(['t.code', sql<number>`count(*)::int`.as('posts'), sql<number>`count(*) filter (where t.project)::int`.as('projects')])
    .groupBy('t.code')
    .execute();
  const totals = await base.select([sql<number>`count(*)::int`.as('posts'), sql<number>`count(*) filter (where ${isProjectKind})::int`.as('projects')]).executeTakeFirstOrThrow();
  const inside = insideGeoFilter(filters);
  const shown = rows.filter((r) => inside(r.code));
  const countries = shown.filter((r) => /^[A-Z]{2}$/.test(r.code)).sort((a, b) => b.posts - a.posts || a.code.localeCompare(b.code));
  const regions = shown.filter((r) => /^\d{3}$/.test(r.code)).sort((a, b) => a.code.localeCompare(b.code));
  return { total: totals, countries, regions };
}

/**
 * Which places the map shows under the list's country and region filters: the chosen countries,
 * and the countries and regions lying inside a chosen region. The list joins countries and regions
 * with "or", so a post tagged Nigeria and France matches a Europe filter; counting it for Nigeria
 * would give Nigeria a figure that no list shows. Inside the selection, a place's figure is exactly
 * the list's total with the place as its only country or region filter (every post there matches
 * the selection anyway), which is also what the panel of that place lists.
 */
export function insideGeoFilter(filters: Pick<MapFilters, 'country' | 'region'>): (code: string) => boolean {
  const regions = new Set(filters.region ?? []);
  const countries = new Set((filters.country ?? []).map((c) => c.toUpperCase()));
  if (regions.size === 0 && countries.size === 0) return () => true;
  const regionInside = (code: string) => {
    for (let r = regionByCode(code); r; r = r.parent === null ? undefined : regionByCode(r.parent)) if (regions.has(r.code)) return true;
    return false;
  };
  return (code) => (/^[A-Z]{2}$/.test(code) ? countries.has(code) || regionsOfCountry(code).some((r) => regions.has(r)) : regionInside(code));
}

export interface PlacePost {
  id: string;
  title: string;
  kind: string;
  status: string;
  /** lead, co-author, or the partner role (implementing_partner, donor, …). */
  role: string;
}

/** Who does what in one country or region: the organizations of the posts there, their posts, and possible overlaps. */
export async function placeDetail(db: Kysely<Database>, actor: Actor, code: string, filters: MapFilters) {
  const type: 'country' | 'region' | null = isCountryCode(code) ? 'country' : isRegionCode(code) ? 'region' : null;
  if (!type) throw problems.notFound('There is no country (ISO 3166-1 alpha-2) or UN M49 region with this code.');
  const name = type === 'country' ? (countryName(code) ?? code) : (regionByCode(code)?.name ?? code);
  // The place takes the place of the list's country and region filters: the panel shows exactly
  // what Browse shows for ?country=XX (or ?region=NNN) with the other filters.
  const { country: _country, region: _region, ...rest } = filters;
  const inPlace = visiblePosts(db, actor, type === 'country' ? { ...rest, country: [code] } : { ...rest, region: [code] });

  const counts = await inPlace.select([sql<number>`count(*)::int`.as('posts'), sql<number>`count(*) filter (where ${isProjectKind})::int`.as('projects')]).executeTakeFirstOrThrow();
  const posts = await inPlace
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['p.id', 'p.title', 'p.kind', 'p.status', 'p.organization_id', 'o.name as org_name', 'o.category as org_category', 'o.country as org_country'])
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(MAP_PLACE_POST_LIMIT)
    .execute();
  const ids = posts.map((p) => p.id);

  // Organizations working on these posts besides the lead: co-authors and accepted partners
  // (both are shown on the post's own page to everyone who may see the post).
  const others = ids.length
    ? await db
        .selectFrom(
          db
            .selectFrom('post_coauthors')
            .select(['post_id', 'organization_id', sql<string>`'coauthor'`.as('role')])
            .where('post_id', 'in', ids)
            .unionAll(db.selectFrom('post_partners').select(['post_id', 'organization_id', 'role']).where('post_id', 'in', ids))
            .as('w'),
        )
        .innerJoin('organizations as o', 'o.id', 'w.organization_id')
        .select(['w.post_id', 'w.organization_id', 'w.role', 'o.name', 'o.category', 'o.country'])
        .execute()
    : [];

  type Org = { id: string; name: string; category: string; country: string; posts: PlacePost[] };
  const orgs = new Map<string, Org>();
  const orgOf = (id: string, name: string, category: string, country: string) => {
    let org = orgs.get(id);
    if (!org) orgs.set(id, (org = { id, name, category, country: country.trim(), posts: [] }));
    return org;
  };
  const byId = new Map(posts.map((p) => [p.id, p]));
  for (const p of posts) orgOf(p.organization_id, p.org_name, p.org_category, p.org_country).posts.push({ id: p.id, title: p.title, kind: p.kind, status: p.status, role: 'lead' });
  for (const w of others) {
    const p = byId.get(w.post_id);
    if (!p || w.organization_id === p.organization_id) continue;
    const org = orgOf(w.organization_id, w.name, w.category, w.country);
    if (!org.posts.some((x) => x.id === p.id && x.role === w.role)) org.posts.push({ id: p.id, title: p.title, kind: p.kind, status: p.status, role: w.role });
  }
  const organizations = [...orgs.values()].sort((a, b) => b.posts.length - a.posts.length || a.name.localeCompare(b.name));

  return {
    code,
    type,
    name,
    posts: counts.posts,
    projects: counts.projects,
    truncated: counts.posts > posts.length,
    organizations,
    overlaps: await overlapsIn(db, actor, inPlace),
  };
}

/**
 * Possible overlaps flagged among the posts there: pairs the organizers' scan found (unless an
 * organizer marked them "not a duplicate") or that organizers marked related, where both posts
 * may be seen by the actor and at least one is in the place.
 */
async function overlapsIn(db: Kysely<Database>, actor: Actor, inPlace: ReturnType<typeof visiblePosts>) {
  const visible = () => visiblePosts(db, actor, {}).select('p.id');
  const here = () => inPlace.select('p.id');
  const pairs = await db
    .selectFrom(
      db
        .selectFrom('overlap_pairs as op')
        .leftJoin('overlap_marks as m', (join) => join.onRef('m.post_a', '=', 'op.post_a').onRef('m.post_b', '=', 'op.post_b'))
        .select(['op.post_a', 'op.post_b', sql<number | null>`op.score`.as('score'), 'm.mark'])
        .where((eb) => eb.or([eb('m.mark', 'is', null), eb('m.mark', '=', 'related')]))
        .union(
          db
            .selectFrom('overlap_marks as m')
            .select(['m.post_a', 'm.post_b', sql<number | null>`null::real`.as('score'), 'm.mark'])
            .where('m.mark', '=', 'related')
            .where((eb) => eb.not(eb.exists(eb.selectFrom('overlap_pairs as x').select('x.post_a').whereRef('x.post_a', '=', 'm.post_a').whereRef('x.post_b', '=', 'm.post_b')))),
        )
        .as('x'),
    )
    .innerJoin('posts as a', 'a.id', 'x.post_a')
    .innerJoin('posts as b', 'b.id', 'x.post_b')
    .innerJoin('organizations as oa', 'oa.id', 'a.organization_id')
    .innerJoin('organizations as ob', 'ob.id', 'b.organization_id')
    .select(['x.score', 'x.mark', 'a.id as a_id', 'a.title as a_title', 'oa.id as a_org_id', 'oa.name as a_org', 'b.id as b_id', 'b.title as b_title', 'ob.id as b_org_id', 'ob.name as b_org'])
    .where('x.post_a', 'in', visible())
    .where('x.post_b', 'in', visible())
    .where((eb) => eb.or([eb('x.post_a', 'in', here()), eb('x.post_b', 'in', here())]))
    .orderBy(sql`x.score desc nulls last`)
    .orderBy('x.post_a')
    .orderBy('x.post_b')
    .limit(50)
    .execute();
  return pairs.map((r) => ({
    score: r.score === null ? null : Math.round(r.score * 100) / 100,
    related: r.mark === 'related',
    posts: [
      { id: r.a_id, title: r.a_title, organization: r.a_org, organizationId: r.a_org_id },
      { id: r.b_id, title: r.b_title, organization: r.b_org, organizationId: r.b_org_id },
    ],
  }));
}
