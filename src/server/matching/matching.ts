// Matching technical-assistance requests with the organizations likely to help: from what each
// organization declares it does (areas, where it operates, languages) and what it has offered or
// delivered before (delivered: finished work only — a completed project it was partner of, a
// closed request where its offer was accepted). The history counts only what the viewer may see: accepted offers and partners
// on posts visible to them, and offers they may read (their own organization's, or any as an
// organizer), so a suggestion never reveals anything behind the tier wall.
import { sql, type Kysely } from 'kysely';
import { regionByCode } from '../../shared/taxonomy/index.js';
import { can, tierOf, visiblePostsFilter, type Actor, type PostFacts } from '../access/index.js';
import type { Database } from '../db/schema.js';

export type MatchReasonCode =
  | 'expertise_areas'
  | 'operates_in_country'
  | 'operates_in_region'
  | 'based_in_country'
  | 'shared_language'
  | 'delivered_before'
  | 'offered_before';

export interface MatchReason {
  code: MatchReasonCode;
  values: string[];
}

export interface RequestFacts extends PostFacts {
  id: string;
  areas: string[];
  countries: string[];
  geo: string[];
}

export interface Expertise {
  organization_id: string;
  areas: string[];
  geo: string[];
  languages: string[];
}

export interface EarlierWork {
  title: string;
  areas: string[];
}

export interface History {
  /**
   * Visible work the organization finished: a completed project or information post it was a
   * partner of, or a closed request on which its offer was accepted.
   */
  delivered: EarlierWork[];
  /** Visible work it offered on (offers the viewer may read) or takes part in, not finished. */
  offered: EarlierWork[];
}

/** The statuses that mean the work is done: a closed request, a completed project. */
const FINISHED_STATUSES: readonly string[] = ['closed', 'completed'];
const finished = (status: string) => FINISHED_STATUSES.includes(status);

export const MATCH_WEIGHTS = { areas: 0.4, geo: 0.25, languages: 0.1, history: 0.25 } as const;
const REGION_WEIGHT = { intermediate: 0.7, subregion: 0.6, region: 0.3 } as const;

/** Score and reasons for one organization against one request. */
export function scoreMatch(request: RequestFacts, org: { country: string }, expertise: Expertise | null, requesterLanguages: string[], history: History) {
  const reasons: MatchReason[] = [];
  const areas = expertise ? request.areas.filter((a) => expertise.areas.includes(a)) : [];
  const areaScore = request.areas.length === 0 ? 0 : areas.length / request.areas.length;
  if (areas.length > 0) reasons.push({ code: 'expertise_areas', values: areas });

  let geo = 0;
  const countries = expertise ? request.countries.filter((c) => expertise.geo.includes(c)) : [];
  if (countries.length > 0) {
    geo = 1;
    reasons.push({ code: 'operates_in_country', values: countries });
  } else if (expertise) {
    const best = request.geo
      .filter((code) => expertise.geo.includes(code) && regionByCode(code))
      .map((code) => ({ code, weight: REGION_WEIGHT[regionByCode(code)!.level] }))
      .sort((a, b) => b.weight - a.weight)[0];
    if (best) {
      geo = best.weight;
      reasons.push({ code: 'operates_in_region', values: [best.code] });
    }
  }
  const home = org.country.trim();
  if (request.countries.includes(home)) {
    geo = Math.max(geo, 1);
    reasons.push({ code: 'based_in_country', values: [home] });
  }

  const languages = expertise ? requesterLanguages.filter((l) => expertise.languages.includes(l)) : [];
  if (languages.length > 0) reasons.push({ code: 'shared_language', values: languages });

  // Only earlier work sharing an area with this request counts for it.
  const related = (work: EarlierWork[]) => work.filter((w) => w.areas.some((a) => request.areas.includes(a))).map((w) => w.title);
  const delivered = related(history.delivered);
  const offered = related(history.offered);
  if (delivered.length > 0) reasons.push({ code: 'delivered_before', values: delivered.slice(0, 3) });
  if (offered.length > 0) reasons.push({ code: 'offered_before', values: offered.slice(0, 3) });
  const historyScore = Math.min(1, 0.5 * delivered.length + 0.25 * offered.length);

  const score = MATCH_WEIGHTS.areas * areaScore + MATCH_WEIGHTS.geo * geo + MATCH_WEIGHTS.languages * (languages.length > 0 ? 1 : 0) + MATCH_WEIGHTS.history * historyScore;
  // Without a shared area or a track record, a match on geography alone is not a suggestion.
  const relevant = areas.length > 0 || delivered.length + offered.length > 0;
  return { score: relevant ? Math.round(score * 1000) / 1000 : 0, reasons };
}

/** A stand-in actor for an organization: used only to ask the access rules whether it may offer. */
export const organizationAsActor = (org: { id: string; category: Actor['category'] }): Actor => ({
  id: '',
  role: 'focal_point',
  tier: tierOf(org.category, 'focal_point'),
  organizationId: org.id,
  category: org.category,
});

/**
 * For each organization, the visible posts sharing an area with `areas` on which it delivered or
 * offered. Only posts the viewer may see, and only offers the viewer may read.
 */
export async function historyOf(db: Kysely<Database>, viewer: Actor, organizationIds: string[], areas: string[], excludePostId: string | null): Promise<Map<string, History>> {
  const out = new Map<string, History>();
  if (organizationIds.length === 0 || areas.length === 0) return out;
  const ensure = (id: string) => {
    let h = out.get(id);
    if (!h) out.set(id, (h = { delivered: [], offered: [] }));
    return h;
  };
  const visible = visiblePostsFilter(viewer);
  const partners = await db
    .selectFrom('post_partners as pp')
    .innerJoin('posts as p', 'p.id', 'pp.post_id')
    .select(['pp.organization_id', 'p.id', 'p.title', 'p.areas', 'p.status'])
    .where(visible as never)
    .where('pp.organization_id', 'in', organizationIds)
    // The requester is listed as a partner of its own request; that is not help it gave.
    .whereRef('pp.organization_id', '<>', 'p.organization_id')
    .where(sql<boolean>`p.areas && ${sql.val(areas)}::text[]`)
    .$if(excludePostId !== null, (q) => q.where('p.id', '<>', excludePostId!))
    .orderBy('pp.created_at', 'desc')
    .execute();
  // The offer-read rule as SQL: the viewer's organization offered, or requested, or the viewer is an organizer.
  const offers = await db
    .selectFrom('offers as f')
    .innerJoin('posts as p', 'p.id', 'f.post_id')
    .select(['f.organization_id', 'f.status', 'p.id', 'p.title', 'p.areas', 'p.status as post_status', 'p.organization_id as requester'])
    .where(visible as never)
    .where('f.organization_id', 'in', organizationIds)
    .where('f.status', '<>', 'withdrawn')
    .where(sql<boolean>`p.areas && ${sql.val(areas)}::text[]`)
    .$if(excludePostId !== null, (q) => q.where('p.id', '<>', excludePostId!))
    .orderBy('f.created_at', 'desc')
    .execute();
  const seen = new Set<string>();
  for (const row of partners) {
    const key = `${row.organization_id}|${row.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Only finished work counts as delivered; a partner of work under way is engaged, not yet proven.
    const work = { title: row.title, areas: row.areas };
    if (finished(row.status)) ensure(row.organization_id).delivered.push(work);
    else ensure(row.organization_id).offered.push(work);
  }
  for (const row of offers) {
    const key = `${row.organization_id}|${row.id}`;
    if (seen.has(key)) continue;
    const mayRead = can(viewer, 'read', 'offer', { post: { kind: 'ta_request', audience: 'all', organizationId: row.requester, hidden: false, draft: false }, offeringOrganizationId: row.organization_id });
    if (!mayRead) continue;
    seen.add(key);
    const work = { title: row.title, areas: row.areas };
    if (row.status === 'accepted' && finished(row.post_status)) ensure(row.organization_id).delivered.push(work);
    else ensure(row.organization_id).offered.push(work);
  }
  return out;
}

/** Languages the requesting organizations declared (their working languages), for the language match. */
export async function languagesOf(db: Kysely<Database>, organizationIds: string[]): Promise<Map<string, string[]>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await db.selectFrom('organization_expertise').select(['organization_id', 'languages']).where('organization_id', 'in', [...new Set(organizationIds)]).execute();
  return new Map(rows.map((r) => [r.organization_id, r.languages]));
}

/** Organizations likely to help with a request the viewer may see, best first. */
export async function matchesFor(db: Kysely<Database>, viewer: Actor, request: RequestFacts, limit = 10) {
  const orgs = await db
    .selectFrom('organizations as o')
    .leftJoin('organization_expertise as e', 'e.organization_id', 'o.id')
    .select(['o.id', 'o.name', 'o.category', 'o.country', 'e.organization_id as has_profile', 'e.areas', 'e.geo', 'e.languages', 'e.summary'])
    .where('o.status', '=', 'active')
    .where('o.id', '<>', request.organizationId)
    .execute();
  // Only organizations the rules would let answer this request: no one is pointed at a request
  // they may not see, and the requester is not shown names that could not help anyway.
  const eligible = orgs.filter((o) => can(organizationAsActor({ id: o.id, category: o.category }), 'offer', 'post', request));
  const [history, requesterLanguages] = await Promise.all([
    historyOf(db, viewer, eligible.map((o) => o.id), request.areas, request.id),
    languagesOf(db, [request.organizationId]).then((byOrg) => byOrg.get(request.organizationId) ?? []),
  ]);
  return eligible
    .map((o) => {
      const expertise = o.has_profile ? { organization_id: o.id, areas: o.areas ?? [], geo: o.geo ?? [], languages: o.languages ?? [] } : null;
      const { score, reasons } = scoreMatch(request, o, expertise, requesterLanguages, history.get(o.id) ?? { delivered: [], offered: [] });
      return { organization: { id: o.id, name: o.name, category: o.category, country: o.country.trim() }, summary: o.summary ?? '', score, reasons };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.organization.name.localeCompare(b.organization.name))
    .slice(0, limit);
}
