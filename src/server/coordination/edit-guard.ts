// What coordination checks when a post is edited through PATCH /api/v1/posts/:id (called from
// exchange/post-routes.ts inside its transaction): a project only moves along its lifecycle, only
// the lead (or organizers) change who may see it, and never so that a partial-tier co-author or
// partner would lose sight of the project it works on.
import type { Audience, PostStatus } from '../../shared/exchange.js';
import { isProjectKind, mayMove, nextStatuses } from '../../shared/coordination.js';
import { authorize, type Actor } from '../access/index.js';
import { fieldError, problems } from '../http/problem.js';
import { factsOf, type PostJoinRow } from '../exchange/post-model.js';
import { organizationTier, partialTierAssociates, type Db } from './projects.js';

/** Refuses a lifecycle move that is not allowed (400 on the status field). */
export function checkTransition(row: Pick<PostJoinRow, 'kind' | 'status'>, to: PostStatus): void {
  if (!isProjectKind(row.kind) || mayMove(row.status, to)) return;
  const allowed = nextStatuses(row.status);
  throw problems.validation([fieldError('status', `cannot move from ${row.status} to ${to}; from ${row.status} a project may move to: ${allowed.join(', ') || 'nothing'}`)]);
}

export async function checkCoordinatedEdit(db: Db, actor: Actor, row: PostJoinRow, next: { status: PostStatus; audience: Audience }): Promise<void> {
  if (next.status !== row.status) {
    checkTransition(row, next.status);
    if (isProjectKind(row.kind)) authorize(actor, 'changeStatus', 'post', factsOf(row));
  }
  if (next.audience !== row.audience) {
    authorize(actor, 'changeAudience', 'post', factsOf(row));
    if (next.audience === 'full') {
      await checkNoPartialAssociates(db, row.id);
      await checkNoPendingPartialOffers(db, row.id);
    }
  }
}

/**
 * 409 if restricting the post to the full tier would orphan a pending offer: the partial-tier
 * organization that made it could no longer see the request it answers, and accepting it would
 * make that organization a partner of a post it may not see. The lead declines the offer (or the
 * provider withdraws it) first.
 */
export async function checkNoPendingPartialOffers(db: Db, postId: string): Promise<void> {
  const pending = await db
    .selectFrom('offers as f')
    .innerJoin('organizations as o', 'o.id', 'f.organization_id')
    .select(['o.id', 'o.name', 'o.category'])
    .where('f.post_id', '=', postId)
    .where('f.status', '=', 'pending')
    .orderBy('o.name')
    .execute();
  const excluded = new Map<string, string>();
  for (const o of pending) if (organizationTier(o.category) === 'partial') excluded.set(o.id, o.name);
  if (excluded.size === 0) return;
  const names = [...excluded.values()];
  throw problems.conflict(
    'audience-orphans-offers',
    `Only governments and international organizations would see this request, but ${names.join(', ')} ${names.length === 1 ? 'has a pending offer' : 'have pending offers'} on it and would lose sight of it. Decline ${names.length === 1 ? 'that offer' : 'those offers'} first, or keep the request open to all.`,
    { organizations: [...excluded].map(([id, name]) => ({ id, name })) },
  );
}

/** 409 if restricting the post to the full tier would hide it from a partial-tier co-author or partner. */
export async function checkNoPartialAssociates(db: Db, postId: string): Promise<void> {
  const excluded = await partialTierAssociates(db, postId);
  if (excluded.length === 0) return;
  throw problems.conflict(
    'audience-excludes-partners',
    `Only governments and international organizations would see this post, but ${excluded.map((o) => o.name).join(', ')} work${excluded.length === 1 ? 's' : ''} on it and would lose sight of it. Remove ${excluded.length === 1 ? 'that organization' : 'those organizations'} first, or keep the post open to all.`,
    { organizations: excluded },
  );
}
