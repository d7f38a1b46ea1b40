// Who sees and adds documents. A document's visibility follows what it is attached to: a document
// on a post is seen by exactly those who see the post, on an offer by those who may read the offer,
// on a meeting by those invited; a library document carries its own audience. A hidden document
// stays with the organizers and the organization that uploaded it. The rule exists twice, side by
// side: `canSeeDocument` in memory and `visibleDocumentsFilter` in SQL for every list and search;
// src/server/documents/visibility.test.ts checks that they agree for every demo account.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Audience } from '../../../shared/exchange.js';
import type { Database } from '../../db/schema.js';
import { allow, can, isOrganizer, type Actor } from '../engine.js';
import { canSeeMeeting, visibleMeetingsFilter, type MeetingFacts } from './meetings.js';
import { canSeePost, visiblePostsFilter, type PostFacts } from './posts.js';

export type DocumentAttachment =
  | { type: 'library'; audience: Audience }
  | { type: 'post' | 'project'; post: PostFacts }
  | { type: 'offer'; post: PostFacts; offeringOrganizationId: string; hidden: boolean }
  | { type: 'meeting'; meeting: MeetingFacts }
  /** Conversations (issue 12) are not on this branch yet: until they are, only organizers see such documents. */
  | { type: 'conversation'; participant: boolean };

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
      return a.participant;
  }
}

export function canSeeDocument(actor: Actor, d: DocumentFacts): boolean {
  if (isOrganizer(actor)) return true;
  if (d.hidden && d.organizationId !== actor.organizationId) return false;
  return canSeeAttachment(actor, d.attachment);
}

/** The same rule as SQL, for a query over `documents` aliased as `d`. */
export function visibleDocumentsFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { d: Database['documents'] }, 'd'>): Expression<SqlBool> => {
    if (isOrganizer(actor)) return eb.lit(true);
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
      // Conversations (issue 12): participants only, once they exist; nobody but organizers until then.
      eb.lit(false),
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
      return a.participant;
  }
});
