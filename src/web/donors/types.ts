// Shapes of the funding, donor-view and saved-search answers (see src/server/donors/schemas.ts).
import type { PledgeStatus, SavedSearchScope } from '../../shared/funding.js';
import type { Money, PostSummary } from '../exchange/types.js';

export interface OrgRef {
  id: string;
  name: string;
  category: string;
  country: string;
}

export interface FundingTotals {
  target: Money | null;
  pledged: Money | null;
  gap: Money | null;
  otherCurrencies: Money[];
  pledgeCount: number;
  interestCount: number;
}

export interface Pledge {
  id: string;
  postId: string;
  organization: OrgRef;
  author: { id: string; name: string };
  amount: Money;
  conditions: string | null;
  status: PledgeStatus;
  createdAt: string;
  updatedAt: string;
  permissions: { confirm: boolean; withdraw: boolean };
}

export interface Interest {
  organization: OrgRef;
  user: { id: string; name: string };
  note: string | null;
  createdAt: string;
}

export interface Funding {
  postId: string;
  seekingFunding: boolean;
  budget: Money | null;
  totals: FundingTotals;
  pledges: Pledge[];
  interests: Interest[];
  myInterest: boolean;
  permissions: { pledge: boolean; interest: boolean; readAll: boolean };
}

export type FundingProject = PostSummary & { funding: FundingTotals };

export interface FundingProjectList {
  items: FundingProject[];
  total: number;
  nextOffset: number | null;
}

export interface SavedSearch {
  id: string;
  name: string;
  scope: SavedSearchScope;
  filters: Record<string, string | string[]>;
  createdAt: string;
  lastCheckedAt: string;
  notifiedCount: number;
}

export interface DonorOrganization extends OrgRef {
  flaggedAt: string;
  flaggedBy: { id: string; name: string };
}
