// Revisions as coordination reads them: who made each (person and organization) and when, and
// the structured difference between two of them. post_revisions keeps one row per save.
import { audienceOfSnapshot, can, type Actor, type PostFacts } from '../access/index.js';
import { problems } from '../http/problem.js';
import type { Db } from './projects.js';
import { diffSnapshots, type FieldChange } from './revision-diff.js';

function revisionsQuery(db: Db, postId: string) {
  return db
    .selectFrom('post_revisions as r')
    .innerJoin('users as u', 'u.id', 'r.edited_by')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['r.revision', 'r.edited_at', 'r.snapshot', 'u.id as user_id', 'u.name as user_name', 'o.id as org_id', 'o.name as org_name'])
    .where('r.post_id', '=', postId);
}
type RevisionRow = Awaited<ReturnType<ReturnType<typeof revisionsQuery>['executeTakeFirstOrThrow']>>;

export const revisionRefOf = (r: RevisionRow) => ({
  revision: r.revision,
  editedAt: r.edited_at.toISOString(),
  editedBy: { id: r.user_id, name: r.user_name, organization: { id: r.org_id, name: r.org_name } },
});
export type RevisionRef = ReturnType<typeof revisionRefOf>;

export interface RevisionComparison {
  from: RevisionRef;
  to: RevisionRef;
  /** The revisions after `from` up to and including `to`, oldest first: who changed what since. */
  between: RevisionRef[];
  changes: FieldChange[];
}

/** May `actor` read this revision of `post` (access/rules/revisions.ts)? */
export const canReadRevision = (actor: Actor, post: PostFacts, snapshot: unknown): boolean =>
  can(actor, 'read', 'revision', { post, audience: audienceOfSnapshot(snapshot) });

/**
 * Compares revision `a` of a post with revision `b`, as `actor` may see them: 404 when either does
 * not exist or was current while the post was hidden from the actor; revisions in between that the
 * actor could not have seen are left out of `between`.
 */
export async function compareRevisions(db: Db, actor: Actor, post: PostFacts, postId: string, a: number, b: number): Promise<RevisionComparison> {
  const [low, high] = a <= b ? [a, b] : [b, a];
  const rows = (await revisionsQuery(db, postId).where('r.revision', '>=', low).where('r.revision', '<=', high).orderBy('r.revision').execute()).filter((r) =>
    canReadRevision(actor, post, r.snapshot),
  );
  const from = rows.find((r) => r.revision === a);
  const to = rows.find((r) => r.revision === b);
  if (!from || !to) throw problems.notFound('There is no such revision of this post.');
  return {
    from: revisionRefOf(from),
    to: revisionRefOf(to),
    between: a < b ? rows.filter((r) => r.revision > a).map(revisionRefOf) : [],
    changes: diffSnapshots(from.snapshot, to.snapshot),
  };
}

/**
 * What a 409 for a stale save carries, so the editor can show what changed without losing what
 * the user typed: the current revision, who saved since the user's base, and the diff from the
 * base to now (null if the base revision does not exist or is not one the actor may read).
 */
export async function staleRevisionDetails(db: Db, actor: Actor, post: PostFacts, postId: string, base: number, current: number) {
  const comparison = base >= 1 && base < current ? await compareRevisions(db, actor, post, postId, base, current).catch(() => null) : null;
  return {
    currentRevision: current,
    baseRevision: base,
    revisionsSince: comparison?.between ?? [],
    changes: comparison?.changes ?? null,
  };
}
