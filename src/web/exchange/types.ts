// Shapes of the exchange API answers (src/server/exchange/post-schemas.ts) as the web app reads them.
import type { Audience, OfferStatus, PostKind, PostStatus } from '../../shared/exchange.js';
import type { OrganizationCategory } from '../../shared/participants.js';

export type { Audience, OfferStatus, PostKind, PostStatus } from '../../shared/exchange.js';

export interface OrganizationRef {
  id: string;
  name: string;
  category: OrganizationCategory;
  country: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface Money {
  amount: string;
  currency: string;
}

interface PostCommon {
  id: string;
  kind: PostKind;
  title: string;
  audience: Audience;
  status: PostStatus;
  organization: OrganizationRef;
  author: PersonRef;
  regions: string[];
  countries: string[];
  areas: string[];
  themes: string[];
  exploitation: string[];
  budget: Money | null;
  fundingSought: string | null;
  startsOn: string | null;
  endsOn: string | null;
  hidden: { at: string; reason: string } | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
  /** A private draft: only its organization and co-authors see it (issue 13). */
  draft: boolean;
  publishedAt: string | null;
}

export interface PostSummary extends PostCommon {
  /** HTML-escaped by the server, matches wrapped in <mark>. */
  snippet: string;
}

export interface Post extends PostCommon {
  body: string;
  /** Sanitized by the server. */
  bodyHtml: string;
  revision: number;
  commentCount: number;
  permissions: { update: boolean; comment: boolean; offer: boolean; hide: boolean; readOffers: boolean; publish: boolean };
  /** You follow this post (notifications of its comments, offers and changes). */
  following: boolean;
}

export interface PostList {
  items: PostSummary[];
  nextCursor: string | null;
  total: number;
  /** false: more than `total` posts match ("10,000+"); facet counts are then lower bounds. */
  totalExact?: boolean;
  facets: { kind: Record<string, number>; region: Record<string, number>; area: Record<string, number>; theme: Record<string, number> };
}

export interface Revision {
  revision: number;
  editedAt: string;
  editedBy: PersonRef;
  snapshot: Record<string, unknown>;
}

export interface Comment {
  id: string;
  parentId: string | null;
  author: PersonRef;
  organization: OrganizationRef;
  body: string;
  bodyHtml: string;
  hidden: { at: string; reason: string } | null;
  createdAt: string;
  editedAt: string | null;
  canEdit: boolean;
  canModerate: boolean;
}

export interface Offer {
  id: string;
  postId: string;
  postTitle: string;
  organization: OrganizationRef;
  author: PersonRef;
  summary: string;
  body: string;
  bodyHtml: string;
  timeframe: string | null;
  cost: Money | null;
  status: OfferStatus;
  /** Hidden by the organizers (only its sender and the organizers still read it). */
  hidden: { at: string; reason: string } | null;
  createdAt: string;
  decidedAt: string | null;
  permissions: { accept: boolean; decline: boolean; withdraw: boolean };
}
