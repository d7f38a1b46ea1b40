// The organizers' IATI import: an activities file (from ADAM, d-portal or another Forum) becomes
// project-information posts of one organization. A file that does not validate against the IATI
// 2.03 schema is refused with the schema's errors and changes nothing. Each activity is matched on
// its IATI identifier, so importing the same file again updates (or leaves) the posts it made
// and never duplicates them. What the Forum does not keep is listed, activity by activity, as
// "not imported"; what it keeps without a field of its own (the publisher, the participating
// organizations, planned disbursements, the exact status code) is stored beside the post and
// exported again, so export → import → export gives the same activities.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import type { AppConfig } from '../config.js';
import type { Database, IatiNotImported, IatiOrgRef, IatiPlannedDisbursement } from '../db/schema.js';
import { problems, Problem } from '../http/problem.js';
import { isUuid } from '../http/form-input.js';
import { markdownToText, renderMarkdown } from '../exchange/markdown.js';
import { geoOf, isCurrencyCode, snapshotOf, summaryOf } from '../exchange/post-model.js';
import type { Audience } from '../../shared/exchange.js';
import { EXPLOITATION_CODES, THEME_CODES, isCountryCode, isRegionCode } from '../../shared/taxonomy/index.js';
import { AREA_OF_DAC, DAC_SECTOR, IMPORTED_STATUS, equalShares, isArea, vocabularyOf } from './codes.js';
import { validateIati } from './schema-validation.js';
import { attr, childNames, children, parseXml, textOf, type Element } from './xml.js';

/** Files from donor databases can be large; past this, split the file. */
export const IATI_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IATI_IMPORT_MAX_ACTIVITIES = 2000;
const TITLE_MAX = 200;
const BODY_MAX = 20_000;

/** The elements of an activity the Forum reads; every other one is reported as not imported. */
const READ = new Set(['iati-identifier', 'reporting-org', 'title', 'description', 'participating-org', 'activity-status', 'activity-date', 'recipient-country', 'recipient-region', 'sector', 'tag', 'budget', 'planned-disbursement']);
const DROPPED_ATTRIBUTES = ['hierarchy', 'humanitarian', 'linked-data-uri', 'budget-not-provided'];

export interface ImportOptions {
  organizationId: string;
  audience: Audience;
  dryRun: boolean;
}

export interface ActivityOutcome {
  iatiIdentifier: string;
  title: string;
  action: 'created' | 'updated' | 'unchanged' | 'skipped';
  postId: string | null;
  reason: string | null;
  notImported: IatiNotImported[];
}

interface Mapped {
  identifier: string;
  post: {
    title: string;
    body: string;
    status: 'ongoing' | 'completed' | 'withdrawn';
    regions: string[];
    countries: string[];
    areas: string[];
    themes: string[];
    exploitation: string[];
    budget_amount: string | null;
    budget_currency: string | null;
    starts_on: string | null;
    ends_on: string | null;
  };
  kept: {
    reporting_org: IatiOrgRef & { secondaryReporter?: boolean };
    participating_orgs: IatiOrgRef[];
    planned_disbursements: IatiPlannedDisbursement[];
    activity_status: string;
    last_updated: string | null;
  };
  notImported: IatiNotImported[];
}

const LANG = 'xml:lang';
/** The narrative in English (or in the activity's own language, or the first one), and the languages left out. */
function pickNarrative(element: Element | undefined, activityLang: string | undefined): { text: string | null; others: string[] } {
  const list = children(element, 'narrative');
  if (list.length === 0) return { text: null, others: [] };
  const langOf = (n: Element) => attr(n, LANG) ?? activityLang ?? 'en';
  const chosen = list.find((n) => langOf(n).toLowerCase() === 'en') ?? list[0]!;
  return { text: textOf(chosen), others: list.filter((n) => n !== chosen).map(langOf) };
}

function orgRef(element: Element, activityLang: string | undefined, where: string, notImported: IatiNotImported[]): IatiOrgRef {
  const { text, others } = pickNarrative(element, activityLang);
  if (others.length) notImported.push({ element: `${where}/narrative`, detail: `the name in ${others.join(', ')} (the Forum keeps one language)` });
  return { ref: attr(element, 'ref') ?? null, type: attr(element, 'type') ?? null, name: text };
}

/** Sums decimal strings exactly (in hundredths), with two decimals; null when one has more than two decimals or is negative. */
function sumAmounts(values: string[]): string | null {
  let cents = 0n;
  for (const raw of values) {
    const m = raw.trim().match(/^(\d+)(?:\.(\d{1,2}))?$/);
    if (!m) return null;
    cents += BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  }
  const whole = cents / 100n;
  const rest = cents % 100n;
  // As the database gives numeric(16, 2) back, so that an unchanged budget compares equal.
  return `${whole}.${rest.toString().padStart(2, '0')}`;
}

function sameShares(given: (string | undefined)[]): boolean {
  if (given.every((g) => g === undefined)) return true;
  const expected = equalShares(given.length);
  return given.every((g, i) => g !== undefined && Number(g) === Number(expected[i]));
}

/** One activity as the Forum keeps it, or the reason it cannot be imported. */
export function mapActivity(activity: Element): Mapped | { identifier: string; title: string; skip: string } {
  const notImported: IatiNotImported[] = [];
  const lost = (element: string, detail: string) => notImported.push({ element, detail });
  const lang = attr(activity, LANG);
  const identifier = textOf(children(activity, 'iati-identifier')[0]).trim();
  const titleNarrative = pickNarrative(children(activity, 'title')[0], lang);
  let title = (titleNarrative.text ?? '').replace(/[\r\n\t]+/g, ' ').trim();
  if (!identifier) return { identifier: '', title, skip: 'The activity has no IATI identifier.' };

  // Elements the Forum has no place for, counted by name.
  const counts = new Map<string, number>();
  for (const name of childNames(activity)) if (!READ.has(name)) counts.set(name, (counts.get(name) ?? 0) + children(activity, name).length);
  for (const [name, n] of counts) lost(name, n === 1 ? 'not kept by the Forum' : `${n} elements, not kept by the Forum`);
  for (const a of DROPPED_ATTRIBUTES) if (attr(activity, a) !== undefined) lost(`iati-activity/@${a}`, `"${attr(activity, a)}" is not kept by the Forum`);

  if (titleNarrative.others.length) lost('title/narrative', `the title in ${titleNarrative.others.join(', ')} (the Forum keeps one language)`);
  if (title.length < 5) return { identifier, title, skip: 'The title is shorter than 5 characters, the least a post has.' };
  if (title.length > TITLE_MAX) {
    lost('title', `cut to ${TITLE_MAX} characters (it has ${title.length})`);
    title = `${title.slice(0, TITLE_MAX - 1).trimEnd()}…`;
  }

  // The description: the general one (type 1, or without a type), else the first one.
  const descriptions = children(activity, 'description');
  const general = descriptions.find((d) => (attr(d, 'type') ?? '1') === '1') ?? descriptions[0];
  const described = pickNarrative(general, lang);
  let body = (described.text ?? '').replace(/\r\n?/g, '\n');
  if (described.others.length) lost('description/narrative', `the description in ${described.others.join(', ')} (the Forum keeps one language)`);
  const otherDescriptions = descriptions.filter((d) => d !== general);
  if (otherDescriptions.length) lost('description', `${otherDescriptions.length} more description(s) of type ${otherDescriptions.map((d) => attr(d, 'type') ?? '1').join(', ')} (the Forum keeps one)`);
  if (!body.trim()) body = title;
  if (body.length > BODY_MAX) {
    lost('description', `cut to ${BODY_MAX} characters (it has ${body.length})`);
    body = body.slice(0, BODY_MAX);
  }

  const reportingElement = children(activity, 'reporting-org')[0];
  const reporting = reportingElement ? orgRef(reportingElement, lang, 'reporting-org', notImported) : { ref: null, type: null, name: null };
  const secondary = attr(reportingElement, 'secondary-reporter');
  const reportingOrg = { ...reporting, ...(secondary !== undefined ? { secondaryReporter: secondary === '1' || secondary === 'true' } : {}) };

  const participating = children(activity, 'participating-org').map((o) => {
    for (const a of ['activity-id', 'crs-channel-code']) if (attr(o, a) !== undefined) lost(`participating-org/@${a}`, `"${attr(o, a)}" is not kept by the Forum`);
    return { ...orgRef(o, lang, 'participating-org', notImported), role: attr(o, 'role') ?? '4' };
  });

  const statusCode = attr(children(activity, 'activity-status')[0], 'code') ?? '2';
  const status = IMPORTED_STATUS[statusCode] ?? 'ongoing';

  // Planned dates; an actual date stands in where the planned one is missing.
  const dates = children(activity, 'activity-date');
  const dateOf = (type: string) => dates.find((d) => attr(d, 'type') === type);
  const start = dateOf('1') ?? dateOf('2');
  const end = dateOf('3') ?? dateOf('4');
  let startsOn = attr(start, 'iso-date') ?? null;
  let endsOn = attr(end, 'iso-date') ?? null;
  for (const d of dates) if (d !== start && d !== end) lost('activity-date', `type ${attr(d, 'type')} on ${attr(d, 'iso-date')} (the Forum keeps one start and one end)`);
  if (startsOn && endsOn && startsOn > endsOn) {
    lost('activity-date', `the end ${endsOn} comes before the start ${startsOn}: the end is left out`);
    endsOn = null;
  }
  startsOn = startsOn?.slice(0, 10) ?? null;
  endsOn = endsOn?.slice(0, 10) ?? null;

  // Where: ISO countries, and regions in the UN M49 vocabulary (2) the Forum uses.
  const countries: string[] = [];
  const regions: string[] = [];
  const shares: (string | undefined)[] = [];
  for (const c of children(activity, 'recipient-country')) {
    const code = (attr(c, 'code') ?? '').toUpperCase();
    if (isCountryCode(code) && !countries.includes(code)) {
      countries.push(code);
      shares.push(attr(c, 'percentage'));
    } else lost('recipient-country', `"${attr(c, 'code')}" is not an ISO 3166-1 country code the Forum knows`);
  }
  const regionShares: (string | undefined)[] = [];
  for (const r of children(activity, 'recipient-region')) {
    const code = attr(r, 'code') ?? '';
    const vocabulary = attr(r, 'vocabulary') ?? '1';
    if (vocabulary === '2' && isRegionCode(code) && !regions.includes(code)) {
      regions.push(code);
      regionShares.push(attr(r, 'percentage'));
    } else lost('recipient-region', vocabulary === '2' ? `"${code}" is not a UN M49 region the Forum uses` : `"${code}" in region vocabulary ${vocabulary} (the Forum uses UN M49, vocabulary 2)`);
  }
  if (!sameShares([...shares, ...regionShares])) lost('recipient-country/@percentage', 'the shares per country and region are not kept (the Forum splits equally)');
  if (countries.length + regions.length === 0) return { identifier, title, skip: 'The activity names no recipient country or UN M49 region the Forum knows; every post names at least one.' };

  // Sectors: the Forum's own areas (vocabulary 99 with its URI), and DAC codes one area alone maps to.
  const sectors = children(activity, 'sector');
  const areas: string[] = [];
  const areaShares: (string | undefined)[] = [];
  for (const s of sectors) {
    const code = attr(s, 'code') ?? '';
    if (['99', '98'].includes(attr(s, 'vocabulary') ?? '1') && vocabularyOf(attr(s, 'vocabulary-uri')) === 'areas' && isArea(code) && !areas.includes(code)) {
      areas.push(code);
      areaShares.push(attr(s, 'percentage'));
    }
  }
  const dacSectors = sectors.filter((s) => (attr(s, 'vocabulary') ?? '1') === '1');
  for (const s of dacSectors) {
    const area = AREA_OF_DAC[attr(s, 'code') ?? ''];
    if (area && !areas.includes(area)) areas.push(area);
  }
  const dacOfAreas = new Set(areas.map((a) => DAC_SECTOR[a as keyof typeof DAC_SECTOR]).filter(Boolean));
  for (const s of sectors) {
    const vocabulary = attr(s, 'vocabulary') ?? '1';
    const code = attr(s, 'code') ?? '';
    const kept = vocabulary === '1' ? dacOfAreas.has(code) : ['99', '98'].includes(vocabulary) && vocabularyOf(attr(s, 'vocabulary-uri')) === 'areas' && isArea(code);
    if (!kept) lost('sector', `${code} in sector vocabulary ${vocabulary} has no technical-assistance area of the Forum`);
  }
  const dacKept = dacSectors.filter((s) => dacOfAreas.has(attr(s, 'code') ?? ''));
  if (!sameShares(areaShares) || !sameShares(dacKept.map((s) => attr(s, 'percentage')))) lost('sector/@percentage', 'the shares per sector are not kept (the Forum splits equally)');

  // Tags: the Forum's themes and forms of exploitation.
  const themes: string[] = [];
  const exploitation: string[] = [];
  for (const tag of children(activity, 'tag')) {
    const code = attr(tag, 'code') ?? '';
    const list = attr(tag, 'vocabulary') === '99' ? vocabularyOf(attr(tag, 'vocabulary-uri')) : null;
    if (list === 'themes' && (THEME_CODES as readonly string[]).includes(code) && !themes.includes(code)) themes.push(code);
    else if (list === 'exploitation' && (EXPLOITATION_CODES as readonly string[]).includes(code) && !exploitation.includes(code)) exploitation.push(code);
    else lost('tag', `${code} in tag vocabulary ${attr(tag, 'vocabulary')} is not a theme or form of exploitation of the Forum`);
  }

  // The budget: the original budgets (type 1) in one currency, summed; revisions are not kept.
  const defaultCurrency = attr(activity, 'default-currency');
  const budgets = children(activity, 'budget');
  const original = budgets.filter((b) => (attr(b, 'type') ?? '1') === '1');
  for (const b of budgets.filter((x) => !original.includes(x))) lost('budget', `a revised budget (type ${attr(b, 'type')}) is not kept: the Forum keeps the original budget`);
  let budgetAmount: string | null = null;
  let budgetCurrency: string | null = null;
  if (original.length) {
    const values = original.map((b) => children(b, 'value')[0]);
    const currencies = new Set(values.map((v) => attr(v, 'currency') ?? defaultCurrency ?? ''));
    const currency = [...currencies][0] ?? '';
    const amount = sumAmounts(values.map((v) => textOf(v)));
    if (currencies.size !== 1 || !isCurrencyCode(currency)) lost('budget', `budgets in ${[...currencies].map((c) => c || 'no currency').join(', ')}: the Forum keeps one budget in one ISO 4217 currency`);
    else if (amount === null || !/^\d{1,13}(\.\d{1,2})?$/.test(amount)) lost('budget', 'the amount is not a positive amount with at most two decimals the Forum can keep');
    else {
      budgetAmount = amount;
      budgetCurrency = currency;
      const periods = original.map((b) => `${attr(children(b, 'period-start')[0], 'iso-date')}/${attr(children(b, 'period-end')[0], 'iso-date')}`);
      if (original.length > 1 || (startsOn && endsOn && periods[0] !== `${startsOn}/${endsOn}`)) lost('budget/period-start', `the budget periods (${periods.join(', ')}) are not kept: the Forum keeps one budget over the planned dates`);
      for (const b of original) if ((attr(b, 'status') ?? '1') !== '1') lost('budget/@status', `status ${attr(b, 'status')} (committed) is not kept: budgets go out as indicative`);
    }
  }

  const planned = children(activity, 'planned-disbursement').map((d): IatiPlannedDisbursement => {
    const value = children(d, 'value')[0];
    const provider = children(d, 'provider-org')[0];
    const receiver = children(d, 'receiver-org')[0];
    if (attr(provider, 'provider-activity-id') || attr(receiver, 'receiver-activity-id')) lost('planned-disbursement', 'the provider or receiver activity identifiers are not kept');
    return {
      type: attr(d, 'type') ?? null,
      periodStart: attr(children(d, 'period-start')[0], 'iso-date') ?? '',
      periodEnd: attr(children(d, 'period-end')[0], 'iso-date') ?? null,
      amount: textOf(value).trim(),
      currency: attr(value, 'currency') ?? null,
      valueDate: attr(value, 'value-date') ?? '',
      provider: provider ? orgRef(provider, lang, 'planned-disbursement/provider-org', notImported) : null,
      receiver: receiver ? orgRef(receiver, lang, 'planned-disbursement/receiver-org', notImported) : null,
    };
  });

  return {
    identifier,
    post: { title, body, status, regions, countries, areas, themes, exploitation, budget_amount: budgetAmount, budget_currency: budgetCurrency, starts_on: startsOn, ends_on: endsOn },
    kept: { reporting_org: reportingOrg, participating_orgs: participating, planned_disbursements: planned, activity_status: statusCode, last_updated: attr(activity, 'last-updated-datetime') ?? null },
    notImported,
  };
}

/** JSON with sorted keys: jsonb keeps its own key order, so values are compared this way. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** Checks the file, then creates or updates one project-information post per activity, in one transaction. */
export async function importActivities(db: Kysely<Database>, actor: Actor, xml: string, options: ImportOptions, publisher: AppConfig['iati']) {
  if (!xml.trim()) throw problems.badRequest('iati-empty', 'The file is empty. Choose an IATI activities file (XML).');
  // IATI files never need a document type declaration; refusing them shuts out entity tricks.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw problems.badRequest('iati-doctype', 'The file declares a document type (<!DOCTYPE>), which IATI files do not use. Remove it and try again.');
  const validation = await validateIati(xml, 'activities');
  if (!validation.valid) {
    throw new Problem(400, 'iati-invalid', 'Not a valid IATI activities file', `The file does not follow the IATI 2.03 activity schema (${validation.errors.length} error${validation.errors.length === 1 ? '' : 's'}); nothing was imported.`, {
      schemaErrors: validation.errors.slice(0, 100),
    });
  }
  const root = children(parseXml(xml), 'iati-activities')[0];
  const activities = children(root, 'iati-activity');
  if (activities.length > IATI_IMPORT_MAX_ACTIVITIES) throw problems.badRequest('iati-too-many', `The file holds ${activities.length} activities; import at most ${IATI_IMPORT_MAX_ACTIVITIES} at a time.`);

  const organization = isUuid(options.organizationId) ? await db.selectFrom('organizations').select(['id', 'name', 'status']).where('id', '=', options.organizationId).executeTakeFirst() : undefined;
  if (!organization) throw problems.validation([{ field: 'organizationId', pointer: '#/organizationId', detail: 'is not an organization of the Forum' }]);
  if (organization.status !== 'active') throw problems.validation([{ field: 'organizationId', pointer: '#/organizationId', detail: 'is suspended: its posts cannot grow while it is' }]);

  const run = async (tx: Transaction<Database>) => {
    // One import at a time, on any app server: two imports of one file must not both create its posts.
    await sql`select pg_advisory_xact_lock(hashtext('vf:iati-import'))`.execute(tx);
    const outcomes: ActivityOutcome[] = [];
    const seen = new Set<string>();
    for (const element of activities) {
      const mapped = mapActivity(element);
      if ('skip' in mapped) {
        outcomes.push({ iatiIdentifier: mapped.identifier, title: mapped.title, action: 'skipped', postId: null, reason: mapped.skip, notImported: [] });
        continue;
      }
      const base = { iatiIdentifier: mapped.identifier, title: mapped.post.title, notImported: mapped.notImported };
      if (seen.has(mapped.identifier)) {
        outcomes.push({ ...base, action: 'skipped', postId: null, reason: 'The identifier appears more than once in the file; the first activity was imported.' });
        continue;
      }
      seen.add(mapped.identifier);
      outcomes.push({ ...base, ...(await upsert(tx, actor, organization, options, mapped, publisher)) });
    }
    if (!options.dryRun) {
      const done = outcomes.filter((o) => o.action === 'created' || o.action === 'updated');
      await audit(tx, { actorUserId: actor.id, action: 'iati.imported', targetType: 'organization', targetId: organization.id, details: { created: outcomes.filter((o) => o.action === 'created').length, updated: done.length - outcomes.filter((o) => o.action === 'created').length, activities: activities.length } });
    }
    return outcomes;
  };
  const outcomes = await db.transaction().execute(run);
  const count = (action: ActivityOutcome['action']) => outcomes.filter((o) => o.action === action).length;
  return { dryRun: options.dryRun, organization: { id: organization.id, name: organization.name }, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), skipped: count('skipped'), activities: outcomes };
}

async function upsert(tx: Transaction<Database>, actor: Actor, organization: { id: string; name: string }, options: ImportOptions, mapped: Mapped, publisher: AppConfig['iati']): Promise<Pick<ActivityOutcome, 'action' | 'postId' | 'reason'>> {
  const existing = await tx
    .selectFrom('iati_activities as ia')
    .innerJoin('posts as p', 'p.id', 'ia.post_id')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .selectAll('p')
    .select(['o.name as org_name', 'ia.reporting_org', 'ia.participating_orgs', 'ia.planned_disbursements', 'ia.activity_status', 'ia.last_updated'])
    .where('ia.iati_identifier', '=', mapped.identifier)
    .forUpdate()
    .executeTakeFirst();
  if (!existing) {
    // The Forum's own activities carry "<prefix>-<post id>": they are edited here, not imported over.
    const ownId = mapped.identifier.startsWith(`${publisher.prefix}-`) ? mapped.identifier.slice(publisher.prefix.length + 1) : null;
    if (ownId && isUuid(ownId) && (await tx.selectFrom('posts').select('id').where('id', '=', ownId).executeTakeFirst())) {
      return { action: 'skipped', postId: ownId, reason: 'This activity is a post of this Forum; edit the post instead.' };
    }
  } else if (existing.organization_id !== organization.id) {
    return { action: 'skipped', postId: null, reason: `This activity was imported for another organization (${existing.org_name}); import it for that organization to update it.` };
  }

  const values = { ...mapped.post, kind: 'project_info' as const };
  const kept = {
    reporting_org: JSON.stringify(mapped.kept.reporting_org),
    participating_orgs: JSON.stringify(mapped.kept.participating_orgs),
    planned_disbursements: JSON.stringify(mapped.kept.planned_disbursements),
    activity_status: mapped.kept.activity_status,
    status_at_import: values.status,
    last_updated: mapped.kept.last_updated,
    not_imported: JSON.stringify(mapped.notImported),
  };
  const derived = (v: typeof values) => ({ geo: geoOf(v.regions, v.countries), body_html: renderMarkdown(v.body), summary: summaryOf(markdownToText(v.body)) });

  if (!existing) {
    if (options.dryRun) return { action: 'created', postId: null, reason: null };
    const { id } = await tx
      .insertInto('posts')
      .values({ ...values, ...derived(values), audience: options.audience, organization_id: organization.id, author_id: actor.id, funding_sought: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('post_revisions').values({ post_id: id, revision: 1, snapshot: JSON.stringify(snapshotOf({ ...values, audience: options.audience, funding_sought: null })), edited_by: actor.id }).execute();
    await tx.insertInto('iati_activities').values({ post_id: id, iati_identifier: mapped.identifier, ...kept, imported_by: actor.id }).execute();
    return { action: 'created', postId: id, reason: null };
  }

  const current = snapshotOf(existing);
  const next = snapshotOf({ ...existing, ...values });
  const same =
    canonical(current) === canonical(next) &&
    canonical(existing.reporting_org) === canonical(mapped.kept.reporting_org) &&
    canonical(existing.participating_orgs) === canonical(mapped.kept.participating_orgs) &&
    canonical(existing.planned_disbursements) === canonical(mapped.kept.planned_disbursements) &&
    existing.activity_status === kept.activity_status &&
    existing.last_updated === kept.last_updated;
  if (same) return { action: 'unchanged', postId: existing.id, reason: null };
  if (options.dryRun) return { action: 'updated', postId: existing.id, reason: null };
  const revision = existing.revision + 1;
  await tx.updateTable('posts').set({ ...values, ...derived(values), revision, updated_at: new Date() }).where('id', '=', existing.id).execute();
  await tx.insertInto('post_revisions').values({ post_id: existing.id, revision, snapshot: JSON.stringify(next), edited_by: actor.id }).execute();
  await tx.updateTable('iati_activities').set({ ...kept, updated_at: new Date() }).where('post_id', '=', existing.id).execute();
  return { action: 'updated', postId: existing.id, reason: null };
}
