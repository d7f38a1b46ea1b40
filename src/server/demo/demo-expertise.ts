// Demo expertise profiles: what each demo organization declares it can help with (areas, where it
// operates, working languages), for matching requests with providers. Drawn from each actor's
// public mandate as described in the seed documents; flagged demo through the organizations.
import type { Kysely } from 'kysely';
import type { AreaCode } from '../../shared/taxonomy/index.js';
import type { Database } from '../db/schema.js';
import { geoOf } from '../exchange/post-model.js';

interface DemoExpertise {
  organization: string; // DemoOrganization.key
  areas: AreaCode[];
  regions: string[];
  countries: string[];
  languages: string[];
  summary: string;
}

export const DEMO_EXPERTISE: DemoExpertise[] = [
  { organization: 'unodc', areas: ['legislation', 'criminal_justice', 'data_research', 'international_cooperation'], regions: ['002', '019', '142', '150', '009'], countries: [], languages: ['en', 'fr', 'es', 'ru', 'ar'], summary: 'Legislative assistance with the UN.GIFT assessment tool, criminal justice training, data collection.' },
  { organization: 'iom', areas: ['victim_protection', 'prevention_awareness', 'international_cooperation'], regions: ['002', '150', '142', '019'], countries: [], languages: ['en', 'fr', 'es', 'pt', 'ru'], summary: 'Shelters, return and reintegration, referral systems, safe migration information.' },
  { organization: 'ilo', areas: ['prevention_awareness', 'criminal_justice', 'strategy_policy'], regions: ['142', '019', '002'], countries: ['TH', 'BR', 'IN', 'NP'], languages: ['en', 'fr', 'es', 'pt'], summary: 'Forced labour: labour inspection, employers and trade unions, recruitment regulation.' },
  { organization: 'osce', areas: ['strategy_policy', 'international_cooperation', 'legislation'], regions: ['150', '143'], countries: [], languages: ['en', 'ru'], summary: 'National referral mechanisms, national rapporteurs, legislative guidelines in the OSCE region.' },
  { organization: 'lastrada', areas: ['victim_protection', 'prevention_awareness'], regions: ['151', '155'], countries: ['MD', 'UA', 'NL'], languages: ['en', 'ro', 'ru', 'nl'], summary: 'Hotlines, prevention campaigns and cooperation with law enforcement in Europe.' },
  { organization: 'tdh', areas: ['victim_protection', 'prevention_awareness'], regions: ['011', '005', '035'], countries: ['BR', 'SN', 'NG'], languages: ['en', 'fr', 'pt'], summary: 'Child protection, children on the move, child-friendly procedures.' },
  { organization: 'accor', areas: ['prevention_awareness'], regions: ['150', '005'], countries: ['FR', 'BR', 'TH'], languages: ['en', 'fr', 'pt'], summary: 'Training hotel staff; responsible procurement in hospitality.' },
  { organization: 'manpower', areas: ['prevention_awareness', 'strategy_policy'], regions: ['021', '150', '142'], countries: [], languages: ['en'], summary: 'Ethical recruitment, no fees to workers, labour market pathways.' },
  { organization: 'university', areas: ['data_research', 'legislation'], regions: ['150'], countries: ['AT'], languages: ['en', 'de'], summary: 'Data models and statistics systems, legal research, research methods training.' },
  { organization: 'media', areas: ['prevention_awareness'], regions: ['150', '013'], countries: ['GB', 'MX'], languages: ['en', 'es'], summary: 'Journalist training, codes of conduct, campaigns and public information.' },
  { organization: 'expert', areas: ['data_research', 'strategy_policy'], regions: ['034', '035'], countries: ['IN'], languages: ['en', 'hi'], summary: 'Labour migration research, mapping of data sources, evaluation.' },
  { organization: 'naptip', areas: ['criminal_justice', 'victim_protection'], regions: ['011'], countries: ['NG'], languages: ['en'], summary: 'Investigation, prosecution and shelters in Nigeria; experience to share with ECOWAS States.' },
  { organization: 'moldova', areas: ['strategy_policy', 'victim_protection'], regions: ['151'], countries: ['MD'], languages: ['ro', 'ru', 'en'], summary: 'National referral system; study visits for countries setting up their own.' },
  { organization: 'thailand', areas: ['victim_protection', 'international_cooperation'], regions: ['035'], countries: ['TH'], languages: ['th', 'en'], summary: 'Multidisciplinary teams; cooperation in the Greater Mekong Sub-region.' },
  { organization: 'brazil', areas: ['strategy_policy', 'criminal_justice'], regions: ['005'], countries: ['BR'], languages: ['pt', 'es', 'en'], summary: 'National policy and plan; reception posts; rural labour inspection.' },
];

/** Inserts the demo expertise profiles, with the ids of the demo organizations by key. */
export async function loadDemoExpertise(tx: Kysely<Database>, orgIds: Map<string, string>): Promise<number> {
  const rows = DEMO_EXPERTISE.flatMap((e) => {
    const id = orgIds.get(e.organization);
    return id ? [{ organization_id: id, areas: e.areas, regions: e.regions, countries: e.countries, geo: geoOf(e.regions, e.countries), languages: e.languages, summary: e.summary }] : [];
  });
  if (rows.length > 0) await tx.insertInto('organization_expertise').values(rows).execute();
  return rows.length;
}
