// The Framework for Action for an Effective Implementation of the Trafficking in Persons Protocol
// (UNODC), as written in seed 003, Annex III, part IV.B: five pillars and the measures each lists.
// The wording is a short paraphrase of the seed; `source` names the paragraph it comes from (the
// line numbers are those of /work/shared/seeds/003_23a8e3783b16fe42.txt). Each measure maps to the
// technical-assistance areas and themes of the existing taxonomy, so that a gap can become a
// `ta_request` tagged like any other. Codes are stable API values.
import type { AreaCode, ThemeCode } from './taxonomy/index.js';

export interface FrameworkMeasure {
  code: string;
  text: string;
  areas: readonly AreaCode[];
  themes: readonly ThemeCode[];
  source: string;
}

export interface FrameworkPillar {
  code: string;
  name: string;
  measures: readonly FrameworkMeasure[];
}

const SEED = 'Seed 003, Annex III (Framework for Action, narrative), part IV.B';

export const FRAMEWORK_PILLARS = [
  {
    code: 'prosecution',
    name: 'Prosecution',
    measures: [
      {
        code: 'prosecution-1',
        text: 'A comprehensive national legal framework in line with the Protocol: trafficking and related crimes (corruption, money laundering, obstruction of justice) criminalized, proportionate penalties and confiscation, the rights of victims and witnesses protected, and victims not punished for offences committed as a result of being trafficked.',
        areas: ['legislation', 'criminal_justice'],
        themes: ['prosecution', 'action'],
        source: `${SEED}(a) Prosecution, measure 1 (i-v) (seed line 2154)`,
      },
      {
        code: 'prosecution-2',
        text: 'Anti-trafficking legislation enforced through regulations, circulars or administrative guidelines, and the capacity of criminal justice practitioners strengthened.',
        areas: ['criminal_justice', 'legislation'],
        themes: ['prosecution'],
        source: `${SEED}(a) Prosecution, measure 2 (seed line 2182)`,
      },
      {
        code: 'prosecution-3',
        text: 'Specialized institutions established, such as specialized police units and judicial structures.',
        areas: ['criminal_justice'],
        themes: ['prosecution'],
        source: `${SEED}(a) Prosecution, measure 3 (seed line 2186)`,
      },
      {
        code: 'prosecution-4',
        text: 'Proactive, intelligence-led investigation that does not rely on victims\' testimony, and judicial procedures that avoid victimizing trafficked persons, especially children, a second time.',
        areas: ['criminal_justice', 'victim_protection'],
        themes: ['prosecution', 'protection'],
        source: `${SEED}(a) Prosecution, measure 4 (seed line 2189)`,
      },
      {
        code: 'prosecution-5',
        text: 'Corruption addressed at every stage of the trafficking process, as a major obstacle to prevention, protection and prosecution.',
        areas: ['criminal_justice', 'strategy_policy'],
        themes: ['prosecution', 'action'],
        source: `${SEED}(a) Prosecution, measure 5 (seed line 2194)`,
      },
    ],
  },
  {
    code: 'protection',
    name: 'Protection',
    measures: [
      {
        code: 'protection-1',
        text: 'Legislation adopted or amended for the comprehensive protection of and assistance to victims.',
        areas: ['legislation', 'victim_protection'],
        themes: ['protection'],
        source: `${SEED}(b) Protection, measure 1 (seed line 2204)`,
      },
      {
        code: 'protection-2',
        text: 'A victim identification process with guidelines, procedures and other effective identification techniques.',
        areas: ['victim_protection', 'criminal_justice'],
        themes: ['protection'],
        source: `${SEED}(b) Protection, measure 2 (seed line 2207)`,
      },
      {
        code: 'protection-3',
        text: 'Protection legislation enforced through regulations, circulars or administrative guidelines.',
        areas: ['victim_protection', 'legislation'],
        themes: ['protection'],
        source: `${SEED}(b) Protection, measure 3 (seed line 2210)`,
      },
      {
        code: 'protection-4',
        text: 'A national referral mechanism for protection and assistance, including referral to the asylum system where appropriate.',
        areas: ['victim_protection', 'strategy_policy'],
        themes: ['protection', 'partnership'],
        source: `${SEED}(b) Protection, measure 4 (seed line 2213)`,
      },
      {
        code: 'protection-5',
        text: 'Protection and assistance to international standards and with a human-rights-based approach, whether or not the victim cooperates with law enforcement: services, a reflection period, compensation, residence and non-liability, with a gender perspective and attention to children.',
        areas: ['victim_protection', 'legislation'],
        themes: ['protection', 'impact'],
        source: `${SEED}(b) Protection, measure 5 (seed line 2216)`,
      },
      {
        code: 'protection-6',
        text: 'National child protection systems developed or strengthened at national and local level.',
        areas: ['victim_protection'],
        themes: ['protection', 'vulnerability'],
        source: `${SEED}(b) Protection, measure 6 (seed line 2227)`,
      },
      {
        code: 'protection-7',
        text: 'Any return preceded by a risk assessment, and long-term assistance for social inclusion in the home or destination country, to reduce the risk of re-trafficking.',
        areas: ['victim_protection', 'international_cooperation'],
        themes: ['protection', 'impact'],
        source: `${SEED}(b) Protection, measure 7 (seed line 2228)`,
      },
    ],
  },
  {
    code: 'prevention',
    name: 'Prevention',
    measures: [
      {
        code: 'prevention-1',
        text: 'Comprehensive policies and programmes to prevent trafficking and re-victimization, including support for lawful migration.',
        areas: ['prevention_awareness', 'strategy_policy'],
        themes: ['prevention', 'vulnerability'],
        source: `${SEED}(c) Prevention, measure 1 (seed line 2241)`,
      },
      {
        code: 'prevention-2',
        text: 'Effective child protection systems, with children taking an active part in designing preventive measures.',
        areas: ['prevention_awareness', 'victim_protection'],
        themes: ['prevention', 'vulnerability'],
        source: `${SEED}(c) Prevention, measure 2 (seed line 2244)`,
      },
      {
        code: 'prevention-3',
        text: 'Coherence among the public policies that bear on trafficking: migration, crime prevention, education, employment, health, non-discrimination, development, human rights and child protection.',
        areas: ['strategy_policy'],
        themes: ['prevention', 'action'],
        source: `${SEED}(c) Prevention, measure 3 (seed line 2247)`,
      },
      {
        code: 'prevention-4',
        text: 'Measures that reduce vulnerability by addressing root causes, and that discourage the demand fostering all forms of trafficking.',
        areas: ['prevention_awareness'],
        themes: ['prevention', 'vulnerability'],
        source: `${SEED}(c) Prevention, measure 4 (seed line 2251)`,
      },
      {
        code: 'prevention-5',
        text: 'Needs assessments and impact evaluations of prevention strategies and programmes.',
        areas: ['data_research', 'prevention_awareness'],
        themes: ['prevention', 'action'],
        source: `${SEED}(c) Prevention, measure 5 (seed line 2254)`,
      },
    ],
  },
  {
    code: 'national_cooperation',
    name: 'National cooperation and coordination',
    measures: [
      {
        code: 'national_cooperation-1',
        text: 'Comprehensive, evidence-based anti-trafficking policies, implemented and coherent with related policies.',
        areas: ['strategy_policy', 'data_research'],
        themes: ['action', 'partnership'],
        source: `${SEED}(d) National cooperation and coordination, measure 1 (seed line 2267)`,
      },
      {
        code: 'national_cooperation-2',
        text: 'A multidisciplinary cooperation and coordination mechanism among government bodies (law enforcement, judiciary, labour inspection, immigration and asylum), NGOs, service providers, health and child protection institutions, trade unions, employers and the private sector.',
        areas: ['strategy_policy'],
        themes: ['partnership'],
        source: `${SEED}(d) National cooperation and coordination, measure 2 (seed line 2270)`,
      },
      {
        code: 'national_cooperation-3',
        text: 'Monitoring and evaluation of national strategies or plans of action, so that progress and impact are known and course corrections follow.',
        areas: ['data_research', 'strategy_policy'],
        themes: ['action', 'partnership'],
        source: `${SEED}(d) National cooperation and coordination, measure 3 (seed line 2276)`,
      },
    ],
  },
  {
    code: 'international_cooperation',
    name: 'International cooperation and coordination',
    measures: [
      {
        code: 'international_cooperation-1',
        text: 'A legal basis for international cooperation, including cooperation agreements.',
        areas: ['international_cooperation', 'legislation'],
        themes: ['partnership', 'prosecution'],
        source: `${SEED}(e) International cooperation and coordination, measure 1 (seed line 2290)`,
      },
      {
        code: 'international_cooperation-2',
        text: 'National capacity for extradition, mutual legal assistance, transfer of sentenced persons, joint investigations and international cooperation in confiscation.',
        areas: ['international_cooperation', 'criminal_justice'],
        themes: ['prosecution', 'partnership'],
        source: `${SEED}(e) International cooperation and coordination, measure 2 (seed line 2293)`,
      },
      {
        code: 'international_cooperation-3',
        text: 'National capacity to identify, return, assess the risks of and reintegrate victims, in the best interest of the child, with cooperation between countries of destination, transit and origin.',
        areas: ['international_cooperation', 'victim_protection'],
        themes: ['protection', 'partnership'],
        source: `${SEED}(e) International cooperation and coordination, measure 3 (seed line 2296)`,
      },
      {
        code: 'international_cooperation-4',
        text: 'International cooperation to govern migration for employment.',
        areas: ['international_cooperation', 'prevention_awareness'],
        themes: ['prevention', 'vulnerability'],
        source: `${SEED}(e) International cooperation and coordination, measure 4 (seed line 2300)`,
      },
      {
        code: 'international_cooperation-5',
        text: 'Formal and informal cooperation: communication procedures and the exchange of information and data.',
        areas: ['international_cooperation', 'data_research'],
        themes: ['partnership'],
        source: `${SEED}(e) International cooperation and coordination, measure 5 (seed line 2301)`,
      },
      {
        code: 'international_cooperation-6',
        text: 'Coherent policy recommendations and technical assistance from international and regional organizations.',
        areas: ['international_cooperation', 'strategy_policy'],
        themes: ['partnership', 'action'],
        source: `${SEED}(e) International cooperation and coordination, measure 6 (seed line 2304)`,
      },
      {
        code: 'international_cooperation-7',
        text: 'A division of labour based on organizations\' mandates and core competencies, avoiding duplication and keeping activities cost-effective.',
        areas: ['international_cooperation', 'strategy_policy'],
        themes: ['partnership'],
        source: `${SEED}(e) International cooperation and coordination, measure 7 (seed line 2307)`,
      },
      {
        code: 'international_cooperation-8',
        text: 'Cooperation and joint programming among international and regional organizations on common strategies and programmes.',
        areas: ['international_cooperation', 'strategy_policy'],
        themes: ['partnership'],
        source: `${SEED}(e) International cooperation and coordination, measure 8 (seed line 2312)`,
      },
    ],
  },
] as const satisfies readonly FrameworkPillar[];

export type PillarCode = (typeof FRAMEWORK_PILLARS)[number]['code'];
export type MeasureCode = (typeof FRAMEWORK_PILLARS)[number]['measures'][number]['code'];

export const PILLAR_CODES = FRAMEWORK_PILLARS.map((p) => p.code) as unknown as readonly PillarCode[];
export const MEASURES: readonly (FrameworkMeasure & { pillar: PillarCode })[] = FRAMEWORK_PILLARS.flatMap((p) => p.measures.map((m) => ({ ...m, pillar: p.code })));
export const MEASURE_CODES = MEASURES.map((m) => m.code) as readonly MeasureCode[];

export const isMeasureCode = (code: string): code is MeasureCode => (MEASURE_CODES as readonly string[]).includes(code);
export const isPillarCode = (code: string): code is PillarCode => (PILLAR_CODES as readonly string[]).includes(code);
export const measureByCode = (code: string) => MEASURES.find((m) => m.code === code);

// ---- the self-assessment (issue 18) --------------------------------------------------------

export const RATING_STATUSES = ['in_place', 'partly_in_place', 'not_in_place', 'not_applicable', 'unknown'] as const;
export type RatingStatus = (typeof RATING_STATUSES)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Rating {
  status: RatingStatus;
  priority: Priority;
  note: string;
  /** Evidence: a document of the library (its id), besides the note. */
  documentId?: string;
}

/** Who sees a government's submitted assessment besides itself and the organizers. */
export const SHARING_SCOPES = ['private', 'organizations', 'full_tier'] as const;
export type SharingScope = (typeof SHARING_SCOPES)[number];

/** A gap: not in place, or partly in place. */
export const isGap = (r: Pick<Rating, 'status'>): boolean => r.status === 'not_in_place' || r.status === 'partly_in_place';
/** What "Providers see needs" counts: a gap the government marked high priority. */
export const isHighPriorityGap = (r: Pick<Rating, 'status' | 'priority'>): boolean => isGap(r) && r.priority === 'high';
/**
 * Where the page offers "Ask for technical assistance on this": every measure not in place, and a
 * measure partly in place with high priority.
 */
export const mayAskForAssistance = (r: Pick<Rating, 'status' | 'priority'>): boolean => r.status === 'not_in_place' || (r.status === 'partly_in_place' && r.priority === 'high');

/** Partial-tier organizations see aggregates only where at least this many governments contributed. */
export const MIN_GOVERNMENTS_FOR_AGGREGATES = 3;
