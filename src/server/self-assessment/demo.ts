// Demo self-assessments (issue 18): three demo governments with assessments of different
// completeness, two submitted versions each (about a year apart) and a draft moved on since; one
// gap already turned into a technical-assistance request with an offer. Ratings and notes are
// invented and flagged is_demo; they name laws, units and plans, never a person.
import { sql, type Kysely } from 'kysely';
import type { Priority, RatingStatus } from '../../shared/framework.js';
import type { Database, RatingsJson } from '../db/schema.js';

const LOADED_KEY = 'demo_self_assessments';
export const LINKED_REQUEST_TITLE = 'Review of the national trafficking in persons law against the Protocol and ECOWAS standards';

type R = [RatingStatus, Priority, string];
const r = ([status, priority, note]: R) => ({ status, priority, note });
const ratings = (entries: Record<string, R>): RatingsJson => Object.fromEntries(Object.entries(entries).map(([code, v]) => [code, r(v)]));

interface DemoAssessment {
  email: string;
  scope: 'private' | 'organizations' | 'full_tier';
  /** Emails of accounts whose organizations it is shared with. */
  sharedWith?: string[];
  versions: [RatingsJson, RatingsJson];
  draft: RatingsJson;
}

const NIGERIA_V1 = ratings({
  'prosecution-1': ['partly_in_place', 'high', 'Law of 2003, amended 2005: penalties not always proportionate, non-punishment unclear, no explicit basis for confiscation.'],
  'prosecution-2': ['partly_in_place', 'high', 'Regulations drafted; judges and prosecutors trained in two zones only.'],
  'prosecution-3': ['in_place', 'low', 'Specialized investigation and prosecution units within the national agency.'],
  'prosecution-4': ['partly_in_place', 'medium', 'Financial investigation used in a few cases.'],
  'prosecution-5': ['unknown', 'medium', ''],
  'protection-1': ['in_place', 'low', 'Victim protection provisions in the national law.'],
  'protection-2': ['partly_in_place', 'high', 'Identification guidelines exist for border posts only.'],
  'protection-4': ['not_in_place', 'high', 'No national referral mechanism linking the agency, shelters, health services and NGOs.'],
  'protection-6': ['partly_in_place', 'medium', 'Child protection committees in some states.'],
  'prevention-1': ['partly_in_place', 'medium', 'Awareness campaigns in source communities.'],
  'prevention-4': ['not_in_place', 'high', 'No programme yet addressing demand.'],
  'national_cooperation-2': ['partly_in_place', 'medium', 'Inter-agency working group meets irregularly.'],
  'international_cooperation-2': ['partly_in_place', 'high', 'Mutual legal assistance requests take many months.'],
});
const NIGERIA_V2 = {
  ...NIGERIA_V1,
  ...ratings({
    'prosecution-1': ['partly_in_place', 'high', 'Review of the law against the Protocol under way (see the linked request).'],
    'prosecution-2': ['in_place', 'low', 'Regulations adopted; training extended to all zones.'],
    'prosecution-5': ['partly_in_place', 'medium', 'Anti-corruption unit reviews trafficking cases on request.'],
    'protection-3': ['partly_in_place', 'medium', 'Administrative guidelines for shelters in preparation.'],
    'protection-5': ['partly_in_place', 'medium', 'Reflection period in law; residence options not applicable to nationals.'],
    'prevention-5': ['not_in_place', 'medium', 'No impact evaluation of campaigns so far.'],
    'national_cooperation-1': ['in_place', 'low', 'National action plan adopted (demo reference).'],
    'national_cooperation-3': ['partly_in_place', 'medium', 'Annual report of the national agency; no independent evaluation.'],
    'international_cooperation-1': ['in_place', 'low', 'Bilateral agreements with several destination countries.'],
    'international_cooperation-3': ['partly_in_place', 'high', 'Returns organized case by case; no standard risk assessment.'],
    'international_cooperation-5': ['partly_in_place', 'medium', 'Liaison officers in two destination countries.'],
  }),
};

const MOLDOVA_V1 = ratings({
  'prosecution-1': ['in_place', 'low', 'Criminal Code articles on trafficking and related offences.'],
  'prosecution-3': ['in_place', 'low', 'Specialized police centre and prosecutors.'],
  'protection-1': ['in_place', 'low', 'Law on preventing and combating trafficking (demo reference).'],
  'protection-4': ['in_place', 'low', 'National referral system in place since several years.'],
  'protection-7': ['partly_in_place', 'high', 'Risk assessment before return not systematic for returns from abroad.'],
  'prevention-4': ['partly_in_place', 'high', 'Economic empowerment programmes in a few districts.'],
  'national_cooperation-2': ['in_place', 'low', 'National Committee with government, NGOs and international partners.'],
});
const MOLDOVA_V2 = {
  ...MOLDOVA_V1,
  ...ratings({
    'protection-7': ['partly_in_place', 'high', 'Risk assessment protocol drafted; not yet applied by all consulates.'],
    'prevention-2': ['partly_in_place', 'medium', 'Child participation in school prevention programmes piloted.'],
    'national_cooperation-3': ['not_in_place', 'high', 'No evaluation of the last national plan.'],
    'international_cooperation-4': ['partly_in_place', 'medium', 'Labour migration agreements with two countries.'],
  }),
};

const THAILAND_V1 = ratings({
  'prosecution-1': ['in_place', 'low', 'Anti-trafficking act and its amendments (demo reference).'],
  'protection-2': ['partly_in_place', 'high', 'Screening of fishing crews at ports started.'],
  'protection-6': ['in_place', 'low', 'Child protection committees at provincial level.'],
  'international_cooperation-4': ['not_in_place', 'high', 'Recruitment of migrant workers largely through brokers.'],
});
const THAILAND_V2 = {
  ...THAILAND_V1,
  ...ratings({
    'protection-2': ['partly_in_place', 'high', 'Port screening extended; interpreters still lacking.'],
    'international_cooperation-4': ['partly_in_place', 'high', 'Memoranda of understanding on employment with neighbouring countries.'],
    'prevention-4': ['not_in_place', 'high', 'Demand reduction not yet addressed in supply chains.'],
  }),
};

const DEMO_ASSESSMENTS: DemoAssessment[] = [
  {
    email: 'government@demo.test',
    scope: 'full_tier',
    versions: [NIGERIA_V1, NIGERIA_V2],
    draft: { ...NIGERIA_V2, ...ratings({ 'prevention-3': ['partly_in_place', 'medium', 'Migration and employment policies reviewed for coherence.'] }) },
  },
  { email: 'moldova@demo.test', scope: 'organizations', sharedWith: ['io@demo.test'], versions: [MOLDOVA_V1, MOLDOVA_V2], draft: MOLDOVA_V2 },
  { email: 'thailand@demo.test', scope: 'private', versions: [THAILAND_V1, THAILAND_V2], draft: THAILAND_V2 },
];

/** Loads the demo assessments once per database (several servers may start together: one does it). */
export async function loadDemoSelfAssessments(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const claimed = await tx.insertInto('meta').values({ key: LOADED_KEY, value: new Date().toISOString() }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
    if (!claimed) return false;
    const users = await tx
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['u.id', 'u.email', 'o.id as org_id', 'o.name', 'o.category', 'o.country'])
      .where('u.is_demo', '=', true)
      .execute();
    const byEmail = new Map(users.map((u) => [u.email, u]));
    if (!DEMO_ASSESSMENTS.every((a) => byEmail.has(a.email))) return false; // not the demo database
    for (const a of DEMO_ASSESSMENTS) {
      const u = byEmail.get(a.email)!;
      const ago = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;
      await tx.insertInto('self_assessments').values({ organization_id: u.org_id, ratings: JSON.stringify(a.draft), revision: 3, sharing_scope: a.scope, updated_by: u.id, updated_at: ago(5) as never, is_demo: true }).execute();
      const revisions = [a.versions[0], a.versions[1], a.draft];
      await tx
        .insertInto('self_assessment_revisions')
        .values(revisions.map((ratings, i) => ({ organization_id: u.org_id, revision: i + 1, ratings: JSON.stringify(ratings), edited_by: u.id, edited_at: ago([400, 30, 5][i]!) as never })))
        .execute();
      await tx
        .insertInto('self_assessment_versions')
        .values(a.versions.map((ratings, i) => ({ organization_id: u.org_id, version: i + 1, ratings: JSON.stringify(ratings), draft_revision: i + 1, submitted_by: u.id, submitted_at: ago([395, 25][i]!) as never })))
        .execute();
      for (const email of a.sharedWith ?? []) await tx.insertInto('self_assessment_shares').values({ organization_id: u.org_id, shared_with: byEmail.get(email)!.org_id }).execute();
    }
    // One gap already turned into a request: NAPTIP's demo request for a review of its law
    // (src/server/demo/demo-exchange.ts, with UNODC's accepted and ILO's pending offers) is linked
    // to the measure it answers, so the measure shows the request's status and offers.
    const gov = byEmail.get('government@demo.test')!;
    const linked = await tx.selectFrom('posts').select('id').where('organization_id', '=', gov.org_id).where('kind', '=', 'ta_request').where('title', '=', LINKED_REQUEST_TITLE).where('is_demo', '=', true).executeTakeFirst();
    if (linked) await tx.insertInto('self_assessment_requests').values({ post_id: linked.id, organization_id: gov.org_id, measure_code: 'prosecution-1', created_by: gov.id, created_at: sql`now() - interval '171 days'` as never }).execute();
    return true;
  });
}
