// Sessions and meetings as calendar entries. Meeting entries carry the topic, room and a link to
// the meeting page, never the titles of linked posts: a calendar file travels further than the
// page (shared calendars, phones), and the page shows each reader only the posts they may see.
import type { EventRow, SessionRow } from './event-model.js';
import type { IcsEvent } from './ics.js';
import type { LoadedMeeting } from './meeting-store.js';
import { partsIn } from './time.js';

const venueTime = (date: Date, tz: string) => {
  const p = partsIn(date, tz);
  return `${p.date} ${p.time}`;
};

export function sessionIcsEvent(event: Pick<EventRow, 'id' | 'name' | 'venue' | 'time_zone'>, s: SessionRow, publicUrl: string): IcsEvent {
  const lines = [
    `${event.name}, session ${s.code}.`,
    s.theme ? `Theme: ${s.theme}.` : null,
    s.closed ? `Closed session${s.closed_note ? `: ${s.closed_note}` : ''}.` : null,
    `Venue time (${event.time_zone}): ${venueTime(s.starts_at, event.time_zone)} to ${partsIn(s.ends_at, event.time_zone).time}.`,
    s.speakers.length ? `Speakers: ${s.speakers.map((x) => (x.affiliation ? `${x.name} (${x.affiliation})` : x.name)).join('; ')}.` : null,
    s.description || null,
  ].filter(Boolean);
  return {
    uid: `session-${s.id}@virtual-forum`,
    start: s.starts_at,
    end: s.ends_at,
    summary: `${s.code}: ${s.title}`,
    description: lines.join('\n'),
    location: [s.room, event.venue].filter(Boolean).join(', '),
    url: `${publicUrl}/event?session=${encodeURIComponent(s.code)}`,
    status: 'CONFIRMED',
    categories: [s.type.replace('_', ' ')],
  };
}

/** A meeting as a calendar entry: its confirmed slot, or nothing while it is only proposed. */
export function meetingIcsEvent(m: LoadedMeeting, publicUrl: string): IcsEvent | null {
  const slot = m.slots.find((s) => s.id === m.row.confirmed_slot_id);
  if (!slot) return null;
  const where = m.row.mode === 'virtual' ? 'Virtual meeting (private space on the Virtual Forum)' : [m.room?.name, m.event.venue].filter(Boolean).join(', ');
  return {
    uid: `meeting-${m.row.id}@virtual-forum`,
    start: slot.starts_at,
    end: slot.ends_at,
    summary: `Meeting: ${m.row.topic}`,
    description: [
      `Proposed by ${m.proposer.name} (${m.proposer.organization.name}).`,
      `Venue time (${m.event.time_zone}): ${venueTime(slot.starts_at, m.event.time_zone)} to ${partsIn(slot.ends_at, m.event.time_zone).time}.`,
      `Agenda, notes and discussion: ${publicUrl}/meetings/${m.row.id}`,
    ].join('\n'),
    location: where,
    url: `${publicUrl}/meetings/${m.row.id}`,
    status: m.row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: m.row.revision,
    lastModified: m.row.updated_at,
  };
}
