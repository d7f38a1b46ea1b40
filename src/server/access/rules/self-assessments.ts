// Issue 18: who may see and change a government's self-assessment against the Framework for Action.
// In words:
// - The draft (and the requests made from its gaps) is read by the members of the government
//   organization and by the organizers. Only members of that government organization edit it,
//   submit it as a version, and turn its gaps into technical-assistance requests.
// - Its submitted versions are also read by whom the government shared them with: named
//   organizations, or the whole full tier. Sharing never reaches the partial tier: named
//   organizations must be full-tier (checked when sharing) and every shared read needs the full tier.
// - The government's focal point decides who it is shared with.
// - The notes on evidence go wherever a submitted version goes, unless the organizers hid them from
//   the moderation queue (personal data): then only the government and the organizers read them.
// - Needs: full-tier users see counts per measure; partial-tier users aggregates per region only
//   where at least MIN_GOVERNMENTS_FOR_AGGREGATES governments contributed (routes apply that floor).
// The read-submitted rule exists twice, side by side: `canReadSubmittedAssessment` in memory and
// `readableAssessmentsFilter` in SQL; self-assessment/access-matrix.test.ts checks they agree.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { SharingScope } from '../../../shared/framework.js';
import type { OrganizationCategory } from '../../../shared/participants.js';
import type { Database } from '../../db/schema.js';
import { allow, isOrganizer, type Actor } from '../engine.js';

export interface AssessmentFacts {
  organizationId: string;
  organizationCategory: OrganizationCategory;
  scope: SharingScope;
  /** Organizations named when the scope is `organizations`. */
  sharedWith: readonly string[];
  /** The organizers hid the notes from the moderation queue (privacy): outsiders read ratings without notes. */
  notesHidden?: boolean;
}

declare module '../engine.js' {
  interface Resources {
    selfAssessment: AssessmentFacts;
    /** Sharing with one more organization: it must be in the full tier. */
    assessmentShare: { organizationTier: 'full' | 'partial' };
    assessmentNeeds: Record<string, never>;
  }
}

const ownGovernment = (actor: Actor, a: AssessmentFacts) => a.organizationCategory === 'government' && actor.organizationId === a.organizationId;

export function canReadSubmittedAssessment(actor: Actor, a: AssessmentFacts): boolean {
  if (a.organizationCategory !== 'government') return false;
  if (isOrganizer(actor) || actor.organizationId === a.organizationId) return true;
  if (actor.tier !== 'full') return false;
  return a.scope === 'full_tier' || (a.scope === 'organizations' && a.sharedWith.includes(actor.organizationId));
}

/** The same rule as SQL, over `self_assessments as sa` joined to `organizations as o` (the government). */
export function readableAssessmentsFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { sa: Database['self_assessments']; o: Database['organizations'] }, 'sa' | 'o'>): Expression<SqlBool> => {
    const government = eb('o.category', '=', 'government');
    if (isOrganizer(actor)) return government;
    const own = eb('sa.organization_id', '=', actor.organizationId);
    if (actor.tier !== 'full') return eb.and([government, own]);
    const named = eb.and([
      eb('sa.sharing_scope', '=', 'organizations'),
      eb.exists(eb.selectFrom('self_assessment_shares as sh').select('sh.shared_with').whereRef('sh.organization_id', '=', 'sa.organization_id').where('sh.shared_with', '=', actor.organizationId)),
    ]);
    return eb.and([government, eb.or([own, eb('sa.sharing_scope', '=', 'full_tier'), named])]);
  };
}

allow('selfAssessment', 'read', (actor, a) => a.organizationCategory === 'government' && (ownGovernment(actor, a) || isOrganizer(actor)));
allow('selfAssessment', 'readSubmitted', canReadSubmittedAssessment);
allow('selfAssessment', 'readNotes', (actor, a) => canReadSubmittedAssessment(actor, a) && (!a.notesHidden || ownGovernment(actor, a) || isOrganizer(actor)));
allow('selfAssessment', ['edit', 'submit', 'requestAssistance'], ownGovernment);
allow('selfAssessment', 'share', (actor, a) => ownGovernment(actor, a) && actor.role === 'focal_point');
allow('assessmentShare', 'add', (_actor, s) => s.organizationTier === 'full');
allow('assessmentNeeds', 'readPerMeasure', (actor) => actor.tier === 'full');
allow('assessmentNeeds', 'readAggregates', () => true);
