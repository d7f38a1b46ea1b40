// Notifications (issue 11): the stable kind codes, the e-mail delivery modes and their defaults.
// Shared by the server and the web app; labels live in src/web/notifications/messages.en.ts.

export const NOTIFICATION_KINDS = [
  'offer_received',
  'offer_accepted',
  'offer_declined',
  'offer_withdrawn',
  // Issue 13: the requesting organization undid its acceptance or refusal; the offer is pending again.
  'offer_reopened',
  'comment',
  'reply',
  'partnership_request',
  'partnership_decided',
  'coauthor_added',
  'project_status',
  'pledge',
  'meeting_invitation',
  'meeting_answer',
  'meeting_confirmed',
  'meeting_changed',
  'meeting_cancelled',
  'meeting_removed',
  'meeting_reminder',
  'overlap_found',
  'saved_search',
  'member_joined',
  'application_received',
  // The organizers' queue: a report (src/server/moderation). Added to the issue's list; the codes above are unchanged.
  'report_received',
  // The reporter told of the organizers' decision on their report (src/server/moderation), in general terms.
  'report_decided',
  // Issue 12: a new message in a conversation your organization takes part in.
  'message',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_MODES = ['immediately', 'daily', 'weekly', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Offers and meeting changes at once, conversation once a day, the rest as fits its urgency. */
export const DEFAULT_MODES: Record<NotificationKind, DeliveryMode> = {
  offer_received: 'immediately',
  offer_accepted: 'immediately',
  offer_declined: 'immediately',
  offer_withdrawn: 'immediately',
  offer_reopened: 'immediately',
  comment: 'daily',
  reply: 'daily',
  partnership_request: 'immediately',
  partnership_decided: 'immediately',
  coauthor_added: 'immediately',
  project_status: 'daily',
  pledge: 'immediately',
  meeting_invitation: 'immediately',
  meeting_answer: 'immediately',
  meeting_confirmed: 'immediately',
  meeting_changed: 'immediately',
  meeting_cancelled: 'immediately',
  meeting_removed: 'immediately',
  meeting_reminder: 'immediately',
  overlap_found: 'daily',
  // As before the notification system: the saved search's own mail at each check, several posts in one.
  saved_search: 'immediately',
  member_joined: 'daily',
  application_received: 'immediately',
  report_received: 'immediately',
  report_decided: 'immediately',
  message: 'immediately',
};

export const isNotificationKind = (value: string): value is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(value);

export type NotificationSubjectType = 'post' | 'offer' | 'comment' | 'pledge' | 'partnership_request' | 'meeting' | 'application' | 'user' | 'report' | 'conversation';

/** One notification as GET /api/v1/me/notifications and the stream's `notification` event carry it. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  actor: { name: string; organization: string; organizationId: string | null } | null;
  subject: { type: NotificationSubjectType; id: string; title: string };
  /** The post the notification is about, for grouping (null for meetings, accounts, the queue). */
  postId: string | null;
  url: string;
  /** Extra words for some kinds: the overlap's reasons, an offer's or pledge's status. */
  details: Record<string, unknown>;
}
