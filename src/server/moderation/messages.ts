// The mails of the moderation queue. Reporters are told the outcome in general terms only (never
// who wrote the item, what sanction followed, or the organizers' note); authors are told what the
// organizers decided and why, and never who reported them.
import type { Message } from '../mail/messages.js';
import type { ModerationAction, ReportTargetType } from '../../shared/moderation.js';

const SENDER = 'the organizers of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';
const lines = (...parts: string[]): string => parts.join('\n') + '\n';
export const THING: Record<ReportTargetType, string> = { post: 'a post', comment: 'a comment', offer: 'an offer', message: 'a message', document: 'a document', self_assessment: 'a self-assessment' };

export function reportReceived(a: { name: string; type: ReportTargetType; link: string; autoHidden: boolean }): Message {
  return {
    subject: `Virtual Forum: ${THING[a.type]} was reported${a.autoHidden ? ' and hidden pending review' : ''}`,
    text: lines(
      `Dear ${a.name},`,
      '',
      `A participant reported ${THING[a.type]} on the Virtual Forum.${a.autoHidden ? ' Several participants reported personal data in it, so it is hidden until you review it.' : ''}`,
      `The moderation queue lists it with the reports: ${a.link}`,
      '',
      `This message was sent to the organizers by the Virtual Forum.`,
    ),
  };
}

const OUTCOME: Record<ModerationAction, string> = {
  dismiss: 'The organizers reviewed it and found that it can stay as it is.',
  hide: 'The organizers reviewed it and removed it from view.',
  request_edit: 'The organizers reviewed it and asked its author to change it.',
  suspend: 'The organizers reviewed it, removed it from view and took further action.',
};

export function reportOutcome(a: { name: string; type: ReportTargetType; action: ModerationAction; link: string }): Message {
  return {
    subject: `Virtual Forum: your report of ${THING[a.type]} was reviewed`,
    text: lines(
      `Dear ${a.name},`,
      '',
      `Thank you for reporting ${THING[a.type]} on the Virtual Forum.`,
      OUTCOME[a.action],
      '',
      `Your reports and what became of them: ${a.link}`,
      '',
      `This message was sent by ${SENDER} because you made this report. Your name is never shown to the people you report.`,
    ),
  };
}

export function authorNotice(a: { name: string; type: ReportTargetType; title: string; action: 'hide' | 'request_edit' | 'suspend'; note: string; link: string }): Message {
  const what = THING[a.type];
  const head =
    a.action === 'request_edit'
      ? `The organizers ask you to change ${what} you wrote on the Virtual Forum: “${a.title}”.`
      : `The organizers have hidden ${what} you wrote on the Virtual Forum: “${a.title}”.`;
  return {
    subject: a.action === 'request_edit' ? `Virtual Forum: please change ${what} you wrote` : `Virtual Forum: ${what} you wrote was hidden`,
    text: lines(
      `Dear ${a.name},`,
      '',
      head,
      '',
      'Their reason:',
      a.note,
      '',
      a.action === 'suspend'
        ? 'Your account on the Forum is suspended: you cannot sign in until the organizers reinstate it.'
        : a.action === 'request_edit'
          ? `You can change it here: ${a.link}`
          : `You can still see it, with this reason, here: ${a.link}`,
      '',
      `This message was sent by ${SENDER}, who answer for the content of the Forum. If you think this is a mistake, reply to the Forum's organizers.`,
    ),
  };
}
