// Shapes of the moderation and document answers, as the web app reads them.
import type { DocumentAttachType, DocumentType, FindingKind, ModerationAction, ReportReason, ReportSource, ReportTargetType } from '../../shared/moderation.js';

export interface Finding {
  field: string;
  kind: FindingKind;
  text: string;
  reason: string;
}

export interface QueueItem {
  target: { type: ReportTargetType; id: string };
  context: { title: string; excerpt: string; path: string; author: { id: string; name: string }; organization: { id: string; name: string }; hidden: { at: string; reason: string } | null } | null;
  autoHidden: boolean;
  reports: { id: string; source: ReportSource; reason: ReportReason; detail: string; findings: { field: string; kind: FindingKind }[]; reporter: { id: string; name: string; organization: string; organizationId: string | null } | null; reporterWithheld: boolean; createdAt: string }[];
  decision: { action: ModerationAction | 'auto_hide'; note: string; decidedAt: string; decidedBy: string } | null;
}

export interface DocumentSummary {
  id: string;
  title: string;
  description: string;
  docType: DocumentType;
  attachedTo: { type: DocumentAttachType; id: string; title: string } | null;
  library: { audience: 'all' | 'full'; themes: string[]; areas: string[]; regions: string[] } | null;
  fileName: string;
  format: string;
  sizeBytes: number;
  version: number;
  organization: { id: string; name: string };
  uploadedBy: { id: string; name: string };
  hidden: { at: string; reason: string } | null;
  isDemo: boolean;
  createdAt: string;
  downloadUrl: string;
  snippet?: string;
  versions?: { version: number; fileName: string; sizeBytes: number; uploadedAt: string; downloadUrl: string }[];
  permissions: { addVersion: boolean; hide: boolean };
}

export interface DocumentList {
  items: DocumentSummary[];
  total: number;
  nextCursor: string | null;
}
