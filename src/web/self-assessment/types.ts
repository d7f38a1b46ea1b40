// Shapes of the self-assessment API (src/server/self-assessment/routes.ts) as the web app reads them.
import type { PillarCode, Priority, RatingStatus, SharingScope } from '../../shared/framework.js';
import type { OfferStatus, PostStatus } from '../../shared/exchange.js';

export interface Rating {
  status: RatingStatus;
  priority: Priority;
  note: string;
  /** A library document cited as evidence. */
  documentId?: string;
}

export interface EvidenceDocument {
  id: string;
  title: string;
  fileName: string;
}

export interface LinkedRequest {
  postId: string;
  title: string;
  status: PostStatus;
  offers: { id: string; organization: { id: string; name: string }; summary: string; status: OfferStatus; createdAt: string }[];
}

export interface Draft {
  organization: { id: string; name: string; country: string };
  revision: number;
  ratings: Record<string, Rating>;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
  latestVersion: { version: number; submittedAt: string } | null;
  sharing: { scope: SharingScope; organizations: { id: string; name: string }[] };
  /** The organizers hid the notes: readers outside the government see the ratings only. */
  notesHidden: boolean;
  /** Library documents cited as evidence, by id (those the reader may see). */
  documents: Record<string, EvidenceDocument>;
  requests: Record<string, LinkedRequest[]>;
  permissions: { edit: boolean; submit: boolean; share: boolean; requestAssistance: boolean };
}

export interface RatingChange {
  measure: string;
  pillar: PillarCode;
  from: Rating | null;
  to: Rating | null;
  fields: string[];
}

export interface VersionSummary {
  version: number;
  submittedAt: string;
  submittedBy: { id: string; name: string };
  counts: Record<string, number>;
}

export interface VersionDetail extends VersionSummary {
  organization: { id: string; name: string; country: string };
  ratings: Record<string, Rating>;
  documents: Record<string, EvidenceDocument>;
  /** The organizers hid the notes from this reader. */
  notesHidden: boolean;
  comparedTo: { version: number; submittedAt: string } | null;
  changes: RatingChange[];
}

export interface NeedsRegion {
  region: string | null;
  name: string;
  governments: number;
  gaps: number;
  byPillar: Record<string, number>;
}

export interface Needs {
  detail: 'aggregates' | 'measures';
  minimumGovernments: number | null;
  regions: NeedsRegion[];
  measures?: {
    code: string;
    pillar: PillarCode;
    text: string;
    governments: number;
    /** Governments with this gap per region one level below the filter (the columns: `regions` after the first). */
    byRegion: Record<string, number>;
    named: { id: string; name: string; country: string; status: RatingStatus; note: string }[];
  }[];
}

export interface Trends {
  governments: { id: string; name: string; country: string }[];
  series: { period: string; governments: number; pillars: Record<string, Record<string, number>> }[];
}
