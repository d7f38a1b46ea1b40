// Reading a meeting with everything its page shows, and deciding who may see it.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { authorize, can, canSeePost, type Actor, type MeetingFacts } from '../access/index.js';
import type { Database, MeetingsTable } from '../db/schema.js';
import { factsOf } from '../exchange/post-model.js';
import { problems } from '../http/problem.js';

type Db = Kysely<Database> | Transaction<Database>;
export type MeetingRow = Selectable<MeetingsTable>;

export interface LoadedMeeting {
  row: MeetingRow;
  facts: MeetingFacts;
  proposer: { id: string; name: string; organization: { id: string; name: string } };
  people: { id: string; name: string; organization: { id: string; name: string } }[];
  organizations: { id: string; name: string }[];
  slots: { id: string; starts_at: Date; ends_at: Date }[];
  answers: { slot_id: string; user_id: string; answer: 'yes' | 'no'; name: string; organization_id: string; organization_name: string }[];
  posts: { id: string; title: string; kind: Database['posts']['kind']; audience: Database['posts']['audience']; organization_id: string; hidden_at: Date | null; published_at: Date | null }[];
  room: { id: string; name: string; capacity: number } | null;
  event: { id: string; name: string; venue: string; time_zone: string; starts_on: string; ends_on: string };
}

export async function readMeeting(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<LoadedMeeting | null> {
  let q = db.selectFrom('meetings').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return null;
  return (await assemble(db, [row]))[0]!;
}

/** Several meetings at once, in the order given, with a fixed number of queries whatever their count. */
export async function readMeetings(db: Db, ids: string[]): Promise<LoadedMeeting[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('meetings').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return assemble(db, ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])));
}

async function assemble(db: Db, rows: MeetingRow[]): Promise<LoadedMeeting[]> {
  const ids = rows.map((r) => r.id);
  const roomIds = [...new Set(rows.flatMap((r) => (r.room_id ? [r.room_id] : [])))];
  const [proposers, invitees, slots, answers, posts, rooms, events] = await Promise.all([
    db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'u.name', 'o.id as org_id', 'o.name as org_name']).where('u.id', 'in', [...new Set(rows.map((r) => r.proposer_id))]).execute(),
    db
      .selectFrom('meeting_invitees as mi')
      .leftJoin('users as u', 'u.id', 'mi.user_id')
      .leftJoin('organizations as uo', 'uo.id', 'u.organization_id')
      .leftJoin('organizations as o', 'o.id', 'mi.organization_id')
      .select(['mi.meeting_id', 'mi.user_id', 'mi.organization_id', 'u.name as user_name', 'uo.id as user_org_id', 'uo.name as user_org_name', 'o.name as org_name'])
      .where('mi.meeting_id', 'in', ids)
      .orderBy('mi.id')
      .execute(),
    db.selectFrom('meeting_slots').select(['id', 'meeting_id', 'starts_at', 'ends_at']).where('meeting_id', 'in', ids).orderBy('starts_at').orderBy('id').execute(),
    db
      .selectFrom('meeting_answers as a')
      .innerJoin('meeting_slots as s', 's.id', 'a.slot_id')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['s.meeting_id', 'a.slot_id', 'a.user_id', 'a.answer', 'u.name', 'o.id as organization_id', 'o.name as organization_name'])
      .where('s.meeting_id', 'in', ids)
      .orderBy('u.name')
      .execute(),
    db
      .selectFrom('meeting_posts as mp')
      .innerJoin('posts as p', 'p.id', 'mp.post_id')
      .select(['mp.meeting_id', 'p.id', 'p.title', 'p.kind', 'p.audience', 'p.organization_id', 'p.hidden_at', 'p.published_at'])
      .where('mp.meeting_id', 'in', ids)
      .orderBy('p.title')
      .execute(),
    roomIds.length ? db.selectFrom('event_rooms').select(['id', 'name', 'capacity']).where('id', 'in', roomIds).execute() : Promise.resolve([]),
    db.selectFrom('events').select(['id', 'name', 'venue', 'time_zone', 'starts_on', 'ends_on']).where('id', 'in', [...new Set(rows.map((r) => r.event_id))]).execute(),
  ]);
  const group = <T extends { meeting_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.meeting_id, [...(map.get(item.meeting_id) ?? []), item]);
    return (id: string) => map.get(id) ?? [];
  };
  const [inviteesOf, slotsOf, answersOf, postsOf] = [group(invitees), group(slots), group(answers), group(posts)];
  const proposerOf = new Map(proposers.map((p) => [p.id, p]));
  const roomOf = new Map(rooms.map((r) => [r.id, r]));
  const eventOf = new Map(events.map((e) => [e.id, e]));
  return rows.map((row) => {
    const mine = inviteesOf(row.id);
    const people = mine.filter((i) => i.user_id).map((i) => ({ id: i.user_id!, name: i.user_name!, organization: { id: i.user_org_id!, name: i.user_org_name! } }));
    const organizations = mine.filter((i) => i.organization_id).map((i) => ({ id: i.organization_id!, name: i.org_name! }));
    const proposer = proposerOf.get(row.proposer_id)!;
    return {
      row,
      facts: { proposerId: row.proposer_id, invitedUserIds: people.map((p) => p.id), invitedOrganizationIds: organizations.map((o) => o.id), status: row.status },
      proposer: { id: proposer.id, name: proposer.name, organization: { id: proposer.org_id, name: proposer.org_name } },
      people,
      organizations,
      slots: slotsOf(row.id).map(({ id, starts_at, ends_at }) => ({ id, starts_at, ends_at })),
      answers: answersOf(row.id).map(({ slot_id, user_id, answer, name, organization_id, organization_name }) => ({ slot_id, user_id, answer, name, organization_id, organization_name })),
      posts: postsOf(row.id).map(({ id, title, kind, audience, organization_id, hidden_at, published_at }) => ({ id, title, kind, audience, organization_id, hidden_at, published_at })),
      room: row.room_id ? (roomOf.get(row.room_id) ?? null) : null,
      event: eventOf.get(row.event_id)!,
    };
  });
}

/** The meeting, if this actor may see it; otherwise 404, exactly like a meeting that does not exist. */
export async function loadMeeting(db: Db, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<LoadedMeeting> {
  const meeting = await readMeeting(db, id, options);
  // A meeting that does not exist is a 404 for everyone, organizers included (they may read any).
  if (!meeting) throw problems.notFound();
  authorize(actor, 'read', 'meeting', meeting.facts, { hide: true });
  return meeting;
}

/**
 * Seats a meeting needs (issue 13): the number the proposer gave; otherwise the proposer and the
 * people who accepted the time (for a slot given, that one; else the confirmed one; else the slot
 * most accepted), at least two. Members of an invited organization each count once they accept,
 * so an organization may take several seats; nobody takes a seat for an organization as such.
 */
export function meetingHeadCount(m: Pick<LoadedMeeting, 'row' | 'slots' | 'answers'>, slotId?: string): number {
  if (m.row.seats !== null) return m.row.seats;
  const slots = slotId ? [slotId] : m.row.confirmed_slot_id ? [m.row.confirmed_slot_id] : m.slots.map((s) => s.id);
  const accepted = (id: string) => new Set(m.answers.filter((a) => a.slot_id === id && a.answer === 'yes' && a.user_id !== m.row.proposer_id).map((a) => a.user_id)).size;
  return Math.max(2, 1 + Math.max(0, ...slots.map(accepted)));
}

/** Who invited has not answered any proposed time yet: people, and organizations none of whose members answered. */
export function notAnswered(m: Pick<LoadedMeeting, 'people' | 'organizations' | 'answers'>) {
  const users = new Set(m.answers.map((a) => a.user_id));
  const orgs = new Set(m.answers.map((a) => a.organization_id));
  return { people: m.people.filter((p) => !users.has(p.id)), organizations: m.organizations.filter((o) => !orgs.has(o.id)) };
}

/** The meeting as one actor sees it. Linked posts the actor may not see are left out entirely. */
export function serializeMeeting(actor: Actor, m: LoadedMeeting) {
  const confirmed = m.slots.find((s) => s.id === m.row.confirmed_slot_id) ?? null;
  const slot = (s: { id: string; starts_at: Date; ends_at: Date }) => ({ id: s.id, start: s.starts_at.toISOString(), end: s.ends_at.toISOString() });
  return {
    id: m.row.id,
    event: { id: m.event.id, name: m.event.name, venue: m.event.venue, timeZone: m.event.time_zone, startsOn: m.event.starts_on, endsOn: m.event.ends_on },
    topic: m.row.topic,
    agenda: m.row.agenda,
    notes: m.row.notes,
    notesUpdatedAt: m.row.notes_updated_at?.toISOString() ?? null,
    mode: m.row.mode,
    status: m.row.status,
    revision: m.row.revision,
    proposer: m.proposer,
    invitees: { people: m.people, organizations: m.organizations },
    headCount: meetingHeadCount(m),
    seats: m.row.seats,
    notAnswered: notAnswered(m),
    posts: m.posts.filter((p) => canSeePost(actor, factsOf(p))).map((p) => ({ id: p.id, title: p.title, kind: p.kind })),
    slots: m.slots.map((s) => ({
      ...slot(s),
      answers: m.answers.filter((a) => a.slot_id === s.id).map((a) => ({ userId: a.user_id, name: a.name, organization: a.organization_name, organizationId: a.organization_id, answer: a.answer })),
    })),
    confirmedSlot: confirmed ? slot(confirmed) : null,
    room: m.room,
    createdAt: m.row.created_at.toISOString(),
    updatedAt: m.row.updated_at.toISOString(),
    permissions: {
      answer: can(actor, 'answer', 'meeting', m.facts),
      confirm: m.row.status === 'proposed' && can(actor, 'confirm', 'meeting', m.facts),
      update: can(actor, 'update', 'meeting', m.facts),
      cancel: can(actor, 'cancel', 'meeting', m.facts),
      writeNotes: can(actor, 'writeNotes', 'meeting', m.facts),
      discuss: can(actor, 'discuss', 'meeting', m.facts),
    },
  };
}

/** Everyone to tell about a change: invited people and active members of invited organizations, with the proposer. */
export async function participantsOf(db: Db, m: LoadedMeeting): Promise<{ id: string; email: string; name: string }[]> {
  const ids = new Set([m.row.proposer_id, ...m.people.map((p) => p.id)]);
  const byOrg = m.organizations.length
    ? await db.selectFrom('users').select(['id']).where('organization_id', 'in', m.organizations.map((o) => o.id)).where('status', '=', 'active').execute()
    : [];
  for (const u of byOrg) ids.add(u.id);
  return db.selectFrom('users').select(['id', 'email', 'name']).where('id', 'in', [...ids]).where('status', '=', 'active').orderBy('email').execute();
}

export const notFoundMeeting = () => problems.notFound();
