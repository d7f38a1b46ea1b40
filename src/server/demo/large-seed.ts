// Generated volume data for load and search testing (`npm run seed:large`): organizations of every
// category, posts, comments and offers, from a vocabulary drawn from the seed documents (the UN.GIFT
// work programme and its regional events, the Vienna Forum report, the GA thematic dialogue).
// Everything is reproducible from a seed and flagged is_demo. The text is about needs, projects and
// organizations only, never about an individual.
import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely } from 'kysely';
import { mayCreateKind, type Audience, type OfferStatus, type PostKind, type PostStatus } from '../../shared/exchange.js';
import type { OrganizationCategory } from '../../shared/participants.js';
import { COUNTRY_REGION, countryName, regionByCode, type AreaCode, type ExploitationCode, type ThemeCode } from '../../shared/taxonomy/index.js';
import { tierOf } from '../access/tiers.js';
import type { Database } from '../db/schema.js';
import { renderMarkdown } from '../exchange/markdown.js';
import { newPostValues, snapshotOf } from '../exchange/post-model.js';
import type { CreatePostInput } from '../exchange/post-schemas.js';

// ------------------------------------------------------------------------------------------ random

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0 || 0x9e3779b9;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** `count` distinct items (fewer if there are fewer), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
  /** One of the keys, with the given relative weights. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) if ((r -= w) < 0) return key;
    return entries[entries.length - 1]![0];
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// -------------------------------------------------------------------------------------- vocabulary

/** Countries named in the seed documents or typical of the Forum's participants, on every continent. */
const COUNTRIES = [
  // Africa
  'NG', 'GH', 'BJ', 'TG', 'CI', 'SN', 'ML', 'BF', 'NE', 'LR', 'SL', 'GN', 'CM', 'CD', 'CF', 'TD', 'GA', 'UG', 'KE', 'TZ', 'RW', 'BI', 'ET', 'MZ', 'MW', 'ZA', 'ZW', 'ZM', 'LS', 'NA', 'MA', 'EG', 'TN', 'SD', 'DZ',
  // Americas
  'BR', 'AR', 'CO', 'PE', 'BO', 'EC', 'PY', 'CL', 'MX', 'GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'DO', 'HT', 'JM', 'TT', 'US', 'CA',
  // Asia
  'TH', 'KH', 'LA', 'MM', 'VN', 'PH', 'ID', 'MY', 'CN', 'MN', 'JP', 'KR', 'IN', 'NP', 'BD', 'PK', 'LK', 'AF', 'KZ', 'KG', 'TJ', 'UZ', 'TM', 'TR', 'JO', 'LB', 'AE', 'QA', 'KW', 'SA', 'IL', 'GE', 'AM', 'AZ',
  // Europe
  'AT', 'DE', 'NL', 'BE', 'FR', 'CH', 'GB', 'IE', 'SE', 'NO', 'FI', 'DK', 'LT', 'LV', 'EE', 'PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'MD', 'UA', 'BY', 'RU', 'IT', 'ES', 'PT', 'GR', 'AL', 'RS', 'BA', 'MK', 'HR',
  // Oceania
  'AU', 'NZ', 'PG', 'FJ', 'SB', 'VU', 'WS', 'TO', 'KI',
] as const;

const COUNTRIES_BY_REGION = new Map<string, string[]>();
for (const c of COUNTRIES) {
  const region = COUNTRY_REGION[c]!;
  COUNTRIES_BY_REGION.set(region, [...(COUNTRIES_BY_REGION.get(region) ?? []), c]);
}
const SUBREGIONS = [...COUNTRIES_BY_REGION.keys()];
const TOP_REGIONS = ['002', '019', '142', '150', '009'];

interface Topic {
  areas: AreaCode[];
  themes: ThemeCode[];
  exploitation: ExploitationCode[];
  subjects: string[];
  objectives: string[];
  activities: string[];
  groups: string[];
  partners: string[];
}

// Each topic gathers the needs, activities and partners the seed documents associate with one line of work.
const TOPICS: Topic[] = [
  {
    areas: ['legislation'],
    themes: ['action', 'prosecution'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'organ_removal', 'forced_marriage'],
    subjects: ['a review of the anti-trafficking law against the Trafficking Protocol', 'pre-ratification assistance for the Trafficking Protocol', 'drafting of implementing regulations for the new trafficking law', 'harmonisation of criminal and labour legislation on trafficking', 'a legislative assessment with the UN.GIFT checklist'],
    objectives: ['criminalize all elements of trafficking in persons in line with article 5 of the Protocol', 'introduce penalties proportionate to the gravity of the crime', 'provide a legal basis for the non-punishment of trafficked persons', 'allow the confiscation of proceeds and compensation of victims', 'bring national law in line with international commitments'],
    activities: ['clause-by-clause assessment of existing legislation', 'consultations with the ministries of justice, interior and labour', 'drafting advice and a commentary on proposed amendments', 'a validation workshop with parliamentarians and civil society', 'a briefing for the parliamentary committee concerned'],
    groups: ['legislators', 'ministries of justice', 'parliamentarians', 'legal drafters'],
    partners: ['an international organization with legislative drafting experience', 'bar associations and academic lawyers', 'the inter-parliamentary networks'],
  },
  {
    areas: ['data_research'],
    themes: ['action', 'impact'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'child_trafficking', 'domestic_servitude'],
    subjects: ['a national database of trafficking investigations and prosecutions', 'harmonised statistics on identified and assisted persons', 'a baseline study on trafficking routes and trends', 'a threat assessment of organized crime groups involved in trafficking', 'research on the socio-economic impact of trafficking'],
    objectives: ['report on the indicators of the global data collection exercise', 'close gaps in the coverage of existing data collection systems', 'give policymakers evidence on routes, trends and trafficker profiles', 'measure the results of the national action plan', 'protect personal data while producing reliable statistics'],
    activities: ['mapping of existing data sources', 'design of a minimum data set and common definitions', 'training of data officers in police and prosecution services', 'a first statistical report with anonymised figures', 'field research in source, transit and destination areas'],
    groups: ['police analysts', 'national statistics offices', 'researchers', 'national rapporteurs'],
    partners: ['research institutes', 'national statistics offices', 'an international organization running data collection'],
  },
  {
    areas: ['strategy_policy'],
    themes: ['action', 'partnership'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'child_trafficking'],
    subjects: ['a national plan of action against trafficking in persons', 'an inter-ministerial anti-trafficking commission', 'a national rapporteur or equivalent mechanism', 'a monitoring and evaluation framework for the national action plan', 'coordination between national and local anti-trafficking committees'],
    objectives: ['set strategic priorities, allocate resources and set realistic benchmarks', 'coordinate State agencies and NGOs in one national structure', 'identify policy gaps through national monitoring and reporting', 'ensure the action plan is funded from the national budget'],
    activities: ['a review of existing coordination mechanisms', 'drafting of the action plan with all ministries concerned', 'consultations with civil society and trade unions', 'training of local committee members', 'an independent mid-term review'],
    groups: ['national coordinators', 'local anti-trafficking committees', 'ministries', 'civil society organizations'],
    partners: ['countries with established national rapporteurs', 'regional organizations', 'NGO networks'],
  },
  {
    areas: ['prevention_awareness'],
    themes: ['prevention', 'vulnerability'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'domestic_servitude', 'child_labour'],
    subjects: ['an information campaign on safe labour migration', 'awareness-raising in schools and youth clubs', 'community dialogues with religious and traditional leaders', 'a helpline for migrants and people at risk', 'awareness-raising for policymakers and practitioners'],
    objectives: ['give vulnerable groups the information they need before they migrate', 'promote safe migration and discourage irregular migration', 'reduce the demand for goods and services produced by forced labour', 'involve young people as agents of change'],
    activities: ['message testing with young people and returned migrants', 'radio and television spots in local languages', 'information points in employment offices', 'school sessions with teachers and parents', 'an evaluation of the campaign’s reach and effect'],
    groups: ['young people in rural areas', 'prospective migrant workers', 'parents and teachers', 'women and girls at risk', 'communities in crisis'],
    partners: ['media organizations', 'NGOs running helplines', 'artists and popular personalities', 'local authorities'],
  },
  {
    areas: ['criminal_justice'],
    themes: ['prosecution'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'forced_criminality', 'debt_bondage'],
    subjects: ['training of police, prosecutors and judges on trafficking cases', 'a specialised anti-trafficking police unit', 'financial investigations and asset recovery in trafficking cases', 'a law enforcement “first aid kit” for front-line officers', 'witness protection in trafficking trials'],
    objectives: ['ensure front-line officers recognise the crime and respond effectively', 'increase the number of successful prosecutions', 'dismantle criminal groups and confiscate their proceeds', 'protect and support victims as witnesses'],
    activities: ['an advanced training course for investigators, prosecutors and judges', 'standard operating procedures for investigations', 'mentoring of the specialised unit', 'a case law review and moot court exercises', 'guidance on financial investigations'],
    groups: ['police investigators', 'prosecutors', 'judges', 'labour inspectors', 'border guards'],
    partners: ['an international organization with law enforcement training expertise', 'prosecutors’ associations', 'judicial training institutes'],
  },
  {
    areas: ['victim_protection'],
    themes: ['protection', 'impact'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'domestic_servitude', 'child_trafficking'],
    subjects: ['a national referral mechanism for trafficked persons', 'minimum standards for shelters', 'psychosocial and health care services for trafficked persons', 'identification guidelines for front-line professionals', 'a reflection period and residence options for trafficked persons'],
    objectives: ['identify trafficked persons early and refer them to assistance', 'provide housing, medical, psychological and legal assistance', 'avoid immediate deportation and ensure safe return where chosen', 'formalise cooperation between authorities and NGO service providers'],
    activities: ['multidisciplinary teams at district level', 'written standards and standard operating procedures', 'training of shelter staff, social workers and health workers', 'a cooperation agreement between police and NGOs', 'a monitoring system for the quality of services'],
    groups: ['social workers', 'shelter staff', 'health workers', 'NGO service providers', 'consular staff'],
    partners: ['NGO service providers', 'ministries of social affairs and health', 'an international organization with victim assistance experience'],
  },
  {
    areas: ['international_cooperation'],
    themes: ['partnership', 'prosecution'],
    exploitation: ['child_trafficking', 'forced_labour', 'sexual_exploitation', 'forced_begging'],
    subjects: ['joint investigations with neighbouring countries', 'mutual legal assistance and extradition in trafficking cases', 'liaison officers at border crossings', 'a regional action plan against trafficking', 'transnational referral of trafficked persons'],
    objectives: ['enable effective information exchange between States', 'strengthen central authorities for mutual legal assistance', 'agree procedures for safe return and follow-up', 'promote South-South and triangular cooperation'],
    activities: ['a model memorandum of understanding', 'joint training of police from both sides of the border', 'a regional meeting of central authorities', 'exchange visits between prosecution services', 'a directory of contact points'],
    groups: ['central authorities', 'border police', 'prosecution services', 'social welfare services in origin and destination countries'],
    partners: ['regional police cooperation bodies', 'neighbouring Governments', 'an international organization with experience of regional frameworks'],
  },
  {
    areas: ['prevention_awareness', 'strategy_policy'],
    themes: ['prevention', 'partnership'],
    exploitation: ['forced_labour', 'debt_bondage', 'child_labour'],
    subjects: ['ethical recruitment without fees charged to workers', 'forced labour risks in global supply chains', 'a business coalition against trafficking', 'labour inspection in agriculture, construction and fishing', 'codes of conduct for recruitment agencies'],
    objectives: ['manage the risks of forced labour in supply chains', 'regulate private recruitment agencies', 'extend labour protection to migrant and domestic workers', 'engage employers’ organizations and trade unions'],
    activities: ['a supply chain management toolkit for businesses', 'independent audits including off-site worker interviews', 'training for employers’ organizations and trade unions', 'guidance for buyers on subcontracting', 'a public register of audited agencies'],
    groups: ['employers', 'trade unions', 'recruitment agencies', 'migrant workers', 'labour inspectors'],
    partners: ['employers’ organizations', 'trade unions', 'companies and industry associations', 'the Global Compact network'],
  },
  {
    areas: ['victim_protection', 'prevention_awareness'],
    themes: ['vulnerability', 'protection'],
    exploitation: ['child_trafficking', 'child_labour', 'forced_begging', 'child_sexual_exploitation'],
    subjects: ['protection of unaccompanied children on the move', 'child-friendly procedures in the justice system', 'prevention of street begging by exploited children', 'training resources on child trafficking', 'birth registration and school enrolment for children at risk'],
    objectives: ['keep children in school and out of exploitative work', 'ensure every identified child is assigned a guardian', 'coordinate child protection services across borders', 'avoid re-victimization during proceedings'],
    activities: ['community child protection committees', 'guidelines for police, prosecutors and judges', 'vocational training for adolescents', 'support to vulnerable families', 'training for educators and social services personnel'],
    groups: ['children at risk', 'street children', 'child protection services', 'teachers', 'guardians'],
    partners: ['child protection NGOs', 'UNICEF country offices', 'ministries of education and social welfare'],
  },
  {
    areas: ['victim_protection', 'strategy_policy'],
    themes: ['vulnerability', 'protection'],
    exploitation: ['children_armed_conflict', 'child_trafficking', 'sexual_exploitation'],
    subjects: ['reintegration of children formerly associated with armed groups', 'training of peacekeeping forces to prevent and detect trafficking', 'trafficking in conflict and post-conflict settings', 'awareness-raising in camps for displaced people and refugees'],
    objectives: ['include all children in disarmament, demobilization and reintegration programmes', 'tailor anti-trafficking activities to post-conflict settings', 'fight impunity of those who recruit children', 'provide psychological assistance where needed'],
    activities: ['a situational analysis of children at risk', 'vocational skills modules', 'a legal network of prosecutors', 'pre-deployment training modules for peacekeepers', 'a communications strategy for communities'],
    groups: ['children formerly associated with armed groups', 'peacekeepers', 'displaced communities', 'refugee camp staff'],
    partners: ['child protection agencies', 'peacekeeping training centres', 'regional economic communities'],
  },
  {
    areas: ['prevention_awareness'],
    themes: ['impact', 'partnership'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'domestic_servitude'],
    subjects: ['a journalists’ code of conduct on reporting trafficking', 'training for journalists and editors', 'investigative reporting on recruitment and supply chains', 'artists against human trafficking'],
    objectives: ['avoid sensationalism and protect the people reported on', 'cover the full range of forms of exploitation', 'build a coalition of media partners'],
    activities: ['regional workshops for journalists', 'a short code drafted with editors and press councils', 'a fund for investigative reporting', 'public service announcements'],
    groups: ['journalists', 'editors', 'press councils', 'artists'],
    partners: ['media organizations', 'press councils', 'journalism schools'],
  },
  {
    areas: ['victim_protection', 'data_research'],
    themes: ['impact', 'protection'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'organ_removal'],
    subjects: ['health and human trafficking, including HIV', 'a handbook for health workers on trafficking', 'research on trafficking for the removal of organs', 'integrating HIV strategies into anti-trafficking strategies'],
    objectives: ['help health workers recognise signs of trafficking and refer safely', 'mitigate health hazards through intersectoral collaboration', 'distinguish trafficking for organ removal from transplant tourism'],
    activities: ['a handbook and short training course for clinics', 'a survey of transplant professionals', 'referral procedures between clinics and service providers'],
    groups: ['health workers', 'transplant professionals', 'ministries of health'],
    partners: ['ministries of health', 'medical associations', 'research institutes'],
  },
  {
    areas: ['victim_protection', 'prevention_awareness'],
    themes: ['protection', 'partnership'],
    exploitation: ['forced_labour', 'sexual_exploitation', 'domestic_servitude'],
    subjects: ['safe return and sustainable reintegration', 'job placement through employer partnerships', 'reinsertion into the legitimate labour market', 'risk assessment before and after return'],
    objectives: ['prevent re-trafficking after return', 'give access to employment and education', 'commit to a long-term reintegration process with regular assessment'],
    activities: ['reintegration grants and vocational training', 'placements with partner employers', 'case management standards shared by NGOs and authorities', 'monitoring of outcomes at six and twelve months'],
    groups: ['returning migrants', 'NGO case managers', 'employers'],
    partners: ['employers’ organizations', 'NGO service providers', 'Governments of origin and destination'],
  },
  {
    areas: ['criminal_justice', 'prevention_awareness'],
    themes: ['prevention', 'prosecution'],
    exploitation: ['child_sexual_exploitation', 'sexual_exploitation'],
    subjects: ['technology-based initiatives against online child sexual exploitation', 'codes of conduct to curb sex tourism', 'training of hotel and travel staff', 'cybercrime investigation capacity'],
    objectives: ['stem child pornography and child sexual exploitation online', 'prosecute child sex tourism offences', 'engage the travel and technology industries'],
    activities: ['training for cybercrime investigators', 'reporting procedures agreed with police and hotlines', 'an e-learning module for hotel staff', 'a financial and technology coalition'],
    groups: ['cybercrime units', 'hotel staff', 'travel companies', 'Internet service providers'],
    partners: ['technology companies', 'hotel groups and tourism authorities', 'child protection hotlines'],
  },
  {
    areas: ['legislation', 'prevention_awareness'],
    themes: ['vulnerability', 'prevention'],
    exploitation: ['forced_marriage', 'illegal_adoption', 'child_trafficking'],
    subjects: ['prevention of forced and servile marriage', 'safeguards against illegal adoption', 'regulation of marriage brokers', 'intercountry adoption procedures'],
    objectives: ['keep girls in school and delay early marriage', 'accredit adoption bodies and strengthen central authorities', 'inform families about the law'],
    activities: ['dialogues with community and faith leaders', 'a review of adoption procedures', 'scholarships and mentoring for girls', 'support to birth registration'],
    groups: ['community and faith leaders', 'central adoption authorities', 'families', 'girls at risk'],
    partners: ['women’s organizations', 'faith-based organizations', 'central adoption authorities'],
  },
];

const CONTEXTS = [
  'Trafficking in persons in {place} remains a low-risk, high-profit crime, and the response so far has been fragmented.',
  'Assessments in {place} found gaps in {subject}; the national action plan lists it as a priority.',
  '{Place} is a country of origin, transit and destination. {Groups} have asked for support on {subject}.',
  'Recommendations of the Vienna Forum and of the UN.GIFT regional events call for work on {subject}.',
  'Existing efforts in {place} are small and poorly coordinated, and {groups} lack training and resources.',
  'Economic vulnerability, social exclusion and corruption make people in {place} vulnerable to exploitation.',
  'A rapid needs assessment in {place} identified {subject} as the most urgent need.',
  'The work builds on a pilot carried out last year with {groups}.',
];

const KIND_TITLES: Record<PostKind, string[]> = {
  ta_request: ['Request for technical assistance: {subject} in {place}', 'Support needed for {subject} ({place})', 'Technical assistance for {subject} in {place}', '{Subject}: assistance requested by {place}'],
  pipeline_project: ['Joint programme: {subject} in {place}', 'Pipeline project: {subject} ({place})', '{Subject} — a regional programme for {place}', 'Programme proposal on {subject} in {place}'],
  project_idea: ['Project idea: {subject} for {groups}', 'Proposal: {subject} in {place}', 'Idea for {subject} with {groups}', '{Subject}: a pilot in {place}'],
  project_info: ['{Subject} in {place}: progress update', '{Subject} in {place}: lessons learned', 'Results of the first phase: {subject} ({place})', 'New materials on {subject} for {groups}'],
};

const PARTNER_LINES = [
  'We are looking for {partners} to join the project.',
  'Partners sought: {partners}.',
  'We would welcome offers from {partners}.',
  'Comments from {partners} are welcome.',
];

const COMMENT_OPENERS = [
  'Thank you for sharing this.',
  'This is very relevant to our work.',
  'We faced a similar need last year.',
  'A useful initiative.',
  'Interesting approach.',
];
const COMMENT_LINES = [
  'Our experience in {place} with {activity} could be useful here.',
  'Have you considered involving {partners} from the start?',
  'Could you share the draft terms of reference for {activity}?',
  'We would be interested in joining the component on {activity}.',
  'It would help to agree common definitions before {activity}.',
  'Make sure {groups} are consulted when planning {activity}.',
  'The evaluation should measure results, not only activities.',
  'We can share materials we developed on {subject}.',
];
const REPLY_LINES = [
  'Thank you, we will follow up directly.',
  'Good point; we will add it to the work plan.',
  'Yes, the draft will be posted here next month.',
  'Agreed. We are discussing this with the ministries concerned.',
  'Thanks, that would be very helpful.',
];

const ORG_TEMPLATES: Record<OrganizationCategory, string[]> = {
  government: ['Ministry of Labour and Social Protection, {country}', 'Ministry of Interior, {country} — Anti-Trafficking Unit', 'Ministry of Justice, {country}', 'National Task Force against Trafficking in Persons, {country}', 'Ministry of Women, Children and Social Welfare, {country}', 'Office of the National Coordinator against Trafficking, {country}'],
  intergovernmental: ['Regional Anti-Trafficking Programme, {region}', 'Regional Office for {region}, International Migration Programme', '{region} Police Cooperation Secretariat', 'Regional Labour Migration Programme for {region}'],
  civil_society: ['Centre for Migrant Workers’ Rights, {country}', 'Coalition against Forced Labour, {country}', 'Women’s Legal Aid Centre, {country}', 'Children’s Protection Network, {country}', 'Shelter and Counselling Association, {country}', 'Faith Communities against Trafficking, {country}'],
  private_sector: ['{country} Hotel and Tourism Association', 'Ethical Recruitment Services, {country}', '{country} Garment Exporters Association', 'Seafood Processors Group, {country}', 'Telecommunications company, {country}'],
  academia: ['Institute for Migration Studies, {country}', 'Faculty of Law, National University of {country}', 'Centre for Human Rights Research, {country}', 'School of Social Work, {country}'],
  media: ['{country} Investigative Journalism Network', 'Community Radio Association, {country}', 'Press Council of {country}'],
  individual: ['Independent expert on {topic}, {country}'],
};
const EXPERT_TOPICS = ['labour migration', 'child protection', 'criminal justice', 'data and research', 'victim assistance', 'supply chains'];
const FIRST_NAMES = ['Amina', 'Carlos', 'Mei', 'Ivan', 'Fatou', 'Lucas', 'Aisha', 'Tomas', 'Nadia', 'Rahul', 'Grace', 'Pedro', 'Leila', 'Johan', 'Sara', 'Kofi', 'Hana', 'Diego', 'Olga', 'Samuel'];
const LAST_NAMES = ['Mensah', 'Silva', 'Chen', 'Novak', 'Diallo', 'Costa', 'Haddad', 'Berg', 'Kaya', 'Sharma', 'Otieno', 'Reyes', 'Nasser', 'Jansen', 'Lind', 'Asante', 'Tanaka', 'Morales', 'Petrenko', 'Okoro'];
const FOCAL_TITLES = ['Programme officer', 'Focal point for anti-trafficking', 'Project coordinator', 'Head of unit', 'Policy adviser'];

/** Generated organizations per category, out of about 200. */
const CATEGORY_COUNTS: Record<OrganizationCategory, number> = { government: 50, intergovernmental: 16, civil_society: 60, private_sector: 28, academia: 20, media: 12, individual: 14 };

// ------------------------------------------------------------------------------------ generation

export interface GeneratedOrganization {
  name: string;
  category: OrganizationCategory;
  country: string;
  focalPoint: { email: string; name: string; title: string };
}

/** About 200 organizations of every category, each with one focal point; deterministic for a seed. */
export function generateOrganizations(seed: number): GeneratedOrganization[] {
  const rng = new Random(seed * 7919 + 1);
  const orgs: GeneratedOrganization[] = [];
  for (const [category, count] of Object.entries(CATEGORY_COUNTS) as [OrganizationCategory, number][]) {
    for (let i = 0; i < count; i++) {
      const country = rng.pick(COUNTRIES);
      const region = regionByCode(rng.pick(SUBREGIONS))!.name;
      const name = rng
        .pick(ORG_TEMPLATES[category])
        .replace('{country}', countryName(country) ?? country)
        .replace('{region}', region)
        .replace('{topic}', rng.pick(EXPERT_TOPICS));
      const person = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      const n = String(orgs.length + 1).padStart(3, '0');
      orgs.push({
        name: `${name} (generated ${n})`,
        category,
        country,
        focalPoint: { email: `seed${seed}-org${n}@demo.test`, name: person, title: rng.pick(FOCAL_TITLES) },
      });
    }
  }
  return orgs;
}

export interface GeneratedPost {
  /** Index into the organizations the posts were generated for. */
  org: number;
  /** Index of the topic the text was drawn from, so that comments and offers can stay on it. */
  topic: number;
  input: CreatePostInput & { audience: Audience; status: PostStatus };
  createdAt: Date;
  updatedAt: Date;
}

const KIND_WEIGHTS: Record<'government' | 'intergovernmental' | 'other', Partial<Record<PostKind, number>>> = {
  government: { ta_request: 55, project_info: 30, project_idea: 15 },
  intergovernmental: { pipeline_project: 55, project_info: 30, project_idea: 15 },
  other: { project_idea: 50, project_info: 50 },
};
/** Chance of audience 'full' per kind: about 40% overall with the mix of authors above. */
const FULL_CHANCE: Record<PostKind, number> = { ta_request: 0.75, pipeline_project: 0.75, project_idea: 0.3, project_info: 0.3 };
const STATUS_WEIGHTS: Record<PostKind, Partial<Record<PostStatus, number>>> = {
  ta_request: { open: 60, in_progress: 20, closed: 15, withdrawn: 5 },
  pipeline_project: { seeking_funding: 40, drafting: 15, funded: 15, in_implementation: 20, completed: 7, withdrawn: 3 },
  project_idea: { idea: 45, drafting: 20, seeking_funding: 25, funded: 5, in_implementation: 3, withdrawn: 2 },
  project_info: { ongoing: 65, completed: 33, withdrawn: 2 },
};
const DAY_MS = 86_400_000;
const TWO_YEARS_DAYS = 730;

function fill(template: string, words: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = words[key.toLowerCase()];
    if (value === undefined) return whole;
    return key[0] === key[0]!.toUpperCase() ? cap(value) : value;
  });
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Where a post is about: a country, a few in one sub-region, or whole regions. */
function pickGeography(rng: Random, homeCountry: string): { regions: string[]; countries: string[]; place: string } {
  const r = rng.next();
  if (r < 0.55) {
    const country = rng.chance(0.7) && COUNTRY_REGION[homeCountry] ? homeCountry : rng.pick(COUNTRIES);
    return { regions: [], countries: [country], place: countryName(country) ?? country };
  }
  if (r < 0.85) {
    const sub = rng.pick(SUBREGIONS);
    const countries = rng.sample(COUNTRIES_BY_REGION.get(sub)!, rng.int(2, 4));
    return { regions: [sub], countries, place: regionByCode(sub)!.name };
  }
  const regions = rng.sample(rng.chance(0.5) ? TOP_REGIONS : SUBREGIONS, rng.int(1, 2));
  return { regions, countries: [], place: regions.map((c) => regionByCode(c)!.name).join(' and ') };
}

function bullets(items: string[]): string {
  return items.map((i) => `- ${cap(i)};`).join('\n').replace(/;$/, '.');
}

/** One generated post for an organization of `category` based in `country`. */
function generatePost(rng: Random, category: OrganizationCategory, country: string, now: Date): Omit<GeneratedPost, 'org'> {
  const group = category === 'government' || category === 'intergovernmental' ? category : 'other';
  const kind = rng.weighted(KIND_WEIGHTS[group] as Record<PostKind, number>);
  const topicIndex = Math.floor(rng.next() * TOPICS.length);
  const topic = TOPICS[topicIndex]!;
  const geo = pickGeography(rng, country);
  const subject = rng.pick(topic.subjects);
  const groups = rng.sample(topic.groups, 2).join(' and ');
  const words = { place: geo.place, subject, groups, partners: rng.pick(topic.partners) };

  const title = fill(rng.pick(KIND_TITLES[kind]), words).slice(0, 200);
  const sections = [
    rng.chance(0.6) ? '### Context' : '**Context**',
    rng.sample(CONTEXTS, rng.int(1, 2)).map((c) => fill(c, words)).join(' '),
    '',
    rng.chance(0.5) ? '### Objectives' : '**Objectives**',
    bullets(rng.sample(topic.objectives, rng.int(2, 3))),
    '',
    rng.chance(0.5) ? '### Activities' : '**Activities**',
    bullets(rng.sample(topic.activities, rng.int(2, 4))),
    '',
    fill(rng.pick(PARTNER_LINES), { partners: rng.sample(topic.partners, 2).join(' and ') }),
  ];

  const createdAt = new Date(now.getTime() - rng.next() * TWO_YEARS_DAYS * DAY_MS);
  const updatedAt = rng.chance(0.2) ? new Date(createdAt.getTime() + rng.next() * (now.getTime() - createdAt.getTime())) : createdAt;
  let budget: CreatePostInput['budget'] = null;
  let fundingSought: string | null = null;
  if (kind !== 'project_info' && rng.chance(0.5)) {
    const amount = rng.int(2, 300) * 5000;
    budget = { amount: String(amount), currency: rng.chance(0.6) ? 'USD' : 'EUR' };
    if (kind !== 'ta_request' && rng.chance(0.6)) fundingSought = String(Math.round((amount * rng.int(3, 10)) / 10));
    sections.push('', `Estimated budget: ${budget.currency} ${amount.toLocaleString('en-US')}.`);
  }
  let startsOn: string | null = null;
  let endsOn: string | null = null;
  if (rng.chance(0.5)) {
    const start = new Date(createdAt.getTime() + rng.int(0, 180) * DAY_MS);
    startsOn = isoDate(start);
    endsOn = isoDate(new Date(start.getTime() + rng.int(3, 36) * 30 * DAY_MS));
  }
  return {
    input: {
      kind,
      title,
      body: sections.join('\n'),
      audience: rng.chance(FULL_CHANCE[kind]) ? 'full' : 'all',
      status: rng.weighted(STATUS_WEIGHTS[kind] as Record<PostStatus, number>),
      regions: geo.regions,
      countries: geo.countries,
      areas: rng.sample(topic.areas, rng.int(1, topic.areas.length)),
      themes: rng.sample(topic.themes, rng.int(1, topic.themes.length)),
      exploitation: rng.sample(topic.exploitation, rng.int(1, 3)),
      budget,
      fundingSought,
      startsOn,
      endsOn,
    },
    topic: topicIndex,
    createdAt,
    updatedAt,
  };
}

export interface AuthorOrganization {
  category: OrganizationCategory;
  country: string;
}

/** Posts, one after the other, for organizations picked at random; the same seed gives the same posts. */
export function* postGenerator(orgs: readonly AuthorOrganization[], seed: number, now: Date): Generator<GeneratedPost> {
  const rng = new Random(seed * 104729 + 2);
  for (;;) {
    const org = Math.floor(rng.next() * orgs.length);
    yield { org, ...generatePost(rng, orgs[org]!.category, orgs[org]!.country, now) };
  }
}

/** `count` posts for `orgs` (by default the generated organizations of the seed); deterministic for a seed. */
export function generatePosts(count: number, seed: number, orgs: readonly AuthorOrganization[] = generateOrganizations(seed), now = new Date('2026-01-01T00:00:00Z')): GeneratedPost[] {
  const out: GeneratedPost[] = [];
  const generator = postGenerator(orgs, seed, now);
  while (out.length < count) out.push(generator.next().value as GeneratedPost);
  return out;
}

function commentText(rng: Random, topic: Topic | null): string {
  if (!topic) return rng.pick(REPLY_LINES);
  const words = { place: countryName(rng.pick(COUNTRIES)) ?? 'our country', activity: rng.pick(topic.activities), partners: rng.pick(topic.partners), groups: rng.pick(topic.groups), subject: rng.pick(topic.subjects) };
  const lines = rng.sample(COMMENT_LINES, rng.int(1, 2)).map((l) => fill(l, words));
  return [rng.chance(0.5) ? rng.pick(COMMENT_OPENERS) : null, ...lines].filter(Boolean).join(' ');
}

// ------------------------------------------------------------------------------------------ seeding

export interface SeedOptions {
  posts: number;
  seed: number;
  /** Rows per INSERT. */
  batchSize?: number;
  /** Batches in flight at once (1 for PGlite, which runs one statement at a time anyway). */
  concurrency?: number;
  now?: Date;
  log?: (line: string) => void;
}

export interface SeedStats {
  organizations: number;
  users: number;
  posts: number;
  revisions: number;
  comments: number;
  offers: number;
  partners: number;
  seconds: number;
}

/** Runs async tasks with at most `limit` in flight; the first failure is rethrown. */
class TaskPool {
  readonly #inFlight = new Set<Promise<void>>();
  #error: unknown = null;
  constructor(private readonly limit: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.#inFlight.size >= this.limit) await Promise.race(this.#inFlight);
    if (this.#error) throw this.#error;
    const running: Promise<void> = task()
      .catch((error: unknown) => {
        this.#error ??= error;
      })
      .finally(() => this.#inFlight.delete(running));
    this.#inFlight.add(running);
  }

  async drain(): Promise<void> {
    await Promise.all(this.#inFlight);
    if (this.#error) throw this.#error;
  }
}

interface Author {
  orgId: string;
  userId: string;
  category: OrganizationCategory;
  country: string;
  full: boolean;
}

/** Creates the generated organizations and focal points that do not exist yet; returns all of them. */
async function ensureOrganizations(db: Kysely<Database>, seed: number): Promise<{ authors: Author[]; created: number }> {
  const generated = generateOrganizations(seed);
  const existing = new Map(
    (
      await db
        .selectFrom('users')
        .select(['email', 'id', 'organization_id'])
        .where('email', 'in', generated.map((g) => g.focalPoint.email))
        .execute()
    ).map((u) => [u.email, u]),
  );
  const missing = generated.filter((g) => !existing.has(g.focalPoint.email));
  const authors: Author[] = [];
  const orgRows: Insertable<Database['organizations']>[] = [];
  const userRows: Insertable<Database['users']>[] = [];
  for (const g of generated) {
    const found = existing.get(g.focalPoint.email);
    const orgId = found?.organization_id ?? randomUUID();
    const userId = found?.id ?? randomUUID();
    if (!found) {
      orgRows.push({ id: orgId, name: g.name, category: g.category, country: g.country, website: null, is_demo: true });
      // No password: the focal point has not activated the account.
      userRows.push({ id: userId, organization_id: orgId, email: g.focalPoint.email, name: g.focalPoint.name, title: g.focalPoint.title, role: 'focal_point', status: 'pending', password_hash: null, is_demo: true, activated_at: null, password_changed_at: null });
    }
    authors.push({ orgId, userId, category: g.category, country: g.country, full: tierOf(g.category, 'focal_point') === 'full' });
  }
  if (missing.length) {
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('organizations').values(orgRows).execute();
      await tx.insertInto('users').values(userRows).execute();
    });
  }
  return { authors, created: missing.length };
}

/** The demo organizations' focal points (and the organizer), so that demo users also own generated posts. */
async function demoAuthors(db: Kysely<Database>): Promise<Author[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id as userId', 'u.role', 'o.id as orgId', 'o.category', 'o.country'])
    .where('u.is_demo', '=', true)
    .where('u.email', 'like', '%@demo.test')
    .where('u.email', 'not like', 'seed%')
    .where('u.status', '=', 'active')
    .where('u.role', 'in', ['focal_point', 'organizer'])
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ orgId: r.orgId, userId: r.userId, category: r.category, country: r.country.trim(), full: tierOf(r.category, r.role) === 'full' }));
}

/**
 * Generates `posts` posts (with revision 1), about posts/2 comments and posts/20 offers, for about
 * 200 generated organizations plus the demo organizations, in batched INSERTs, then runs ANALYZE.
 */
export async function seedLarge(db: Kysely<Database>, options: SeedOptions): Promise<SeedStats> {
  const { posts: total, seed } = options;
  const batchSize = options.batchSize ?? 1000;
  const concurrency = options.concurrency ?? 1;
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const started = performance.now();
  const stats: SeedStats = { organizations: 0, users: 0, posts: 0, revisions: 0, comments: 0, offers: 0, partners: 0, seconds: 0 };
  const rows = () => stats.organizations + stats.users + stats.posts + stats.revisions + stats.comments + stats.offers + stats.partners;
  const elapsed = () => (performance.now() - started) / 1000;
  const progress = (phase: string, done: number, of: number) =>
    log(`${phase.padEnd(9)} ${done.toLocaleString('en-US').padStart(9)} / ${of.toLocaleString('en-US')}   ${elapsed().toFixed(1).padStart(6)} s   ${Math.round(rows() / elapsed()).toLocaleString('en-US')} rows/s`);

  const { authors: generated, created } = await ensureOrganizations(db, seed);
  stats.organizations = created;
  stats.users = created;
  const authors = [...generated, ...(await demoAuthors(db))];
  log(`organizations: ${created} created, ${authors.length} authors in all (${generated.length} generated, ${authors.length - generated.length} demo)`);
  const fullTier = authors.map((a, i) => (a.full ? i : -1)).filter((i) => i >= 0);

  // What later phases need to know about each post, kept compact.
  const postIds: string[] = new Array(total);
  const postOrg = new Int32Array(total);
  const postFull = new Uint8Array(total);
  const postCreated = new Float64Array(total);
  const postTopic = new Uint8Array(total);
  const openRequests: number[] = [];
  const inProgress = new Uint8Array(total);

  const pool = new TaskPool(concurrency);
  const every = Math.max(1, Math.round(total / batchSize / 20));
  const generator = postGenerator(authors, seed, now);

  // ---- posts and their first revision
  for (let start = 0, batch = 0; start < total; start += batchSize, batch++) {
    const postRows: Insertable<Database['posts']>[] = [];
    const revisionRows: Insertable<Database['post_revisions']>[] = [];
    for (let i = start; i < Math.min(total, start + batchSize); i++) {
      const p = generator.next().value as GeneratedPost;
      const author = authors[p.org]!;
      if (!mayCreateKind(p.input.kind, author.category, false)) throw new Error(`generated a ${p.input.kind} for a ${author.category}`);
      const values = newPostValues(p.input);
      const id = randomUUID();
      postIds[i] = id;
      postOrg[i] = p.org;
      postFull[i] = values.audience === 'full' ? 1 : 0;
      postCreated[i] = p.createdAt.getTime();
      postTopic[i] = p.topic;
      if (values.kind === 'ta_request' && (values.status === 'open' || values.status === 'in_progress')) openRequests.push(i);
      if (values.status === 'in_progress') inProgress[i] = 1;
      postRows.push({ ...values, id, body_html: renderMarkdown(values.body), organization_id: author.orgId, author_id: author.userId, is_demo: true, created_at: p.createdAt, updated_at: p.updatedAt });
      revisionRows.push({ post_id: id, revision: 1, snapshot: JSON.stringify(snapshotOf(values)), edited_by: author.userId, edited_at: p.createdAt });
    }
    await pool.add(async () => {
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('posts').values(postRows).execute();
        await tx.insertInto('post_revisions').values(revisionRows).execute();
      });
      stats.posts += postRows.length;
      stats.revisions += revisionRows.length;
      if ((batch + 1) % every === 0 || stats.posts === total) progress('posts', stats.posts, total);
    });
  }
  await pool.drain();

  const rng = new Random(seed * 15485863 + 3);
  const at = (from: number, maxDays: number) => new Date(Math.min(now.getTime(), from + rng.next() * maxDays * DAY_MS));
  /** An organization that may see (and so comment on) post `i`, other than its author most of the time. */
  const viewer = (i: number, mayBeOwn: boolean): number => {
    for (;;) {
      const candidate = postFull[i] ? fullTier[Math.floor(rng.next() * fullTier.length)]! : Math.floor(rng.next() * authors.length);
      if (mayBeOwn || authors[candidate]!.orgId !== authors[postOrg[i]!]!.orgId) return candidate;
    }
  };

  // ---- comments: about one for every two posts. Top-level comments first, then (once all of them
  // are committed, since batches may run concurrently) replies, one level deep, to some of them.
  const commentTotal = Math.round(total / 2);
  const replyTotal = Math.round(commentTotal / 4);
  const topLevelTotal = commentTotal - replyTotal;
  const commented: { post: number; id: string; at: number }[] = [];
  const insertComments = async (phaseTotal: number, make: () => Insertable<Database['comments']>) => {
    for (let start = 0, batch = 0; start < phaseTotal; start += batchSize, batch++) {
      const commentRows: Insertable<Database['comments']>[] = [];
      for (let n = start; n < Math.min(phaseTotal, start + batchSize); n++) commentRows.push(make());
      await pool.add(async () => {
        await db.insertInto('comments').values(commentRows).execute();
        stats.comments += commentRows.length;
        if ((batch + 1) % every === 0 || stats.comments === topLevelTotal || stats.comments === commentTotal) progress('comments', stats.comments, commentTotal);
      });
    }
    await pool.drain();
  };
  const commentRow = (post: number, who: number, parentId: string | null, createdAt: Date, body: string) => ({
    id: randomUUID(),
    post_id: postIds[post]!,
    parent_id: parentId,
    author_id: authors[who]!.userId,
    organization_id: authors[who]!.orgId,
    body,
    body_html: renderMarkdown(body),
    is_demo: true,
    created_at: createdAt,
  });
  await insertComments(topLevelTotal, () => {
    const i = Math.floor(rng.next() * total);
    const row = commentRow(i, viewer(i, false), null, at(postCreated[i]!, 60), commentText(rng, TOPICS[postTopic[i]!]!));
    commented.push({ post: i, id: row.id, at: row.created_at.getTime() });
    return row;
  });
  await insertComments(replyTotal, () => {
    const parent = rng.pick(commented);
    // Most replies come from the posting organization, the others from anyone who may see the post.
    const who = rng.chance(0.6) ? postOrg[parent.post]! : viewer(parent.post, false);
    return commentRow(parent.post, who, parent.id, at(parent.at, 30), commentText(rng, null));
  });

  // ---- offers: about one for every twenty posts, on open or in-progress requests only
  const offerTotal = openRequests.length ? Math.round(total / 20) : 0;
  const acceptedOn = new Set<number>();
  for (let start = 0, batch = 0; start < offerTotal; start += batchSize, batch++) {
    const offerRows: Insertable<Database['offers']>[] = [];
    const partnerRows: Insertable<Database['post_partners']>[] = [];
    for (let n = start; n < Math.min(offerTotal, start + batchSize); n++) {
      const i = rng.pick(openRequests);
      // Full-tier organizations may offer on any request; partial-tier ones only on requests open to all.
      const who = viewer(i, false);
      const requester = authors[postOrg[i]!]!;
      const topic = TOPICS[postTopic[i]!]!;
      const activities = rng.sample(topic.activities, rng.int(1, 3));
      const months = rng.int(2, 18);
      const body = [
        rng.pick(['We can support this request with:', 'Our offer covers:', 'We propose the following support:', 'We have done similar work elsewhere and can provide:']),
        '',
        bullets(activities),
        '',
        `Team: ${rng.pick(['two experts', 'a trainer and a legal adviser', 'our regional office', 'a research team', 'staff with field experience'])}.`,
      ].join('\n');
      const createdAt = at(postCreated[i]!, 90);
      let status: OfferStatus = rng.weighted({ pending: 70, declined: 20, withdrawn: 10 });
      if (inProgress[i] && !acceptedOn.has(i)) status = 'accepted';
      const decidedAt = status === 'pending' ? null : at(createdAt.getTime(), 30);
      const id = randomUUID();
      const cost = rng.chance(0.6) ? String(rng.int(1, 100) * 2500) : null;
      offerRows.push({
        id,
        post_id: postIds[i]!,
        organization_id: authors[who]!.orgId,
        author_id: authors[who]!.userId,
        summary: cap(activities[0]!).slice(0, 300),
        body,
        body_html: renderMarkdown(body),
        timeframe: `${months} months`,
        cost_amount: cost,
        cost_currency: cost ? (rng.chance(0.6) ? 'USD' : 'EUR') : null,
        status,
        decided_at: decidedAt,
        decided_by: status === 'withdrawn' ? authors[who]!.userId : decidedAt ? requester.userId : null,
        is_demo: true,
        created_at: createdAt,
      });
      if (status === 'accepted') {
        acceptedOn.add(i);
        partnerRows.push(
          { post_id: postIds[i]!, organization_id: requester.orgId, role: 'requester', offer_id: null, created_at: decidedAt! },
          { post_id: postIds[i]!, organization_id: authors[who]!.orgId, role: 'service_provider', offer_id: id, created_at: decidedAt! },
        );
      }
    }
    await pool.add(async () => {
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('offers').values(offerRows).execute();
        if (partnerRows.length) await tx.insertInto('post_partners').values(partnerRows).onConflict((oc) => oc.doNothing()).execute();
      });
      stats.offers += offerRows.length;
      stats.partners += partnerRows.length;
      if ((batch + 1) % every === 0 || stats.offers === offerTotal) progress('offers', stats.offers, offerTotal);
    });
  }
  await pool.drain();

  log('analyze ...');
  await sql`analyze organizations, users, posts, post_revisions, comments, offers, post_partners`.execute(db);
  stats.seconds = elapsed();
  return stats;
}
