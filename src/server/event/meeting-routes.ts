// Meetings between participants: proposed with topic, linked posts, invitees and time slots;
// answered by the invitees; confirmed by the proposer, which books a room for an in-person
// meeting (the database refuses a double booking, see migration 0006); changed or cancelled with
// notice to everyone; and a private space (agenda, notes, discussion) that stays as the record.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Transaction } from 'kysely';
import { Type } from 'typebox';
import { authorize, canSeePost, isOrganizer, visibleMeetingsFilter, type Actor } from '../access/index.js';
import { requireActor } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { factsOf } from '../exchange/post-model.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { StringEnum, SingleLine } from '../http/schema-helpers.js';
import { notify as notifyPeople } from '../notifications/notify.js';
import { notifyAndMail } from '../notifications/route-mail.js';
import type { NotificationKind } from '../../shared/notifications.js';
import type { Message } from '../mail/messages.js';
import { meetingIcsEvent } from './calendar.js';
import { findEvent, type EventRow } from './event-model.js';
import { sendIcs } from './event-routes.js';
import { IdParams, IsoDateTime, Meeting, MeetingList, Uuid } from './event-schemas.js';
import { writeCalendar } from './ics.js';
import { describeSlot, meetingCancelled, meetingChanged, meetingConfirmed, meetingInvitation, meetingRemoved, type MeetingMailFacts } from './meeting-mails.js';
import { loadMeeting, meetingHeadCount, notAnswered, participantsOf, readMeeting, readMeetings, serializeMeeting, type LoadedMeeting } from './meeting-store.js';
import { availableRooms, rangeOf, withinHours } from './rooms.js';

const MAX_SLOTS = 10;
const Seats = Type.Integer({ minimum: 1, maximum: 5000, description: 'Seats to book in person, if you know better than the count of those who accept (an organization may send several people).' });
const Slot = Type.Object({ start: IsoDateTime, end: IsoDateTime }, { additionalProperties: false });
const CreateMeetingBody = Type.Object(
  {
    eventId: Type.Optional(Uuid),
    topic: SingleLine({ minLength: 3, maxLength: 200 }),
    agenda: Type.Optional(Type.String({ maxLength: 5000 })),
    mode: StringEnum(['in_person', 'virtual'] as const),
    postIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
    invitees: Type.Object({ userIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })), organizationIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })) }, { additionalProperties: false }),
    slots: Type.Array(Slot, { minItems: 1, maxItems: MAX_SLOTS }),
    seats: Type.Optional(Seats),
  },
  { additionalProperties: false },
);
const UpdateMeetingBody = Type.Object(
  {
    topic: Type.Optional(SingleLine({ minLength: 3, maxLength: 200 })),
    agenda: Type.Optional(Type.String({ maxLength: 5000 })),
    slots: Type.Optional(Type.Array(Slot, { minItems: 1, maxItems: MAX_SLOTS, description: 'Replaces the proposed times; a confirmed meeting goes back to proposed and its room is freed.' })),
    seats: Type.Optional(Type.Union([Seats, Type.Null()], { description: 'null: count the proposer and those who accept.' })),
    revision: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  },
  { additionalProperties: false },
);
const AnswersBody = Type.Object({ answers: Type.Array(Type.Object({ slotId: Uuid, answer: StringEnum(['yes', 'no'] as const) }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_SLOTS }) }, { additionalProperties: false });
const ConfirmBody = Type.Object(
  { slotId: Uuid, roomId: Type.Optional(Uuid), anyway: Type.Optional(Type.Boolean({ description: 'Confirm although nobody invited has answered yet.' })) },
  { additionalProperties: false },
);
const InviteesBody = Type.Object(
  { userIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })), organizationIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })) },
  { additionalProperties: false },
);
const CancelBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
const NotesBody = Type.Object({ notes: Type.String({ maxLength: 50_000 }) }, { additionalProperties: false });
const MessageBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });
const ListQuery = Type.Object({ eventId: Type.Optional(Uuid), status: Type.Optional(StringEnum(['proposed', 'confirmed', 'cancelled'] as const)), all: Type.Optional(Type.Boolean({ description: 'Organizers: every meeting, not only their own.' })) });

type Tx = Transaction<Database>;

function checkSlots(event: EventRow, mode: 'in_person' | 'virtual', slots: { start: string; end: string }[], now = new Date()): { start: Date; end: Date }[] {
  const errors: FieldError[] = [];
  const parsed = slots.map((s, i) => {
    const start = new Date(s.start);
    const end = new Date(s.end);
    if (start >= end) errors.push(fieldError(`slots.${i}.end`, 'must be after the start'));
    else if (end.getTime() - start.getTime() > 12 * 3_600_000) errors.push(fieldError(`slots.${i}.end`, 'must be at most 12 hours after the start'));
    if (start <= now) errors.push(fieldError(`slots.${i}.start`, 'must be in the future'));
    // Office space exists at the venue on the days of the event only.
    if (mode === 'in_person' && !withinHours(event, { opens_at: '00:00', closes_at: '24:00' }, start, end)) {
      errors.push(fieldError(`slots.${i}.start`, `must fall on a day of ${event.name} (${event.starts_on} to ${event.ends_on}, ${event.time_zone}) for a meeting in person`));
    }
    return { start, end };
  });
  if (errors.length) throw problems.validation(errors);
  return parsed;
}

function mailFacts(m: LoadedMeeting, publicUrl: string): MeetingMailFacts {
  return {
    topic: m.row.topic,
    proposerName: m.proposer.name,
    proposerOrganization: m.proposer.organization.name,
    eventName: m.event.name,
    timeZone: m.event.time_zone,
    mode: m.row.mode,
    link: `${publicUrl}/meetings/${m.row.id}`,
  };
}

/**
 * Tells every participant but the one who acted: a notification (src/server/notifications), and
 * this mail at once to those who want this kind immediately (the others get it in their digest),
 * with the one-click unsubscribe; only to those the notification reached (active, may see it).
 */
async function notify(tx: Tx, publicUrl: string, m: LoadedMeeting, exceptUserId: string, kind: NotificationKind, build: (name: string) => Message, details: Record<string, unknown> = {}): Promise<void> {
  const people = (await participantsOf(tx, m)).filter((p) => p.id !== exceptUserId);
  if (people.length === 0) return;
  await notifyAndMail(tx, publicUrl, { kind, actorId: exceptUserId, recipients: { users: people.map((p) => p.id) }, meetingId: m.row.id, subject: { type: 'meeting', id: m.row.id }, url: `/meetings/${m.row.id}`, details }, people, (p) => build(p.name));
}

const isExclusionViolation = (error: unknown) => (error as { code?: string }).code === '23P01';

export const meetingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  const publicUrl = app.config.publicUrl;

  async function answer(actor: Actor, id: string) {
    return serializeMeeting(actor, await loadMeeting(db, actor, id));
  }

  app.get('/api/v1/meetings', { schema: { tags: ['meetings'], summary: 'Meetings you proposed or are invited to (organizers: all=true for every meeting)', querystring: ListQuery, response: { 200: MeetingList } } }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    const mineOnly = !(q.all && isOrganizer(actor));
    const rows = await db
      .selectFrom('meetings as m')
      .select('m.id')
      .where(visibleMeetingsFilter(actor))
      .$if(mineOnly && isOrganizer(actor), (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('m.proposer_id', '=', actor.id),
            eb.exists(eb.selectFrom('meeting_invitees as mi').select('mi.id').whereRef('mi.meeting_id', '=', 'm.id').where((w) => w.or([w('mi.user_id', '=', actor.id), w('mi.organization_id', '=', actor.organizationId)]))),
          ]),
        ),
      )
      .$if(Boolean(q.eventId), (qb) => qb.where('m.event_id', '=', q.eventId!))
      .$if(Boolean(q.status), (qb) => qb.where('m.status', '=', q.status!))
      .orderBy('m.created_at', 'desc')
      .limit(200)
      .execute();
    return { items: (await readMeetings(db, rows.map((r) => r.id))).map((m) => serializeMeeting(actor, m)) };
  });

  app.get(
    '/api/v1/meetings/invitable',
    { schema: { tags: ['meetings'], summary: 'People and organizations you can invite, by name', querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }) }) } },
    async (request) => {
      const actor = requireActor(request);
      const like = `%${request.query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const [people, organizations] = await Promise.all([
        db
          .selectFrom('users as u')
          .innerJoin('organizations as o', 'o.id', 'u.organization_id')
          .select(['u.id', 'u.name', 'o.id as org_id', 'o.name as org_name'])
          .where('u.status', '=', 'active')
          .where('o.status', '=', 'active')
          .where('u.id', '!=', actor.id)
          .where((eb) => eb.or([eb('u.name', 'ilike', like), eb('o.name', 'ilike', like)]))
          .orderBy('u.name')
          .limit(20)
          .execute(),
        db.selectFrom('organizations').select(['id', 'name']).where('status', '=', 'active').where('name', 'ilike', like).orderBy('name').limit(20).execute(),
      ]);
      return {
        people: people.map((p) => ({ id: p.id, name: p.name, organization: { id: p.org_id, name: p.org_name } })),
        organizations,
      };
    },
  );

  app.post('/api/v1/meetings', { schema: { tags: ['meetings'], summary: 'Propose a meeting', body: CreateMeetingBody, response: { 201: Meeting } } }, async (request, reply) => {
    const actor = requireActor(request);
    const b = request.body;
    const event = await findEvent(db, b.eventId);
    const slots = checkSlots(event, b.mode, b.slots);
    const userIds = [...new Set(b.invitees.userIds ?? [])].filter((u) => u !== actor.id);
    const orgIds = [...new Set(b.invitees.organizationIds ?? [])];
    const errors: FieldError[] = [];
    if (userIds.length + orgIds.length === 0) errors.push(fieldError('invitees', 'must name at least one person or organization other than you'));
    if (userIds.length) {
      const found = await db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select('u.id').where('u.id', 'in', userIds).where('u.status', '=', 'active').where('o.status', '=', 'active').execute();
      if (found.length !== userIds.length) errors.push(fieldError('invitees.userIds', 'names a person who is not an active participant'));
    }
    if (orgIds.length) {
      const found = await db.selectFrom('organizations').select('id').where('id', 'in', orgIds).where('status', '=', 'active').execute();
      if (found.length !== orgIds.length) errors.push(fieldError('invitees.organizationIds', 'names an organization that is not an active participant'));
    }
    // Only posts the proposer may see can be linked; others answer exactly like missing ones.
    const postIds = [...new Set(b.postIds ?? [])];
    if (postIds.length) {
      const posts = await db.selectFrom('posts').select(['id', 'kind', 'audience', 'organization_id', 'hidden_at', 'published_at']).where('id', 'in', postIds).execute();
      const seen = new Set(posts.filter((p) => canSeePost(actor, factsOf(p))).map((p) => p.id));
      postIds.forEach((id, i) => {
        if (!seen.has(id)) errors.push(fieldError(`postIds.${i}`, 'is not a post you can see'));
      });
    }
    if (b.mode === 'in_person' && errors.length === 0 && b.seats) {
      const big = await availableRooms(db, event, b.seats);
      if (big.length === 0) errors.push(fieldError('seats', `are too many for the rooms at the venue: no room has ${b.seats} seats`));
    }
    if (errors.length) throw problems.validation(errors);

    const id = await db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('meetings')
        .values({ event_id: event.id, topic: b.topic.trim(), agenda: b.agenda ?? '', mode: b.mode, proposer_id: actor.id, proposer_organization_id: actor.organizationId, seats: b.seats ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('meeting_slots').values(slots.map((s) => ({ meeting_id: id, starts_at: s.start, ends_at: s.end }))).execute();
      const invitees = [...userIds.map((u) => ({ meeting_id: id, user_id: u, organization_id: null })), ...orgIds.map((o) => ({ meeting_id: id, user_id: null, organization_id: o }))];
      await tx.insertInto('meeting_invitees').values(invitees).execute();
      if (postIds.length) await tx.insertInto('meeting_posts').values(postIds.map((p) => ({ meeting_id: id, post_id: p }))).execute();
      const m = (await readMeeting(tx, id))!;
      await notify(tx, publicUrl, m, actor.id, 'meeting_invitation', (name) => meetingInvitation({ ...mailFacts(m, publicUrl), slots: slots }, name));
      return id;
    });
    return reply.code(201).header('location', `/api/v1/meetings/${id}`).send(await answer(actor, id));
  });

  app.get('/api/v1/meetings/:id', { schema: { tags: ['meetings'], summary: 'One meeting (invitees and organizers only)', params: IdParams, response: { 200: Meeting } } }, async (request) => answer(requireActor(request), request.params.id));

  app.put('/api/v1/meetings/:id/answers', { schema: { tags: ['meetings'], summary: 'Accept or decline proposed slots', params: IdParams, body: AnswersBody, response: { 200: Meeting } } }, async (request) => {
    const actor = requireActor(request);
    await db.transaction().execute(async (tx) => {
      const m = await loadMeeting(tx, actor, request.params.id, { forUpdate: true });
      authorize(actor, 'answer', 'meeting', m.facts);
      if (m.row.status !== 'proposed') throw problems.conflict('meeting-not-open', 'This meeting is no longer open for answers.');
      const slotIds = new Set(m.slots.map((s) => s.id));
      const errors = request.body.answers.flatMap((a, i) => (slotIds.has(a.slotId) ? [] : [fieldError(`answers.${i}.slotId`, 'is not a proposed time of this meeting')]));
      if (errors.length) throw problems.validation(errors);
      for (const a of request.body.answers) {
        await tx
          .insertInto('meeting_answers')
          .values({ slot_id: a.slotId, user_id: actor.id, answer: a.answer })
          .onConflict((oc) => oc.columns(['slot_id', 'user_id']).doUpdateSet({ answer: a.answer, answered_at: new Date() }))
          .execute();
      }
      await notifyPeople(tx, { kind: 'meeting_answer', actorId: actor.id, recipients: { users: [m.row.proposer_id] }, meetingId: m.row.id, subject: { type: 'meeting', id: m.row.id }, url: `/meetings/${m.row.id}` });
    });
    return answer(actor, request.params.id);
  });

  app.post('/api/v1/meetings/:id/confirm', { schema: { tags: ['meetings'], summary: 'Confirm one slot; in person, this books a room', params: IdParams, body: ConfirmBody, response: { 200: Meeting } } }, async (request) => {
    const actor = requireActor(request);
    const { slotId, roomId, anyway } = request.body;
    try {
      await db.transaction().execute(async (tx) => {
        const m = await loadMeeting(tx, actor, request.params.id, { forUpdate: true });
        authorize(actor, 'confirm', 'meeting', m.facts);
        if (m.row.status !== 'proposed') throw problems.conflict('meeting-not-open', `This meeting is already ${m.row.status}.`);
        const slot = m.slots.find((s) => s.id === slotId);
        if (!slot) throw problems.validation([fieldError('slotId', 'is not a proposed time of this meeting')]);
        if (slot.starts_at <= new Date()) throw problems.validation([fieldError('slotId', 'has already begun')]);
        // Nobody has answered: the proposer confirms only knowingly (issue 13), seeing who has not.
        if (m.answers.length === 0 && !anyway) {
          const waiting = notAnswered(m);
          const names = [...waiting.people.map((p) => `${p.name} (${p.organization.name})`), ...waiting.organizations.map((o) => o.name)];
          throw problems.conflict('meeting-unanswered', `Nobody invited has answered yet (${names.join(', ')}). Confirm anyway, or wait for their answers.`, { notAnswered: waiting });
        }
        let room: { id: string; name: string } | null = null;
        if (m.row.mode === 'in_person') {
          const event = await findEvent(tx, m.row.event_id);
          const seats = meetingHeadCount(m, slot.id);
          if (roomId) {
            const r = await tx.selectFrom('event_rooms').selectAll().where('id', '=', roomId).where('event_id', '=', event.id).executeTakeFirst();
            if (!r) throw problems.validation([fieldError('roomId', 'is not a room of this event')]);
            if (r.capacity < seats) throw problems.validation([fieldError('roomId', `has ${r.capacity} seats; this meeting needs ${seats}`)]);
            if (!withinHours(event, r, slot.starts_at, slot.ends_at)) throw problems.validation([fieldError('roomId', `is open ${r.opens_at}–${r.closes_at} (${event.time_zone}) on the days of the event only`)]);
            room = r;
          } else {
            room = (await availableRooms(tx, event, seats, { start: slot.starts_at, end: slot.ends_at }))[0] ?? null;
            if (!room) throw problems.conflict('no-room-free', 'No room big enough is free at this time. Choose another time.');
          }
          // The exclusion constraint decides: of two overlapping bookings of one room, one fails.
          await tx.insertInto('room_bookings').values({ room_id: room.id, meeting_id: m.row.id, during: rangeOf(slot.starts_at, slot.ends_at) }).execute();
        }
        await tx
          .updateTable('meetings')
          .set({ status: 'confirmed', confirmed_slot_id: slot.id, room_id: room?.id ?? null, revision: sql`revision + 1`, updated_at: new Date() })
          .where('id', '=', m.row.id)
          .execute();
        // The proposer and those who said yes to this time find it in their agenda.
        const yes = m.answers.filter((a) => a.slot_id === slot.id && a.answer === 'yes').map((a) => a.user_id);
        await tx
          .insertInto('agenda_meetings')
          .values([...new Set([actor.id, ...yes])].map((u) => ({ user_id: u, meeting_id: m.row.id })))
          .onConflict((oc) => oc.doNothing())
          .execute();
        await notify(tx, publicUrl, m, actor.id, 'meeting_confirmed', (name) => meetingConfirmed({ ...mailFacts(m, publicUrl), start: slot.starts_at, end: slot.ends_at, room: room?.name ?? null }, name), { room: room?.name ?? null, startsAt: slot.starts_at.toISOString() });
      });
    } catch (error) {
      if (isExclusionViolation(error)) throw problems.conflict('room-taken', 'This room was just booked by another meeting at an overlapping time. Choose another room or time.');
      throw error;
    }
    return answer(actor, request.params.id);
  });

  app.patch('/api/v1/meetings/:id', { schema: { tags: ['meetings'], summary: 'Change the topic, agenda, seats or proposed times (the proposer)', params: IdParams, body: UpdateMeetingBody, response: { 200: Meeting } } }, async (request) => {
    const actor = requireActor(request);
    const b = request.body;
    await db.transaction().execute(async (tx) => {
      const m = await loadMeeting(tx, actor, request.params.id, { forUpdate: true });
      authorize(actor, 'update', 'meeting', m.facts);
      if (b.revision !== undefined && b.revision !== m.row.revision) {
        throw problems.conflict('stale-revision', 'This meeting was changed since you opened it. Reload to see the changes.', { currentRevision: m.row.revision });
      }
      const changes: string[] = [];
      const event = await findEvent(tx, m.row.event_id);
      if (b.topic !== undefined && b.topic.trim() !== m.row.topic) changes.push(`New topic: ${b.topic.trim()}`);
      if (b.agenda !== undefined && b.agenda !== m.row.agenda) changes.push('The agenda was updated.');
      const seats = b.seats !== undefined ? b.seats : m.row.seats;
      if (seats !== m.row.seats) {
        if (m.row.status === 'confirmed' && m.room && seats !== null && seats > m.room.capacity && !b.slots) {
          throw problems.validation([fieldError('seats', `are more than the ${m.room.capacity} seats of ${m.room.name}, the room booked; propose new times to book a bigger room`)]);
        }
        changes.push(seats === null ? 'Seats: the proposer and those who accept.' : `Seats needed: ${seats}.`);
      }
      let newSlots: { start: Date; end: Date }[] | null = null;
      if (b.slots) {
        newSlots = checkSlots(event, m.row.mode, b.slots);
        changes.push('New proposed times (previous answers and any room booking were cleared):', ...newSlots.map((s) => `  ${describeSlot(s.start, s.end, event.time_zone)}`));
        // Freeing the room first: the meeting goes back to proposed.
        await tx.deleteFrom('room_bookings').where('meeting_id', '=', m.row.id).execute();
        await tx.updateTable('meetings').set({ status: 'proposed', confirmed_slot_id: null, room_id: null }).where('id', '=', m.row.id).execute();
        await tx.deleteFrom('meeting_slots').where('meeting_id', '=', m.row.id).execute();
        await tx.insertInto('meeting_slots').values(newSlots.map((s) => ({ meeting_id: m.row.id, starts_at: s.start, ends_at: s.end }))).execute();
      }
      if (changes.length === 0) return;
      await tx
        .updateTable('meetings')
        .set({ topic: b.topic?.trim() ?? m.row.topic, agenda: b.agenda ?? m.row.agenda, seats, revision: sql`revision + 1`, updated_at: new Date() })
        .where('id', '=', m.row.id)
        .execute();
      const after = (await readMeeting(tx, m.row.id))!;
      await notify(tx, publicUrl, after, actor.id, 'meeting_changed', (name) => meetingChanged({ ...mailFacts(after, publicUrl), changes }, name));
    });
    return answer(actor, request.params.id);
  });

  // ---- invitees after the proposal (issue 13): people added are invited, people removed are told.

  async function checkInvitable(db: Tx, userIds: string[], orgIds: string[]): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (userIds.length) {
      const found = await db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select('u.id').where('u.id', 'in', userIds).where('u.status', '=', 'active').where('o.status', '=', 'active').execute();
      if (found.length !== userIds.length) errors.push(fieldError('userIds', 'names a person who is not an active participant'));
    }
    if (orgIds.length) {
      const found = await db.selectFrom('organizations').select('id').where('id', 'in', orgIds).where('status', '=', 'active').execute();
      if (found.length !== orgIds.length) errors.push(fieldError('organizationIds', 'names an organization that is not an active participant'));
    }
    return errors;
  }

  app.post('/api/v1/meetings/:id/invitees', { schema: { tags: ['meetings'], summary: 'Invite more people or organizations (the proposer); each is sent the invitation', params: IdParams, body: InviteesBody, response: { 200: Meeting } } }, async (request) => {
    const actor = requireActor(request);
    await db.transaction().execute(async (tx) => {
      const m = await loadMeeting(tx, actor, request.params.id, { forUpdate: true });
      authorize(actor, 'update', 'meeting', m.facts);
      if (m.row.status === 'cancelled') throw problems.conflict('meeting-not-open', 'This meeting is cancelled.');
      const userIds = [...new Set(request.body.userIds ?? [])].filter((u) => u !== m.row.proposer_id && !m.facts.invitedUserIds.includes(u));
      const orgIds = [...new Set(request.body.organizationIds ?? [])].filter((o) => !m.facts.invitedOrganizationIds.includes(o));
      const errors = await checkInvitable(tx, userIds, orgIds);
      if (userIds.length + orgIds.length === 0) errors.push(fieldError('invitees', 'names nobody who is not invited already'));
      if (errors.length) throw problems.validation(errors);
      const before = new Set((await participantsOf(tx, m)).map((p) => p.id));
      await tx.insertInto('meeting_invitees').values([...userIds.map((u) => ({ meeting_id: m.row.id, user_id: u, organization_id: null })), ...orgIds.map((o) => ({ meeting_id: m.row.id, user_id: null, organization_id: o }))]).execute();
      await tx.updateTable('meetings').set({ revision: sql`revision + 1`, updated_at: new Date() }).where('id', '=', m.row.id).execute();
      const after = (await readMeeting(tx, m.row.id))!;
      // Only those new to the meeting are sent the invitation, with the times still open.
      const added = (await participantsOf(tx, after)).filter((p) => !before.has(p.id) && p.id !== actor.id);
      if (added.length) {
        const slots = after.row.confirmed_slot_id ? after.slots.filter((x) => x.id === after.row.confirmed_slot_id) : after.slots;
        await notifyAndMail(
          tx, publicUrl,
          { kind: 'meeting_invitation', actorId: actor.id, recipients: { users: added.map((p) => p.id) }, meetingId: m.row.id, subject: { type: 'meeting', id: m.row.id }, url: `/meetings/${m.row.id}` },
          added,
          (p) => meetingInvitation({ ...mailFacts(after, publicUrl), slots: slots.map((x) => ({ start: x.starts_at, end: x.ends_at })) }, p.name),
        );
      }
    });
    return answer(actor, request.params.id);
  });

  const removeInvitee = async (actor: ReturnType<typeof requireActor>, meetingId: string, who: { userId: string } | { organizationId: string }) => {
    await db.transaction().execute(async (tx) => {
      const m = await loadMeeting(tx, actor, meetingId, { forUpdate: true });
      authorize(actor, 'update', 'meeting', m.facts);
      if (m.row.status === 'cancelled') throw problems.conflict('meeting-not-open', 'This meeting is cancelled.');
      const invited = 'userId' in who ? m.facts.invitedUserIds.includes(who.userId) : m.facts.invitedOrganizationIds.includes(who.organizationId);
      if (!invited) throw problems.notFound('This person or organization is not invited to this meeting.');
      if (m.people.length + m.organizations.length === 1) throw problems.conflict('meeting-last-invitee', 'A meeting needs someone invited besides you. Invite someone else first, or cancel the meeting.');
      const before = await participantsOf(tx, m);
      await tx
        .deleteFrom('meeting_invitees')
        .where('meeting_id', '=', m.row.id)
        .$if('userId' in who, (q) => q.where('user_id', '=', (who as { userId: string }).userId))
        .$if('organizationId' in who, (q) => q.where('organization_id', '=', (who as { organizationId: string }).organizationId))
        .execute();
      const after = (await readMeeting(tx, m.row.id))!;
      const still = new Set((await participantsOf(tx, after)).map((p) => p.id));
      const gone = before.filter((p) => !still.has(p.id));
      if (gone.length) {
        // Their answers and agenda entries go with them; the meeting's notifications stop reaching
        // them, old ones included (notifications/queries.ts checks the meeting at every read).
        const slotIds = after.slots.map((x) => x.id);
        await tx.deleteFrom('meeting_answers').where('slot_id', 'in', slotIds).where('user_id', 'in', gone.map((p) => p.id)).execute();
        await tx.deleteFrom('agenda_meetings').where('meeting_id', '=', m.row.id).where('user_id', 'in', gone.map((p) => p.id)).execute();
        // Told once, without a link to the meeting they may no longer open.
        await notifyAndMail(
          tx, publicUrl,
          { kind: 'meeting_removed', actorId: actor.id, recipients: { users: gone.map((p) => p.id) }, meetingId: null, subject: { type: 'meeting', id: m.row.id, title: m.row.topic }, url: '/meetings' },
          gone,
          (p) => meetingRemoved(mailFacts(m, publicUrl), actor.name, p.name),
        );
      }
      await tx.updateTable('meetings').set({ revision: sql`revision + 1`, updated_at: new Date() }).where('id', '=', m.row.id).execute();
    });
    return answer(actor, meetingId);
  };

  app.delete('/api/v1/meetings/:id/invitees/users/:userId', { schema: { tags: ['meetings'], summary: 'Take a person off the meeting (the proposer); they are told', params: Type.Object({ id: Uuid, userId: Uuid }), response: { 200: Meeting } } }, async (request) =>
    removeInvitee(requireActor(request), request.params.id, { userId: request.params.userId }),
  );
  app.delete('/api/v1/meetings/:id/invitees/organizations/:organizationId', { schema: { tags: ['meetings'], summary: 'Take an organization off the meeting (the proposer); its members are told', params: Type.Object({ id: Uuid, organizationId: Uuid }), response: { 200: Meeting } } }, async (request) =>
    removeInvitee(requireActor(request), request.params.id, { organizationId: request.params.organizationId }),
  );

  app.post('/api/v1/meetings/:id/cancel', { schema: { tags: ['meetings'], summary: 'Cancel a meeting; its room is freed and everyone told', params: IdParams, body: CancelBody, response: { 200: Meeting } } }, async (request) => {
    const actor = requireActor(request);
    await db.transaction().execute(async (tx) => {
      const m = await loadMeeting(tx, actor, request.params.id, { forUpdate: true });
      authorize(actor, 'cancel', 'meeting', m.facts);
      await tx.deleteFrom('room_bookings').where('meeting_id', '=', m.row.id).execute();
      await tx.updateTable('meetings').set({ status: 'cancelled', room_id: null, revision: sql`revision + 1`, updated_at: new Date() }).where('id', '=', m.row.id).execute();
      await notify(tx, publicUrl, m, actor.id, 'meeting_cancelled', (name) => meetingCancelled({ ...mailFacts(m, publicUrl), by: actor.name, reason: request.body.reason?.trim() || null }, name));
    });
    return answer(actor, request.params.id);
  });

  app.put('/api/v1/meetings/:id/notes', { schema: { tags: ['meetings'], summary: 'Write the shared notes of a meeting', params: IdParams, body: NotesBody, response: { 200: Meeting } } }, async (request) => {
    const actor = requireActor(request);
    const m = await loadMeeting(db, actor, request.params.id);
    authorize(actor, 'writeNotes', 'meeting', m.facts);
    await db.updateTable('meetings').set({ notes: request.body.notes, notes_updated_at: new Date(), notes_updated_by: actor.id }).where('id', '=', m.row.id).execute();
    return answer(actor, m.row.id);
  });

  const MessageOut = Type.Object({ id: Uuid, author: Type.Object({ id: Uuid, name: Type.String(), organization: Type.String(), organizationId: Uuid }), body: Type.String(), createdAt: IsoDateTime });
  const messagesOf = (meetingId: string) =>
    db
      .selectFrom('meeting_messages as mm')
      .innerJoin('users as u', 'u.id', 'mm.author_id')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['mm.id', 'mm.body', 'mm.created_at', 'u.id as author_id', 'u.name', 'o.id as org_id', 'o.name as org_name'])
      .where('mm.meeting_id', '=', meetingId)
      .orderBy('mm.created_at')
      .orderBy('mm.id');
  const messageOut = (r: { id: string; body: string; created_at: Date; author_id: string; name: string; org_id: string; org_name: string }) => ({
    id: r.id,
    author: { id: r.author_id, name: r.name, organization: r.org_name, organizationId: r.org_id },
    body: r.body,
    createdAt: r.created_at.toISOString(),
  });

  app.get('/api/v1/meetings/:id/messages', { schema: { tags: ['meetings'], summary: "The meeting's private discussion", params: IdParams, response: { 200: Type.Object({ items: Type.Array(MessageOut) }) } } }, async (request) => {
    const actor = requireActor(request);
    const m = await loadMeeting(db, actor, request.params.id);
    return { items: (await messagesOf(m.row.id).execute()).map(messageOut) };
  });

  app.post('/api/v1/meetings/:id/messages', { schema: { tags: ['meetings'], summary: 'Write in the discussion', params: IdParams, body: MessageBody, response: { 201: MessageOut } } }, async (request, reply) => {
    const actor = requireActor(request);
    const m = await loadMeeting(db, actor, request.params.id);
    authorize(actor, 'discuss', 'meeting', m.facts);
    const { id } = await db.insertInto('meeting_messages').values({ meeting_id: m.row.id, author_id: actor.id, body: request.body.body.trim() }).returning('id').executeTakeFirstOrThrow();
    return reply.code(201).send(messageOut((await messagesOf(m.row.id).where('mm.id', '=', id).executeTakeFirstOrThrow())));
  });

  app.get('/api/v1/meetings/:id/ics', { schema: { tags: ['meetings'], summary: 'A confirmed meeting as an iCalendar file', params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const m = await loadMeeting(db, actor, request.params.id);
    const entry = meetingIcsEvent(m, publicUrl);
    if (!entry) throw problems.conflict('meeting-not-confirmed', 'This meeting has no confirmed time yet.');
    return sendIcs(reply, `meeting-${m.row.topic}`, writeCalendar({ name: `Meeting: ${m.row.topic}`, events: [entry] }));
  });

};
