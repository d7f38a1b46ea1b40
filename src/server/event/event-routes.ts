// The event: what it is and which phase it is in, its programme with a calendar file per
// session, and the organizers' configuration of events, sessions and rooms.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { authorize, type Actor } from '../access/index.js';
import { requireActor } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { findEvent, serializeEvent, serializeRoom, serializeSession, sessionGuests, type EventRow, type SessionRow } from './event-model.js';
import {
  Availability, CodeParams, CreateEventBody, CreateRoomBody, CreateSessionBody, Event, EventQuery, IdParams, IsoDate, Room, RoomList, RoomsQuery, Session, SessionList,
  SessionsQuery, UpdateEventBody, UpdateRoomBody, UpdateSessionBody, Uuid,
} from './event-schemas.js';
import { icsFileName, writeCalendar } from './ics.js';
import { sessionIcsEvent } from './calendar.js';
import { availableRooms, bookingsOn } from './rooms.js';
import { loadMeeting, meetingHeadCount } from './meeting-store.js';
import { addDays, isTimeZone, minutesOf, zonedToUtc } from './time.js';
import type { Kysely, Transaction } from 'kysely';

type Db = Kysely<Database> | Transaction<Database>;

export function sendIcs(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${icsFileName(name)}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

function checkEventDates(d: { opensOn: string; startsOn: string; endsOn: string; followUpUntil: string; timeZone: string }): void {
  const errors: FieldError[] = [];
  if (!isTimeZone(d.timeZone)) errors.push(fieldError('timeZone', 'is not a known IANA time zone'));
  if (d.opensOn > d.startsOn) errors.push(fieldError('opensOn', 'must be on or before startsOn'));
  if (d.startsOn > d.endsOn) errors.push(fieldError('endsOn', 'must be on or after startsOn'));
  if (d.endsOn > d.followUpUntil) errors.push(fieldError('followUpUntil', 'must be on or after endsOn'));
  if (errors.length) throw problems.validation(errors);
}

async function sessionsOf(db: Db, actor: Actor, event: EventRow, rows: SessionRow[]) {
  const guests = await sessionGuests(db, rows.map((r) => r.id));
  const mine = rows.length
    ? new Set((await db.selectFrom('agenda_sessions').select('session_id').where('user_id', '=', actor.id).where('session_id', 'in', rows.map((r) => r.id)).execute()).map((r) => r.session_id))
    : new Set<string>();
  return rows.map((r) => serializeSession(actor, r, guests.get(r.id) ?? [], mine.has(r.id)));
}

async function findSession(db: Db, eventId: string, code: string): Promise<SessionRow> {
  const row = await db.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).where('code', '=', code).executeTakeFirst();
  if (!row) throw problems.notFound();
  return row;
}

async function checkOrganizations(db: Db, ids: string[] | undefined, field: string): Promise<void> {
  if (!ids?.length) return;
  const found = await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) throw problems.validation([fieldError(field, 'names an organization that does not exist')]);
}

/** Speakers as stored: names and affiliations trimmed, an absent affiliation empty. */
const speakersOf = (list: { name: string; affiliation?: string }[] | undefined) => (list ?? []).map((x) => ({ name: x.name.trim(), affiliation: x.affiliation?.trim() ?? '' }));

function checkSessionTimes(event: EventRow, start: Date, end: Date): void {
  if (start >= end) throw problems.validation([fieldError('end', 'must be after start')]);
  // A programme item may fall on a day around the event (the Parliamentary Forum met the day before).
  const from = zonedToUtc(addDays(event.opens_on, 0), '00:00', event.time_zone);
  const until = zonedToUtc(addDays(event.follow_up_until, 1), '00:00', event.time_zone);
  if (start < from || end > until) throw problems.validation([fieldError('start', 'must fall between the opening of the platform and the end of the follow-up')]);
}

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get('/api/v1/event', { schema: { tags: ['event'], summary: 'The current event (or the one named), its phases and which one is now', querystring: EventQuery, response: { 200: Event } } }, async (request) => {
    requireActor(request);
    return serializeEvent(await findEvent(db, request.query.eventId));
  });

  app.get('/api/v1/events', { schema: { tags: ['event'], summary: 'Every event, latest first', response: { 200: Type.Object({ items: Type.Array(Event) }) } } }, async (request) => {
    requireActor(request);
    const rows = await db.selectFrom('events').selectAll().orderBy('starts_on', 'desc').execute();
    return { items: rows.map((r) => serializeEvent(r)) };
  });

  app.post('/api/v1/events', { schema: { tags: ['event'], summary: 'Create an event (organizers)', body: CreateEventBody, response: { 201: Event } } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'create', 'event', { id: '' });
    const b = request.body;
    checkEventDates(b);
    const row = await db.transaction().execute(async (tx) => {
      if (b.current) await tx.updateTable('events').set({ is_current: false }).where('is_current', '=', true).execute();
      return tx
        .insertInto('events')
        .values({ name: b.name.trim(), venue: b.venue.trim(), time_zone: b.timeZone, description: b.description ?? '', opens_on: b.opensOn, starts_on: b.startsOn, ends_on: b.endsOn, follow_up_until: b.followUpUntil, is_current: b.current ?? false })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return reply.code(201).send(serializeEvent(row));
  });

  app.patch('/api/v1/events/:id', { schema: { tags: ['event'], summary: 'Change an event, its phases, or mark it current (organizers)', params: IdParams, body: UpdateEventBody, response: { 200: Event } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'update', 'event', { id: request.params.id });
    const b = request.body;
    const row = await db.transaction().execute(async (tx) => {
      const e = await findEvent(tx, request.params.id);
      const next = {
        opensOn: b.opensOn ?? e.opens_on, startsOn: b.startsOn ?? e.starts_on, endsOn: b.endsOn ?? e.ends_on, followUpUntil: b.followUpUntil ?? e.follow_up_until, timeZone: b.timeZone ?? e.time_zone,
      };
      checkEventDates(next);
      if (b.current) await tx.updateTable('events').set({ is_current: false }).where('is_current', '=', true).where('id', '!=', e.id).execute();
      return tx
        .updateTable('events')
        .set({
          name: b.name?.trim() ?? e.name, venue: b.venue?.trim() ?? e.venue, description: b.description ?? e.description, time_zone: next.timeZone,
          opens_on: next.opensOn, starts_on: next.startsOn, ends_on: next.endsOn, follow_up_until: next.followUpUntil, is_current: b.current ?? e.is_current,
        })
        .where('id', '=', e.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return serializeEvent(row);
  });

  // ---- the programme

  app.get('/api/v1/event/sessions', { schema: { tags: ['event'], summary: 'The programme: every session of the event, in time order', querystring: SessionsQuery, response: { 200: SessionList } } }, async (request) => {
    const actor = requireActor(request);
    const event = await findEvent(db, request.query.eventId);
    let query = db.selectFrom('event_sessions').selectAll().where('event_id', '=', event.id);
    if (request.query.day) {
      query = query
        .where('starts_at', '>=', zonedToUtc(request.query.day, '00:00', event.time_zone))
        .where('starts_at', '<', zonedToUtc(addDays(request.query.day, 1), '00:00', event.time_zone));
    }
    const rows = await query.orderBy('starts_at').orderBy('position').orderBy('code').execute();
    return { event: serializeEvent(event), items: await sessionsOf(db, actor, event, rows) };
  });

  app.get('/api/v1/event/sessions/:code', { schema: { tags: ['event'], summary: 'One session', params: CodeParams, querystring: EventQuery, response: { 200: Session } } }, async (request) => {
    const actor = requireActor(request);
    const event = await findEvent(db, request.query.eventId);
    const [item] = await sessionsOf(db, actor, event, [await findSession(db, event.id, request.params.code)]);
    return item!;
  });

  app.get('/api/v1/event/sessions/:code/ics', { schema: { tags: ['event'], summary: 'One session as an iCalendar file (RFC 5545)', params: CodeParams, querystring: EventQuery } }, async (request, reply) => {
    requireActor(request);
    const event = await findEvent(db, request.query.eventId);
    const session = await findSession(db, event.id, request.params.code);
    const body = writeCalendar({ name: `${event.name}: ${session.code}`, events: [sessionIcsEvent(event, session, app.config.publicUrl)] });
    return sendIcs(reply, `${event.name}-${session.code}`, body);
  });

  app.post('/api/v1/events/:id/sessions', { schema: { tags: ['event'], summary: 'Add a session to the programme (organizers)', params: IdParams, body: CreateSessionBody, response: { 201: Session } } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'create', 'eventSession', { closed: false, guestOrganizationIds: [] });
    const event = await findEvent(db, request.params.id);
    const b = request.body;
    const start = new Date(b.start);
    const end = new Date(b.end);
    checkSessionTimes(event, start, end);
    await checkOrganizations(db, b.guestOrganizationIds, 'guestOrganizationIds');
    const row = await db.transaction().execute(async (tx) => {
      const exists = await tx.selectFrom('event_sessions').select('id').where('event_id', '=', event.id).where('code', '=', b.code).executeTakeFirst();
      if (exists) throw problems.validation([fieldError('code', 'is already used by another session of this event')]);
      const s = await tx
        .insertInto('event_sessions')
        .values({
          event_id: event.id, code: b.code, title: b.title.trim(), theme: b.theme ?? null, type: b.type, starts_at: start, ends_at: end, room: b.room ?? null,
          closed: b.closed ?? false, closed_note: b.closedNote ?? null, description: b.description ?? '', position: b.position ?? 0,
          speakers: JSON.stringify(speakersOf(b.speakers)),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (b.guestOrganizationIds?.length) await tx.insertInto('event_session_guests').values([...new Set(b.guestOrganizationIds)].map((o) => ({ session_id: s.id, organization_id: o }))).execute();
      return s;
    });
    const [item] = await sessionsOf(db, actor, event, [row]);
    return reply.code(201).send(item!);
  });

  app.patch('/api/v1/events/:id/sessions/:code', { schema: { tags: ['event'], summary: 'Change a session (organizers)', params: Type.Object({ id: Uuid, code: Type.String() }), body: UpdateSessionBody, response: { 200: Session } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'update', 'eventSession', { closed: false, guestOrganizationIds: [] });
    const event = await findEvent(db, request.params.id);
    const b = request.body;
    await checkOrganizations(db, b.guestOrganizationIds, 'guestOrganizationIds');
    const row = await db.transaction().execute(async (tx) => {
      const s = await findSession(tx, event.id, request.params.code);
      const start = b.start ? new Date(b.start) : s.starts_at;
      const end = b.end ? new Date(b.end) : s.ends_at;
      checkSessionTimes(event, start, end);
      if (b.code && b.code !== s.code) {
        const exists = await tx.selectFrom('event_sessions').select('id').where('event_id', '=', event.id).where('code', '=', b.code).executeTakeFirst();
        if (exists) throw problems.validation([fieldError('code', 'is already used by another session of this event')]);
      }
      const updated = await tx
        .updateTable('event_sessions')
        .set({
          code: b.code ?? s.code, title: b.title?.trim() ?? s.title, theme: b.theme !== undefined ? b.theme : s.theme, type: b.type ?? s.type, starts_at: start, ends_at: end,
          room: b.room !== undefined ? b.room : s.room, closed: b.closed ?? s.closed, closed_note: b.closedNote !== undefined ? b.closedNote : s.closed_note, description: b.description ?? s.description,
          position: b.position ?? s.position, speakers: JSON.stringify(b.speakers ? speakersOf(b.speakers) : s.speakers),
        })
        .where('id', '=', s.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (b.guestOrganizationIds) {
        await tx.deleteFrom('event_session_guests').where('session_id', '=', s.id).execute();
        if (b.guestOrganizationIds.length) await tx.insertInto('event_session_guests').values([...new Set(b.guestOrganizationIds)].map((o) => ({ session_id: s.id, organization_id: o }))).execute();
      }
      return updated;
    });
    const [item] = await sessionsOf(db, actor, event, [row]);
    return item!;
  });

  app.delete('/api/v1/events/:id/sessions/:code', { schema: { tags: ['event'], summary: 'Remove a session (organizers)', params: Type.Object({ id: Uuid, code: Type.String() }) } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'delete', 'eventSession', { closed: false, guestOrganizationIds: [] });
    const event = await findEvent(db, request.params.id);
    const s = await findSession(db, event.id, request.params.code);
    await db.deleteFrom('event_sessions').where('id', '=', s.id).execute();
    return reply.code(204).send();
  });

  // ---- rooms

  app.get('/api/v1/rooms', { schema: { tags: ['rooms'], summary: 'Office space at the venue; with seats and a time slot, only rooms that fit and are free', querystring: RoomsQuery, response: { 200: RoomList } } }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    let event = await findEvent(db, q.eventId);
    let seats = q.seats ?? 1;
    if ((q.start === undefined) !== (q.end === undefined)) throw problems.validation([fieldError(q.start ? 'end' : 'start', 'is required together with the other end of the slot')]);
    const slot = q.start && q.end ? { start: new Date(q.start), end: new Date(q.end) } : undefined;
    if (slot && slot.start >= slot.end) throw problems.validation([fieldError('end', 'must be after start')]);
    if (q.meetingId) {
      // The seats a meeting needs, if the asker may see it (otherwise it does not exist): for one
      // of its proposed times, the people who accepted that time.
      const meeting = await loadMeeting(db, actor, q.meetingId);
      if (!q.eventId) event = await findEvent(db, meeting.row.event_id);
      const proposed = slot && meeting.slots.find((s) => s.starts_at.getTime() === slot.start.getTime() && s.ends_at.getTime() === slot.end.getTime());
      seats = Math.max(seats, meetingHeadCount(meeting, proposed ? proposed.id : undefined));
    }
    const rooms = await availableRooms(db, event, seats, slot, q.meetingId);
    return { items: rooms.map(serializeRoom) };
  });

  app.get(
    '/api/v1/rooms/availability',
    { schema: { tags: ['rooms'], summary: 'Every room and its bookings on one day of the event (organizers)', querystring: Type.Object({ eventId: Type.Optional(Uuid), date: Type.Optional(IsoDate) }), response: { 200: Availability } } },
    async (request) => {
      const actor = requireActor(request);
      const event = await findEvent(db, request.query.eventId);
      authorize(actor, 'readBookings', 'room', { eventId: event.id });
      const date = request.query.date ?? event.starts_on;
      const from = zonedToUtc(date, '00:00', event.time_zone);
      const to = zonedToUtc(addDays(date, 1), '00:00', event.time_zone);
      const rooms = await db.selectFrom('event_rooms').selectAll().where('event_id', '=', event.id).orderBy('name').execute();
      const bookings = await bookingsOn(db, event, from, to);
      return {
        event: serializeEvent(event),
        date,
        rooms: rooms.map((r) => ({
          room: serializeRoom(r),
          bookings: bookings.filter((b) => b.room_id === r.id).map((b) => ({ meetingId: b.meeting_id, topic: b.topic, start: b.starts_at.toISOString(), end: b.ends_at.toISOString() })),
        })),
      };
    },
  );

  const checkHours = (opensAt: string, closesAt: string) => {
    if (minutesOf(opensAt) >= minutesOf(closesAt)) throw problems.validation([fieldError('closesAt', 'must be after opensAt')]);
  };
  const duplicateName = (error: unknown) => (error as { code?: string }).code === '23505';

  app.post('/api/v1/events/:id/rooms', { schema: { tags: ['rooms'], summary: 'Add a room at the venue (organizers)', params: IdParams, body: CreateRoomBody, response: { 201: Room } } }, async (request, reply) => {
    const actor = requireActor(request);
    const event = await findEvent(db, request.params.id);
    authorize(actor, 'create', 'room', { eventId: event.id });
    const b = request.body;
    checkHours(b.opensAt, b.closesAt);
    try {
      const row = await db
        .insertInto('event_rooms')
        .values({ event_id: event.id, name: b.name.trim(), capacity: b.capacity, equipment: b.equipment ?? [], opens_at: b.opensAt, closes_at: b.closesAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      return reply.code(201).send(serializeRoom(row));
    } catch (error) {
      if (duplicateName(error)) throw problems.validation([fieldError('name', 'is already the name of another room of this event')]);
      throw error;
    }
  });

  app.patch('/api/v1/rooms/:id', { schema: { tags: ['rooms'], summary: 'Change a room (organizers)', params: IdParams, body: UpdateRoomBody, response: { 200: Room } } }, async (request) => {
    const actor = requireActor(request);
    const room = await db.selectFrom('event_rooms').selectAll().where('id', '=', request.params.id).executeTakeFirst();
    if (!room) throw problems.notFound();
    authorize(actor, 'update', 'room', { eventId: room.event_id });
    const b = request.body;
    const next = { opensAt: b.opensAt ?? room.opens_at, closesAt: b.closesAt ?? room.closes_at };
    checkHours(next.opensAt, next.closesAt);
    try {
      const row = await db
        .updateTable('event_rooms')
        .set({ name: b.name?.trim() ?? room.name, capacity: b.capacity ?? room.capacity, equipment: b.equipment ?? room.equipment, opens_at: next.opensAt, closes_at: next.closesAt })
        .where('id', '=', room.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return serializeRoom(row);
    } catch (error) {
      if (duplicateName(error)) throw problems.validation([fieldError('name', 'is already the name of another room of this event')]);
      throw error;
    }
  });

  app.delete('/api/v1/rooms/:id', { schema: { tags: ['rooms'], summary: 'Remove a room that has no bookings (organizers)', params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const room = await db.selectFrom('event_rooms').selectAll().where('id', '=', request.params.id).executeTakeFirst();
    if (!room) throw problems.notFound();
    authorize(actor, 'delete', 'room', { eventId: room.event_id });
    const booked = await db.selectFrom('room_bookings').select('id').where('room_id', '=', room.id).executeTakeFirst();
    if (booked) throw problems.conflict('room-booked', 'This room has bookings. Cancel or move those meetings first.');
    await db.deleteFrom('event_rooms').where('id', '=', room.id).execute();
    return reply.code(204).send();
  });
};
