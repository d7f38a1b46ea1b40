// Shapes of the API answers the web app reads (docs/api-contract-accounts.md). `Me` and the
// code lists are shared with the server in src/shared/participants.ts.
import type { ApplicationStatus, OrganizationCategory, OrganizationStatus, Role, Tier, UserStatus } from '../../shared/participants.js';

export type { Me } from '../../shared/participants.js';

export interface Application {
  id: string;
  status: ApplicationStatus;
  organization: { name: string; category: OrganizationCategory; country: string; website: string | null };
  focalPoint: { name: string; title: string; email: string };
  motivation: string;
  createdAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  /** True when an account already uses the focal point's email; approving would fail. */
  emailKnown: boolean;
}

export interface Organization {
  id: string;
  name: string;
  category: OrganizationCategory;
  country: string;
  website: string | null;
  tier: Tier;
  status?: OrganizationStatus;
  isDemo: boolean;
}

export interface Member {
  id: string;
  name: string;
  title: string;
  email: string;
  role: Role;
  status: UserStatus;
  createdAt: string;
  activatedAt: string | null;
}

export interface AuditRef {
  type: string;
  id: string;
  name: string;
  url: string | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string; organization: { id: string; name: string } | null } | null;
  action: string;
  kind: string | null;
  /** What happened, in plain words (the page builds its own with links from the same table). */
  sentence: string;
  targetType: string | null;
  targetId: string | null;
  target: AuditRef | null;
  related: AuditRef | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditChoices {
  people: { id: string; name: string; organization: string }[];
  organizations: { id: string; name: string }[];
  kinds: { code: string; label: string }[];
}

export interface ItemList<T> {
  items: T[];
}

export interface AuditPage extends ItemList<AuditEvent> {
  nextCursor: string | null;
}
