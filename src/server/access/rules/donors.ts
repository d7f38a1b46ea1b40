// Who funds what, and who sees it. The rule, in words:
// - Who may mark interest in a project or pledge to it: full-tier users (governments,
//   international organizations, organizers) and members of organizations the organizers have
//   flagged as donors; only on a project (pipeline project, project idea, project information)
//   they may see, that is not hidden, and not on their own organization's project.
// - Who sees a pledge itself (who, how much, on which conditions): the project's organization,
//   the pledging organization (its own pledges) and the organizers. The same for interest.
// - Who sees the totals (budget, sum pledged, remaining gap, how many pledges and interests):
//   everyone who may see the project (`canSeePost`), since a project seeking funding shows what it
//   still needs. A full-audience project therefore never shows its totals to the partial tier.
// - A pledge is confirmed or withdrawn by the organization that made it; withdrawn is final.
// - Organizers flag and unflag donor organizations.
// - A saved search belongs to the user who saved it; it finds only what they may see when it runs.
import { PROJECT_KINDS } from '../../../shared/funding.js';
import type { PostKind } from '../../../shared/exchange.js';
import { allow, isOrganizer, type Actor } from '../engine.js';
import { canSeePost, type PostFacts } from './posts.js';

declare module '../engine.js' {
  interface Resources {
    /** A project as a funding target, with whether the actor's organization is a flagged donor. */
    funding: { post: PostFacts; actorIsDonor: boolean };
    pledge: { post: PostFacts; pledgingOrganizationId: string };
    donorFlag: Record<string, never>;
    savedSearch: { userId: string };
  }
}

export const isProjectKind = (kind: PostKind): boolean => (PROJECT_KINDS as readonly string[]).includes(kind);

/** May fund at all: the full tier, or an organization flagged as a donor. */
export const mayFund = (actor: Actor, actorIsDonor: boolean): boolean => actor.tier === 'full' || actorIsDonor;

allow('funding', 'readTotals', (actor, f) => isProjectKind(f.post.kind) && canSeePost(actor, f.post));
allow('funding', ['pledge', 'interest'], (actor, f) =>
  mayFund(actor, f.actorIsDonor) &&
  isProjectKind(f.post.kind) &&
  !f.post.hidden &&
  // A draft is not yet asking anyone for anything.
  !f.post.draft &&
  f.post.organizationId !== actor.organizationId &&
  canSeePost(actor, f.post),
);
// The project's organization and the organizers see every pledge and interest on it.
allow('funding', 'readAll', (actor, f) => isProjectKind(f.post.kind) && canSeePost(actor, f.post) && (isOrganizer(actor) || f.post.organizationId === actor.organizationId));

allow('pledge', 'read', (actor, p) =>
  canSeePost(actor, p.post) && (isOrganizer(actor) || p.post.organizationId === actor.organizationId || p.pledgingOrganizationId === actor.organizationId),
);
allow('pledge', ['confirm', 'withdraw'], (actor, p) => canSeePost(actor, p.post) && p.pledgingOrganizationId === actor.organizationId);

allow('donorFlag', ['set', 'list'], isOrganizer);

allow('savedSearch', ['read', 'delete'], (actor, s) => s.userId === actor.id);
