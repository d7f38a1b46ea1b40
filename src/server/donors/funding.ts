// What a project needs and what has been pledged to it, for one post or many.
//
// Currencies: the target of a project is its funding sought, or else its budget, in the budget's
// currency. "Pledged" sums the pledges that are not withdrawn AND are in that currency; the gap is
// the target minus that sum, never below zero. Pledges in other currencies are reported beside it,
// per currency, and are never converted: the Forum has no exchange rates and makes none up. A
// project with no budget currency has no gap that can be stated.
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { FUNDING_CLOSED_STATUSES, PROJECT_KINDS } from '../../shared/funding.js';
import type { Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { visiblePosts } from '../exchange/post-queries.js';
import type { ListPostsFilters } from '../exchange/post-schemas.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface Money {
  amount: string;
  currency: string;
}

/** The target amount as SQL: funding sought, or else the budget. */
export const targetSql = sql<string | null>`coalesce(p.funding_sought, p.budget_amount)`;
/** Non-withdrawn pledges in the budget's currency, as SQL (0.00 when none). */
export const pledgedSql = sql<string>`(coalesce((select sum(g.amount) from pledges g where g.post_id = p.id and g.status <> 'withdrawn' and g.currency = p.budget_currency), 0))::numeric(18, 2)`;
/** The remaining gap as SQL: null when there is no target with a currency. */
export const gapSql = sql<string | null>`(case when p.budget_currency is null or coalesce(p.funding_sought, p.budget_amount) is null then null else greatest(coalesce(p.funding_sought, p.budget_amount) - ${pledgedSql}, 0) end)::numeric(18, 2)`;

const list = (codes: readonly string[]) => sql.join(codes.map((c) => sql.lit(c)));
/**
 * Projects that look for money: a project kind, seeking funding by status or by naming an amount
 * sought. Written with literal codes (constants, never input) so that it is, word for word, the
 * predicate of the partial index posts_seeking_funding_idx (migration 0007), which the planner
 * can then use.
 */
export const seekingFundingSql = sql<boolean>`(p.kind in (${list(PROJECT_KINDS)}) and (p.status = 'seeking_funding' or (p.funding_sought is not null and p.status not in (${list(FUNDING_CLOSED_STATUSES)}))))`;
export function seekingFunding(): Expression<SqlBool> {
  return seekingFundingSql;
}

export interface FundingFilters {
  region?: string[];
  country?: string[];
  area?: string[];
  kind?: (typeof PROJECT_KINDS)[number][];
  /** Only projects whose gap, in `currency`, is at least this much. */
  minGap?: string;
  currency?: string;
}

/** The donor view: projects seeking funding that this actor may see, narrowed by the filters. */
export function fundingProjectsQuery(db: Db, actor: Actor, filters: FundingFilters) {
  const base: ListPostsFilters = {
    kind: filters.kind?.length ? filters.kind : [...PROJECT_KINDS],
    ...(filters.region?.length ? { region: filters.region } : {}),
    ...(filters.country?.length ? { country: filters.country } : {}),
    ...(filters.area?.length ? { area: filters.area as ListPostsFilters['area'] } : {}),
  };
  let query = visiblePosts(db as Kysely<Database>, actor, base).where(seekingFunding).where('p.hidden_at', 'is', null);
  if (filters.currency) query = query.where('p.budget_currency', '=', filters.currency);
  if (filters.minGap) query = query.where(sql<boolean>`${gapSql} >= ${filters.minGap}::numeric`);
  return query;
}

export interface FundingTotals {
  target: Money | null;
  pledged: Money | null;
  gap: Money | null;
  otherCurrencies: Money[];
  pledgeCount: number;
  interestCount: number;
}

/** Totals of many posts at once (the caller has already checked that they may be seen). */
export async function fundingTotals(db: Db, postIds: string[]): Promise<Map<string, FundingTotals>> {
  const out = new Map<string, FundingTotals>();
  if (postIds.length === 0) return out;
  const [rows, others, counts] = await Promise.all([
    db
      .selectFrom('posts as p')
      .select(['p.id', 'p.budget_currency', targetSql.as('target'), pledgedSql.as('pledged'), gapSql.as('gap')])
      .where('p.id', 'in', postIds)
      .execute(),
    db
      .selectFrom('pledges as g')
      .innerJoin('posts as p', 'p.id', 'g.post_id')
      .select(['g.post_id', 'g.currency', sql<string>`sum(g.amount)::numeric(18, 2)`.as('amount')])
      .where('g.post_id', 'in', postIds)
      .where('g.status', '<>', 'withdrawn')
      .where((eb) => eb.or([eb('p.budget_currency', 'is', null), eb('g.currency', '<>', eb.ref('p.budget_currency'))]))
      .groupBy(['g.post_id', 'g.currency'])
      .orderBy('g.currency')
      .execute(),
    db
      .selectFrom('posts as p')
      .select([
        'p.id',
        sql<number>`(select count(*)::int from pledges g where g.post_id = p.id and g.status <> 'withdrawn')`.as('pledges'),
        sql<number>`(select count(*)::int from funding_interests i where i.post_id = p.id)`.as('interests'),
      ])
      .where('p.id', 'in', postIds)
      .execute(),
  ]);
  const countOf = new Map(counts.map((c) => [c.id, c]));
  for (const r of rows) {
    const currency = r.budget_currency?.trim() ?? null;
    out.set(r.id, {
      target: r.target !== null && currency ? { amount: r.target, currency } : null,
      pledged: currency ? { amount: r.pledged, currency } : null,
      gap: r.gap !== null && currency ? { amount: r.gap, currency } : null,
      otherCurrencies: others.filter((o) => o.post_id === r.id).map((o) => ({ amount: o.amount, currency: o.currency.trim() })),
      pledgeCount: countOf.get(r.id)?.pledges ?? 0,
      interestCount: countOf.get(r.id)?.interests ?? 0,
    });
  }
  return out;
}

export async function isDonorOrganization(db: Db, organizationId: string): Promise<boolean> {
  const row = await db.selectFrom('donor_organizations').select('organization_id').where('organization_id', '=', organizationId).executeTakeFirst();
  return row !== undefined;
}
