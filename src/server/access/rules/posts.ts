// Who sees and changes posts, their discussion and offers. The visibility rule exists twice,
// side by side: `canSeePost` for one post in memory, `visiblePostsFilter` for every list, search,
// count and facet query in SQL. src/server/exchange/visibility.property.test.ts checks they agree.
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { mayCreateKind, type Audience, type PostKind } from '../../../shared/exchange.js';
import type { Database } from '../../db/schema.js';
import { allow, isOrganizer, type Actor } from '../engine.js';

export interface PostFacts {
  kind: PostKind;
  audience: Audience;
  organizationId: string;
  hidden: boolean;
  /** Organizations the lead added as co-authors of a project (src/server/coordination). */
  coauthors?: readonly string[];
}

declare module '../engine.js' {
  interface Resources {
    post: PostFacts;
    newPost: { kind: PostKind };
    comment: { post: PostFacts; authorId: string; createdAt: Date; hidden: boolean };
    /** The organizers' list of hidden comments across all posts. */
    hiddenComments: Record<string, never>;
    /** `hidden`: hidden by the organizers (then only they and the offering organization read it). */
    offer: { post: PostFacts; offeringOrganizationId: string; hidden?: boolean };
  }
}

/** May this actor see this post? Organizers see everything; an organization sees its own posts. */
export function canSeePost(actor: Actor, post: PostFacts): boolean {
  if (isOrganizer(actor)) return true;
  if (post.organizationId === actor.organizationId) return true;
  if (post.hidden) return false;
  return post.audience === 'all' || actor.tier === 'full';
}

/** The same rule as SQL, for a query over `posts` aliased as `p`. */
export function visiblePostsFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { p: Database['posts'] }, 'p'>): Expression<SqlBool> => {
    if (isOrganizer(actor)) return eb.lit(true);
    const open = actor.tier === 'full' ? eb('p.hidden_at', 'is', null) : eb.and([eb('p.hidden_at', 'is', null), eb('p.audience', '=', 'all')]);
    return eb.or([eb('p.organization_id', '=', actor.organizationId), open]);
  };
}

/**
 * The same rule again, for the counts the database keeps (migration 0011): the posts everyone of
 * the actor's tier may see are summed from `post_tallies_all` (aliased `a`) where
 * `openTalliesFilter` holds; the actor's own organization's other posts (hidden or restricted
 * ones) are added from `post_tallies` (aliased `t`) where `ownRestTalliesFilter` holds (null:
 * nothing to add, organizers already see everything). Together they count exactly the posts
 * `visiblePostsFilter` lets through (tested in exchange/tallies.test.ts).
 */
export function openTalliesFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { a: Database['post_tallies_all'] }, 'a'>): Expression<SqlBool> => {
    if (isOrganizer(actor)) return eb.lit(true);
    return actor.tier === 'full' ? eb('a.hidden', '=', false) : eb.and([eb('a.hidden', '=', false), eb('a.audience', '=', 'all')]);
  };
}
export function ownRestTalliesFilter(actor: Actor) {
  if (isOrganizer(actor)) return null;
  return (eb: ExpressionBuilder<Database & { t: Database['post_tallies'] }, 't'>): Expression<SqlBool> => {
    const notOpen = actor.tier === 'full' ? eb('t.hidden', '=', true) : eb.or([eb('t.hidden', '=', true), eb('t.audience', '<>', 'all')]);
    return eb.and([eb('t.organization_id', '=', actor.organizationId), notOpen]);
  };
}

const ownPost = (actor: Actor, post: PostFacts) => post.organizationId === actor.organizationId;

allow('post', 'read', canSeePost);
allow('newPost', 'create', (actor, post) => mayCreateKind(post.kind, actor.category, isOrganizer(actor)));
// The posting organization edits and withdraws its posts; organizers moderate.
allow('post', ['update', 'readRevisions'], (actor, post) => ownPost(actor, post) || isOrganizer(actor));
// Co-authors draft a project with its lead organization, for as long as they may see it.
export const isCoauthor = (actor: Actor, post: PostFacts): boolean => post.coauthors?.includes(actor.organizationId) ?? false;
allow('post', ['update', 'readRevisions'], (actor, post) => isCoauthor(actor, post) && canSeePost(actor, post));
allow('post', ['hide', 'unhide'], isOrganizer);

// Discussion is open to exactly those who can see the post.
allow('post', 'comment', canSeePost);

/** On a post the actor can see: a hidden comment stays readable to organizers and its author only. */
export function canSeeComment(actor: Actor, comment: { hidden: boolean; authorId: string }): boolean {
  return !comment.hidden || isOrganizer(actor) || comment.authorId === actor.id;
}

/** The same rule as SQL, for a query over `comments` aliased as `c`. */
export function visibleCommentsFilter(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { c: Database['comments'] }, 'c'>): Expression<SqlBool> =>
    isOrganizer(actor) ? eb.lit(true) : eb.or([eb('c.hidden_at', 'is', null), eb('c.author_id', '=', actor.id)]);
}

const COMMENT_EDIT_WINDOW_MS = 15 * 60_000;
// A hidden comment stays as the organizers left it.
allow('comment', 'update', (actor, c) => c.authorId === actor.id && !c.hidden && Date.now() - c.createdAt.getTime() < COMMENT_EDIT_WINDOW_MS);
allow('comment', ['hide', 'unhide'], isOrganizer);
allow('hiddenComments', 'list', isOrganizer);

// Offers answer technical-assistance requests. Full-tier organizations may offer on any request
// they see; partial-tier ones only on requests open to all. Never on one's own request.
allow('post', 'offer', (actor, post) =>
  post.kind === 'ta_request' &&
  !ownPost(actor, post) &&
  !post.hidden &&
  canSeePost(actor, post) &&
  (actor.tier === 'full' || post.audience === 'all'),
);
/** An offer is seen by the requesting organization, the offering organization and organizers. */
allow('offer', 'read', (actor, o) => isOrganizer(actor) || (ownPost(actor, o.post) && !o.hidden) || o.offeringOrganizationId === actor.organizationId);
allow('offer', ['accept', 'decline'], (actor, o) => ownPost(actor, o.post));
allow('offer', 'withdraw', (actor, o) => o.offeringOrganizationId === actor.organizationId);

export { COMMENT_EDIT_WINDOW_MS };
