// Projects carried out in partnership: the lifecycle of project ideas and pipeline projects, the
// roles an organization may ask to join one in, and the states of such a request. Stable codes in
// the API; the web app shows labels from its catalogue (src/web/coordination/messages.en.ts).
import type { PostKind, PostStatus } from './exchange.js';

/** The kinds of post that are projects: they have a lifecycle, co-authors and partners. */
export const PROJECT_KINDS = ['project_idea', 'pipeline_project'] as const satisfies readonly PostKind[];
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const isProjectKind = (kind: PostKind): kind is ProjectKind => (PROJECT_KINDS as readonly string[]).includes(kind);

export type ProjectStatus = 'idea' | 'drafting' | 'seeking_funding' | 'funded' | 'in_implementation' | 'completed' | 'withdrawn';

/** The main path a project walks, in order (withdrawn is a way out, not a step). */
export const LIFECYCLE_STEPS = ['idea', 'drafting', 'seeking_funding', 'funded', 'in_implementation', 'completed'] as const satisfies readonly ProjectStatus[];

/**
 * Where a project may go from each status. Forward one step (an idea may go straight to seeking
 * funding), back one step where work really does go back (a draft returns to an idea, funding
 * falls through, a project closed by mistake reopens), and out (withdrawn) from anywhere unfinished;
 * a withdrawn project may be revived as an idea or a draft.
 */
export const LIFECYCLE_TRANSITIONS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  idea: ['drafting', 'seeking_funding', 'withdrawn'],
  drafting: ['idea', 'seeking_funding', 'withdrawn'],
  seeking_funding: ['drafting', 'funded', 'withdrawn'],
  funded: ['seeking_funding', 'in_implementation', 'withdrawn'],
  in_implementation: ['completed', 'withdrawn'],
  completed: ['in_implementation'],
  withdrawn: ['idea', 'drafting'],
};

/** The statuses a project may move to from `from` (none for a status outside the lifecycle). */
export function nextStatuses(from: PostStatus): readonly ProjectStatus[] {
  return (LIFECYCLE_TRANSITIONS as Record<string, readonly ProjectStatus[] | undefined>)[from] ?? [];
}

export const mayMove = (from: PostStatus, to: PostStatus): boolean => from === to || (nextStatuses(from) as readonly string[]).includes(to);

/** Partners join a project open to partnership: not once it is completed or withdrawn. */
export const OPEN_TO_PARTNERS: readonly PostStatus[] = ['idea', 'drafting', 'seeking_funding', 'funded', 'in_implementation'];

/** Roles an organization may ask to join a project in. */
export const PARTNER_ROLES = ['implementing_partner', 'donor', 'technical_adviser'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** Every role stored in post_partners: the three above, and those an accepted offer records on a request. */
export const ALL_PARTNER_ROLES = [...PARTNER_ROLES, 'requester', 'service_provider'] as const;
export type AnyPartnerRole = (typeof ALL_PARTNER_ROLES)[number];

export const PARTNERSHIP_REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type PartnershipRequestStatus = (typeof PARTNERSHIP_REQUEST_STATUSES)[number];
