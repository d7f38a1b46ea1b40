// Turning API input into rows (with the checks JSON schema cannot make) and rows into API output.
import type { Selectable } from 'kysely';
import { INITIAL_STATUS, POST_STATUSES, DEFAULT_AUDIENCE, type PostKind, type PostStatus } from '../../shared/exchange.js';
import type { OrganizationCategory } from '../../shared/participants.js';
import { isCountryCode, isRegionCode, regionsOfCountry, regionByCode } from '../../shared/taxonomy/index.js';
import type { PostFacts } from '../access/index.js';
import type { PostsTable } from '../db/schema.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { markdownToText } from './markdown.js';
import type { CreatePostInput, UpdatePostInput } from './post-schemas.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 currency code the runtime knows, for budgets and offer costs alike. */
export const isCurrencyCode = (code: string): boolean => CURRENCIES.has(code);

/** Every region above each region and country named, plus themselves: what a region filter matches. */
export function geoOf(regions: string[], countries: string[]): string[] {
  const codes = new Set<string>([...countries]);
  for (const country of countries) for (const r of regionsOfCountry(country)) codes.add(r);
  for (const code of regions) {
    for (let region = regionByCode(code); region; region = region.parent ? regionByCode(region.parent) : undefined) codes.add(region.code);
  }
  return [...codes].sort();
}

type Editable = Omit<UpdatePostInput, 'revision'>;

/** A post's fields after an edit is applied: what the cross-field checks look at. */
interface MergedFields {
  regions: string[];
  countries: string[];
  startsOn: string | null;
  endsOn: string | null;
  budgetAmount: string | null;
  fundingSought: string | null;
}

/** The checks that depend on more than one field or on the taxonomies; throws one 400 listing all. */
export function checkPostFields(kind: PostKind, input: Editable, merged: MergedFields): void {
  const errors: FieldError[] = [];
  if (merged.regions.length + merged.countries.length === 0) {
    errors.push(fieldError('regions', 'name at least one region or country'));
  }
  input.regions?.forEach((code, i) => {
    if (!isRegionCode(code)) errors.push(fieldError(`regions.${i}`, `"${code}" is not a UN M49 region code`));
  });
  input.countries?.forEach((code, i) => {
    if (!isCountryCode(code.toUpperCase())) errors.push(fieldError(`countries.${i}`, `"${code}" is not an ISO 3166-1 country code`));
  });
  if (input.status && !(POST_STATUSES[kind] as readonly string[]).includes(input.status)) {
    errors.push(fieldError('status', `must be one of: ${POST_STATUSES[kind].join(', ')} for this kind of post`));
  }
  if (input.budget && !isCurrencyCode(input.budget.currency)) errors.push(fieldError('budget.currency', 'is not an ISO 4217 currency code'));
  if (merged.startsOn && merged.endsOn && merged.startsOn > merged.endsOn) errors.push(fieldError('endsOn', 'must not be before the start date'));
  // Funding sought is a part of the budget, counted in its currency.
  if (merged.fundingSought !== null) {
    if (merged.budgetAmount === null) errors.push(fieldError('fundingSought', 'needs a budget: it is counted in the budget\'s currency'));
    else if (Number(merged.fundingSought) > Number(merged.budgetAmount)) errors.push(fieldError('fundingSought', 'must not be more than the budget'));
  }
  if (errors.length) throw problems.validation(errors);
}

/** The list preview of a post: its plain text, cut at a word boundary. */
export const summaryOf = (text: string, max = 240): string => (text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')} …`);

export function newPostValues(input: CreatePostInput) {
  const regions = input.regions ?? [];
  const countries = (input.countries ?? []).map((c) => c.toUpperCase());
  const merged = { regions, countries, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null, budgetAmount: input.budget?.amount ?? null, fundingSought: input.fundingSought ?? null };
  checkPostFields(input.kind, { ...input, countries }, merged);
  return {
    kind: input.kind,
    title: input.title.trim(),
    body: input.body,
    summary: summaryOf(markdownToText(input.body)),
    audience: input.audience ?? DEFAULT_AUDIENCE[input.kind],
    status: (input.status ?? INITIAL_STATUS[input.kind]) as PostStatus,
    regions,
    countries,
    geo: geoOf(regions, countries),
    areas: input.areas ?? [],
    themes: input.themes ?? [],
    exploitation: input.exploitation ?? [],
    budget_amount: input.budget?.amount ?? null,
    budget_currency: input.budget?.currency ?? null,
    funding_sought: input.fundingSought ?? null,
    starts_on: input.startsOn ?? null,
    ends_on: input.endsOn ?? null,
  };
}

export type PostRow = Selectable<PostsTable>;

/** The fields of a post a revision keeps, as they were. */
export function snapshotOf(row: Pick<PostRow, 'title' | 'body' | 'audience' | 'status' | 'regions' | 'countries' | 'areas' | 'themes' | 'exploitation' | 'budget_amount' | 'budget_currency' | 'funding_sought' | 'starts_on' | 'ends_on'>) {
  return {
    title: row.title,
    body: row.body,
    audience: row.audience,
    status: row.status,
    regions: row.regions,
    countries: row.countries,
    areas: row.areas,
    themes: row.themes,
    exploitation: row.exploitation,
    budget: row.budget_amount ? { amount: row.budget_amount, currency: row.budget_currency } : null,
    fundingSought: row.funding_sought,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
}

export const factsOf = (row: { kind: PostKind; audience: PostRow['audience']; organization_id: string; hidden_at: Date | null; published_at: Date | null; coauthor_ids?: string[] }): PostFacts => ({
  kind: row.kind,
  audience: row.audience,
  organizationId: row.organization_id,
  hidden: row.hidden_at !== null,
  draft: row.published_at === null,
  ...(row.coauthor_ids ? { coauthors: row.coauthor_ids } : {}),
});

export interface PostJoinRow extends PostRow {
  org_name: string;
  org_category: OrganizationCategory;
  org_country: string;
  author_name: string;
  /** Co-author organizations (src/server/coordination). */
  coauthor_ids: string[];
  /** A project with partners or co-authors besides its lead (coordination's cooperativelyDeveloped). */
  cooperative: boolean;
}

export function serializeCommon(row: Omit<PostJoinRow, 'search' | 'body_html' | 'body' | 'geo' | 'hidden_by'>) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    audience: row.audience,
    status: row.status,
    organization: { id: row.organization_id, name: row.org_name, category: row.org_category, country: row.org_country.trim() },
    author: { id: row.author_id, name: row.author_name },
    regions: row.regions,
    countries: row.countries,
    areas: row.areas,
    themes: row.themes,
    exploitation: row.exploitation,
    budget: row.budget_amount && row.budget_currency ? { amount: row.budget_amount, currency: row.budget_currency.trim() } : null,
    fundingSought: row.funding_sought,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    hidden: row.hidden_at ? { at: row.hidden_at.toISOString(), reason: row.hidden_reason ?? '' } : null,
    isDemo: row.is_demo,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    draft: row.published_at === null,
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}
