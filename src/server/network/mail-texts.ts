// The mails of the network feature. A conversation mail names the conversation and who wrote, never
// the message itself: a message may link a post the recipient may not see, and the page shows each
// reader only what they may see.
import type { Message } from '../mail/messages.js';

const SENDER = 'the organizers of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';
const lines = (...parts: string[]): string => parts.join('\n') + '\n';

export function conversationMessageMail(m: { name: string; authorName: string; organizationName: string; subject: string; link: string; isNew: boolean }): Message {
  return {
    subject: `Virtual Forum: ${m.isNew ? 'a new conversation' : 'a new message'} from ${m.organizationName}`,
    text: lines(
      `Dear ${m.name},`,
      '',
      m.isNew
        ? `${m.authorName} (${m.organizationName}) started a conversation with your organization on the Virtual Forum: "${m.subject}".`
        : `${m.authorName} (${m.organizationName}) wrote in the conversation "${m.subject}" on the Virtual Forum.`,
      'Read it and answer here (you will be asked to sign in):',
      '',
      m.link,
      '',
      'You can mute this conversation on its page if you do not want these mails.',
      `This message was sent by ${SENDER}.`,
    ),
  };
}

export function deletionRequestedMail(m: { organizerName: string; personName: string; organizationName: string; link: string }): Message {
  return {
    subject: 'Virtual Forum: a participant asks for their data to be deleted',
    text: lines(`Dear ${m.organizerName},`, '', `${m.personName} (${m.organizationName}) asked for their account and personal data to be deleted.`, 'The request waits in the organizers\' queue:', '', m.link, '', `This message was sent by ${SENDER}.`),
  };
}
