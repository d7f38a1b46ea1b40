// The words of notifications in mail: one sentence per kind, an immediate mail, a digest.
// They name only what the recipient may see at the moment the mail is written (the caller
// checks), and never quote what someone wrote: a title and who acted, with a link.
import type { NotificationItem, NotificationKind } from '../../shared/notifications.js';
import type { Message } from '../mail/messages.js';

const SENDER = 'the Virtual Forum of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';
const lines = (...parts: string[]): string => parts.join('\n') + '\n';

const SENTENCES: Record<NotificationKind, (who: string, title: string, d: Record<string, unknown>) => string> = {
  offer_received: (who, t) => `${who} sent an offer on "${t}".`,
  offer_accepted: (who, t) => `${who} accepted your offer on "${t}".`,
  offer_declined: (who, t) => `${who} declined your offer on "${t}".`,
  offer_withdrawn: (who, t) => `${who} withdrew their offer on "${t}".`,
  offer_reopened: (who, t) => `${who} undid their decision on your offer on "${t}": it is waiting for an answer again.`,
  comment: (who, t) => `${who} commented on "${t}".`,
  reply: (who, t) => `${who} replied to your comment on "${t}".`,
  partnership_request: (who, t) => `${who} asked to join "${t}" as a partner.`,
  partnership_decided: (who, t, d) => `${who} ${d.status === 'accepted' ? 'accepted' : 'declined'} your partnership request on "${t}".`,
  coauthor_added: (who, t, d) => (d.removed ? `${who} removed your organization from the co-authors of "${t}".` : `${who} added your organization as a co-author of "${t}".`),
  project_status: (who, t, d) => `${who} changed the status of "${t}"${typeof d.status === 'string' ? ` to ${d.status.replace(/_/g, ' ')}` : ''}.`,
  pledge: (who, t, d) => `${who} ${typeof d.status === 'string' && d.status !== 'indicated' ? `${d.status} a pledge` : 'pledged'} on "${t}".`,
  meeting_invitation: (who, t) => `${who} invited you to a meeting: "${t}".`,
  meeting_answer: (who, t) => `${who} answered your meeting proposal "${t}".`,
  meeting_confirmed: (_who, t, d) => `The meeting "${t}" is confirmed${typeof d.room === 'string' && d.room ? ` in ${d.room}` : ''}.`,
  meeting_changed: (who, t) => `${who} changed the meeting "${t}".`,
  meeting_cancelled: (who, t) => `${who} cancelled the meeting "${t}".`,
  meeting_removed: (who, t) => `${who} took you off the meeting "${t}".`,
  meeting_reminder: (_who, t) => `Your meeting "${t}" starts within the hour.`,
  overlap_found: (_who, t, d) => `"${t}" looks like the same work as "${String(d.otherTitle ?? '')}"${Array.isArray(d.reasons) && d.reasons.length ? ` (${d.reasons.join('; ')})` : ''}.`,
  saved_search: (_who, t, d) => `A new post matches your saved search "${String(d.searchName ?? '')}": "${t}" (${String(d.organization ?? '')}).`,
  member_joined: (_who, t) => `${t} joined your organization on the Forum.`,
  application_received: (_who, t) => `A new application to join the Forum: ${t}.`,
  report_received: (who, t) => `${who} reported ${t} to the organizers.`,
  report_decided: (_who, t) => `The organizers decided on ${t}.`,
  message: (who, t, d) => (d.isNew ? `${who} started a conversation with your organization: "${t}".` : `${who} wrote in the conversation "${t}".`),
};

export function sentence(item: NotificationItem): string {
  const who = item.actor ? `${item.actor.name} (${item.actor.organization})` : 'The Forum';
  return SENTENCES[item.kind](who, item.subject.title, item.details);
}

export interface MailLinks {
  base: string;
  preferences: string;
  unsubscribe: string;
  /** What the unsubscribe link turns off, in words. */
  unsubscribeWhat: string;
}

export function immediateMail(name: string, item: NotificationItem, links: MailLinks): Message {
  return {
    subject: `Virtual Forum: ${sentence(item).replace(/\.$/, '')}`.slice(0, 200),
    text: lines(
      `Dear ${name},`,
      '',
      sentence(item),
      `${links.base}${item.url}`,
      '',
      `To stop mails about ${links.unsubscribeWhat}: ${links.unsubscribe}`,
      `To choose how you are told of each kind of news: ${links.preferences}`,
      '',
      `This message was sent by ${SENDER}.`,
    ),
  };
}

export function digestMail(name: string, period: 'daily' | 'weekly', items: NotificationItem[], links: MailLinks): Message {
  // Grouped by post, like the notifications page; the rest (meetings, accounts) after.
  const groups = new Map<string, NotificationItem[]>();
  for (const item of items) {
    const key = item.postId ? `post:${item.postId}` : 'other';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const body: string[] = [];
  for (const [key, group] of groups) {
    body.push(key === 'other' ? 'Other news:' : `About "${group[0]!.subject.title}":`);
    for (const item of group) body.push(`- ${sentence(item)}`, `  ${links.base}${item.url}`);
    body.push('');
  }
  return {
    subject: `Virtual Forum: your ${period} digest (${items.length} ${items.length === 1 ? 'notification' : 'notifications'})`,
    text: lines(
      `Dear ${name},`,
      '',
      `Here is what happened on the Forum that concerns you${period === 'daily' ? ' since your last digest' : ' this past week'}:`,
      '',
      ...body,
      `To stop ${period} digests: ${links.unsubscribe}`,
      `To choose how you are told of each kind of news: ${links.preferences}`,
      '',
      `This message was sent by ${SENDER}.`,
    ),
  };
}
