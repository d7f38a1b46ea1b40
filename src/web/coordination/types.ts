// Shapes of the coordination API answers (src/server/coordination/schemas.ts) as the web app reads them.
import type { AnyPartnerRole, PartnerRole, PartnershipRequestStatus, ProjectStatus } from '../../shared/coordination.js';
import type { PostKind, PostStatus } from '../../shared/exchange.js';
import type { OrganizationCategory, Tier } from '../../shared/participants.js';

export interface OrganizationRef {
  id: string;
  name: string;
  category: OrganizationCategory;
  country: string;
  tier: Tier;
}

export interface PartnershipRequest {
  id: string;
  postId: string;
  postTitle: string;
  organization: OrganizationRef;
  requestedBy: { id: string; name: string };
  role: PartnerRole;
  message: string;
  status: PartnershipRequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  permissions: { accept: boolean; decline: boolean; withdraw: boolean };
}

export interface Coordination {
  postId: string;
  kind: PostKind;
  isProject: boolean;
  status: PostStatus;
  lifecycle: { steps: ProjectStatus[]; next: PostStatus[] } | null;
  lead: OrganizationRef;
  coauthors: { organization: OrganizationRef; addedAt: string; addedBy: { id: string; name: string } }[];
  partners: { organization: OrganizationRef; role: AnyPartnerRole; since: string }[];
  cooperative: boolean;
  requests: PartnershipRequest[];
  permissions: { changeStatus: boolean; manageCoauthors: boolean; leaveCoauthorship: boolean; requestPartnership: boolean; decidePartnerships: boolean; managePartners: boolean; readRevisions: boolean };
}

export interface RevisionRef {
  revision: number;
  editedAt: string;
  editedBy: { id: string; name: string; organization: { id: string; name: string } };
}

export type FieldChange =
  | { field: string; type: 'text'; parts: { op: 'same' | 'added' | 'removed'; text: string }[] }
  | { field: string; type: 'list'; added: string[]; removed: string[] }
  | { field: string; type: 'value'; from: unknown; to: unknown };

export interface RevisionDiff {
  from: RevisionRef;
  to: RevisionRef;
  between: RevisionRef[];
  changes: FieldChange[];
}
