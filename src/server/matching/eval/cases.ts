// A labelled set for matching requests with providers (`GET /api/v1/posts/:id/matches`): requests a
// government might post, each with the organizations a practitioner would contact first. The labels
// come from the actors' mandates as the seed documents describe them (UNODC: legislation, criminal
// justice, data and the UN.GIFT tools; IOM: protection, return and reintegration, safe migration;
// ILO: forced labour, labour inspection, recruitment; OSCE: national coordination and rapporteurs in
// its region; NGOs: victim services, hotlines, child protection; business: its own sector; media:
// reporting), written before looking at what the matcher returns, and limited to organizations the
// rules let answer (a full-audience request is answered only by the full tier). They are not copies
// of the demo posts. Split in two: the tuning half may be used to adjust weights; the held-out half
// never is.
import type { AreaCode } from '../../../shared/taxonomy/index.js';

export interface MatchCase {
  /** The requesting organization (a demo organization key) and the e-mail of its focal point. */
  requester: 'naptip' | 'moldova' | 'thailand' | 'brazil';
  title: string;
  audience: 'all' | 'full';
  areas: AreaCode[];
  countries: string[];
  regions?: string[];
  /** Demo organization keys a practitioner would contact first. */
  expected: string[];
}

export const MATCH_TUNING: MatchCase[] = [
  { requester: 'naptip', title: 'Training prosecutors and judges on trafficking cases', audience: 'full', areas: ['criminal_justice'], countries: ['NG'], expected: ['unodc'] },
  { requester: 'naptip', title: 'Child-friendly procedures in shelters for children removed from exploitation', audience: 'all', areas: ['victim_protection'], countries: ['NG'], expected: ['tdh', 'iom'] },
  { requester: 'moldova', title: 'Amending the criminal code on trafficking', audience: 'full', areas: ['legislation'], countries: ['MD'], expected: ['unodc', 'osce'] },
  { requester: 'moldova', title: 'A hotline for people about to migrate and for victims', audience: 'all', areas: ['prevention_awareness', 'victim_protection'], countries: ['MD'], expected: ['lastrada', 'iom'] },
  { requester: 'thailand', title: 'Inspecting fishing vessels for forced labour', audience: 'full', areas: ['criminal_justice', 'strategy_policy'], countries: ['TH'], expected: ['ilo'] },
  { requester: 'thailand', title: 'Hotel staff who recognise the sexual exploitation of children', audience: 'all', areas: ['prevention_awareness'], countries: ['TH'], expected: ['accor', 'tdh'] },
  { requester: 'brazil', title: 'Rural labour inspection against slave labour', audience: 'full', areas: ['criminal_justice'], countries: ['BR'], expected: ['ilo'] },
  { requester: 'brazil', title: 'Training journalists to report on trafficking', audience: 'all', areas: ['prevention_awareness'], countries: ['BR'], expected: ['media'] },
  { requester: 'naptip', title: 'A national database of trafficking cases', audience: 'full', areas: ['data_research'], countries: ['NG'], expected: ['unodc'] },
  { requester: 'moldova', title: 'A national coordinator and an independent rapporteur', audience: 'full', areas: ['strategy_policy'], countries: ['MD'], expected: ['osce'] },
  { requester: 'thailand', title: 'Research on the routes of labour migrants from Myanmar', audience: 'all', areas: ['data_research'], countries: ['TH'], expected: ['expert', 'unodc'] },
  { requester: 'brazil', title: 'Child-friendly reception posts at airports', audience: 'all', areas: ['victim_protection'], countries: ['BR'], expected: ['tdh', 'iom'] },
];

export const MATCH_HELD_OUT: MatchCase[] = [
  { requester: 'naptip', title: 'Village information sessions on false job offers abroad', audience: 'all', areas: ['prevention_awareness'], countries: ['NG'], expected: ['iom', 'tdh'] },
  { requester: 'naptip', title: 'Agreements with destination countries on the return of Nigerian victims', audience: 'full', areas: ['international_cooperation'], countries: ['NG'], expected: ['iom', 'unodc'] },
  { requester: 'moldova', title: 'Vocational training for returned survivors', audience: 'all', areas: ['victim_protection'], countries: ['MD'], expected: ['iom', 'lastrada'] },
  { requester: 'moldova', title: 'A study of trafficking from rural districts', audience: 'all', areas: ['data_research'], countries: ['MD'], expected: ['university', 'unodc'] },
  { requester: 'thailand', title: 'Teams that identify victims in border provinces', audience: 'all', areas: ['victim_protection'], countries: ['TH'], expected: ['iom', 'tdh'] },
  { requester: 'thailand', title: 'Mekong agreements on cross-border return', audience: 'full', areas: ['international_cooperation'], countries: ['TH'], regions: ['035'], expected: ['unodc', 'iom'] },
  { requester: 'thailand', title: 'Standards for employment agencies: no fees for workers', audience: 'all', areas: ['prevention_awareness', 'strategy_policy'], countries: ['TH'], expected: ['ilo', 'manpower'] },
  { requester: 'brazil', title: 'Reviewing the laws behind the national plan', audience: 'full', areas: ['legislation'], countries: ['BR'], expected: ['unodc'] },
  { requester: 'brazil', title: 'Hotels and tour operators before the big sports events', audience: 'all', areas: ['prevention_awareness'], countries: ['BR'], expected: ['accor'] },
  { requester: 'brazil', title: 'Indicators to monitor the national plan', audience: 'all', areas: ['data_research', 'strategy_policy'], countries: ['BR'], expected: ['unodc', 'university'] },
  { requester: 'moldova', title: 'Safe recruitment information for migrants leaving for EU labour markets', audience: 'all', areas: ['prevention_awareness'], countries: ['MD'], expected: ['lastrada', 'iom', 'manpower'] },
  { requester: 'naptip', title: 'A regional ECOWAS plan of action', audience: 'full', areas: ['strategy_policy', 'international_cooperation'], countries: ['NG'], regions: ['011'], expected: ['unodc'] },
];
