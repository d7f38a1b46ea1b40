// Who moves a project through its lifecycle, who drafts it with the lead organization, and who
// asks to join it as a partner and decides on that. Projects are project ideas and pipeline
// projects (src/shared/coordination.ts); every rule here holds only while the actor may see the
// post, so nothing about a project reaches someone for whom it does not exist.
import { isProjectKind } from '../../../shared/coordination.js';
import { allow, isOrganizer, type Actor } from '../engine.js';
import { canSeePost, isCoauthor, type PostFacts } from './posts.js';

declare module '../engine.js' {
  interface Resources {
    partnershipRequest: { post: PostFacts; organizationId: string };
    /** Adding an organization as co-author: it must be able to see the post. */
    coauthorship: { post: PostFacts; organizationTier: 'full' | 'partial' };
  }
}

const lead = (actor: Actor, post: PostFacts) => post.organizationId === actor.organizationId;
const leadOrOrganizer = (actor: Actor, post: PostFacts) => isProjectKind(post.kind) && (lead(actor, post) || isOrganizer(actor));

// The lifecycle: the lead organization, its co-authors (while they see the post) and organizers.
allow('post', 'changeStatus', (actor, post) => leadOrOrganizer(actor, post) || (isProjectKind(post.kind) && isCoauthor(actor, post) && canSeePost(actor, post)));

// Joint drafting: the lead chooses its co-authors; organizers may help; a co-author may step back.
allow('post', 'manageCoauthors', leadOrOrganizer);
allow('post', 'leaveCoauthorship', (actor, post) => isProjectKind(post.kind) && isCoauthor(actor, post));
// Who the audience of a post is for stays the lead's decision, not a co-author's.
allow('post', 'changeAudience', (actor, post) => lead(actor, post) || isOrganizer(actor));
/**
 * A co-author must be able to see what it drafts: a partial-tier organization can never co-author
 * a post shown to the full tier only (the audience is refused, not quietly widened).
 */
allow('coauthorship', 'add', (_actor, c) => c.post.audience === 'all' || c.organizationTier === 'full');

// Partnerships: any organization that sees a visible, unhidden project of someone else may ask to
// join; not its co-authors, who already work on it (issue 13: the form was offered to them).
allow('post', 'requestPartnership', (actor, post) => isProjectKind(post.kind) && !lead(actor, post) && !isCoauthor(actor, post) && !post.hidden && !post.draft && canSeePost(actor, post));
allow('post', ['decidePartnerships', 'readPartnershipRequests', 'managePartners'], leadOrOrganizer);
/** A request is seen by the lead organization, organizers and the organization that asked, while they see the project. */
allow('partnershipRequest', 'read', (actor, r) => canSeePost(actor, r.post) && (lead(actor, r.post) || isOrganizer(actor) || r.organizationId === actor.organizationId));
allow('partnershipRequest', ['accept', 'decline'], (actor, r) => leadOrOrganizer(actor, r.post));
allow('partnershipRequest', 'withdraw', (actor, r) => r.organizationId === actor.organizationId && canSeePost(actor, r.post));
