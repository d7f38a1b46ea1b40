// Who reads a post's history: its revisions, the diff between two of them, and the `changes` a
// 409 stale-revision answer carries. History is the post as it was, so the tier wall applies to
// each revision as it stood: a reader sees a revision only if they could have seen the post when
// that revision was current (its audience then, recorded in the revision's snapshot), and only
// if they may read the post's history at all (readRevisions in rules/posts.ts).
// A revision whose audience was not recorded counts as shown to the full tier only.
import type { Audience } from '../../../shared/exchange.js';
import { allow, can } from '../engine.js';
import { canSeePost, type PostFacts } from './posts.js';

export interface RevisionFacts {
  /** The post as it is now (its owner, co-authors, hidden state). */
  post: PostFacts;
  /** The audience the post had while this revision was current. */
  audience: Audience | null;
}

declare module '../engine.js' {
  interface Resources {
    revision: RevisionFacts;
  }
}

/** The audience a revision snapshot recorded, or null when it is missing or unknown. */
export function audienceOfSnapshot(snapshot: unknown): Audience | null {
  const audience = snapshot && typeof snapshot === 'object' ? (snapshot as { audience?: unknown }).audience : undefined;
  return audience === 'all' || audience === 'full' ? audience : null;
}

allow('revision', 'read', (actor, r) => can(actor, 'readRevisions', 'post', r.post) && canSeePost(actor, { ...r.post, audience: r.audience ?? 'full' }));
