// The access module: import this, never ./engine directly, so every rule file is loaded.
import './rules/accounts.js';
import './rules/posts.js';
import './rules/donors.js';
import './rules/projects.js';
import './rules/overlap.js';
import './rules/event.js';
import './rules/meetings.js';
import './rules/documents.js';
import './rules/public.js';
import './rules/revisions.js';
import './rules/notifications.js';
import './rules/conversations.js';
import './rules/self-assessments.js';

export { allow, authorize, can, isOrganizer, type Actor, type Resources } from './engine.js';
export { tierOf } from './tiers.js';
export { canSeeComment, canSeePost, draftTalliesCorrection, visibleCommentsFilter, visiblePostsFilter, openTalliesFilter, ownRestTalliesFilter, type PostFacts } from './rules/posts.js';
export { canSeeMeeting, isInvited, visibleMeetingsFilter, type MeetingFacts } from './rules/meetings.js';
export type { SessionFacts } from './rules/event.js';
export { canSeeDocument, visibleDocumentsFilter, type DocumentAttachment, type DocumentFacts } from './rules/documents.js';
export { PUBLIC_VISITOR } from './rules/public.js';
export { audienceOfSnapshot, type RevisionFacts } from './rules/revisions.js';
export { canListConversation, visibleConversationsFilter, EDIT_WINDOW_MS, type ConversationFacts } from './rules/conversations.js';
export { canReadSubmittedAssessment, readableAssessmentsFilter, type AssessmentFacts } from './rules/self-assessments.js';
