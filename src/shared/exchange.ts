// What is exchanged on the Forum: the four kinds of post, who may create each, their statuses,
// and the audience choice. Stable codes in the API; the web app shows labels from its catalogue.
import type { OrganizationCategory } from './participants.js';

export const POST_KINDS = ['ta_request', 'pipeline_project', 'project_idea', 'project_info'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** Which organizations may post each kind (organizers may post any). */
export const POST_KIND_AUTHORS: Record<PostKind, readonly OrganizationCategory[] | 'all'> = {
  ta_request: ['government'],
  pipeline_project: ['intergovernmental'],
  project_idea: 'all',
  project_info: 'all',
};

/** `full`: only the full tier (governments, international organizations, organizers) sees it. */
export const AUDIENCES = ['all', 'full'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Requests and pipeline projects are for the full tier unless their author opens them up. */
export const DEFAULT_AUDIENCE: Record<PostKind, Audience> = {
  ta_request: 'full',
  pipeline_project: 'full',
  project_idea: 'all',
  project_info: 'all',
};

/** The project lifecycle shared by ideas and pipeline projects. */
const PROJECT_STATUSES = ['idea', 'drafting', 'seeking_funding', 'funded', 'in_implementation', 'completed', 'withdrawn'] as const;

export const POST_STATUSES = {
  ta_request: ['open', 'in_progress', 'closed', 'withdrawn'],
  pipeline_project: PROJECT_STATUSES,
  project_idea: PROJECT_STATUSES,
  project_info: ['ongoing', 'completed', 'withdrawn'],
} as const satisfies Record<PostKind, readonly string[]>;
export type PostStatus = (typeof POST_STATUSES)[PostKind][number];
export const ALL_POST_STATUSES = [...new Set(Object.values(POST_STATUSES).flat())] as PostStatus[];

export const INITIAL_STATUS: Record<PostKind, PostStatus> = {
  ta_request: 'open',
  pipeline_project: 'seeking_funding',
  project_idea: 'idea',
  project_info: 'ongoing',
};

export const OFFER_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export function mayCreateKind(kind: PostKind, category: OrganizationCategory, isOrganizer: boolean): boolean {
  const allowed = POST_KIND_AUTHORS[kind];
  return isOrganizer || allowed === 'all' || allowed.includes(category);
}
