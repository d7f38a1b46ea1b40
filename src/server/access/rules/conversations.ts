// Who reads and writes conversations between organizations (issue 12). A conversation belongs to
// its participating organizations: every member of one reads and writes it. The organizers read one
// only while a message in it has been reported (to judge the report in context); otherwise a
// conversation does not exist for anyone outside it (404). Lists show participants' own
// conversations only: `canListConversation` and its SQL twin `visibleConversationsFilter` sit side
// by side, and src/server/network/conversations.test.ts checks they agree.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { allow, isOrganizer, type Actor } from '../engine.js';

export interface ConversationFacts {
  organizationIds: readonly string[];
  /** Whether a message or a document in it has a report (open or decided). */
  reported: boolean;
}

declare module '../engine.js' {
  interface Resources {
    conversation: ConversationFacts;
    /** A message, seen as its author and when it was written. */
    conversationMessage: { conversation: ConversationFacts; authorId: string; createdAt: Date; hidden: boolean };
  }
}

export const EDIT_WINDOW_MS = 15 * 60_000;

const participates = (actor: Actor, c: ConversationFacts) => c.organizationIds.includes(actor.organizationId);

/** Listed in "my conversations": the actor's organization takes part. */
export function canListConversation(actor: Actor, c: ConversationFacts): boolean {
  return participates(actor, c);
}

/** The same rule as SQL, for a query over `conversations` aliased as `cv`. */
export function visibleConversationsFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { cv: Database['conversations'] }, 'cv'>): Expression<SqlBool> =>
    eb.exists(eb.selectFrom('conversation_organizations as co').select('co.organization_id').whereRef('co.conversation_id', '=', 'cv.id').where('co.organization_id', '=', actor.organizationId));
}

allow('conversation', ['read', 'write', 'markRead', 'mute'], participates);
// The organizers may read a reported conversation to judge the report; they write in it only if
// their own organization takes part.
allow('conversation', 'read', (actor, c) => isOrganizer(actor) && c.reported);

// Authors edit their message for 15 minutes, unless it was hidden.
allow('conversationMessage', 'update', (actor, m) => participates(actor, m.conversation) && m.authorId === actor.id && !m.hidden && Date.now() - m.createdAt.getTime() <= EDIT_WINDOW_MS);

// ---- accounts of the network feature (issue 12)
declare module '../engine.js' {
  interface Resources {
    deletionRequest: Record<string, never>;
  }
}
// Requests to delete an account are carried out by the organizers.
allow('deletionRequest', ['list', 'complete'], isOrganizer);
// An organization's logo: its focal point, or the organizers.
allow('organization', 'editLogo', (actor, org) => isOrganizer(actor) || (actor.role === 'focal_point' && actor.organizationId === org.id));
