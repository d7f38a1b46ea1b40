// The database, as Kysely sees it. Each interface is one table; the migrations in ./migrations
// create exactly these columns. Change both together.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  ApplicationStatus,
  OrganizationCategory,
  OrganizationStatus,
  Role,
  UserStatus,
} from '../../shared/participants.js';
import type { Audience, OfferStatus, PostKind, PostStatus } from '../../shared/exchange.js';
import type { PartnerRole, PartnershipRequestStatus } from '../../shared/coordination.js';
import type { Priority, RatingStatus, SharingScope } from '../../shared/framework.js';
import type { DocumentAttachType, DocumentFormat, DocumentType, ModerationAction, ReportReason, ReportSource, ReportTargetType } from '../../shared/moderation.js';

/** timestamptz: read as Date, written as Date or ISO string, defaulted by the database. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  category: OrganizationCategory;
  country: string;
  website: string | null;
  status: ColumnType<OrganizationStatus, OrganizationStatus | undefined, OrganizationStatus>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  /** The logo (0015). */
  logo_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable extends UserProfileColumns {
  id: Generated<string>;
  organization_id: string;
  email: string;
  name: string;
  title: string | null;
  role: Role;
  status: UserStatus;
  password_hash: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  activated_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  /** Set while suspended: what reinstating gives back (0008). */
  status_before_suspension: ColumnType<Exclude<UserStatus, 'suspended'> | null, Exclude<UserStatus, 'suspended'> | null | undefined, Exclude<UserStatus, 'suspended'> | null>;
}

export interface ApplicationsTable {
  id: Generated<string>;
  status: ColumnType<ApplicationStatus, ApplicationStatus | undefined, ApplicationStatus>;
  organization_name: string;
  organization_category: OrganizationCategory;
  organization_country: string;
  organization_website: string | null;
  focal_point_name: string;
  focal_point_title: string;
  focal_point_email: string;
  motivation: string;
  created_at: CreatedAt;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  organization_id: string | null;
}

export type TokenPurpose = 'activation' | 'password_reset';

/** Single-use links. Only a SHA-256 of the token is stored, so a database leak yields no usable link. */
export interface TokensTable {
  id: Generated<string>;
  token_hash: string;
  purpose: TokenPurpose;
  /** Null only for a reset token minted for an address without an active account (issue 10): never redeemable. */
  user_id: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

/** Sessions live here, not in memory, so any app server can serve any request. */
export interface SessionsTable {
  id_hash: string;
  /** A name for the session in the API (0015); never the cookie. */
  id: Generated<string>;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

/** Fixed-window counters shared by every app server (sign-in throttling, application rate limits). */
export interface RateLimitCountersTable {
  bucket: string;
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Json<Record<string, unknown>>;
}

/** Transactional outbox: a mail is stored with the change that caused it and sent after commit. */
export interface MailOutboxTable {
  id: Generated<string>;
  recipient: string;
  subject: string;
  body_text: string;
  created_at: CreatedAt;
  next_attempt_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  sent_at: Timestamp | null;
  last_error: string | null;
  /** Extra headers, e.g. List-Unsubscribe (0010). */
  headers: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface PostsTable {
  id: Generated<string>;
  kind: PostKind;
  title: string;
  /** Markdown as written. */
  body: string;
  /** Rendered and sanitized on the server at write time. */
  body_html: string;
  /** Plain text, at most 240 characters, for lists. */
  summary: string;
  audience: Audience;
  status: PostStatus;
  organization_id: string;
  author_id: string;
  regions: string[];
  countries: string[];
  geo: string[];
  areas: string[];
  themes: string[];
  exploitation: string[];
  /** numeric: read as a string to keep every digit. */
  budget_amount: string | null;
  budget_currency: string | null;
  funding_sought: string | null;
  /** 'YYYY-MM-DD' */
  starts_on: string | null;
  ends_on: string | null;
  revision: ColumnType<number, number | undefined, number>;
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Null while the post is a private draft (migration 0052); set once, when it is published. */
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string>;
  search: ColumnType<string, never, never>;
}

export interface PostRevisionsTable {
  post_id: string;
  revision: number;
  snapshot: Json<Record<string, unknown>>;
  edited_by: string;
  edited_at: CreatedAt;
}

export interface CommentsTable {
  id: Generated<string>;
  post_id: string;
  parent_id: string | null;
  author_id: string;
  organization_id: string;
  body: string;
  body_html: string;
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  edited_at: Timestamp | null;
}

export interface OffersTable {
  id: Generated<string>;
  post_id: string;
  organization_id: string;
  author_id: string;
  summary: string;
  body: string;
  body_html: string;
  timeframe: string | null;
  cost_amount: string | null;
  cost_currency: string | null;
  status: ColumnType<OfferStatus, OfferStatus | undefined, OfferStatus>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  /** Issue 13: the request's status before this acceptance moved it on (0057); null when it did not. */
  post_status_before: PostStatus | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  /** Hidden by the organizers (0016). */
  hidden_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  hidden_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PostPartnersTable {
  post_id: string;
  organization_id: string;
  role: string;
  offer_id: string | null;
  created_at: CreatedAt;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** One row per statement that changed posts, with the version it made (migration 0059). */
export interface PostChangesTable {
  version: string;
  op: 'insert' | 'update' | 'delete';
  ids: string[];
}

// ---- donors and saved searches (0007)
/** An organization the organizers have flagged as a donor (present = flagged). */
export interface DonorOrganizationsTable {
  organization_id: string;
  flagged_by: string;
  flagged_at: CreatedAt;
}

export interface FundingInterestsTable {
  post_id: string;
  organization_id: string;
  user_id: string;
  note: string | null;
  created_at: CreatedAt;
}

export type PledgeStatus = 'indicated' | 'confirmed' | 'withdrawn';

export interface PledgesTable {
  id: Generated<string>;
  post_id: string;
  organization_id: string;
  author_id: string;
  /** numeric: read as a string to keep every digit. */
  amount: string;
  currency: string;
  conditions: string | null;
  status: ColumnType<PledgeStatus, PledgeStatus | undefined, PledgeStatus>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type SavedSearchScope = 'posts' | 'funding';

export interface SavedSearchesTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  scope: SavedSearchScope;
  filters: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  last_checked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SavedSearchHitsTable {
  saved_search_id: string;
  post_id: string;
  notified_at: CreatedAt;
}

/** An organizer's verdict on a pair of posts (post_a < post_b). */
export interface OverlapMarksTable {
  post_a: string;
  post_b: string;
  mark: 'related' | 'not_duplicate';
  marked_by: string;
  marked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A possible overlap found by the scan (post_a < post_b), for the organizers' board. */
export interface OverlapPairsTable {
  post_a: string;
  post_b: string;
  score: number;
  reasons: Json<{ code: string; values: string[] }[]>;
  found_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OverlapScansTable {
  post_id: string;
  revision: number;
  scanned_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** What an organization declares it can help with, for matching requests to providers. */
export interface OrganizationExpertiseTable {
  organization_id: string;
  areas: string[];
  regions: string[];
  countries: string[];
  geo: string[];
  languages: string[];
  summary: string;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// ---- event (0006)
export type SessionType = 'plenary' | 'panel' | 'workshop' | 'special_event' | 'side_event' | 'exhibition' | 'break' | 'social';
export type MeetingMode = 'in_person' | 'virtual';
export type MeetingStatus = 'proposed' | 'confirmed' | 'cancelled';

/** An event with its phases: the platform opens, the event runs, the follow-up carries on ('YYYY-MM-DD', venue dates). */
export interface EventsTable {
  id: Generated<string>;
  name: string;
  venue: string;
  /** IANA time zone of the venue, e.g. Europe/Vienna. */
  time_zone: string;
  description: ColumnType<string, string | undefined, string>;
  opens_on: string;
  starts_on: string;
  ends_on: string;
  follow_up_until: string;
  is_current: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface EventSessionsTable {
  id: Generated<string>;
  event_id: string;
  code: string;
  title: string;
  theme: string | null;
  type: SessionType;
  starts_at: Timestamp;
  ends_at: Timestamp;
  room: string | null;
  closed: ColumnType<boolean, boolean | undefined, boolean>;
  closed_note: string | null;
  description: ColumnType<string, string | undefined, string>;
  /** The order in which the programme prints sessions that start together. */
  position: ColumnType<number, number | undefined, number>;
  /** Who speaks, in the programme's order (migration 0048). */
  speakers: ColumnType<SessionSpeaker[], string | undefined, string>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface SessionSpeaker {
  name: string;
  /** Their role or organization, as the programme prints it; empty if none. */
  affiliation: string;
}

export interface EventSessionGuestsTable {
  session_id: string;
  organization_id: string;
}

export interface EventRoomsTable {
  id: Generated<string>;
  event_id: string;
  name: string;
  capacity: number;
  equipment: ColumnType<string[], string[] | undefined, string[]>;
  /** 'HH:MM' in the venue's time zone. */
  opens_at: string;
  closes_at: string;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface MeetingsTable {
  id: Generated<string>;
  event_id: string;
  topic: string;
  agenda: ColumnType<string, string | undefined, string>;
  notes: ColumnType<string, string | undefined, string>;
  notes_updated_at: Timestamp | null;
  notes_updated_by: string | null;
  mode: MeetingMode;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  proposer_id: string;
  proposer_organization_id: string;
  confirmed_slot_id: string | null;
  room_id: string | null;
  /** Seats the proposer asked for; null: the proposer and those who accepted (migration 0049). */
  seats: ColumnType<number | null, number | null | undefined, number | null>;
  revision: ColumnType<number, number | undefined, number>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MeetingSlotsTable {
  id: Generated<string>;
  meeting_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
}

export interface MeetingInviteesTable {
  id: Generated<string>;
  meeting_id: string;
  user_id: string | null;
  organization_id: string | null;
}

export interface MeetingAnswersTable {
  slot_id: string;
  user_id: string;
  answer: 'yes' | 'no';
  answered_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MeetingPostsTable {
  meeting_id: string;
  post_id: string;
}

export interface MeetingMessagesTable {
  id: Generated<string>;
  meeting_id: string;
  author_id: string;
  body: string;
  created_at: CreatedAt;
}

/** `during` is a tstzrange; an exclusion constraint keeps one room's bookings from overlapping. */
export interface RoomBookingsTable {
  id: Generated<string>;
  room_id: string;
  meeting_id: string;
  during: ColumnType<string, string, string>;
  created_at: CreatedAt;
}

export interface AgendaSessionsTable {
  user_id: string;
  session_id: string;
  added_at: CreatedAt;
}

export interface AgendaMeetingsTable {
  user_id: string;
  meeting_id: string;
  added_at: CreatedAt;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
}

// ---- coordination (0004): co-authors and partnership requests (src/server/coordination)
export interface PostCoauthorsTable {
  post_id: string;
  organization_id: string;
  added_by: string;
  added_at: CreatedAt;
}

export interface PartnershipRequestsTable {
  id: Generated<string>;
  post_id: string;
  organization_id: string;
  requested_by: string;
  role: PartnerRole;
  message: string;
  status: ColumnType<PartnershipRequestStatus, PartnershipRequestStatus | undefined, PartnershipRequestStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: CreatedAt;
}

// ---- moderation and documents (0016)
export interface ModerationDecisionsTable {
  id: Generated<string>;
  target_type: ReportTargetType;
  target_id: string;
  action: ModerationAction | 'auto_hide';
  note: ColumnType<string, string | undefined, string>;
  decided_by: string | null;
  decided_at: CreatedAt;
}

export interface ReportsTable {
  id: Generated<string>;
  target_type: ReportTargetType;
  target_id: string;
  source: ColumnType<ReportSource, ReportSource | undefined, ReportSource>;
  reporter_id: string | null;
  reporter_organization_id: string | null;
  reason: ReportReason;
  detail: ColumnType<string, string | undefined, string>;
  findings: ColumnType<{ field: string; kind: string }[], string | undefined, string>;
  created_at: CreatedAt;
  decision_id: string | null;
}

export interface DocumentsTable {
  id: Generated<string>;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  attach_type: DocumentAttachType;
  post_id: string | null;
  offer_id: string | null;
  meeting_id: string | null;
  conversation_id: string | null;
  audience: Audience | null;
  doc_type: ColumnType<DocumentType, DocumentType | undefined, DocumentType>;
  themes: ColumnType<string[], string[] | undefined, string[]>;
  areas: ColumnType<string[], string[] | undefined, string[]>;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  geo: ColumnType<string[], string[] | undefined, string[]>;
  organization_id: string;
  uploaded_by: string;
  current_version: ColumnType<number, number | undefined, number>;
  body_text: ColumnType<string, string | undefined, string>;
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  search: ColumnType<string, never, never>;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  file_name: string;
  format: DocumentFormat;
  media_type: string;
  /** int8, read as a number (db/database.ts). */
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: CreatedAt;
}

// ---- public page and IATI (0014)
/** A post or organization an organizer marked public (present = marked): the only ones the public page may name. */
export interface PublicPostsTable {
  post_id: string;
  marked_by: string;
  marked_at: CreatedAt;
}
export interface PublicOrganizationsTable {
  organization_id: string;
  marked_by: string;
  marked_at: CreatedAt;
}

/** An organization as an IATI file names it. */
export interface IatiOrgRef {
  ref: string | null;
  type: string | null;
  name: string | null;
  role?: string;
}
export interface IatiPlannedDisbursement {
  type: string | null;
  periodStart: string;
  periodEnd: string | null;
  amount: string;
  currency: string | null;
  valueDate: string;
  provider: IatiOrgRef | null;
  receiver: IatiOrgRef | null;
}
export interface IatiNotImported {
  element: string;
  detail: string;
}

/** An IATI activity imported as a post (src/server/iati): what the Forum keeps beside the post. */
export interface IatiActivitiesTable {
  post_id: string;
  iati_identifier: string;
  reporting_org: Json<IatiOrgRef & { secondaryReporter?: boolean }>;
  participating_orgs: Json<IatiOrgRef[]>;
  planned_disbursements: Json<IatiPlannedDisbursement[]>;
  activity_status: string;
  status_at_import: string;
  last_updated: string | null;
  not_imported: Json<IatiNotImported[]>;
  imported_by: string;
  imported_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// ---- notifications (issue 11, 0010)
export interface NotificationsTable {
  id: Generated<string>;
  seq: ColumnType<number, never, never>;
  user_id: string;
  kind: string;
  batch: string;
  actor_id: string | null;
  post_id: string | null;
  meeting_id: string | null;
  related_post_id: ColumnType<string | null, string | null | undefined, string | null>;
  subject_type: string;
  subject_id: string;
  subject_title: string | null;
  url: string;
  details: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  read_at: Timestamp | null;
  mail_mode: 'immediately' | 'daily' | 'weekly' | 'off';
  mail_status: ColumnType<'pending' | 'sent' | 'withheld' | 'off', 'pending' | 'sent' | 'withheld' | 'off' | undefined, 'pending' | 'sent' | 'withheld' | 'off'>;
  mailed_at: Timestamp | null;
}
export interface NotificationSettingsTable {
  user_id: string;
  time_zone: string | null;
  unsubscribe_key: ColumnType<string, string | undefined, string>;
  daily_digest_on: string | null;
  weekly_digest_on: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  mode: 'immediately' | 'daily' | 'weekly' | 'off';
}
export interface PostFollowsTable {
  user_id: string;
  post_id: string;
  following: boolean;
  created_at: CreatedAt;
}
export interface ScheduledJobsTable {
  name: string;
  run_after: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Timestamp | null;
  locked_by: string | null;
  last_finished_at: Timestamp | null;
  last_error: string | null;
}
export interface NotificationOnceTable {
  key: string;
  created_at: CreatedAt;
}

// ---- the network (0015, issue 12): profiles, images, conversations, second factors, deletion requests
/** Columns 0015 adds to users and organizations (declared on their interfaces through these). */
export interface UserProfileColumns {
  languages: ColumnType<string[], string[] | undefined, string[]>;
  expertise: ColumnType<string, string | undefined, string>;
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
  show_email: ColumnType<boolean, boolean | undefined, boolean>;
  photo_id: ColumnType<string | null, string | null | undefined, string | null>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ImagesTable {
  id: Generated<string>;
  kind: 'logo' | 'photo';
  media_type: string;
  width: number;
  height: number;
  bytes: Buffer;
  uploaded_by: string;
  created_at: CreatedAt;
}

export interface ConversationsTable {
  id: Generated<string>;
  subject: string;
  created_by: string;
  organization_id: string;
  about_type: 'post' | 'meeting' | null;
  about_id: string | null;
  created_at: CreatedAt;
  last_message_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ConversationOrganizationsTable {
  conversation_id: string;
  organization_id: string;
  added_at: CreatedAt;
}

export interface ConversationMessagesTable {
  id: Generated<string>;
  conversation_id: string;
  author_id: string;
  organization_id: string;
  body: string;
  body_html: string;
  created_at: CreatedAt;
  edited_at: Timestamp | null;
  hidden_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  hidden_reason: ColumnType<string | null, string | null | undefined, string | null>;
  hidden_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ConversationReadsTable {
  conversation_id: string;
  user_id: string;
  read_at: Timestamp;
  muted: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface UserTotpTable {
  user_id: string;
  secret: string;
  confirmed_at: Timestamp | null;
  /** int8, read as a number. */
  last_step: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface DeletionRequestsTable {
  id: Generated<string>;
  user_id: string;
  note: ColumnType<string, string | undefined, string>;
  requested_at: CreatedAt;
  completed_at: Timestamp | null;
  completed_by: string | null;
}

// ---- issue 10: growing sign-in delays (0017) and queued password-reset requests (0018)
export interface SignInBackoffTable {
  bucket: string;
  key: string;
  failures: number;
  not_before: Timestamp;
  last_attempt_at: Timestamp;
}

export interface PasswordResetRequestsTable {
  id: Generated<string>;
  email: string;
  ip: string | null;
  requested_at: CreatedAt;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  applications: ApplicationsTable;
  tokens: TokensTable;
  sessions: SessionsTable;
  rate_limit_counters: RateLimitCountersTable;
  audit_events: AuditEventsTable;
  mail_outbox: MailOutboxTable;
  meta: MetaTable;
  post_changes: PostChangesTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  comments: CommentsTable;
  offers: OffersTable;
  post_partners: PostPartnersTable;
  // ---- coordination (0004)
  post_coauthors: PostCoauthorsTable;
  partnership_requests: PartnershipRequestsTable;
  // ---- overlap and matching (0005)
  overlap_marks: OverlapMarksTable;
  overlap_pairs: OverlapPairsTable;
  overlap_scans: OverlapScansTable;
  organization_expertise: OrganizationExpertiseTable;
  // ---- event (0006)
  events: EventsTable;
  event_sessions: EventSessionsTable;
  event_session_guests: EventSessionGuestsTable;
  event_rooms: EventRoomsTable;
  meetings: MeetingsTable;
  meeting_slots: MeetingSlotsTable;
  meeting_invitees: MeetingInviteesTable;
  meeting_answers: MeetingAnswersTable;
  meeting_posts: MeetingPostsTable;
  meeting_messages: MeetingMessagesTable;
  room_bookings: RoomBookingsTable;
  agenda_sessions: AgendaSessionsTable;
  agenda_meetings: AgendaMeetingsTable;
  calendar_feeds: CalendarFeedsTable;
  // ---- donors and saved searches (0007)
  donor_organizations: DonorOrganizationsTable;
  funding_interests: FundingInterestsTable;
  pledges: PledgesTable;
  saved_searches: SavedSearchesTable;
  saved_search_hits: SavedSearchHitsTable;
  // ---- moderation and documents (0016)
  moderation_decisions: ModerationDecisionsTable;
  reports: ReportsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  // ---- public page and IATI (0014)
  public_posts: PublicPostsTable;
  public_organizations: PublicOrganizationsTable;
  iati_activities: IatiActivitiesTable;
  // ---- notifications (issue 11, 0010)
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  notification_preferences: NotificationPreferencesTable;
  post_follows: PostFollowsTable;
  scheduled_jobs: ScheduledJobsTable;
  notification_once: NotificationOnceTable;
  // ---- issue 15, scale (0011): post counts kept by triggers
  post_tallies: PostTalliesTable;
  // ---- issue 14: overlap detection's semantic signal (0012)
  post_vectors: PostVectorsTable;
  // ---- the network (0015, issue 12)
  images: ImagesTable;
  conversations: ConversationsTable;
  conversation_organizations: ConversationOrganizationsTable;
  conversation_messages: ConversationMessagesTable;
  conversation_reads: ConversationReadsTable;
  user_totp: UserTotpTable;
  recovery_codes: RecoveryCodesTable;
  deletion_requests: DeletionRequestsTable;
  // ---- issue 10: sign-in delays (0017), queued password-reset requests (0018)
  sign_in_backoff: SignInBackoffTable;
  password_reset_requests: PasswordResetRequestsTable;
  post_tallies_all: PostTalliesAllTable;
  // ---- self-assessment against the Framework for Action (issue 18, 0013)
  self_assessments: SelfAssessmentsTable;
  self_assessment_revisions: SelfAssessmentRevisionsTable;
  self_assessment_versions: SelfAssessmentVersionsTable;
  self_assessment_shares: SelfAssessmentSharesTable;
  self_assessment_requests: SelfAssessmentRequestsTable;
}

/** Issue 15: how many posts of one organization, audience and hidden state have each code (migration 0011). */
export interface PostTalliesTable {
  organization_id: string;
  audience: Audience;
  hidden: boolean;
  /** 'total' (code ''), 'kind', 'kind_status' ('ta_request/open'), 'geo' (regions and countries), 'area', 'theme', 'seeking' (code: budget currency or ''). */
  dimension: 'total' | 'kind' | 'kind_status' | 'geo' | 'area' | 'theme' | 'seeking';
  code: string;
  n: number;
  /** 'seeking' only: the sum of the projects' targets (funding sought, or else the budget); 0 otherwise. */
  amount: Generated<string>;
}
/** Issue 15: post_tallies summed over all organizations (migration 0011). */
export type PostTalliesAllTable = Omit<PostTalliesTable, 'organization_id'>;

/** Issue 14: a post's word-vector, thesaurus concepts and blocking keys, as of one revision. */
export interface PostVectorsTable {
  post_id: string;
  revision: number;
  vector: number[] | null;
  concepts: Generated<string[]>;
  keys: Generated<string[]>;
  computed_at: Generated<Date>;
}

// ---- self-assessment (issue 18, 0013)
export type RatingsJson = Record<string, { status: RatingStatus; priority: Priority; note: string; documentId?: string }>;
export interface SelfAssessmentsTable {
  organization_id: string;
  ratings: ColumnType<RatingsJson, string | undefined, string>;
  revision: ColumnType<number, number | undefined, number>;
  sharing_scope: ColumnType<SharingScope, SharingScope | undefined, SharingScope>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  /** Set when the organizers hid the notes from the moderation queue (migration 0041). */
  notes_hidden_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  notes_hidden_reason: ColumnType<string | null, string | null | undefined, string | null>;
  notes_hidden_by: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface SelfAssessmentRevisionsTable {
  organization_id: string;
  revision: number;
  ratings: Json<RatingsJson>;
  edited_by: string;
  edited_at: ColumnType<Date, Date | string | undefined, never>;
}
export interface SelfAssessmentVersionsTable {
  organization_id: string;
  version: number;
  ratings: Json<RatingsJson>;
  draft_revision: number;
  submitted_by: string;
  submitted_at: ColumnType<Date, Date | string | undefined, never>;
}
export interface SelfAssessmentSharesTable {
  organization_id: string;
  shared_with: string;
}
export interface SelfAssessmentRequestsTable {
  post_id: string;
  organization_id: string;
  measure_code: string;
  created_by: string;
  created_at: CreatedAt;
}

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Application = Selectable<ApplicationsTable>;
