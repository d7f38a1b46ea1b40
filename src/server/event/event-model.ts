// Events, their phases, sessions and rooms as the API shows them, and the queries that find them.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, EventRoomsTable, EventSessionsTable, EventsTable } from '../db/schema.js';
import { can, type Actor } from '../access/index.js';
import { problems } from '../http/problem.js';
import { addDays, todayIn } from './time.js';

export type EventRow = Selectable<EventsTable>;
export type SessionRow = Selectable<EventSessionsTable>;
export type RoomRow = Selectable<EventRoomsTable>;
type Db = Kysely<Database> | Transaction<Database>;

export const SESSION_TYPES = ['plenary', 'panel', 'workshop', 'special_event', 'side_event', 'exhibition', 'break', 'social'] as const;

/**
 * The phases around an event, in order. `upcoming` before the platform opens for it, `preparation`
 * while participants post and arrange meetings ahead of it, `event` during it, `follow_up` after
 * it, `closed` once the follow-up has ended. Dates are the venue's calendar dates.
 */
export const PHASES = ['upcoming', 'preparation', 'event', 'follow_up', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export function phasesOf(e: Pick<EventRow, 'opens_on' | 'starts_on' | 'ends_on' | 'follow_up_until' | 'time_zone'>, now = new Date()) {
  const today = todayIn(e.time_zone, now);
  const list = [
    { phase: 'preparation' as const, from: e.opens_on, until: addDays(e.starts_on, -1) },
    { phase: 'event' as const, from: e.starts_on, until: e.ends_on },
    { phase: 'follow_up' as const, from: addDays(e.ends_on, 1), until: e.follow_up_until },
  ].filter((p) => p.from <= p.until);
  const current: Phase =
    today < e.opens_on ? 'upcoming' : today < e.starts_on ? 'preparation' : today <= e.ends_on ? 'event' : today <= e.follow_up_until ? 'follow_up' : 'closed';
  return { today, current, phases: list };
}

export function serializeEvent(e: EventRow, now = new Date()) {
  const { today, current, phases } = phasesOf(e, now);
  return {
    id: e.id,
    name: e.name,
    venue: e.venue,
    timeZone: e.time_zone,
    description: e.description,
    opensOn: e.opens_on,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    followUpUntil: e.follow_up_until,
    current: e.is_current,
    today,
    phase: current,
    phases,
  };
}

/** The event named by id, or the one marked current; 404 if there is none. */
export async function findEvent(db: Db, eventId?: string): Promise<EventRow> {
  const row = await db
    .selectFrom('events')
    .selectAll()
    .$if(Boolean(eventId), (q) => q.where('id', '=', eventId!))
    .$if(!eventId, (q) => q.where('is_current', '=', true))
    .executeTakeFirst();
  if (!row) throw problems.notFound(eventId ? undefined : 'No event is marked current yet.');
  return row;
}

export async function sessionGuests(db: Db, sessionIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (sessionIds.length === 0) return map;
  const rows = await db.selectFrom('event_session_guests').select(['session_id', 'organization_id']).where('session_id', 'in', sessionIds).execute();
  for (const r of rows) map.set(r.session_id, [...(map.get(r.session_id) ?? []), r.organization_id]);
  return map;
}

export function serializeSession(actor: Actor, s: SessionRow, guests: string[], inAgenda: boolean) {
  const facts = { closed: s.closed, guestOrganizationIds: guests };
  return {
    id: s.id,
    eventId: s.event_id,
    code: s.code,
    title: s.title,
    theme: s.theme,
    type: s.type,
    start: s.starts_at.toISOString(),
    end: s.ends_at.toISOString(),
    room: s.room,
    closed: s.closed,
    closedNote: s.closed_note,
    description: s.description,
    speakers: s.speakers.map((x) => ({ name: x.name, affiliation: x.affiliation })),
    inAgenda,
    permissions: { attend: can(actor, 'attend', 'eventSession', facts), update: can(actor, 'update', 'eventSession', facts) },
  };
}

export function serializeRoom(r: RoomRow) {
  return { id: r.id, eventId: r.event_id, name: r.name, capacity: r.capacity, equipment: r.equipment, opensAt: r.opens_at, closesAt: r.closes_at };
}
