// Who sees and adds documents. A document's visibility follows what it is attached to: a document
// on a post is seen by exactly those who see the post, on an offer by those who may read the offer,
// on a meeting by those invited; a library document carries its own audience. A hidden document
// stays with the organizers and the organization that uploaded it. The rule exists twice, side by
// side: `canSeeDocument` in memory and `visibleDocumentsFilter` in SQL for every list and search;
// src/server/documents/visibility.test.ts checks that they agree for every demo account.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Audience } from '../../../shared/exchange.js';
import type { Database } from '../../db/schema.js';
import { sql } from 'kysely';
import { allow, can, isOrganizer, type Actor } from '../engine.js';
import type { ConversationFacts } from './conversations.js';
import { canSeeMeeting, visibleMeetingsFilter, type MeetingFacts } from './meetings.js';
import { canSeePost, visiblePostsFilter, type PostFacts } from './posts.js';

export type DocumentAttachment =
  | { type: 'library'; audience: Audience }
  | { type: 'post' | 'project'; post: PostFacts }
  | { type: 'offer'; post: PostFacts; offeringOrganizationId: string; hidden: boolean }
  | { type: 'meeting'; meeting: MeetingFacts }
  /** A conversation's documents are the conversation's: its organizations, and the organizers once something in it is reported. */
  | { type: 'conversation'; conversation: ConversationFacts };

export interface DocumentFacts {
  attachment: DocumentAttachment;
  organizationId: string;
  hidden: boolean;
}

declare module '../engine.js' {
  interface Resources {
    document: DocumentFacts;
    /** Adding a document to something (or a new version of one). */
    documentTarget: DocumentAttachment;
  }
}

function canSeeAttachment(actor: Actor, a: DocumentAttachment): boolean {
  switch (a.type) {
    case 'library':
      return a.audience === 'all' || actor.tier === 'full';
    case 'post':
    case 'project':
      return canSeePost(actor, a.post);
    case 'offer':
      return canSeePost(actor, a.post) && can(actor, 'read', 'offer', { post: a.post, offeringOrganizationId: a.offeringOrganizationId, hidden: a.hidden });
    case 'meeting':
      return canSeeMeeting(actor, a.meeting);
    case 'conversation':
      return can(actor, 'read', 'conversation', a.conversation);
  }
}

export function canSeeDocument(actor: Actor, d: DocumentFacts): boolean {
  // Organizers see every document, except a conversation's: those they see as they read the conversation.
  if (isOrganizer(actor)) return d.attachment.type !== 'conversation' || canSeeAttachment(actor, d.attachment);
  if (d.hidden && d.organizationId !== actor.organizationId) return false;
  return canSeeAttachment(actor, d.attachment);
}

/**
 * SQL: something in the conversation of document `d` was reported (a message, or a document in it),
 * which lets the organizers read it. The same condition as `reportedExpression` in network/conversation-store.ts.
 */
const conversationReported = sql<boolean>`(exists (select 1 from reports r join conversation_messages m on m.id = r.target_id where r.target_type = 'message' and m.conversation_id = d.conversation_id)
  or exists (select 1 from reports r join documents rd on rd.id = r.target_id where r.target_type = 'document' and rd.conversation_id = d.conversation_id))`;

/** The same rule as SQL, for a query over `documents` aliased as `d`. */
export function visibleDocumentsFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { d: Database['documents'] }, 'd'>): Expression<SqlBool> => {
    const inConversation = eb('d.attach_type', '=', 'conversation');
    if (isOrganizer(actor)) {
      return eb.or([
        eb.not(inConversation),
        eb.exists(eb.selectFrom('conversation_organizations as co').select('co.organization_id').whereRef('co.conversation_id', '=', 'd.conversation_id').where('co.organization_id', '=', actor.organizationId)),
        conversationReported,
      ]);
    }
    const postVisible = (eb2: ExpressionBuilder<Database & { p: Database['posts'] }, 'p'>) => visiblePostsFilter(actor)(eb2);
    const attachment = eb.or([
      eb.and([eb('d.attach_type', '=', 'library'), actor.tier === 'full' ? eb.lit(true) : eb('d.audience', '=', 'all')]),
      eb.and([
        eb('d.attach_type', 'in', ['post', 'project']),
        eb.exists(eb.selectFrom('posts as p').select('p.id').whereRef('p.id', '=', 'd.post_id').where(postVisible as never)),
      ]),
      eb.and([
        eb('d.attach_type', '=', 'offer'),
        eb.exists(
          eb
            .selectFrom('offers as f')
            .innerJoin('posts as p', 'p.id', 'f.post_id')
            .select('f.id')
            .whereRef('f.id', '=', 'd.offer_id')
            .where(postVisible as never)
            // The offer read rule (access/rules/posts.ts): the requesting organization while the
            // offer is not hidden, and the offering organization.
            .where((w) => w.or([w('f.organization_id', '=', actor.organizationId), w.and([w('p.organization_id', '=', actor.organizationId), w('f.hidden_at', 'is', null)])])),
        ),
      ]),
      eb.and([eb('d.attach_type', '=', 'meeting'), eb.exists(eb.selectFrom('meetings as m').select('m.id').whereRef('m.id', '=', 'd.meeting_id').where(visibleMeetingsFilter(actor) as never))]),
      // A conversation's: its organizations (the organizers are handled above).
      eb.and([inConversation, eb.exists(eb.selectFrom('conversation_organizations as co').select('co.organization_id').whereRef('co.conversation_id', '=', 'd.conversation_id').where('co.organization_id', '=', actor.organizationId))]),
    ]);
    return eb.and([eb.or([eb('d.hidden_at', 'is', null), eb('d.organization_id', '=', actor.organizationId)]), attachment]);
  };
}

allow('document', 'read', canSeeDocument);
// Organizers moderate documents like every other content.
allow('document', ['hide', 'unhide'], isOrganizer);
// A new version: the organization that uploaded the document, or organizers.
allow('document', 'addVersion', (actor, d) => isOrganizer(actor) || (d.organizationId === actor.organizationId && canSeeDocument(actor, d)));

// Who may attach a document: the library is the organizers' curated shelf; a post or a project
// takes documents from those who may edit it; an offer from the organization that made it; a
// meeting from everyone in it.
allow('documentTarget', 'attach', (actor, a) => {
  switch (a.type) {
    case 'library':
      return isOrganizer(actor);
    case 'post':
    case 'project':
      return canSeePost(actor, a.post) && can(actor, 'update', 'post', a.post);
    case 'offer':
      return isOrganizer(actor) || a.offeringOrganizationId === actor.organizationId;
    case 'meeting':
      return can(actor, 'discuss', 'meeting', a.meeting);
    case 'conversation':
      return can(actor, 'write', 'conversation', a.conversation);
  }
});
