// Reports, the organizers' decisions on them, the privacy guard's findings and the document
// library's codes: stable codes shared by the server and the web app (labels live in catalogues).

/**
 * What can be reported. `message` is a conversation message (src/server/conversations, issue 12);
 * `self_assessment` is a government's self-assessment (issue 18; the id is the organization's),
 * queued by the privacy guard when a note was saved anyway.
 */
export const REPORT_TARGET_TYPES = ['post', 'comment', 'offer', 'message', 'document', 'self_assessment'] as const;
export type ReportTargetType = (typeof REPORT_TARGET_TYPES)[number];

export const REPORT_REASONS = ['personal_data', 'inaccurate', 'spam', 'abusive', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What organizers do with the reports on an item. */
export const MODERATION_ACTIONS = ['dismiss', 'hide', 'request_edit', 'suspend'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Where an entry of the queue came from: a participant's report, or the privacy guard (the author confirmed anyway). */
export const REPORT_SOURCES = ['participant', 'privacy_guard'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** The signs of personal data the privacy guard looks for. */
export const FINDING_KINDS = ['name_with_victim_word', 'age_with_name', 'passport_or_id_number', 'phone_number', 'address', 'date_of_birth', 'email_address', 'face'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** The documents a post, offer, project, meeting or conversation can carry, or the library holds. */
export const DOCUMENT_ATTACH_TYPES = ['post', 'offer', 'project', 'meeting', 'conversation', 'library'] as const;
export type DocumentAttachType = (typeof DOCUMENT_ATTACH_TYPES)[number];

export const DOCUMENT_TYPES = ['report', 'guidelines', 'framework', 'tool', 'project_document', 'concept_note', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Accepted formats, recognised from the file's content (never its name). */
export const DOCUMENT_FORMATS = ['pdf', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'odt', 'ods', 'odp', 'png', 'jpeg'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
