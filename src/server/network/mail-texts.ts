// The mails of the network feature. (A conversation's news goes through the notification system:
// src/server/notifications/messages.ts words it, naming the conversation, never the message.)
import type { Message } from '../mail/messages.js';

const SENDER = 'the organizers of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';
const lines = (...parts: string[]): string => parts.join('\n') + '\n';

export function deletionRequestedMail(m: { organizerName: string; personName: string; organizationName: string; link: string }): Message {
  return {
    subject: 'Virtual Forum: a participant asks for their data to be deleted',
    text: lines(`Dear ${m.organizerName},`, '', `${m.personName} (${m.organizationName}) asked for their account and personal data to be deleted.`, 'The request waits in the organizers\' queue:', '', m.link, '', `This message was sent by ${SENDER}.`),
  };
}
