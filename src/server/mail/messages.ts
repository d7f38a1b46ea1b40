// The text of every mail the Forum sends, one function per message. Plain text only: it reads
// the same in every mail client and carries no tracking. Each says who sent it and why, so a
// recipient who did not expect it can tell it is genuine, or ignore it.
import type { OutgoingMail } from './outbox.js';

export type Message = Omit<OutgoingMail, 'to'>;

const SENDER = 'the organizers of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';
const SIGNATURE = `With kind regards,\n${SENDER[0]!.toUpperCase()}${SENDER.slice(1)}`;
const NOT_YOU = 'If you did not expect this message, you can ignore it; nothing will happen.';

const lines = (...parts: (string | null | false)[]): string => parts.filter((p) => p !== null && p !== false).join('\n') + '\n';

export function applicationReceived(a: { name: string; organizationName: string }): Message {
  return {
    subject: 'Virtual Forum: we have received your application',
    text: lines(
      `Dear ${a.name},`,
      '',
      `Thank you for applying to join the Virtual Forum on behalf of ${a.organizationName}.`,
      'The organizers will review your application and write to you once they have decided.',
      'You do not need to do anything in the meantime.',
      '',
      `This message was sent by ${SENDER}, because this address was given as the focal point in an application.`,
      NOT_YOU,
      '',
      SIGNATURE,
    ),
  };
}

export function applicationApproved(a: { name: string; organizationName: string; link: string; organizersEmail: string }): Message {
  return {
    subject: 'Virtual Forum: your application is approved, please activate your account',
    text: lines(
      `Dear ${a.name},`,
      '',
      `Good news: the application of ${a.organizationName} to join the Virtual Forum has been approved,`,
      'and you are its focal point. To activate your account, open this link and choose a password:',
      '',
      a.link,
      '',
      'The link works once and is valid for 72 hours. If it has expired, please write to the organizers',
      `at ${a.organizersEmail} for a new one.`,
      '',
      SIGNATURE,
    ),
  };
}

export function applicationRejected(a: { name: string; organizationName: string; reason: string }): Message {
  return {
    subject: 'Virtual Forum: about your application',
    text: lines(
      `Dear ${a.name},`,
      '',
      `Thank you for the application of ${a.organizationName} to join the Virtual Forum.`,
      'After review, the organizers are not able to approve it. Their reason:',
      '',
      a.reason,
      '',
      'If you think something was misunderstood, you are welcome to apply again with more detail.',
      '',
      SIGNATURE,
    ),
  };
}

export function invitation(a: { name: string; organizationName: string; inviterName: string; role: 'member' | 'focal_point'; link: string }): Message {
  const as = a.role === 'focal_point' ? 'as a focal point' : 'as a member';
  return {
    subject: `Virtual Forum: ${a.inviterName} invites you to join`,
    text: lines(
      `Dear ${a.name},`,
      '',
      `${a.inviterName} has invited you to the Virtual Forum ${as} of ${a.organizationName}.`,
      'The Virtual Forum is the secure workspace where organizations fighting human trafficking share their projects.',
      'To accept, open this link and choose a password:',
      '',
      a.link,
      '',
      'The link works once and is valid for 72 hours.',
      '',
      `This message was sent by ${SENDER} on behalf of ${a.inviterName}.`,
      NOT_YOU,
      '',
      SIGNATURE,
    ),
  };
}

/** Sent instead of an invitation when the address already has an account (nothing is created). */
export function invitationExistingAccount(a: { name: string; organizationName: string; inviterName: string; signInLink: string; resetLink: string }): Message {
  return {
    subject: 'Virtual Forum: you were invited, but you already have an account',
    text: lines(
      `Dear ${a.name},`,
      '',
      `${a.inviterName} tried to invite you to the Virtual Forum as part of ${a.organizationName},`,
      'but this address already has an account, so no new account was created.',
      '',
      `You can sign in at ${a.signInLink}`,
      `If you have forgotten your password, you can choose a new one at ${a.resetLink}`,
      'If your account should belong to a different organization, please contact the organizers, who will help.',
      '',
      SIGNATURE,
    ),
  };
}

export function passwordReset(a: { name: string; link: string }): Message {
  return {
    subject: 'Virtual Forum: choose a new password',
    text: lines(
      `Dear ${a.name},`,
      '',
      'Someone (we hope you) asked to reset the password of your Virtual Forum account.',
      'To choose a new password, open this link:',
      '',
      a.link,
      '',
      'The link works once and is valid for 1 hour. Choosing a new password signs out every other browser using your account.',
      'If you did not ask for this, you can ignore this message; your password stays as it is.',
      '',
      SIGNATURE,
    ),
  };
}

/**
 * The answer to a reset request for an address without an active account (unknown, pending,
 * suspended, or its organization suspended). It goes to the address that was typed, as the reset
 * mail does, so both paths do the same work (issue 10); it holds no link and says nothing to
 * anyone but the owner of that mailbox.
 */
export function passwordResetNoAccount(a: { applyLink: string }): Message {
  return {
    subject: 'Virtual Forum: choose a new password',
    text: lines(
      'Hello,',
      '',
      'Someone (we hope you) asked to reset the password of a Virtual Forum account for this address,',
      'but there is no active account with this address, so no password was changed and no link was made.',
      '',
      'If you have an account, you may have used another address; if your account was suspended, please contact the organizers.',
      `If your organization is not a member yet, it can apply at ${a.applyLink}`,
      'If you did not ask for this, you can ignore this message.',
      '',
      SIGNATURE,
    ),
  };
}
