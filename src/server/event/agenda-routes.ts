// The personal agenda: sessions and meetings a participant adds, with clashes marked; as an
// iCalendar file, and as a private feed URL a calendar app can subscribe to. The feed's token is
// shown once and only its SHA-256 is kept; renewing replaces it, revoking deletes it. Every fetch
// of the feed applies today's rules: a meeting the user may no longer see drops out of it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { can, type Actor } from '../access/index.js';
import { loadPrincipal, requireActor } from '../auth/sessions.js';
import { randomToken, sha256 } from '../auth/tokens.js';
import type { Database } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { meetingIcsEvent, sessionIcsEvent } from './calendar.js';
import { sessionGuests } from './event-model.js';
import { sendIcs } from './event-routes.js';
import { IdParams, IsoDateTime, Uuid } from './event-schemas.js';
import { writeCalendar, type IcsEvent } from './ics.js';
import { readMeeting, readMeetings } from './meeting-store.js';

interface AgendaItem {
  kind: 'session' | 'meeting';
  id: string;
  title: string;
  code: string | null;
  start: string;
  end: string;
  where: string | null;
  status: 'confirmed' | 'cancelled';
  event: { id: string; name: string; timeZone: string };
  clashesWith: string[];
}

/** Pairs of items whose times overlap (half-open ranges: one ending at 10:00 and one starting then do not clash). */
export function markClashes<T extends { id: string; start: string; end: string; status: string; clashesWith: string[] }>(items: T[]): T[] {
  const live = items.filter((i) => i.status !== 'cancelled').sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length && live[j]!.start < live[i]!.end; j++) {
      if (Date.parse(live[j]!.start) < Date.parse(live[i]!.end)) {
        live[i]!.clashesWith.push(live[j]!.id);
        live[j]!.clashesWith.push(live[i]!.id);
      }
    }
  }
  return items;
}

async function agendaOf(db: Kysely<Database>, actor: Actor, publicUrl: string): Promise<{ items: AgendaItem[]; ics: IcsEvent[] }> {
  const sessions = await db
    .selectFrom('agenda_sessions as a')
    .innerJoin('event_sessions as s', 's.id', 'a.session_id')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .selectAll('s')
    .select(['e.name as event_name', 'e.venue', 'e.time_zone', 'e.id as eid'])
    .where('a.user_id', '=', actor.id)
    .execute();
  const meetingIds = (await db.selectFrom('agenda_meetings').select('meeting_id').where('user_id', '=', actor.id).execute()).map((r) => r.meeting_id);
  const items: AgendaItem[] = [];
  const ics: IcsEvent[] = [];
  for (const s of sessions) {
    items.push({
      kind: 'session', id: s.id, title: s.title, code: s.code, start: s.starts_at.toISOString(), end: s.ends_at.toISOString(), where: s.room, status: 'confirmed',
      event: { id: s.eid, name: s.event_name, timeZone: s.time_zone }, clashesWith: [],
    });
    ics.push(sessionIcsEvent({ id: s.eid, name: s.event_name, venue: s.venue, time_zone: s.time_zone }, s, publicUrl));
  }
  for (const m of await readMeetings(db, meetingIds)) {
    // Only meetings the user may still see, with a time fixed; a changed meeting waits for its new time.
    if (!can(actor, 'read', 'meeting', m.facts)) continue;
    const slot = m.slots.find((s) => s.id === m.row.confirmed_slot_id);
    if (!slot) continue;
    items.push({
      kind: 'meeting', id: m.row.id, title: m.row.topic, code: null, start: slot.starts_at.toISOString(), end: slot.ends_at.toISOString(),
      where: m.row.mode === 'virtual' ? null : (m.room?.name ?? null), status: m.row.status === 'cancelled' ? 'cancelled' : 'confirmed',
      event: { id: m.event.id, name: m.event.name, timeZone: m.event.time_zone }, clashesWith: [],
    });
    const entry = meetingIcsEvent(m, publicUrl);
    if (entry) ics.push(entry);
  }
  items.sort((a, b) => a.start.localeCompare(b.start));
  return { items: markClashes(items), ics };
}

const AgendaItemSchema = Type.Object({
  kind: Type.String(),
  id: Uuid,
  title: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  start: IsoDateTime,
  end: IsoDateTime,
  where: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  event: Type.Object({ id: Uuid, name: Type.String(), timeZone: Type.String() }),
  clashesWith: Type.Array(Uuid),
});

export const agendaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  const publicUrl = app.config.publicUrl;
  const feedUrl = (token: string) => `${publicUrl}/api/v1/calendar/agenda.ics?token=${token}`;

  app.get('/api/v1/me/agenda', { schema: { tags: ['agenda'], summary: 'Your personal agenda, with clashes', response: { 200: Type.Object({ items: Type.Array(AgendaItemSchema), clashes: Type.Integer() }) } } }, async (request) => {
    const actor = requireActor(request);
    const { items } = await agendaOf(db, actor, publicUrl);
    return { items, clashes: items.filter((i) => i.clashesWith.length > 0).length };
  });

  app.get('/api/v1/me/agenda.ics', { schema: { tags: ['agenda'], summary: 'Your personal agenda as an iCalendar file' } }, async (request, reply) => {
    const actor = requireActor(request);
    const { ics } = await agendaOf(db, actor, publicUrl);
    return sendIcs(reply, 'virtual-forum-agenda', writeCalendar({ name: 'Virtual Forum: my agenda', events: ics }));
  });

  app.put('/api/v1/me/agenda/sessions/:id', { schema: { tags: ['agenda'], summary: 'Add a session to your agenda', params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const s = await db.selectFrom('event_sessions').select(['id', 'closed']).where('id', '=', request.params.id).executeTakeFirst();
    if (!s) throw problems.notFound();
    const guests = (await sessionGuests(db, [s.id])).get(s.id) ?? [];
    if (!can(actor, 'attend', 'eventSession', { closed: s.closed, guestOrganizationIds: guests })) {
      throw problems.forbidden('This session is closed: only the participants invited to it can put it on their agenda.');
    }
    await db.insertInto('agenda_sessions').values({ user_id: actor.id, session_id: s.id }).onConflict((oc) => oc.doNothing()).execute();
    return reply.code(204).send();
  });

  app.delete('/api/v1/me/agenda/sessions/:id', { schema: { tags: ['agenda'], summary: 'Remove a session from your agenda', params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await db.deleteFrom('agenda_sessions').where('user_id', '=', actor.id).where('session_id', '=', request.params.id).execute();
    return reply.code(204).send();
  });

  app.put('/api/v1/me/agenda/meetings/:id', { schema: { tags: ['agenda'], summary: 'Add a meeting you take part in to your agenda', params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const m = await readMeeting(db, request.params.id);
    if (!m || !can(actor, 'read', 'meeting', m.facts)) throw problems.notFound();
    await db.insertInto('agenda_meetings').values({ user_id: actor.id, meeting_id: m.row.id }).onConflict((oc) => oc.doNothing()).execute();
    return reply.code(204).send();
  });

  app.delete('/api/v1/me/agenda/meetings/:id', { schema: { tags: ['agenda'], summary: 'Remove a meeting from your agenda', params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await db.deleteFrom('agenda_meetings').where('user_id', '=', actor.id).where('meeting_id', '=', request.params.id).execute();
    return reply.code(204).send();
  });

  const FeedState = Type.Object({ active: Type.Boolean(), createdAt: Type.Union([IsoDateTime, Type.Null()]), url: Type.Optional(Type.String()) });

  app.get('/api/v1/me/agenda/feed', { schema: { tags: ['agenda'], summary: 'Whether you have a private calendar feed (its URL is shown only when created)', response: { 200: FeedState } } }, async (request) => {
    const actor = requireActor(request);
    const row = await db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', actor.id).executeTakeFirst();
    return { active: Boolean(row), createdAt: row?.created_at.toISOString() ?? null };
  });

  app.post('/api/v1/me/agenda/feed', { schema: { tags: ['agenda'], summary: 'Create or renew your private calendar feed URL (the old one stops working)', response: { 200: FeedState } } }, async (request) => {
    const actor = requireActor(request);
    const token = randomToken();
    const row = await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('calendar_feeds').where('user_id', '=', actor.id).execute();
      return tx.insertInto('calendar_feeds').values({ user_id: actor.id, token_hash: sha256(token) }).returning('created_at').executeTakeFirstOrThrow();
    });
    return { active: true, createdAt: row.created_at.toISOString(), url: feedUrl(token) };
  });

  app.delete('/api/v1/me/agenda/feed', { schema: { tags: ['agenda'], summary: 'Revoke your private calendar feed URL' } }, async (request, reply) => {
    const actor = requireActor(request);
    await db.deleteFrom('calendar_feeds').where('user_id', '=', actor.id).execute();
    return reply.code(204).send();
  });

  // No session here: calendar apps fetch this with the token alone. Logs redact `token=`.
  app.get('/api/v1/calendar/agenda.ics', { schema: { tags: ['agenda'], summary: 'A personal agenda feed, by its private token', querystring: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }), security: [] } }, async (request, reply) => {
    const feed = await db.selectFrom('calendar_feeds').select('user_id').where('token_hash', '=', sha256(request.query.token)).executeTakeFirst();
    const principal = feed ? await loadPrincipal(db, feed.user_id) : null;
    if (!principal) throw problems.notFound('This calendar feed does not exist or was revoked.');
    const { ics } = await agendaOf(db, principal, publicUrl);
    return sendIcs(reply, 'virtual-forum-agenda', writeCalendar({ name: 'Virtual Forum: my agenda', events: ics }));
  });

};
