// Mails that a route writes itself (meetings, co-authors, partnership requests and decisions, the
// organizers' report mails, report outcomes) follow the same e-mail preferences as every other
// notification: written only to those who want that kind at once (the others find it in the app and
// in their digest), each with the RFC 8058 one-click unsubscribe for its kind and a link to the
// preferences. Exempt, because an account depends on them: password resets, activation and
// invitation links, the application's own confirmations and decisions, a member's notice that
// something they wrote was hidden or their account suspended, and the organizers' deletion requests.
import type { Kysely, Transaction } from 'kysely';
import type { NotificationKind } from '../../shared/notifications.js';
import type { Database } from '../db/schema.js';
import type { Message } from '../mail/messages.js';
import { enqueueMail } from '../mail/outbox.js';
import { deliveryModes, notify, type NotifyInput } from './notify.js';
import { unsubscribeToken } from './preferences.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface MailPerson {
  id: string;
  email: string;
  name: string;
}

/** Writes `build(person)` to each person who wants `kind` mailed at once; resolves with how many. */
export async function mailByPreference(db: Db, publicUrl: string, kind: NotificationKind, people: readonly MailPerson[], build: (person: MailPerson) => Message): Promise<number> {
  if (people.length === 0) return 0;
  const modes = await deliveryModes(db, people.map((p) => p.id), kind);
  let written = 0;
  for (const person of people) {
    if (modes.get(person.id) !== 'immediately') continue;
    const token = await unsubscribeToken(db, person.id, kind);
    const message = build(person);
    const words = kind.replace(/_/g, ' ');
    await enqueueMail(db, {
      to: person.email,
      subject: message.subject,
      text: `${message.text.replace(/\n*$/, '\n')}\nStop these mails (${words}): ${publicUrl}/unsubscribe?token=${token}\nChoose what you are told and how: ${publicUrl}/notifications/preferences\n`,
      headers: { 'List-Unsubscribe': `<${publicUrl}/api/v1/notifications/unsubscribe?token=${token}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    written++;
  }
  return written;
}

/**
 * The notification and the route's own mail of one event, to the same people: the mail goes only to
 * those `notify()` told (active, not the actor, still following the post, able to see what it is
 * about), so a route's list of people can never reach past the tier wall, a suspension or an unfollow.
 */
export async function notifyAndMail(db: Db, publicUrl: string, input: NotifyInput, people: readonly MailPerson[], build: (person: MailPerson) => Message): Promise<string[]> {
  const told = await notify(db, { ...input, mailedElsewhere: true });
  const toldSet = new Set(told);
  await mailByPreference(db, publicUrl, input.kind, people.filter((p) => toldSet.has(p.id)), build);
  return told;
}
