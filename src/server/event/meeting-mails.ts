// The mails about meetings: an invitation, a confirmed time and room, a change, a cancellation.
// They name the topic, the time (venue and UTC) and the room, and link to the meeting page; they
// never quote linked posts, whose titles some recipients may not be allowed to see.
import type { Message } from '../mail/messages.js';
import { partsIn } from './time.js';

const SENDER = 'the Virtual Forum of the Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)';
const lines = (...parts: (string | null | false)[]): string => parts.filter((p) => p !== null && p !== false).join('\n') + '\n';
const FOOTER = `You receive this because you, or your organization, were invited to this meeting on ${SENDER}. Only the people invited and the organizers can see it.`;

export interface MeetingMailFacts {
  topic: string;
  proposerName: string;
  proposerOrganization: string;
  eventName: string;
  timeZone: string;
  mode: 'in_person' | 'virtual';
  link: string;
}

export function describeSlot(start: Date, end: Date, timeZone: string): string {
  const a = partsIn(start, timeZone);
  const b = partsIn(end, timeZone);
  const utc = `${start.toISOString().slice(0, 16).replace('T', ' ')}–${end.toISOString().slice(11, 16)} UTC`;
  return `${a.date} ${a.time}–${b.time} (${timeZone}; ${utc})`;
}

export function meetingInvitation(m: MeetingMailFacts & { slots: { start: Date; end: Date }[] }, recipientName: string): Message {
  return {
    subject: `Virtual Forum: meeting proposed: ${m.topic}`,
    text: lines(
      `Dear ${recipientName},`,
      '',
      `${m.proposerName} (${m.proposerOrganization}) proposes a meeting${m.mode === 'in_person' ? ` in person at ${m.eventName}` : ' (virtual)'}:`,
      '',
      `  ${m.topic}`,
      '',
      'Proposed times:',
      ...m.slots.map((s) => `  - ${describeSlot(s.start, s.end, m.timeZone)}`),
      '',
      'Please say which times suit you:',
      m.link,
      '',
      FOOTER,
    ),
  };
}

export function meetingConfirmed(m: MeetingMailFacts & { start: Date; end: Date; room: string | null }, recipientName: string): Message {
  return {
    subject: `Virtual Forum: meeting confirmed: ${m.topic}`,
    text: lines(
      `Dear ${recipientName},`,
      '',
      `The meeting "${m.topic}" is confirmed:`,
      '',
      `  When:  ${describeSlot(m.start, m.end, m.timeZone)}`,
      `  Where: ${m.mode === 'virtual' ? 'virtual, in the meeting space on the Virtual Forum' : (m.room ?? 'at the venue')}`,
      '',
      'Agenda, notes, discussion and a calendar file:',
      m.link,
      '',
      FOOTER,
    ),
  };
}

export function meetingChanged(m: MeetingMailFacts & { changes: string[] }, recipientName: string): Message {
  return {
    subject: `Virtual Forum: meeting changed: ${m.topic}`,
    text: lines(
      `Dear ${recipientName},`,
      '',
      `${m.proposerName} changed the meeting "${m.topic}":`,
      '',
      ...m.changes.map((c) => `  - ${c}`),
      '',
      'See the meeting and answer again if needed:',
      m.link,
      '',
      FOOTER,
    ),
  };
}

export function meetingCancelled(m: MeetingMailFacts & { by: string; reason: string | null }, recipientName: string): Message {
  return {
    subject: `Virtual Forum: meeting cancelled: ${m.topic}`,
    text: lines(
      `Dear ${recipientName},`,
      '',
      `The meeting "${m.topic}" was cancelled by ${m.by}.`,
      m.reason ? `Reason: ${m.reason}` : null,
      m.mode === 'in_person' ? 'Its room is free again.' : null,
      '',
      'The meeting page stays available as a record:',
      m.link,
      '',
      FOOTER,
    ),
  };
}

/** To someone taken off a meeting: which one and by whom; no link, as they may no longer open it. */
export function meetingRemoved(m: MeetingMailFacts, by: string, recipientName: string): Message {
  return {
    subject: `Virtual Forum: you were taken off a meeting: ${m.topic}`,
    text: lines(
      `Dear ${recipientName},`,
      '',
      `${by} took you off the meeting "${m.topic}"${m.mode === 'in_person' ? ` at ${m.eventName}` : ''}. It is no longer in your meetings or your agenda, and you will not be told of it again.`,
      '',
      `If you think this is a mistake, write to ${m.proposerName} on the Virtual Forum.`,
    ),
  };
}
