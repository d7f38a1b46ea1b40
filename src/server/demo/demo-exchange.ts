// Demo exchange content: technical-assistance requests, pipeline projects, project ideas and project
// information by the demo organizations, with discussion and offers. The needs and initiatives are
// the ones the seed documents describe (the UN.GIFT work programme 2008-2009 and its regional events,
// the Vienna Forum report and papers, the GA thematic dialogue); the posts themselves are invented
// and flagged is_demo. They are about projects and organizations only: no post, comment or offer
// concerns any individual victim.
//
// Every comment and offer comes from an organization that may see the post under the access rules
// (src/server/access/rules/posts.ts); src/server/demo/demo-exchange.test.ts checks this.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Audience, OfferStatus, PostKind, PostStatus } from '../../shared/exchange.js';
import { INITIAL_STATUS } from '../../shared/exchange.js';
import type { AreaCode, ExploitationCode, ThemeCode } from '../../shared/taxonomy/index.js';
import type { Database } from '../db/schema.js';
import { renderMarkdown } from '../exchange/markdown.js';
import { newPostValues, snapshotOf } from '../exchange/post-model.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';

type Currency = 'USD' | 'EUR';

export interface DemoPost {
  /** Referenced by comments and offers below. */
  key: string;
  kind: PostKind;
  /** A DemoAccount email; the post belongs to that account's organization. */
  author: string;
  title: string;
  /** Markdown. */
  body: string;
  /** Defaults as in the API: DEFAULT_AUDIENCE of the kind. */
  audience?: Audience;
  /** Defaults to INITIAL_STATUS of the kind. */
  status?: PostStatus;
  regions?: string[];
  countries?: string[];
  areas: AreaCode[];
  themes: ThemeCode[];
  exploitation: ExploitationCode[];
  budget?: { amount: string; currency: Currency };
  fundingSought?: string;
  /** Planned period in whole months, relative to the month the demo is loaded. */
  period?: { startsInMonths: number; months: number };
  /** Created this many days before the demo is loaded. */
  daysAgo: number;
  /** Last edited this many days ago (defaults to the creation day, or the day an offer was accepted). */
  updatedDaysAgo?: number;
}

export interface DemoComment {
  /** Only needed when a reply refers to it. */
  key?: string;
  post: string; // DemoPost.key
  author: string; // DemoAccount email
  /** The top-level comment this one answers (one level of replies only). */
  replyTo?: string;
  body: string;
  daysAgo: number;
}

export interface DemoOffer {
  key: string;
  post: string; // DemoPost.key of a ta_request
  author: string; // DemoAccount email
  summary: string;
  body: string;
  timeframe?: string;
  cost?: { amount: string; currency: Currency };
  status: OfferStatus;
  daysAgo: number;
  /** When the requester accepted or declined it. */
  decidedDaysAgo?: number;
}

// Demo account e-mails, by organization.
const NAPTIP = 'government@demo.test';
const MOLDOVA = 'moldova@demo.test';
const THAILAND = 'thailand@demo.test';
const BRAZIL = 'brazil@demo.test';
const UNODC = 'organizer@demo.test';
const IOM = 'io@demo.test';
const IOM_MEMBER = 'member.io@demo.test';
const ILO = 'ilo@demo.test';
const OSCE = 'osce@demo.test';
const LASTRADA = 'cso@demo.test';
const TDH = 'tdh@demo.test';
const ACCOR = 'business@demo.test';
const MANPOWER = 'manpower@demo.test';
const UNIVERSITY = 'academia@demo.test';
const MEDIA = 'media@demo.test';
const EXPERT = 'expert@demo.test';

const md = (...lines: string[]): string => lines.join('\n');

export const DEMO_POSTS: DemoPost[] = [
  // ---------------------------------------------------------------- technical-assistance requests
  {
    key: 'ng-legislation',
    kind: 'ta_request',
    author: NAPTIP,
    title: 'Review of the national trafficking in persons law against the Protocol and ECOWAS standards',
    body: md(
      '### Context',
      'Our law establishing the Agency dates from 2003 and was amended in 2005. Since then the Agency has prosecuted cases in every zone, and our prosecutors have identified gaps: penalties that are not always proportionate, unclear provisions on the non-punishment of trafficked persons, and no explicit basis for the confiscation of proceeds.',
      '',
      '### What we need',
      '- A clause-by-clause assessment of the law against the Trafficking Protocol and the ECOWAS Plan of Action, using the UN.GIFT legislative assessment tool and checklist;',
      '- Drafting advice on amendments, in particular on victim and witness protection, compensation and asset recovery;',
      '- A validation workshop with the Ministry of Justice, the police, the judiciary and civil society.',
      '',
      '### Partners sought',
      'An international organization with legislative drafting experience in common-law jurisdictions. Legal aid NGOs will be invited to the validation workshop.',
    ),
    status: 'in_progress',
    countries: ['NG'],
    regions: ['011'],
    areas: ['legislation', 'criminal_justice'],
    themes: ['prosecution', 'action'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'child_trafficking'],
    budget: { amount: '60000', currency: 'USD' },
    period: { startsInMonths: -2, months: 9 },
    daysAgo: 171,
  },
  {
    key: 'ng-data',
    kind: 'ta_request',
    author: NAPTIP,
    title: 'A national database of trafficking investigations and prosecutions for the zonal commands',
    body: md(
      'The Agency wants to replace paper registers in its zonal commands with one database of investigations, prosecutions, convictions and assisted persons, so that it can report on the indicators of the UN.GIFT global data collection exercise and monitor its own caseload.',
      '',
      '**Objectives**',
      '- Agree a minimum data set compatible with the questionnaire of the Conference of the Parties;',
      '- Design a simple, secure system with strict access rules and no personal data in statistical outputs;',
      '- Train data officers in each zonal command and in headquarters.',
      '',
      'We have opened this request to all participants: research institutes and NGOs with experience in data protection and case statistics are welcome to offer support alongside international organizations.',
    ),
    audience: 'all',
    countries: ['NG'],
    areas: ['data_research'],
    themes: ['action', 'prosecution'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'domestic_servitude'],
    budget: { amount: '95000', currency: 'USD' },
    period: { startsInMonths: 2, months: 12 },
    daysAgo: 118,
  },
  {
    key: 'ng-shelters',
    kind: 'ta_request',
    author: NAPTIP,
    title: 'Minimum standards and staff training for the Agency’s shelters',
    body: md(
      'The Agency runs shelters in several zones and refers adults and children to NGO partners for longer-term care. We would like to adopt written minimum standards covering admission, health and psychosocial care, education and vocational training, and the length of stay.',
      '',
      '- Review of current practice in all shelters, with the staff;',
      '- Draft standards and standard operating procedures, including referral to NGO partners and family tracing through social welfare offices;',
      '- Training of trainers for shelter staff, counsellors and social workers.',
      '',
      'Experience from other West African countries with shelter standards would be particularly useful.',
    ),
    countries: ['NG'],
    areas: ['victim_protection'],
    themes: ['protection'],
    exploitation: ['sexual_exploitation', 'domestic_servitude', 'child_trafficking'],
    period: { startsInMonths: 1, months: 8 },
    daysAgo: 64,
  },
  {
    key: 'ng-corridors',
    kind: 'ta_request',
    author: NAPTIP,
    title: 'Joint investigation arrangements with Benin, Togo and Ghana on child trafficking routes',
    body: md(
      'Children are moved along the coastal corridor between Nigeria, Benin, Togo and Ghana for domestic work, market trading and quarry and farm labour. Investigations stop at the border because there is no agreed way to exchange information or to run joint operations.',
      '',
      '**We request support to:**',
      '1. Draft a model memorandum of understanding on joint investigations and the exchange of police information;',
      '2. Set up liaison officers at the main border posts;',
      '3. Agree procedures for the safe return of children with social welfare services on both sides.',
      '',
      'Partners could include an international organization with experience of the ECOWAS framework and of mutual legal assistance.',
    ),
    countries: ['NG', 'BJ', 'TG', 'GH'],
    regions: ['011'],
    areas: ['international_cooperation', 'criminal_justice'],
    themes: ['prosecution', 'partnership'],
    exploitation: ['child_trafficking', 'child_labour', 'domestic_servitude'],
    budget: { amount: '140000', currency: 'USD' },
    daysAgo: 23,
  },
  {
    key: 'md-referral',
    kind: 'ta_request',
    author: MOLDOVA,
    title: 'Extending the National Referral System to every district',
    body: md(
      '### Context',
      'The National Referral System brings together social assistance, police, health and NGO services in multidisciplinary teams. It works in pilot districts; the Government has decided to extend it to the whole country.',
      '',
      '### Objectives',
      '- Multidisciplinary teams set up and trained in every district;',
      '- Common identification indicators and referral forms;',
      '- A national coordinator’s office able to monitor the system.',
      '',
      '### Support requested',
      'Training curricula, mentoring of new teams during their first six months, and a monitoring framework. The request is also relevant to returning migrants who were exploited abroad.',
    ),
    status: 'in_progress',
    countries: ['MD'],
    areas: ['victim_protection', 'strategy_policy'],
    themes: ['protection', 'partnership'],
    exploitation: ['sexual_exploitation', 'forced_labour'],
    budget: { amount: '220000', currency: 'EUR' },
    period: { startsInMonths: -1, months: 18 },
    daysAgo: 150,
  },
  {
    key: 'md-migration',
    kind: 'ta_request',
    author: MOLDOVA,
    title: 'Information campaign on safe labour migration in rural districts',
    body: md(
      'Many young people from rural districts look for work abroad through informal intermediaries. We want to run a campaign that tells them how to check a job offer, what a legal contract looks like and where to call for advice, without discouraging legal migration.',
      '',
      '- Messages tested with young people and with returned migrants’ associations;',
      '- Radio and television spots and school sessions;',
      '- Information points in district employment offices;',
      '- An evaluation of the campaign’s reach and effect.',
      '',
      'This request is open to all participants: media organizations, NGOs and businesses are invited to offer support.',
    ),
    audience: 'all',
    countries: ['MD'],
    regions: ['151'],
    areas: ['prevention_awareness'],
    themes: ['prevention', 'vulnerability'],
    exploitation: ['forced_labour', 'sexual_exploitation', 'domestic_servitude'],
    budget: { amount: '75000', currency: 'EUR' },
    daysAgo: 96,
  },
  {
    key: 'md-begging',
    kind: 'ta_request',
    author: MOLDOVA,
    title: 'Identifying children exploited in begging and petty crime abroad: cooperation with destination countries',
    body: md(
      'Our consulates report children from Moldova found begging or committing petty offences in other European countries. They are often treated as offenders rather than as possibly trafficked children, and returns are arranged without an assessment of the family situation.',
      '',
      '**Needs**',
      '- Agreements with police and child protection services in destination countries on identification and information exchange;',
      '- Training for consular staff;',
      '- A procedure for risk assessment before any return and follow-up afterwards.',
    ),
    countries: ['MD', 'UA', 'RU', 'IT'],
    regions: ['151', '039'],
    areas: ['international_cooperation', 'victim_protection'],
    themes: ['protection', 'partnership'],
    exploitation: ['forced_begging', 'forced_criminality', 'child_trafficking'],
    daysAgo: 38,
  },
  {
    key: 'th-fishing',
    kind: 'ta_request',
    author: THAILAND,
    title: 'Labour inspection and victim identification in fishing and seafood processing',
    body: md(
      'The Government has identified forced labour and debt bondage risks among migrant workers in deep-sea fishing and in seafood processing. Labour inspectors rarely go on board vessels and are not trained to recognise trafficking indicators.',
      '',
      '### Requested assistance',
      '- A training package for labour inspectors, marine police and port authorities on forced labour indicators;',
      '- Joint inspection procedures at ports, with interpreters;',
      '- Guidance for employers and recruitment agencies on contracts, wages and recruitment fees.',
      '',
      'We are interested in experience from other countries with large fishing fleets.',
    ),
    status: 'in_progress',
    countries: ['TH', 'MM', 'KH'],
    regions: ['035'],
    areas: ['criminal_justice', 'prevention_awareness'],
    themes: ['prosecution', 'prevention'],
    exploitation: ['forced_labour', 'debt_bondage'],
    budget: { amount: '180000', currency: 'USD' },
    period: { startsInMonths: 0, months: 12 },
    daysAgo: 132,
  },
  {
    key: 'th-mekong-data',
    kind: 'ta_request',
    author: THAILAND,
    title: 'Comparable data on cross-border cases in the Greater Mekong Sub-region',
    body: md(
      'The six countries of the Greater Mekong Sub-region each count cases differently, which makes it hard to see routes and trends. Thailand proposes to lead work on a common set of indicators for investigations, prosecutions and assisted persons, with regular exchange of anonymised statistics.',
      '',
      '1. Mapping of existing data sources in each country;',
      '2. A common minimum set of indicators and definitions;',
      '3. A first joint statistical report.',
      '',
      'Researchers and independent experts are welcome to offer support: this request is open to all participants.',
    ),
    audience: 'all',
    countries: ['TH', 'KH', 'LA', 'MM', 'VN', 'CN'],
    regions: ['035'],
    areas: ['data_research', 'international_cooperation'],
    themes: ['action', 'partnership'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'forced_marriage'],
    budget: { amount: '90000', currency: 'USD' },
    daysAgo: 47,
  },
  {
    key: 'br-plan-me',
    kind: 'ta_request',
    author: BRAZIL,
    title: 'Monitoring and evaluation framework for the National Plan of Action against Trafficking',
    body: md(
      'Brazil adopted its National Policy and its first National Plan of Action against Trafficking in Persons, developed with the support of the UN.GIFT regional event in Brasilia. The plan is funded nationally; what is missing is a way to measure whether its actions work.',
      '',
      '- Indicators for each of the plan’s priorities, with baselines;',
      '- Reporting templates for the ministries and the state committees;',
      '- An independent mid-term review.',
      '',
      'Update: the framework was delivered with support from a national university, and this request is now closed. Thank you to everyone who commented.',
    ),
    status: 'closed',
    countries: ['BR'],
    areas: ['strategy_policy', 'data_research'],
    themes: ['action'],
    exploitation: ['sexual_exploitation', 'forced_labour'],
    daysAgo: 205,
    updatedDaysAgo: 60,
  },
  {
    key: 'br-rural-labour',
    kind: 'ta_request',
    author: BRAZIL,
    title: 'Training for labour inspectors and prosecutors on forced labour and debt bondage in rural areas',
    body: md(
      'Mobile inspection teams of labour inspectors, federal police and labour prosecutors act on complaints of forced labour on farms and charcoal camps. Prosecutions after an inspection remain rare.',
      '',
      '**We request**',
      '- A joint training course for inspectors, prosecutors and judges on the evidence needed in forced labour and debt bondage cases;',
      '- Exchange of experience with countries that have specialised labour courts;',
      '- Materials in Portuguese.',
    ),
    countries: ['BR'],
    regions: ['005'],
    areas: ['criminal_justice'],
    themes: ['prosecution'],
    exploitation: ['forced_labour', 'debt_bondage'],
    budget: { amount: '50000', currency: 'USD' },
    daysAgo: 14,
  },

  // ---------------------------------------------------------------- pipeline projects
  {
    key: 'unodc-kampala',
    kind: 'pipeline_project',
    author: UNODC,
    title: 'Joint programme: the Kampala regional action plan for Eastern Africa',
    body: md(
      '### Background',
      'The first UN.GIFT regional conference, held in Kampala with the Eastern Africa Police Chiefs Cooperation Organization and INTERPOL, adopted a regional action plan on trafficking in conflict and post-conflict countries.',
      '',
      '### Components',
      '- Training of police and of peacekeeping contingents on preventing and detecting trafficking;',
      '- Research on the links between conflict, displacement and trafficking;',
      '- Awareness-raising material for displaced people and refugee settlements;',
      '- Support to national action plans in the participating countries.',
      '',
      '### Funding',
      'Partly funded. We are seeking the remainder from donors, and partners for the research component.',
    ),
    countries: ['UG', 'KE', 'TZ', 'RW', 'BI'],
    regions: ['014'],
    areas: ['criminal_justice', 'international_cooperation', 'prevention_awareness'],
    themes: ['vulnerability', 'partnership'],
    exploitation: ['children_armed_conflict', 'sexual_exploitation', 'forced_labour'],
    budget: { amount: '1800000', currency: 'USD' },
    fundingSought: '1200000',
    period: { startsInMonths: 3, months: 24 },
    daysAgo: 188,
  },
  {
    key: 'unodc-assessment-tool',
    kind: 'pipeline_project',
    author: UNODC,
    title: 'Piloting the legislative assessment tool and checklist in five States',
    body: md(
      'The UN.GIFT workplan foresees a legislative assessment tool and checklist to help States assess their laws before and after ratification of the Trafficking Protocol.',
      '',
      '- Pilot assessments in five States in Africa, Asia and Latin America, at their request;',
      '- Revision of the tool based on the pilots;',
      '- Publication in the six official languages.',
      '',
      'We are opening this project to all participants because parliamentarians’ networks, bar associations and academic lawyers have asked to contribute to the review.',
    ),
    audience: 'all',
    status: 'in_implementation',
    regions: ['002', '142', '419'],
    areas: ['legislation'],
    themes: ['action', 'prosecution'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'organ_removal'],
    budget: { amount: '420000', currency: 'USD' },
    period: { startsInMonths: -4, months: 18 },
    daysAgo: 140,
    updatedDaysAgo: 30,
  },
  {
    key: 'unodc-west-africa-children',
    kind: 'pipeline_project',
    author: UNODC,
    title: 'Trafficking in children and armed conflict in West and Central Africa: legal network and reintegration',
    body: md(
      'Following the Abidjan high-level expert meeting on the illicit recruitment and use of child soldiers, this project would put its recommendations into practice.',
      '',
      '**Objectives**',
      '- National action plans on trafficking in children and their use in armed conflict;',
      '- A legal network of prosecutors to fight impunity of child traffickers and recruiters;',
      '- Disarmament, demobilization and reintegration programmes for children that are separate from adult programmes and include vocational training;',
      '- Strengthened national capacity in data collection.',
      '',
      '**Partners sought**: child protection NGOs, UNICEF country offices, ECOWAS and ECCAS.',
    ),
    countries: ['CI', 'LR', 'SL', 'CD', 'CF', 'TD'],
    regions: ['011', '017'],
    areas: ['strategy_policy', 'victim_protection', 'criminal_justice'],
    themes: ['protection', 'prosecution'],
    exploitation: ['children_armed_conflict', 'child_trafficking'],
    budget: { amount: '2500000', currency: 'USD' },
    fundingSought: '2500000',
    daysAgo: 75,
  },
  {
    key: 'iom-return',
    kind: 'pipeline_project',
    author: IOM,
    title: 'Safe return and sustainable reintegration in Eastern and South-Eastern Europe',
    body: md(
      '### Context',
      'Return is often the main feature of assistance, but without risk assessment and support on arrival people can be re-trafficked. The Vienna Forum recommended risk and needs assessments before and after return and a long-term commitment to reintegration.',
      '',
      '### Activities',
      '- Risk assessment procedures agreed between destination and origin countries;',
      '- Reintegration grants, vocational training and job placement with employers;',
      '- Case management standards shared by NGO and government service providers;',
      '- Monitoring of outcomes at six and twelve months.',
      '',
      '### Partners sought',
      'Governments of origin and destination, NGO service providers and employers’ organizations.',
    ),
    countries: ['AL', 'MD', 'UA', 'RS', 'BG', 'RO'],
    regions: ['151', '039'],
    areas: ['victim_protection', 'international_cooperation'],
    themes: ['protection', 'impact'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'forced_begging'],
    budget: { amount: '3200000', currency: 'EUR' },
    fundingSought: '1900000',
    period: { startsInMonths: 4, months: 36 },
    daysAgo: 160,
  },
  {
    key: 'iom-bali',
    kind: 'pipeline_project',
    author: IOM,
    title: 'Bali Process: victim identification training for border and immigration officials',
    body: md(
      'The Bali Process on People Smuggling, Trafficking in Persons and Related Transnational Crime, co-chaired by Australia and Indonesia, asked for practical training to distinguish trafficking from smuggling at borders.',
      '',
      '- A regional training curriculum for immigration, border and police officials;',
      '- Train-the-trainer courses in Indonesia, Timor-Leste, Papua New Guinea and Fiji;',
      '- Referral procedures between border agencies and service providers.',
      '',
      'Funded by two donor Governments; implementation starts next quarter.',
    ),
    status: 'funded',
    countries: ['AU', 'ID', 'TL', 'PG', 'FJ'],
    regions: ['053', '054', '035'],
    areas: ['victim_protection', 'international_cooperation'],
    themes: ['protection', 'partnership'],
    exploitation: ['forced_labour', 'sexual_exploitation'],
    budget: { amount: '850000', currency: 'USD' },
    period: { startsInMonths: 2, months: 24 },
    daysAgo: 52,
  },
  {
    key: 'ilo-south-asia',
    kind: 'pipeline_project',
    author: ILO,
    title: 'Forced labour in supply chains: training for employers and trade unions in South Asia',
    body: md(
      'The New Delhi regional conference called for a business coalition against trafficking and for cooperation with trade unions and employers’ associations to prevent labour exploitation. This project builds on it.',
      '',
      '**Activities**',
      '- Training for employers’ organizations and trade unions on forced labour indicators;',
      '- Guidance for buyers on recruitment fees and subcontracting;',
      '- Support to labour inspectorates in brick kilns, garment and carpet production;',
      '- A regional exchange on bonded labour rehabilitation schemes.',
      '',
      'Open to all participants: businesses and NGOs are welcome to join the advisory group.',
    ),
    audience: 'all',
    status: 'in_implementation',
    countries: ['IN', 'BD', 'NP', 'PK'],
    regions: ['034'],
    areas: ['prevention_awareness', 'strategy_policy'],
    themes: ['prevention', 'partnership'],
    exploitation: ['forced_labour', 'debt_bondage', 'child_labour'],
    budget: { amount: '1400000', currency: 'USD' },
    period: { startsInMonths: -6, months: 30 },
    daysAgo: 198,
    updatedDaysAgo: 40,
  },
  {
    key: 'ilo-domestic-work',
    kind: 'pipeline_project',
    author: ILO,
    title: 'Domestic workers and recruitment regulation between South and South-East Asia and the Middle East',
    body: md(
      'Domestic workers are often outside labour law. The project would support countries of origin and destination to regulate private recruitment agencies and to extend labour protection to domestic work.',
      '',
      '- Review of recruitment agency licensing and of standard employment contracts;',
      '- Pre-departure orientation in countries of origin;',
      '- Dialogue between labour ministries of origin and destination countries.',
      '',
      'The concept is still being drafted with the ministries concerned.',
    ),
    status: 'drafting',
    countries: ['LK', 'PH', 'ID', 'SA', 'AE', 'KW', 'JO'],
    regions: ['145', '034', '035'],
    areas: ['legislation', 'international_cooperation'],
    themes: ['vulnerability', 'prevention'],
    exploitation: ['domestic_servitude', 'forced_labour'],
    daysAgo: 33,
  },
  {
    key: 'osce-rapporteurs',
    kind: 'pipeline_project',
    author: OSCE,
    title: 'National rapporteurs and coordinators: a peer-review mechanism for OSCE participating States',
    body: md(
      'The OSCE Action Plan to Combat Trafficking in Human Beings recommends national coordinators and national rapporteurs. Several participating States have created them; others are considering it.',
      '',
      '### Proposed activities',
      '- Peer reviews between States that have national rapporteurs and States that are setting them up;',
      '- A common reporting outline, so that national reports can be compared;',
      '- Annual meeting of national coordinators and rapporteurs.',
      '',
      'Seeking funding for the first two years.',
    ),
    regions: ['150', '143', '021'],
    countries: ['NL', 'SE', 'KZ', 'KG'],
    areas: ['strategy_policy', 'data_research'],
    themes: ['action', 'partnership'],
    exploitation: ['sexual_exploitation', 'forced_labour'],
    budget: { amount: '600000', currency: 'EUR' },
    fundingSought: '600000',
    daysAgo: 110,
  },
  {
    key: 'osce-central-asia',
    kind: 'pipeline_project',
    author: OSCE,
    title: 'Judges and prosecutors in Central Asia: specialised training on trafficking cases',
    body: md(
      'Trafficking cases in Central Asia are often prosecuted under lesser offences, and courts rarely hear testimony in ways that protect witnesses.',
      '',
      '- Advanced training for judges and prosecutors, using the UN.GIFT advanced training manual;',
      '- Guidance on witness protection in court and on compensation;',
      '- Regional meeting on mutual legal assistance.',
    ),
    status: 'funded',
    countries: ['KZ', 'KG', 'TJ', 'UZ', 'TM'],
    regions: ['143'],
    areas: ['criminal_justice', 'international_cooperation'],
    themes: ['prosecution'],
    exploitation: ['forced_labour', 'sexual_exploitation', 'forced_marriage'],
    budget: { amount: '380000', currency: 'EUR' },
    period: { startsInMonths: 1, months: 15 },
    daysAgo: 85,
  },

  // ---------------------------------------------------------------- project ideas
  {
    key: 'ls-cooperation',
    kind: 'project_idea',
    author: LASTRADA,
    title: 'A model cooperation agreement between NGOs and law enforcement, piloted in three countries',
    body: md(
      'The Vienna Forum session "Building bridges" recommended that cooperation between NGOs and law enforcement be formalised in a memorandum of understanding that defines each side’s responsibilities, information sharing and an evaluation mechanism.',
      '',
      '**Idea**',
      '- Draft a model agreement with police and NGO representatives;',
      '- Pilot it in three countries of the La Strada network;',
      '- Evaluate after one year and publish the model with lessons learned.',
      '',
      '**Partners sought**: police services and ministries of interior willing to pilot, and an international organization to host the drafting group.',
    ),
    countries: ['NL', 'BG', 'CZ', 'MD', 'UA'],
    regions: ['150'],
    areas: ['victim_protection', 'international_cooperation'],
    themes: ['partnership', 'protection'],
    exploitation: ['sexual_exploitation', 'forced_labour'],
    fundingSought: '240000',
    budget: { amount: '240000', currency: 'EUR' },
    daysAgo: 145,
  },
  {
    key: 'ls-helplines',
    kind: 'project_idea',
    author: LASTRADA,
    title: 'Quality standards for anti-trafficking helplines, and what they share with the police',
    body: md(
      'NGO helplines are often the first contact for people at risk and for migrants with questions about a job offer. Standards differ widely, especially on confidentiality and on what information is passed to the police.',
      '',
      'We want to discuss common standards first with governments and international organizations, because they touch on data-sharing arrangements with law enforcement. For that reason this idea is shared with the full tier only for now.',
      '',
      '- Common standards on confidentiality, consent and referral;',
      '- Training for helpline staff;',
      '- A peer-review visit programme between helplines.',
    ),
    audience: 'full',
    status: 'drafting',
    regions: ['150'],
    countries: ['NL', 'PL', 'BG'],
    areas: ['prevention_awareness', 'victim_protection'],
    themes: ['prevention', 'partnership'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'domestic_servitude'],
    daysAgo: 58,
  },
  {
    key: 'tdh-children-move',
    kind: 'project_idea',
    author: TDH,
    title: 'Protecting children on the move along West African migration routes',
    body: md(
      '### Context',
      'Many children travel alone or with intermediaries between Burkina Faso, Mali, Benin, Togo and Nigeria to work. Some end up in exploitation; many do not. Blanket interception can do more harm than good.',
      '',
      '### Idea',
      '- Community protection committees in towns along the main routes;',
      '- Agreements between social services of neighbouring countries on transnational case management;',
      '- Vocational training and safe-work alternatives for adolescents.',
      '',
      '### Partners sought',
      'Governments of the countries concerned and donors interested in a three-year pilot.',
    ),
    status: 'seeking_funding',
    countries: ['BF', 'ML', 'BJ', 'TG', 'NG'],
    regions: ['011'],
    areas: ['victim_protection', 'prevention_awareness', 'international_cooperation'],
    themes: ['vulnerability', 'protection'],
    exploitation: ['child_trafficking', 'child_labour'],
    budget: { amount: '900000', currency: 'EUR' },
    fundingSought: '750000',
    period: { startsInMonths: 6, months: 36 },
    daysAgo: 126,
  },
  {
    key: 'tdh-child-witnesses',
    kind: 'project_idea',
    author: TDH,
    title: 'Child-friendly procedures for child witnesses in trafficking trials in South-East Asia',
    body: md(
      'Children who testify against traffickers are often interviewed many times and face defendants in court. Child-friendly interview rooms, video-recorded testimony and trained support persons reduce the harm and make testimony more reliable.',
      '',
      '- Guidelines for police, prosecutors and judges;',
      '- Equipping interview rooms in pilot courts;',
      '- Training for social workers who accompany children through proceedings.',
    ),
    countries: ['KH', 'VN', 'LA'],
    regions: ['035'],
    areas: ['criminal_justice', 'victim_protection'],
    themes: ['protection', 'prosecution'],
    exploitation: ['child_sexual_exploitation', 'child_trafficking'],
    daysAgo: 29,
  },
  {
    key: 'accor-hotels',
    kind: 'project_idea',
    author: ACCOR,
    title: 'Training hotel staff to recognise and report child sexual exploitation',
    body: md(
      'The Vienna Forum called for codes of conduct to curb sex tourism. As a hotel group we already apply a code of conduct for the protection of children from sexual exploitation in travel and tourism; we want to extend staff training to every hotel in high-risk destinations.',
      '',
      '**Idea**',
      '- An e-learning module and a short classroom session for front-desk, security and housekeeping staff;',
      '- A clear internal reporting procedure agreed with local police and child protection hotlines;',
      '- Sharing the material with other hotel groups through industry associations.',
      '',
      '**Partners sought**: child protection NGOs in Brazil, Senegal and Thailand, and national tourism authorities.',
    ),
    status: 'in_implementation',
    countries: ['BR', 'SN', 'TH', 'FR'],
    regions: ['005', '011', '035'],
    areas: ['prevention_awareness'],
    themes: ['prevention', 'partnership'],
    exploitation: ['child_sexual_exploitation', 'sexual_exploitation'],
    period: { startsInMonths: -3, months: 24 },
    daysAgo: 92,
  },
  {
    key: 'manpower-fees',
    kind: 'project_idea',
    author: MANPOWER,
    title: 'Ethical recruitment: no fees charged to workers, with independent audit',
    body: md(
      'Recruitment fees charged to workers are a main route into debt bondage. Industry bodies should "police" their own industries by setting common principles for all member companies.',
      '',
      '- A common code for recruitment agencies: no fees to workers, written contracts in the worker’s language, no retention of identity documents;',
      '- Independent audits of agencies and their subcontractors in countries of origin;',
      '- A public register of agencies that pass the audit.',
      '',
      'We are looking for trade unions, labour ministries and NGOs to help design the audit.',
    ),
    status: 'drafting',
    countries: ['US', 'MX', 'PH', 'NP', 'QA'],
    regions: ['021', '013', '035', '034', '145'],
    areas: ['prevention_awareness', 'strategy_policy'],
    themes: ['prevention', 'partnership'],
    exploitation: ['forced_labour', 'debt_bondage'],
    daysAgo: 70,
  },
  {
    key: 'manpower-jobs',
    kind: 'project_idea',
    author: MANPOWER,
    title: 'Pathways into the legitimate labour market through employer partnerships',
    body: md(
      'Employers’ organizations at the Vienna Forum offered to help with reinsertion into the legitimate labour market. We propose a programme in which service providers refer participants, with their consent, to job-readiness training and placements with partner employers.',
      '',
      '- Job-readiness and language training;',
      '- Placements with employers who commit to decent conditions and confidentiality;',
      '- Mentoring during the first months of employment.',
    ),
    countries: ['US', 'PL', 'RO'],
    regions: ['021', '151'],
    areas: ['victim_protection'],
    themes: ['protection', 'partnership'],
    exploitation: ['forced_labour'],
    daysAgo: 18,
  },
  {
    key: 'uni-organs',
    kind: 'project_idea',
    author: UNIVERSITY,
    title: 'A research network on trafficking in persons for the removal of organs',
    body: md(
      'The Vienna Forum heard that trafficking for organ removal is poorly documented and must be distinguished from "transplant tourism". Data are scattered across medical, police and court sources.',
      '',
      '**Research questions**',
      '- How are organ donors recruited, and by whom?',
      '- What do transplant registries and court records tell us about the scale?',
      '- Which regulatory measures in the health sector prevent it?',
      '',
      '**Method**: literature and case-law review, interviews with transplant professionals and investigators, and a methodological workshop. All data on individuals are anonymised at source.',
    ),
    regions: ['142', '002', '150', '419'],
    countries: ['EG', 'PK', 'PH', 'MD'],
    areas: ['data_research'],
    themes: ['impact', 'vulnerability'],
    exploitation: ['organ_removal'],
    fundingSought: '160000',
    budget: { amount: '160000', currency: 'EUR' },
    daysAgo: 101,
  },
  {
    key: 'uni-economics',
    kind: 'project_idea',
    author: UNIVERSITY,
    title: 'Estimating the socio-economic impact of human trafficking',
    body: md(
      'The UN.GIFT workplan calls for a review of studies on the economic implications of trafficking and for research on the dynamics of the market. We propose a two-year study with partner universities in three regions.',
      '',
      '- A review of existing estimates and their methods;',
      '- Country case studies on costs to health, justice and social services;',
      '- An open methodological guide so that others can repeat the estimates.',
    ),
    status: 'seeking_funding',
    regions: ['150', '002', '419'],
    areas: ['data_research'],
    themes: ['impact'],
    exploitation: ['forced_labour', 'sexual_exploitation'],
    budget: { amount: '180000', currency: 'EUR' },
    fundingSought: '180000',
    period: { startsInMonths: 5, months: 24 },
    daysAgo: 9,
  },
  {
    key: 'expert-marriage',
    kind: 'project_idea',
    author: EXPERT,
    title: 'Community-based prevention of forced and servile marriage in South Asia',
    body: md(
      'Forced and servile marriage, including trafficking for transnational marriage, is a recognised form of exploitation but receives little prevention work. Communities and religious leaders have a strong influence on marriage decisions.',
      '',
      '- Dialogues with community and faith leaders, building on the Cape Town interfaith commitments;',
      '- Keeping girls in school, with scholarships and mentoring;',
      '- Information for families on marriage brokers and on the law.',
      '',
      'I am looking for NGO partners in Nepal and Bangladesh and for a donor for a first pilot.',
    ),
    countries: ['IN', 'NP', 'BD'],
    regions: ['034'],
    areas: ['prevention_awareness'],
    themes: ['prevention', 'vulnerability'],
    exploitation: ['forced_marriage', 'child_trafficking'],
    daysAgo: 66,
  },
  {
    key: 'media-code',
    kind: 'project_idea',
    author: MEDIA,
    title: 'A journalists’ code of conduct and training on reporting human trafficking',
    body: md(
      'The Vienna Forum session on the role of the media asked UN.GIFT to help draw up a code of conduct for media and to train journalists. Reporting too often sensationalises, exposes people who were exploited, or reduces trafficking to prostitution.',
      '',
      '**Idea**',
      '- A short code of conduct, drafted with editors and press councils: consent, anonymity, images, and the full range of forms of exploitation;',
      '- Workshops for journalists in four regions;',
      '- A small fund for investigative reporting on supply chains and recruitment.',
    ),
    status: 'drafting',
    regions: ['002', '019', '142', '150'],
    areas: ['prevention_awareness'],
    themes: ['impact', 'partnership'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'domestic_servitude'],
    budget: { amount: '120000', currency: 'USD' },
    fundingSought: '120000',
    daysAgo: 120,
  },

  // ---------------------------------------------------------------- project information
  {
    key: 'unodc-global-report',
    kind: 'project_info',
    author: UNODC,
    title: 'Global data collection exercise: the questionnaire round is open',
    body: md(
      'The UN.GIFT data collection exercise gathers, for each country, the number of investigations, prosecutions and convictions, the number of persons identified and assisted, and information on legislation and national coordination.',
      '',
      '- National focal points have received the questionnaire;',
      '- Responses feed the global report and show where information gaps remain;',
      '- No personal data are collected: only aggregate figures and institutional information.',
      '',
      'Questions can be posted here; the secretariat will answer in this thread.',
    ),
    regions: ['002', '019', '142', '150', '009'],
    areas: ['data_research'],
    themes: ['action', 'impact'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'child_trafficking'],
    daysAgo: 180,
    updatedDaysAgo: 20,
  },
  {
    key: 'iom-counselling',
    kind: 'project_info',
    author: IOM_MEMBER,
    title: 'Health and trafficking: a handbook for health workers in the Caribbean',
    body: md(
      'The handbook, developed with ministries of health, explains how health workers can recognise signs of trafficking, respond safely and refer people to assistance, including HIV prevention and care.',
      '',
      '- Translated into English, French, Spanish and Haitian Creole;',
      '- Piloted in clinics in the Dominican Republic, Haiti and Jamaica;',
      '- Training sessions continue through the year.',
    ),
    countries: ['DO', 'HT', 'JM'],
    regions: ['029'],
    areas: ['victim_protection', 'prevention_awareness'],
    themes: ['protection', 'impact'],
    exploitation: ['sexual_exploitation', 'domestic_servitude'],
    daysAgo: 88,
  },
  {
    key: 'ilo-inspection-manual',
    kind: 'project_info',
    author: ILO,
    title: 'Training manual for labour inspectors on forced labour and trafficking published',
    body: md(
      'The manual sets out forced labour indicators (deception, debt manipulation, retention of documents, threats) and how inspectors can act on them with police and prosecutors.',
      '',
      'It was tested in courses in Latin America, Africa and Europe and is free to use. Labour ministries that want a national adaptation can request it through this post.',
    ),
    status: 'completed',
    regions: ['419', '002', '150'],
    countries: ['PE', 'BO', 'NE'],
    areas: ['criminal_justice', 'prevention_awareness'],
    themes: ['prosecution', 'prevention'],
    exploitation: ['forced_labour', 'debt_bondage', 'child_labour'],
    daysAgo: 155,
  },
  {
    key: 'osce-coordinators',
    kind: 'project_info',
    author: OSCE,
    title: 'Meeting of national anti-trafficking coordinators: main conclusions',
    body: md(
      'National coordinators from participating States met in Vienna to compare their coordinating structures and action plans.',
      '',
      '- Anti-trafficking commissions work best when NGOs sit on them and the commission has its own budget;',
      '- National monitoring and reporting mechanisms help identify policy gaps;',
      '- Labour exploitation receives less attention than sexual exploitation in most action plans.',
      '',
      'The full report is available to participants on request.',
    ),
    status: 'completed',
    regions: ['150', '143'],
    countries: ['AT'],
    areas: ['strategy_policy'],
    themes: ['action', 'partnership'],
    exploitation: ['forced_labour', 'sexual_exploitation'],
    daysAgo: 43,
  },
  {
    key: 'ng-community',
    kind: 'project_info',
    author: NAPTIP,
    title: 'Working with community and faith leaders on prevention in the southern states',
    body: md(
      'Our zonal commands have worked with traditional rulers, faith leaders and women’s associations to warn families about fraudulent offers of work and study abroad.',
      '',
      '- Town hall meetings and sermons that explain the law and the risks;',
      '- School clubs run with teachers;',
      '- Radio programmes in local languages.',
      '',
      'We would like to hear from others who have evaluated this kind of community work.',
    ),
    countries: ['NG'],
    areas: ['prevention_awareness'],
    themes: ['prevention', 'vulnerability'],
    exploitation: ['sexual_exploitation', 'child_trafficking'],
    daysAgo: 80,
  },
  {
    key: 'th-mdt',
    kind: 'project_info',
    author: THAILAND,
    title: 'Multidisciplinary teams in provincial operations centres: first results',
    body: md(
      'Provincial operations centres bring together social welfare officers, police, prosecutors, labour officials and NGOs. Each case is handled by one multidisciplinary team from identification to recovery.',
      '',
      '- Teams are active in most provinces;',
      '- Shared identification guidelines have reduced the number of trafficked persons treated as immigration offenders;',
      '- Cross-border cooperation with neighbouring countries on returns continues.',
      '',
      'Shared with governments and international organizations while the evaluation is finalised.',
    ),
    audience: 'full',
    countries: ['TH'],
    regions: ['035'],
    areas: ['victim_protection', 'strategy_policy'],
    themes: ['protection', 'partnership'],
    exploitation: ['forced_labour', 'sexual_exploitation'],
    daysAgo: 35,
  },
  {
    key: 'br-committees',
    kind: 'project_info',
    author: BRAZIL,
    title: 'State committees and reception posts: the first year of the National Plan',
    body: md(
      'In its first year the National Plan set up state committees against trafficking and reception posts for returning migrants at international airports.',
      '',
      '- State committees coordinate police, social assistance, labour and civil society;',
      '- Reception posts inform returning migrants and refer them to services;',
      '- Public campaigns ran before major holidays and events.',
    ),
    status: 'completed',
    countries: ['BR'],
    regions: ['005'],
    areas: ['strategy_policy', 'victim_protection'],
    themes: ['action'],
    exploitation: ['sexual_exploitation', 'forced_labour'],
    daysAgo: 112,
  },
  {
    key: 'tdh-adoption',
    kind: 'project_info',
    author: TDH,
    title: 'Safeguards against illegal adoption: review of intercountry adoption procedures',
    body: md(
      'Our review of intercountry adoption procedures in countries of origin found that the risk of illegal adoption is highest where private intermediaries handle adoptions and where birth registration is weak.',
      '',
      '- Recommendations to central authorities on accrediting adoption bodies;',
      '- Support to birth registration campaigns;',
      '- Dialogue with receiving countries on suspending adoptions where safeguards fail.',
    ),
    countries: ['NP', 'GT', 'HT'],
    regions: ['034', '013', '029'],
    areas: ['legislation', 'victim_protection'],
    themes: ['protection', 'prevention'],
    exploitation: ['illegal_adoption', 'child_trafficking'],
    daysAgo: 62,
  },
  {
    key: 'accor-suppliers',
    kind: 'project_info',
    author: ACCOR,
    title: 'Supply chain review of cleaning and laundry subcontractors',
    body: md(
      'We reviewed working conditions at cleaning and laundry subcontractors serving our hotels in three countries, looking at recruitment fees, identity documents and working hours.',
      '',
      '- New contract clauses on recruitment and wages for all subcontractors;',
      '- Unannounced visits by an external auditor;',
      '- A confidential complaint channel for subcontracted workers.',
      '',
      'We know social audits have limits and would welcome comments from trade unions and NGOs.',
    ),
    countries: ['FR', 'AE', 'GB'],
    regions: ['155', '145'],
    areas: ['prevention_awareness'],
    themes: ['prevention', 'partnership'],
    exploitation: ['forced_labour', 'debt_bondage'],
    daysAgo: 25,
  },
  {
    key: 'media-central-america',
    kind: 'project_info',
    author: MEDIA,
    title: 'Cross-border reporting workshop for journalists in Mexico and Central America',
    body: md(
      'Twenty journalists from Mexico, Guatemala, Honduras and El Salvador took part in a workshop on reporting trafficking along migration routes, with prosecutors and shelter staff as speakers.',
      '',
      '- Sessions on the legal definition, on forced labour and on ethics;',
      '- Guidance on protecting sources and the people they report on;',
      '- A network of participants that exchanges story ideas.',
    ),
    status: 'completed',
    countries: ['MX', 'GT', 'HN', 'SV'],
    regions: ['013'],
    areas: ['prevention_awareness'],
    themes: ['impact'],
    exploitation: ['sexual_exploitation', 'forced_labour', 'forced_criminality'],
    daysAgo: 55,
  },
  {
    key: 'uni-summer-school',
    kind: 'project_info',
    author: UNIVERSITY,
    title: 'Summer school on research methods for human trafficking',
    body: md(
      'A two-week summer school for early-career researchers and practitioners from developing countries, in line with the UN.GIFT aim of building research capacity.',
      '',
      '- Estimating hidden populations;',
      '- Research ethics and data protection;',
      '- Evaluation of anti-trafficking programmes.',
      '',
      'Applications are open; scholarships are available for participants from low-income countries.',
    ),
    countries: ['AT'],
    regions: ['155', '009'],
    areas: ['data_research'],
    themes: ['partnership'],
    exploitation: ['forced_labour', 'sexual_exploitation'],
    daysAgo: 7,
  },
];

export const DEMO_COMMENTS: DemoComment[] = [
  // A request open to all: international organizations and a research institute discuss it.
  { key: 'c-ng-data-1', post: 'ng-data', author: UNODC, body: 'The minimum data set of the global data collection exercise is a good starting point. We can share the questionnaire and the definitions used.', daysAgo: 115 },
  { post: 'ng-data', author: EXPERT, replyTo: 'c-ng-data-1', body: 'Agreed. It would help to separate cases of internal trafficking from cross-border cases from the start: the distinction is hard to add later.', daysAgo: 113 },
  { post: 'ng-data', author: NAPTIP, replyTo: 'c-ng-data-1', body: 'Thank you, please do. We will circulate it to the zonal commands before the design workshop.', daysAgo: 112 },
  { key: 'c-ng-data-2', post: 'ng-data', author: UNIVERSITY, body: 'Have you decided where the server will be hosted and who may see the records? Access rules should be agreed before the software is chosen.', daysAgo: 104 },
  { post: 'ng-data', author: NAPTIP, replyTo: 'c-ng-data-2', body: 'Hosting will be at headquarters. Access rules are part of what we need help with.', daysAgo: 101 },

  // Restricted requests: only governments and international organizations take part.
  { key: 'c-ng-leg-1', post: 'ng-legislation', author: OSCE, body: 'The OSCE legislative guidelines on non-punishment might be useful for the review, even outside our region.', daysAgo: 165 },
  { post: 'ng-legislation', author: NAPTIP, replyTo: 'c-ng-leg-1', body: 'Thank you. We have added them to the reference documents for the consultants.', daysAgo: 160 },
  { post: 'ng-legislation', author: MOLDOVA, body: 'Our law was reviewed in a similar exercise. Asset confiscation was the hardest part to get through parliament; involving parliamentarians early helped.', daysAgo: 150 },
  { post: 'ng-corridors', author: IOM, body: 'IOM offices in Cotonou and Lomé can help organise the consultations with social welfare services on returns.', daysAgo: 20 },
  { post: 'ng-shelters', author: BRAZIL, body: 'We adopted national guidelines for reception services last year and are happy to share them; they are in Portuguese with an English summary.', daysAgo: 57 },
  { key: 'c-md-ref-1', post: 'md-referral', author: OSCE, body: 'The referral system is a model for the region. Would you consider hosting a study visit for countries setting up their own?', daysAgo: 140 },
  { post: 'md-referral', author: MOLDOVA, replyTo: 'c-md-ref-1', body: 'Yes, once the first new districts are running. We will post dates here.', daysAgo: 137 },
  { post: 'th-fishing', author: ILO, body: 'Port-based inspection with interpreters has worked elsewhere. The key point is an agreement between the labour inspectorate and the marine police on who boards vessels.', daysAgo: 128 },
  { post: 'md-begging', author: IOM_MEMBER, body: 'We have a standard risk assessment form for returns of children that could be adapted for consular staff.', daysAgo: 33 },

  // Requests and projects open to all: civil society, business, academia and media join in.
  { key: 'c-md-mig-1', post: 'md-migration', author: LASTRADA, body: 'La Strada Moldova runs the national hotline. The campaign should give its number, and the hotline needs extra staff while the campaign is on air.', daysAgo: 92 },
  { post: 'md-migration', author: MOLDOVA, replyTo: 'c-md-mig-1', body: 'Good point. We will budget for additional hotline staff during the campaign weeks.', daysAgo: 90 },
  { post: 'md-migration', author: MANPOWER, body: 'Messages could tell people how to check that a recruitment agency is licensed. We can share a checklist we use in other countries.', daysAgo: 85 },
  { post: 'th-mekong-data', author: UNIVERSITY, body: 'Common definitions will be the hardest step. We suggest starting from the Protocol definition and documenting every national deviation rather than forcing one definition.', daysAgo: 44 },
  { key: 'c-ilo-sa-1', post: 'ilo-south-asia', author: ACCOR, body: 'Hotel groups also buy linen and carpets from the region. Could the buyer guidance cover hospitality procurement?', daysAgo: 150 },
  { post: 'ilo-south-asia', author: ILO, replyTo: 'c-ilo-sa-1', body: 'Yes. We will add a section on hospitality procurement and would welcome your comments on the draft.', daysAgo: 147 },
  { post: 'ilo-south-asia', author: EXPERT, body: 'In my experience brick kiln owners respond better to employers’ associations than to inspectors. Worth involving them from the start.', daysAgo: 120 },
  { post: 'unodc-assessment-tool', author: UNIVERSITY, body: 'Our law faculty would be glad to review the checklist chapter on criminalization.', daysAgo: 100 },
  { key: 'c-ls-coop-1', post: 'ls-cooperation', author: OSCE, body: 'This matches the OSCE recommendations on national referral mechanisms. We could host the drafting group in Vienna.', daysAgo: 139 },
  { post: 'ls-cooperation', author: LASTRADA, replyTo: 'c-ls-coop-1', body: 'That would be excellent. We will contact you about dates.', daysAgo: 136 },
  { post: 'ls-cooperation', author: TDH, body: 'Please include a section on children: the agreement should say who informs the guardian and child protection services.', daysAgo: 131 },
  { post: 'tdh-children-move', author: NAPTIP, body: 'The Agency would be interested in the Nigerian component and can designate a contact in the relevant zonal command.', daysAgo: 119 },
  { post: 'accor-hotels', author: TDH, body: 'Our teams in Brazil and Senegal can help adapt the module and the reporting procedure to local child protection services.', daysAgo: 86 },
  { post: 'manpower-fees', author: LASTRADA, body: 'The audit should include interviews with workers away from the workplace, otherwise it will miss what matters.', daysAgo: 64 },
  { post: 'media-code', author: UNODC, body: 'UN.GIFT can support the regional workshops. The code could also cover reporting on forced labour, which is under-reported.', daysAgo: 115 },
  { post: 'uni-organs', author: EXPERT, body: 'Transplant professionals’ associations may be willing to circulate a survey to their members.', daysAgo: 95 },
  { post: 'unodc-global-report', author: BRAZIL, body: 'Our reply covers federal cases only. State-level figures will follow in a second submission.', daysAgo: 150 },
  { post: 'accor-suppliers', author: ILO, body: 'Unannounced visits are a good step. Worker interviews off-site, and involving the trade union representing cleaners, would strengthen the review.', daysAgo: 21 },
  { post: 'media-central-america', author: IOM, body: 'Thank you for including shelter staff. IOM can support a follow-up workshop in Guatemala.', daysAgo: 50 },
  { post: 'uni-summer-school', author: MEDIA, body: 'Will any sessions be open to journalists? A short module on research methods would help our reporters.', daysAgo: 5 },
];

export const DEMO_OFFERS: DemoOffer[] = [
  {
    key: 'o-ng-leg-unodc',
    post: 'ng-legislation',
    author: UNODC,
    summary: 'Legislative assessment with the UN.GIFT checklist and drafting support',
    body: md(
      'UNODC can field two legal experts to carry out the assessment with the legislative assessment tool and checklist, and support the drafting committee.',
      '',
      '- Desk review and consultation mission;',
      '- Draft amendments with a commentary;',
      '- Facilitation of the validation workshop.',
    ),
    timeframe: 'Six months from signature',
    cost: { amount: '55000', currency: 'USD' },
    status: 'accepted',
    daysAgo: 163,
    decidedDaysAgo: 155,
  },
  {
    key: 'o-ng-leg-ilo',
    post: 'ng-legislation',
    author: ILO,
    summary: 'Review of the forced labour provisions',
    body: 'ILO can review the provisions on forced labour and their consistency with the Labour Act and the ILO conventions Nigeria has ratified.',
    timeframe: 'Two months',
    status: 'pending',
    daysAgo: 158,
  },
  {
    key: 'o-ng-data-uni',
    post: 'ng-data',
    author: UNIVERSITY,
    summary: 'Data model, access rules and training of data officers',
    body: md(
      'Our centre has designed case statistics systems for two ministries. We offer:',
      '',
      '- A data model aligned with the global data collection exercise;',
      '- Written access rules and a data protection impact assessment;',
      '- Training of data officers, in two rounds.',
    ),
    timeframe: 'Eight months',
    cost: { amount: '48000', currency: 'EUR' },
    status: 'pending',
    daysAgo: 99,
  },
  {
    key: 'o-ng-shelters-iom',
    post: 'ng-shelters',
    author: IOM_MEMBER,
    summary: 'Shelter standards workshop and training of trainers',
    body: 'IOM can share the shelter standards developed with governments in the region and run a training of trainers for shelter staff.',
    timeframe: 'Four months',
    cost: { amount: '35000', currency: 'USD' },
    status: 'pending',
    daysAgo: 55,
  },
  {
    key: 'o-md-ref-iom',
    post: 'md-referral',
    author: IOM,
    summary: 'Training and mentoring of district multidisciplinary teams',
    body: md(
      'IOM supported the pilot districts and can extend the work nationwide:',
      '',
      '- Training curriculum revised with the National Committee;',
      '- Mentors for each new team during six months;',
      '- Monitoring framework and quarterly reports to the national coordinator.',
    ),
    timeframe: 'Eighteen months',
    cost: { amount: '198000', currency: 'EUR' },
    status: 'accepted',
    daysAgo: 143,
    decidedDaysAgo: 134,
  },
  {
    key: 'o-md-mig-media',
    post: 'md-migration',
    author: MEDIA,
    summary: 'Production of radio and television spots',
    body: 'Our network can produce radio and television spots with local journalists and negotiate free airtime.',
    timeframe: 'Three months',
    cost: { amount: '30000', currency: 'EUR' },
    status: 'declined',
    daysAgo: 88,
    decidedDaysAgo: 80,
  },
  {
    key: 'o-md-mig-ls',
    post: 'md-migration',
    author: LASTRADA,
    summary: 'Message testing and hotline support during the campaign',
    body: 'La Strada can organise message testing with young people and reinforce the hotline during the campaign.',
    timeframe: 'Campaign period plus one month',
    cost: { amount: '22000', currency: 'EUR' },
    status: 'pending',
    daysAgo: 84,
  },
  {
    key: 'o-th-fishing-ilo',
    post: 'th-fishing',
    author: ILO,
    summary: 'Forced labour training package for inspectors and marine police',
    body: md(
      'ILO offers its training manual for labour inspectors, adapted to fishing and seafood processing, and two joint courses for inspectors, marine police and port authorities.',
      '',
      'Guidance for employers and recruitment agencies would be developed with the employers’ organizations concerned.',
    ),
    timeframe: 'Twelve months',
    cost: { amount: '160000', currency: 'USD' },
    status: 'accepted',
    daysAgo: 126,
    decidedDaysAgo: 118,
  },
  {
    key: 'o-th-mekong-expert',
    post: 'th-mekong-data',
    author: EXPERT,
    summary: 'Mapping of national data sources',
    body: 'I can carry out the mapping of existing data sources in the six countries and draft the comparison of definitions.',
    timeframe: 'Three months',
    cost: { amount: '18000', currency: 'USD' },
    status: 'pending',
    daysAgo: 41,
  },
  {
    key: 'o-br-rural-ilo',
    post: 'br-rural-labour',
    author: ILO,
    summary: 'Joint course for inspectors, prosecutors and judges',
    body: 'ILO can organise the joint course in Portuguese, with speakers from countries with specialised labour courts.',
    timeframe: 'Course within four months',
    status: 'pending',
    daysAgo: 10,
  },
];

const DAY_MS = 86_400_000;

/** The first day of the month `months` after `from`, or the last day of the month before it. */
function monthDate(from: Date, months: number, lastDayBefore = false): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  if (lastDayBefore) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/**
 * Inserts the demo exchange (posts with their first revision, comments, offers and the partners of
 * accepted offers) into `tx`, with the ids of the demo organizations (by key) and users (by e-mail).
 * Dates are relative to `now`, so the demo always looks recent. Returns the numbers of rows.
 */
export async function loadDemoExchange(
  tx: Kysely<Database>,
  orgIds: Map<string, string>,
  userIds: Map<string, string>,
  now: Date = new Date(),
): Promise<{ posts: number; comments: number; offers: number; partners: number }> {
  const organizationOf = new Map(DEMO_ACCOUNTS.map((a) => [a.email, a.organization]));
  const account = (email: string) => {
    const userId = userIds.get(email);
    const orgId = orgIds.get(organizationOf.get(email) ?? '');
    if (!userId || !orgId) throw new Error(`demo exchange: no demo account ${email}`);
    return { userId, orgId };
  };
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

  const accepted = new Map(DEMO_OFFERS.filter((o) => o.status === 'accepted').map((o) => [o.post, o]));
  const posts = new Map<string, { id: string; orgId: string }>();
  const postRows: Insertable<Database['posts']>[] = [];
  const revisionRows: Insertable<Database['post_revisions']>[] = [];
  for (const p of DEMO_POSTS) {
    const { userId, orgId } = account(p.author);
    const values = newPostValues({
      kind: p.kind,
      title: p.title,
      body: p.body,
      audience: p.audience,
      status: p.status,
      regions: p.regions,
      countries: p.countries,
      areas: p.areas,
      themes: p.themes,
      exploitation: p.exploitation,
      budget: p.budget ?? null,
      fundingSought: p.fundingSought ?? null,
      startsOn: p.period ? monthDate(now, p.period.startsInMonths) : null,
      endsOn: p.period ? monthDate(now, p.period.startsInMonths + p.period.months, true) : null,
    });
    const id = randomUUID();
    posts.set(p.key, { id, orgId });
    const createdAt = daysAgo(p.daysAgo);
    const acceptance = accepted.get(p.key);
    const updatedDays = Math.min(p.updatedDaysAgo ?? p.daysAgo, acceptance?.decidedDaysAgo ?? p.daysAgo);
    postRows.push({ ...values, id, body_html: renderMarkdown(values.body), organization_id: orgId, author_id: userId, is_demo: true, created_at: createdAt, updated_at: daysAgo(updatedDays) });
    // The first revision is the post as written; accepting an offer later moved it on from 'open'.
    const asWritten = acceptance ? { ...values, status: INITIAL_STATUS[p.kind] } : values;
    revisionRows.push({ post_id: id, revision: 1, snapshot: JSON.stringify(snapshotOf(asWritten)), edited_by: userId, edited_at: createdAt });
  }
  const postOf = (key: string) => {
    const post = posts.get(key);
    if (!post) throw new Error(`demo exchange: no demo post ${key}`);
    return post;
  };

  const commentIds = new Map<string, string>();
  const commentRow = (c: DemoComment) => {
    const { userId, orgId } = account(c.author);
    const id = randomUUID();
    if (c.key) commentIds.set(c.key, id);
    const parentId = c.replyTo ? commentIds.get(c.replyTo) : null;
    if (parentId === undefined) throw new Error(`demo exchange: reply to unknown comment ${c.replyTo}`);
    return { id, post_id: postOf(c.post).id, parent_id: parentId, author_id: userId, organization_id: orgId, body: c.body, body_html: renderMarkdown(c.body), is_demo: true, created_at: daysAgo(c.daysAgo) };
  };
  // Top-level comments first, so that replies find their parent.
  const topLevel = DEMO_COMMENTS.filter((c) => !c.replyTo).map(commentRow);
  const replies = DEMO_COMMENTS.filter((c) => c.replyTo).map(commentRow);

  const offerRows: Insertable<Database['offers']>[] = [];
  const partnerRows: Insertable<Database['post_partners']>[] = [];
  for (const o of DEMO_OFFERS) {
    const { userId, orgId } = account(o.author);
    const post = postOf(o.post);
    const requester = userIds.get(DEMO_POSTS.find((p) => p.key === o.post)!.author)!;
    const id = randomUUID();
    const decidedAt = o.decidedDaysAgo === undefined ? null : daysAgo(o.decidedDaysAgo);
    offerRows.push({
      id,
      post_id: post.id,
      organization_id: orgId,
      author_id: userId,
      summary: o.summary,
      body: o.body,
      body_html: renderMarkdown(o.body),
      timeframe: o.timeframe ?? null,
      cost_amount: o.cost?.amount ?? null,
      cost_currency: o.cost?.currency ?? null,
      status: o.status,
      decided_at: decidedAt,
      decided_by: decidedAt ? requester : null,
      is_demo: true,
      created_at: daysAgo(o.daysAgo),
    });
    if (o.status === 'accepted') {
      partnerRows.push(
        { post_id: post.id, organization_id: post.orgId, role: 'requester', offer_id: null, created_at: decidedAt! },
        { post_id: post.id, organization_id: orgId, role: 'service_provider', offer_id: id, created_at: decidedAt! },
      );
    }
  }

  await tx.insertInto('posts').values(postRows).execute();
  await tx.insertInto('post_revisions').values(revisionRows).execute();
  if (topLevel.length) await tx.insertInto('comments').values(topLevel).execute();
  if (replies.length) await tx.insertInto('comments').values(replies).execute();
  if (offerRows.length) await tx.insertInto('offers').values(offerRows).execute();
  if (partnerRows.length) await tx.insertInto('post_partners').values(partnerRows).execute();
  return { posts: postRows.length, comments: topLevel.length + replies.length, offers: offerRows.length, partners: partnerRows.length };
}
