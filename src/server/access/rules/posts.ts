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
  /** Not yet published (issue 13): only its organization and its co-authors see it. */
  draft: boolean;
  /**
   * Organizations the lead added as co-authors of a project (src/server/coordination). Where a
   * caller leaves it out, no co-author sees a draft through that path (it fails closed).
   */
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

/**
 * May this actor see this post? An organization sees its own posts. A draft is seen by nobody else
 * but its co-authors (as far as its audience would let them see it once published): not even the
 * organizers, who moderate what is published, not what is being written. A published post: the
 * organizers see everything; others what is not hidden and open to their tier.
 */
export function canSeePost(actor: Actor, post: PostFacts): boolean {
  if (post.organizationId === actor.organizationId) return true;
  if (post.draft) return isCoauthor(actor, post) && opensTo(actor, post.audience);
  if (isOrganizer(actor)) return true;
  if (post.hidden) return false;
  return opensTo(actor, post.audience);
}

const opensTo = (actor: Actor, audience: Audience): boolean => audience === 'all' || actor.tier === 'full';

type PostsEb = ExpressionBuilder<Database & { p: Database['posts'] }, 'p'>;

/** Drafts of other organizations that this actor's organization co-authors, as SQL over `posts as p`. */
function coauthoredDraft(eb: PostsEb, actor: Actor): Expression<SqlBool> {
  const parts = [
    eb('p.published_at', 'is', null),
    eb.exists(eb.selectFrom('post_coauthors as pc').select('pc.post_id').whereRef('pc.post_id', '=', 'p.id').where('pc.organization_id', '=', actor.organizationId)),
  ];
  if (actor.tier !== 'full') parts.push(eb('p.audience', '=', 'all'));
  return eb.and(parts);
}

/** The same rule as SQL, for a query over `posts` aliased as `p`. */
export function visiblePostsFilter(actor: Actor) {
  return (eb: PostsEb): Expression<SqlBool> => {
    const own = eb('p.organization_id', '=', actor.organizationId);
    const published = eb('p.published_at', 'is not', null);
    if (isOrganizer(actor)) return eb.or([own, published, coauthoredDraft(eb, actor)]);
    const open = [published, eb('p.hidden_at', 'is', null)];
    if (actor.tier !== 'full') open.push(eb('p.audience', '=', 'all'));
    return eb.or([own, eb.and(open), coauthoredDraft(eb, actor)]);
  };
}

/**
 * The same rule again, for the counts the database keeps (migration 0011): the posts everyone of
 * the actor's tier may see are summed from `post_tallies_all` (aliased `a`) where
 * `openTalliesFilter` holds; the actor's own organization's other posts (hidden or restricted
 * ones) are added from `post_tallies` (aliased `t`) where `ownRestTalliesFilter` holds (null:
 * nothing to add, organizers already see everything). The tallies count a draft as hidden
 * (migration 0052), so the open share never includes one and the organization's own drafts come
 * with its other posts. The few drafts the tallies get wrong for this actor are then counted from
 * `posts` (`draftTalliesCorrection`). Together they count exactly the posts `visiblePostsFilter` lets through (tested in
 * exchange/tallies.test.ts).
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

/**
 * The third part of the counts: drafts, counted from `posts as p` with a sign. Others count the
 * drafts of other organizations they co-author (+1; their own are in `post_tallies`). Organizers
 * take every tally, drafts of every organization included, so the drafts they may not see are
 * taken away again (−1).
 */
export function draftTalliesCorrection(actor: Actor): { sign: 1 | -1; filter: (eb: PostsEb) => Expression<SqlBool> } {
  if (isOrganizer(actor)) return { sign: -1, filter: (eb) => eb.and([eb('p.published_at', 'is', null), eb.not(visiblePostsFilter(actor)(eb))]) };
  return { sign: 1, filter: (eb) => eb.and([eb('p.organization_id', '<>', actor.organizationId), coauthoredDraft(eb, actor)]) };
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
// Publishing a draft is the lead organization's decision: the post then speaks for it to the whole
// Forum (and the news goes out in its name), as withdrawing it is. Co-authors write it with the lead.
allow('post', 'publish', (actor, post) => post.draft && ownPost(actor, post));

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
  !post.draft &&
  canSeePost(actor, post) &&
  (actor.tier === 'full' || post.audience === 'all'),
);
/** An offer is seen by the requesting organization, the offering organization and organizers. */
allow('offer', 'read', (actor, o) => isOrganizer(actor) || (ownPost(actor, o.post) && !o.hidden) || o.offeringOrganizationId === actor.organizationId);
allow('offer', ['accept', 'decline'], (actor, o) => ownPost(actor, o.post));
allow('offer', 'withdraw', (actor, o) => o.offeringOrganizationId === actor.organizationId);

export { COMMENT_EDIT_WINDOW_MS };
