// The Forum's projects as IATI 2.03 activities, and its organizations as IATI organisations.
// Every activity comes from visiblePosts(...) with the list's filters, and every name in it from
// what the requester may see (partners are public on a project's page; a pledge's donor and
// amount only to those the donor rules let read that pledge). The mapping is in the README.
import { sql, type Kysely } from 'kysely';
import { can, type Actor } from '../access/index.js';
import type { AppConfig } from '../config.js';
import type { Database, IatiOrgRef, IatiPlannedDisbursement } from '../db/schema.js';
import { visiblePosts } from '../exchange/post-queries.js';
import type { ListPostsFilters } from '../exchange/post-schemas.js';
import { factsOf } from '../exchange/post-model.js';
import { countryName, labelOf, regionByCode } from '../../shared/taxonomy/index.js';
import type { OrganizationCategory } from '../../shared/participants.js';
import type { PostStatus } from '../../shared/exchange.js';
import { ACTIVITY_STATUS, DAC_SECTOR, IATI_VERSION, ORGANISATION_ROLE, ORGANISATION_TYPE, equalShares, orgIdentifier, vocabularyUri } from './codes.js';
import { narrative, writeXml, type XmlNode } from './xml.js';

/** As many activities as the CSV export has rows at most: past this, narrow the filters. */
export const IATI_EXPORT_MAX = 5000;

export type IatiFilters = Omit<ListPostsFilters, 'cursor' | 'limit' | 'sort'>;
type Publisher = AppConfig['iati'];

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const isoDateTime = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** The posts that are IATI activities: pipeline projects, project ideas, and project information with a budget, partners or an IATI origin. */
function activityPosts(db: Kysely<Database>, actor: Actor, filters: IatiFilters) {
  // An IATI activity is a publication: drafts, even the actor's own, never go out.
  return visiblePosts(db, actor, filters).where('p.published_at', 'is not', null).where((eb) =>
    eb.or([
      eb('p.kind', 'in', ['pipeline_project', 'project_idea']),
      eb.and([
        eb('p.kind', '=', 'project_info'),
        eb.or([
          eb('p.budget_amount', 'is not', null),
          eb.exists(eb.selectFrom('post_partners as pp').select('pp.post_id').whereRef('pp.post_id', '=', 'p.id').whereRef('pp.organization_id', '<>', 'p.organization_id')),
          eb.exists(eb.selectFrom('post_coauthors as pc').select('pc.post_id').whereRef('pc.post_id', '=', 'p.id').whereRef('pc.organization_id', '<>', 'p.organization_id')),
          eb.exists(eb.selectFrom('iati_activities as ia').select('ia.post_id').whereRef('ia.post_id', '=', 'p.id')),
        ]),
      ]),
    ]),
  );
}

interface Org { id: string; name: string; category: OrganizationCategory }
const orgElement = (publisher: Publisher, org: Org, role: string): XmlNode => ({
  '@_ref': orgIdentifier(publisher.prefix, org.id),
  '@_type': ORGANISATION_TYPE[org.category],
  '@_role': role,
  ...narrative(org.name),
});
const refElement = (o: IatiOrgRef, role?: string): XmlNode => ({
  ...(o.ref ? { '@_ref': o.ref } : {}),
  ...(o.type ? { '@_type': o.type } : {}),
  ...(role ? { '@_role': role } : {}),
  ...(o.name !== null ? narrative(o.name) : {}),
});

/** The IATI activities the actor may see, with the list's filters; null when there are none (the schema wants at least one). */
export async function activitiesXml(db: Kysely<Database>, actor: Actor, filters: IatiFilters, publisher: Publisher, publicUrl: string, now = new Date()): Promise<string | null> {
  const identifier = sql<string>`coalesce(ia.iati_identifier, ${`${publisher.prefix}-`} || p.id::text)`;
  const rows = await activityPosts(db, actor, filters)
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('iati_activities as ia', 'ia.post_id', 'p.id')
    .select([
      'p.id', 'p.kind', 'p.title', 'p.body', 'p.audience', 'p.status', 'p.organization_id', 'p.hidden_at', 'p.published_at', 'p.regions', 'p.countries', 'p.areas',
      'p.themes', 'p.exploitation', 'p.budget_amount', 'p.budget_currency', 'p.starts_on', 'p.ends_on', 'p.created_at', 'p.updated_at',
      'o.name as org_name', 'o.category as org_category',
      'ia.iati_identifier', 'ia.reporting_org', 'ia.participating_orgs', 'ia.planned_disbursements', 'ia.activity_status', 'ia.status_at_import', 'ia.last_updated',
      'ia.updated_at as imported_updated_at',
      identifier.as('identifier'),
    ])
    .orderBy(identifier)
    .limit(IATI_EXPORT_MAX)
    .execute();
  if (rows.length === 0) return null;
  const ids = rows.map((r) => r.id);

  const [coauthors, partners, pledges] = await Promise.all([
    db.selectFrom('post_coauthors as c').innerJoin('organizations as o', 'o.id', 'c.organization_id').select(['c.post_id', 'o.id', 'o.name', 'o.category']).where('c.post_id', 'in', ids).orderBy('o.name').execute(),
    db.selectFrom('post_partners as pp').innerJoin('organizations as o', 'o.id', 'pp.organization_id').select(['pp.post_id', 'pp.role', 'o.id', 'o.name', 'o.category']).where('pp.post_id', 'in', ids).orderBy('pp.role').orderBy('o.name').execute(),
    db
      .selectFrom('pledges as g')
      .innerJoin('organizations as o', 'o.id', 'g.organization_id')
      .select(['g.post_id', 'g.organization_id', 'g.amount', 'g.currency', 'g.updated_at', 'o.name', 'o.category'])
      .where('g.post_id', 'in', ids)
      .where('g.status', '=', 'confirmed')
      .orderBy('g.created_at')
      .orderBy('g.id')
      .execute(),
  ]);
  const byPost = <T extends { post_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.post_id, [...(map.get(item.post_id) ?? []), item]);
    return map;
  };
  const coauthorsOf = byPost(coauthors);
  const partnersOf = byPost(partners);
  const pledgesOf = byPost(pledges);

  const activities = rows.map((p) => {
    const lead: Org = { id: p.organization_id, name: p.org_name, category: p.org_category };
    const post = factsOf(p);
    // Pledges go out only where the requester may read each one (the donor rules).
    const visiblePledges = (pledgesOf.get(p.id) ?? []).filter((g) => can(actor, 'read', 'pledge', { post, pledgingOrganizationId: g.organization_id }));

    // Participating organizations: as published for an imported activity, else the lead; then
    // co-authors, partners and confirmed donors, once per organization and role.
    const participants: XmlNode[] = [];
    const seen = new Set<string>();
    const add = (key: string, node: XmlNode) => {
      if (seen.has(key)) return;
      seen.add(key);
      participants.push(node);
    };
    const imported = p.iati_identifier !== null;
    const importedOrgs = (p.participating_orgs ?? []) as IatiOrgRef[];
    for (const o of importedOrgs) add(`${o.ref ?? o.name}|${o.role}`, refElement(o, o.role));
    const leadPublished = importedOrgs.some((o) => o.ref === orgIdentifier(publisher.prefix, lead.id) || (o.name ?? '').trim().toLowerCase() === lead.name.trim().toLowerCase());
    if (!imported || !leadPublished) add(`${orgIdentifier(publisher.prefix, lead.id)}|${ORGANISATION_ROLE.lead}`, orgElement(publisher, lead, ORGANISATION_ROLE.lead));
    for (const c of coauthorsOf.get(p.id) ?? []) if (c.id !== lead.id) add(`${orgIdentifier(publisher.prefix, c.id)}|${ORGANISATION_ROLE.coauthor}`, orgElement(publisher, c, ORGANISATION_ROLE.coauthor));
    for (const x of partnersOf.get(p.id) ?? []) {
      if (x.id === lead.id) continue;
      const role = ORGANISATION_ROLE[x.role as keyof typeof ORGANISATION_ROLE] ?? '4';
      add(`${orgIdentifier(publisher.prefix, x.id)}|${role}`, orgElement(publisher, x, role));
    }
    for (const g of visiblePledges) add(`${orgIdentifier(publisher.prefix, g.organization_id)}|${ORGANISATION_ROLE.pledge}`, orgElement(publisher, { id: g.organization_id, name: g.name, category: g.category }, ORGANISATION_ROLE.pledge));

    const startsOn = p.starts_on ?? isoDate(p.created_at);
    const changedSinceImport = !imported || p.updated_at.getTime() > (p.imported_updated_at?.getTime() ?? 0);
    const status = imported && p.status === p.status_at_import && p.activity_status ? p.activity_status : (ACTIVITY_STATUS[p.status as PostStatus] ?? '2');
    const places = [...p.countries.map((c) => ({ kind: 'country' as const, code: c })), ...p.regions.map((r) => ({ kind: 'region' as const, code: r }))];
    const placeShares = equalShares(places.length);
    const dac = [...new Set(p.areas.map((a) => DAC_SECTOR[a as keyof typeof DAC_SECTOR]).filter((d): d is string => Boolean(d)))];
    const dacShares = equalShares(dac.length);
    const areaShares = equalShares(p.areas.length);
    const currency = p.budget_currency?.trim() ?? null;
    // IATI budgets cover a period: the planned one, so a post without an end date has none here.
    const budget = p.budget_amount && currency && p.ends_on
      ? { '@_type': '1', '@_status': '1', 'period-start': { '@_iso-date': startsOn }, 'period-end': { '@_iso-date': p.ends_on }, value: { '@_currency': currency, '@_value-date': startsOn, '#text': p.budget_amount } }
      : undefined;

    const activity: XmlNode = {
      '@_last-updated-datetime': !changedSinceImport && p.last_updated ? p.last_updated : isoDateTime(p.updated_at),
      '@_xml:lang': 'en',
      ...(budget ? { '@_default-currency': currency! } : {}),
      'iati-identifier': p.identifier,
      'reporting-org': imported && p.reporting_org
        ? { '@_ref': p.reporting_org.ref ?? '', '@_type': p.reporting_org.type ?? '', ...(p.reporting_org.secondaryReporter !== undefined ? { '@_secondary-reporter': p.reporting_org.secondaryReporter ? '1' : '0' } : {}), ...narrative(p.reporting_org.name ?? '') }
        : { '@_ref': publisher.prefix, '@_type': publisher.publisherType, ...narrative(publisher.publisherName) },
      title: narrative(p.title),
      description: { '@_type': '1', ...narrative(p.body) },
      'participating-org': participants,
      'activity-status': { '@_code': status },
      'activity-date': [
        { '@_type': '1', '@_iso-date': startsOn },
        ...(p.ends_on ? [{ '@_type': '3', '@_iso-date': p.ends_on }] : []),
      ],
      'recipient-country': places.flatMap((x, i) => (x.kind === 'country' ? [{ '@_code': x.code, '@_percentage': placeShares[i]!, ...narrative(countryName(x.code) ?? x.code) }] : [])),
      'recipient-region': places.flatMap((x, i) => (x.kind === 'region' ? [{ '@_code': x.code, '@_vocabulary': '2', '@_percentage': placeShares[i]!, ...narrative(regionByCode(x.code)?.name ?? x.code) }] : [])),
      sector: [
        ...dac.map((code, i) => ({ '@_vocabulary': '1', '@_code': code, '@_percentage': dacShares[i]! })),
        ...p.areas.map((code, i) => ({ '@_vocabulary': '99', '@_vocabulary-uri': vocabularyUri(publicUrl, 'areas'), '@_code': code, '@_percentage': areaShares[i]!, ...narrative(labelOf('area', code) ?? code) })),
      ],
      tag: [
        ...p.themes.map((code) => ({ '@_vocabulary': '99', '@_vocabulary-uri': vocabularyUri(publicUrl, 'themes'), '@_code': code, ...narrative(labelOf('theme', code) ?? code) })),
        ...p.exploitation.map((code) => ({ '@_vocabulary': '99', '@_vocabulary-uri': vocabularyUri(publicUrl, 'exploitation'), '@_code': code, ...narrative(labelOf('exploitation', code) ?? code) })),
      ],
      budget,
      'planned-disbursement': [
        ...((p.planned_disbursements ?? []) as IatiPlannedDisbursement[]).map(plannedDisbursement),
        ...visiblePledges.map((g) => {
          const date = p.starts_on ?? isoDate(g.updated_at);
          return {
            '@_type': '1',
            'period-start': { '@_iso-date': date },
            value: { '@_currency': g.currency.trim(), '@_value-date': date, '#text': g.amount },
            'provider-org': { '@_ref': orgIdentifier(publisher.prefix, g.organization_id), '@_type': ORGANISATION_TYPE[g.category], ...narrative(g.name) },
            'receiver-org': { '@_ref': orgIdentifier(publisher.prefix, lead.id), '@_type': ORGANISATION_TYPE[lead.category], ...narrative(lead.name) },
          };
        }),
      ],
    };
    return activity;
  });

  return writeXml({ 'iati-activities': { '@_version': IATI_VERSION, '@_generated-datetime': isoDateTime(now), 'iati-activity': activities } });
}

function plannedDisbursement(d: IatiPlannedDisbursement): XmlNode {
  return {
    ...(d.type ? { '@_type': d.type } : {}),
    'period-start': { '@_iso-date': d.periodStart },
    ...(d.periodEnd ? { 'period-end': { '@_iso-date': d.periodEnd } } : {}),
    value: { ...(d.currency ? { '@_currency': d.currency } : {}), '@_value-date': d.valueDate, '#text': d.amount },
    ...(d.provider ? { 'provider-org': refElement(d.provider) } : {}),
    ...(d.receiver ? { 'receiver-org': refElement(d.receiver) } : {}),
  };
}

/** The organizations of the directory the actor may list, as IATI organisations; null when there are none. */
export async function organisationsXml(db: Kysely<Database>, actor: Actor, publisher: Publisher, now = new Date()): Promise<string | null> {
  let query = db.selectFrom('organizations').select(['id', 'name', 'category', 'website', 'status']).orderBy('id');
  if (!can(actor, 'listAll', 'organization', { id: actor.organizationId })) query = query.where('status', '=', 'active');
  const rows = (await query.execute()).filter((row) => can(actor, 'read', 'organization', row));
  if (rows.length === 0) return null;
  const organisations = rows.map((o) => ({
    '@_xml:lang': 'en',
    'organisation-identifier': orgIdentifier(publisher.prefix, o.id),
    name: narrative(o.name),
    'reporting-org': { '@_ref': publisher.prefix, '@_type': publisher.publisherType, ...narrative(publisher.publisherName) },
    'document-link': o.website ? { '@_url': o.website, '@_format': 'text/html', title: narrative(`${o.name}: website`), category: { '@_code': 'B01' } } : undefined,
  }));
  return writeXml({ 'iati-organisations': { '@_version': IATI_VERSION, '@_generated-datetime': isoDateTime(now), 'iati-organisation': organisations } });
}
