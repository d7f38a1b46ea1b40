// The mails of coordination: a partnership request reaches the lead organization, the decision
// reaches the organization that asked, and an organization hears that it was made a co-author.
// Plain text, saying who sent it and why. Only ever sent to organizations that may see the project.
import type { Message } from '../mail/messages.js';
import type { PartnerRole } from '../../shared/coordination.js';

const SENDER = 'the organizers of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';
const SIGNATURE = 'With kind regards,\nThe organizers of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';

export const ROLE_WORDS: Record<PartnerRole, string> = {
  implementing_partner: 'implementing partner',
  donor: 'donor',
  technical_adviser: 'technical adviser',
};

const lines = (...parts: (string | null | false)[]): string => parts.filter((p) => p !== null && p !== false).join('\n') + '\n';
const quote = (text: string) => text.split('\n').map((line) => `> ${line}`).join('\n');

export function partnershipRequested(a: { name: string; requesterName: string; role: PartnerRole; title: string; message: string; link: string }): Message {
  return {
    subject: `Virtual Forum: ${a.requesterName} asks to join your project`,
    text: lines(
      `Dear ${a.name},`,
      '',
      `${a.requesterName} asks to join your project "${a.title}" as ${ROLE_WORDS[a.role]}. Their message:`,
      '',
      quote(a.message),
      '',
      'To accept or decline, open the project:',
      a.link,
      '',
      `This message was sent by ${SENDER}, because your organization leads this project on the Virtual Forum.`,
      '',
      SIGNATURE,
    ),
  };
}

export function partnershipDecided(a: { name: string; leadName: string; role: PartnerRole; title: string; accepted: boolean; note: string | null; link: string }): Message {
  return {
    subject: `Virtual Forum: ${a.leadName} ${a.accepted ? 'accepted' : 'declined'} your partnership request`,
    text: lines(
      `Dear ${a.name},`,
      '',
      a.accepted
        ? `${a.leadName} accepted your organization as ${ROLE_WORDS[a.role]} of the project "${a.title}". You are now listed among its partners.`
        : `${a.leadName} declined your request to join the project "${a.title}" as ${ROLE_WORDS[a.role]}.`,
      a.note ? '' : null,
      a.note ? quote(a.note) : null,
      '',
      a.link,
      '',
      `This message was sent by ${SENDER}, because your organization asked to join this project.`,
      '',
      SIGNATURE,
    ),
  };
}

export function coauthorAdded(a: { name: string; leadName: string; title: string; link: string }): Message {
  return {
    subject: `Virtual Forum: ${a.leadName} invites you to draft a project together`,
    text: lines(
      `Dear ${a.name},`,
      '',
      `${a.leadName} added your organization as a co-author of the project "${a.title}".`,
      'Members of your organization can now edit the proposal with them; every revision is kept with who made it and when.',
      '',
      a.link,
      '',
      `This message was sent by ${SENDER} on behalf of ${a.leadName}.`,
      '',
      SIGNATURE,
    ),
  };
}
