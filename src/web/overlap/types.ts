// Shapes of the overlap and matching API answers (src/server/overlap, src/server/matching).
import type { OrganizationRef, PostSummary } from '../exchange/types.js';

export interface Reason {
  code: string;
  values: string[];
}

export interface PostRef extends PostSummary {
  summary: string;
}

export interface Suggestion {
  post: PostRef;
  score: number;
  reasons: Reason[];
}

export interface Match {
  organization: OrganizationRef;
  summary: string;
  score: number;
  reasons: Reason[];
}

export interface BoardPair {
  a: string;
  b: string;
  score: number;
  reasons: Reason[];
}

export interface Board {
  clusters: { posts: PostRef[]; pairs: BoardPair[] }[];
  pending: number;
}

export interface Expertise {
  organizationId: string;
  areas: string[];
  regions: string[];
  countries: string[];
  languages: string[];
  summary: string;
  updatedAt: string | null;
  canEdit: boolean;
}
