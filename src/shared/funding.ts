// Funding: which posts are projects a donor can fund, pledge statuses, and saved-search scopes.
import type { PostKind, PostStatus } from './exchange.js';

export const PROJECT_KINDS = ['pipeline_project', 'project_idea', 'project_info'] as const satisfies readonly PostKind[];

/**
 * A project seeks funding when its status says so, or when it names an amount of funding sought
 * and is not in one of these states (a project in implementation may still seek the remainder).
 */
export const FUNDING_CLOSED_STATUSES = ['funded', 'completed', 'withdrawn'] as const satisfies readonly PostStatus[];

export const PLEDGE_STATUSES = ['indicated', 'confirmed', 'withdrawn'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export const SAVED_SEARCH_SCOPES = ['posts', 'funding'] as const;
export type SavedSearchScope = (typeof SAVED_SEARCH_SCOPES)[number];
