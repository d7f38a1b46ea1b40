// Reading what coordination adds to a project: its co-authors, partners and partnership requests,
// and whether it counts as cooperatively developed. The SQL helpers take the post aliased as `p`,
// so other features (statistics) can use them inside their own queries over visiblePosts(...).
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import { PROJECT_KINDS, type AnyPartnerRole } from '../../shared/coordination.js';
import type { OrganizationCategory, Tier } from '../../shared/participants.js';
import { tierOf, type Actor } from '../access/index.js';
import type { Database, PostsTable } from '../db/schema.js';

export type Db = Kysely<Database> | Transaction<Database>;
type PostsAsP = ExpressionBuilder<Database & { p: PostsTable }, 'p'>;

/** An organization's tier is that of its members (organizers are a role, never a category). */
export const organizationTier = (category: OrganizationCategory): Tier => tierOf(category, 'member');

/** An organization seen through the rules as any of its members would be (for "could they see it?"). */
export const memberOf = (organization: { id: string; category: OrganizationCategory }): Actor => ({
  id: '',
  role: 'member',
  tier: organizationTier(organization.category),
  organizationId: organization.id,
  category: organization.category,
});

/**
 * Is the post `p` a cooperatively developed project: a project idea or pipeline project on which
 * at least one organization besides the lead works, as an accepted partner or as a co-author?
 * Use it in a where (`.where(cooperativelyDeveloped)`) or a select (`cooperativelyDeveloped(eb).as(...)`).
 */
export function cooperativelyDeveloped(eb: PostsAsP) {
  return eb
    .and([
    eb('p.kind', 'in', [...PROJECT_KINDS]),
    eb.or([
      eb.exists(eb.selectFrom('post_partners as pp').select('pp.post_id').whereRef('pp.post_id', '=', 'p.id').whereRef('pp.organization_id', '<>', 'p.organization_id')),
      eb.exists(eb.selectFrom('post_coauthors as pc').select('pc.post_id').whereRef('pc.post_id', '=', 'p.id').whereRef('pc.organization_id', '<>', 'p.organization_id')),
    ]),
  ])
    .$castTo<boolean>();
}

/** The same test for one post, by id. */
export async function isCooperativelyDeveloped(db: Db, postId: string): Promise<boolean> {
  const row = await db
    .selectFrom('posts as p')
    .select((eb) => cooperativelyDeveloped(eb).as('yes'))
    .where('p.id', '=', postId)
    .executeTakeFirst();
  return row?.yes === true;
}

/** The ids of a post's co-author organizations, as a column of a query over `posts as p`. */
export function coauthorIdsOf(eb: PostsAsP) {
  return eb
    .selectFrom('post_coauthors as pc')
    .select(sql<string[]>`coalesce(array_agg(pc.organization_id::text order by pc.organization_id), '{}'::text[])`.as('ids'))
    .whereRef('pc.post_id', '=', 'p.id');
}

const orgColumns = ['o.id as org_id', 'o.name as org_name', 'o.category as org_category', 'o.country as org_country'] as const;
const orgOf = (r: { org_id: string; org_name: string; org_category: OrganizationCategory; org_country: string }) => ({
  id: r.org_id,
  name: r.org_name,
  category: r.org_category,
  country: r.org_country.trim(),
  tier: organizationTier(r.org_category),
});

export async function coauthorsOf(db: Db, postId: string) {
  const rows = await db
    .selectFrom('post_coauthors as c')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .innerJoin('users as u', 'u.id', 'c.added_by')
    .select([...orgColumns, 'c.added_at', 'u.id as user_id', 'u.name as user_name'])
    .where('c.post_id', '=', postId)
    .orderBy('c.added_at')
    .execute();
  return rows.map((r) => ({ organization: orgOf(r), addedAt: r.added_at.toISOString(), addedBy: { id: r.user_id, name: r.user_name } }));
}

export async function partnersOf(db: Db, postId: string) {
  const rows = await db
    .selectFrom('post_partners as pp')
    .innerJoin('organizations as o', 'o.id', 'pp.organization_id')
    .select([...orgColumns, 'pp.role', 'pp.created_at'])
    .where('pp.post_id', '=', postId)
    .orderBy('pp.created_at')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({ organization: orgOf(r), role: r.role as AnyPartnerRole, since: r.created_at.toISOString() }));
}

/** Partial-tier organizations working on a post: they would lose sight of it if it became full-tier only. */
export async function partialTierAssociates(db: Db, postId: string): Promise<{ id: string; name: string }[]> {
  const [coauthors, partners] = await Promise.all([coauthorsOf(db, postId), partnersOf(db, postId)]);
  const seen = new Map<string, string>();
  for (const { organization } of [...coauthors, ...partners]) if (organization.tier === 'partial') seen.set(organization.id, organization.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

export function requestsQuery(db: Db) {
  return db
    .selectFrom('partnership_requests as r')
    .innerJoin('posts as p', 'p.id', 'r.post_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .innerJoin('users as u', 'u.id', 'r.requested_by')
    .select([
      'r.id', 'r.post_id', 'r.role', 'r.message', 'r.status', 'r.created_at', 'r.decided_at', 'r.decision_note', 'r.organization_id',
      ...orgColumns, 'u.id as user_id', 'u.name as user_name',
      'p.title as post_title', 'p.kind as post_kind', 'p.audience as post_audience', 'p.organization_id as post_org', 'p.hidden_at as post_hidden_at', 'p.published_at as post_published_at', 'p.status as post_status',
    ]);
}
export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>['executeTakeFirstOrThrow']>>;

/** Who hears of a request on the lead's behalf: the post's author and the lead's focal points, if active. */
export async function leadRecipients(db: Db, organizationId: string, authorId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('id', '=', authorId), eb('role', '=', 'focal_point')]))
    .orderBy('email')
    .execute();
}

/** The active focal points of an organization (who hears of a decision or of being made a co-author). */
export async function focalPoints(db: Db, organizationId: string) {
  return db.selectFrom('users').select(['id', 'email', 'name']).where('organization_id', '=', organizationId).where('status', '=', 'active').where('role', '=', 'focal_point').orderBy('email').execute();
}
