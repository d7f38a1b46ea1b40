// Meetings: proposing, who may see them (404 for everyone else), tier rules for linked posts,
// answers, confirmation with a room booking the database guarantees (also under many
// simultaneous confirmations), changes and cancellations that notify and free the room, notes
// and discussion, the calendar file, and the SQL twin of the visibility rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSeeMeeting, visibleMeetingsFilter, type Actor } from '../access/index.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { zonedToUtc } from './time.js';

let t: TestApp;
let organizer: TestClient, gov: TestClient, io: TestClient, cso: TestClient, business: TestClient, ilo: TestClient, memberIo: TestClient;
let event: { id: string; startsOn: string; endsOn: string };
const me: Record<string, { id: string; organization: { id: string } }> = {};
let restrictedPost: { id: string; title: string };
let openPost: { id: string; title: string };

const TZ = 'Europe/Vienna';
const day = (n: number) => {
  const d = new Date(`${event.startsOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const slot = (n: number, from: string, to: string) => ({ start: zonedToUtc(day(n), from, TZ).toISOString(), end: zonedToUtc(day(n), to, TZ).toISOString() });
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

interface MeetingOut {
  id: string;
  status: string;
  topic: string;
  posts: { id: string; title: string }[];
  slots: { id: string; start: string; end: string; answers: { userId: string; answer: string }[] }[];
  confirmedSlot: { id: string } | null;
  room: { id: string; name: string } | null;
  headCount: number;
  permissions: Record<string, boolean>;
}

beforeAll(async () => {
  t = await createTestApp();
  const emails = ['organizer@demo.test', 'government@demo.test', 'io@demo.test', 'cso@demo.test', 'business@demo.test', 'ilo@demo.test', 'member.io@demo.test'];
  const clients = await Promise.all(emails.map((e) => t.signIn(e)));
  [organizer, gov, io, cso, business, ilo, memberIo] = clients as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  for (const [i, c] of clients.entries()) me[emails[i]!] = (await c.get('/api/v1/me')).json();
  event = ((await gov.get('/api/v1/events')).json().items as { id: string; name: string; startsOn: string; endsOn: string }[]).find((e) => e.name.startsWith('Vienna Forum follow-up'))!;
  const posts = (await gov.get('/api/v1/posts?limit=100')).json().items as { id: string; title: string; audience: string }[];
  restrictedPost = posts.find((p) => p.audience === 'full')!;
  openPost = posts.find((p) => p.audience === 'all')!;
  // Start every test from no mail.
  await t.mails();
});
afterAll(async () => t?.close());

async function newMails() {
  const before = new Set((await readAll()).map((m) => m.raw));
  return async () => (await readAll()).filter((m) => !before.has(m.raw));
}
const readAll = () => t.mails();

async function propose(by: TestClient, body: Record<string, unknown>): Promise<MeetingOut> {
  const res = await by.post('/api/v1/meetings', { eventId: event.id, mode: 'in_person', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as MeetingOut;
}

describe('proposing a meeting', () => {
  it('invites people and organizations, tells each by mail, and shows the meeting to them only', async () => {
    const mails = await newMails();
    const m = await propose(gov, {
      topic: 'Data systems for the zonal commands',
      postIds: [restrictedPost.id],
      invitees: { userIds: [me['cso@demo.test']!.id], organizationIds: [me['io@demo.test']!.organization.id] },
      slots: [slot(0, '10:00', '11:00'), slot(1, '10:00', '11:00')],
    });
    // Nobody has accepted yet: the proposer and one more (issue 13: not one seat per organization).
    expect(m).toMatchObject({ status: 'proposed', headCount: 2, confirmedSlot: null, room: null });
    expect(m.posts.map((p) => p.id)).toEqual([restrictedPost.id]);

    const sent = await mails();
    const to = sent.map((x) => x.to).sort();
    // The person invited and every member of the invited organization; not the proposer.
    expect(to).toEqual(['cso@demo.test', 'io@demo.test', 'member.io@demo.test']);
    for (const mail of sent) {
      // (The test mail reader keeps the first line of a folded Subject header.)
      expect(mail.subject).toMatch(/^Virtual Forum: meeting proposed: Data systems for the zonal/);
      expect(mail.text).toContain(`/meetings/${m.id}`);
      // Vienna time and UTC, and never the title of a linked post.
      expect(mail.text).toContain(`${day(0)} 10:00–11:00 (Europe/Vienna;`);
      expect(mail.text).not.toContain(restrictedPost.title);
    }

    for (const c of [gov, io, memberIo, cso, organizer]) expect((await c.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(200);
    for (const c of [business, ilo]) {
      const res = await c.get(`/api/v1/meetings/${m.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().type).toBe('/problems/not-found');
      for (const path of ['messages', 'ics']) expect((await c.get(`/api/v1/meetings/${m.id}/${path}`)).statusCode).toBe(404);
      expect((await c.get(`/api/v1/rooms?meetingId=${m.id}`)).statusCode).toBe(404);
      expect((await c.put(`/api/v1/me/agenda/meetings/${m.id}`)).statusCode).toBe(404);
      expect((await c.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }] })).statusCode).toBe(404);
      expect(((await c.get('/api/v1/meetings')).json().items as MeetingOut[]).map((x) => x.id)).not.toContain(m.id);
    }
    expect(((await memberIo.get('/api/v1/meetings')).json().items as MeetingOut[]).map((x) => x.id)).toContain(m.id);
  });

  it('never shows a partial-tier invitee a restricted post linked to the meeting', async () => {
    const m = await propose(gov, { topic: 'Two posts, two audiences', postIds: [restrictedPost.id, openPost.id], invitees: { userIds: [me['cso@demo.test']!.id] }, slots: [slot(0, '12:00', '12:30')] });
    const seen = await cso.get(`/api/v1/meetings/${m.id}`);
    expect(seen.json().posts.map((p: { id: string }) => p.id)).toEqual([openPost.id]);
    expect(seen.body).not.toContain(restrictedPost.title);
    expect(seen.body).not.toContain(restrictedPost.id);
    const list = await cso.get('/api/v1/meetings');
    expect(list.body).not.toContain(restrictedPost.title);
    // The government and IOM see both.
    expect((await gov.get(`/api/v1/meetings/${m.id}`)).json().posts).toHaveLength(2);
  });

  it('refuses a post the proposer cannot see, exactly like a missing one, and changes nothing', async () => {
    const count = async () => (await t.app.db.selectFrom('meetings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const res = await cso.post('/api/v1/meetings', { eventId: event.id, mode: 'virtual', topic: 'Let me see it', postIds: [restrictedPost.id], invitees: { userIds: [me['government@demo.test']!.id] }, slots: [slot(0, '10:00', '11:00')] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'postIds.0', pointer: '#/postIds/0', detail: 'is not a post you can see' }]);
    const missing = await cso.post('/api/v1/meetings', { eventId: event.id, mode: 'virtual', topic: 'Let me see it', postIds: ['00000000-0000-4000-8000-000000000000'], invitees: { userIds: [me['government@demo.test']!.id] }, slots: [slot(0, '10:00', '11:00')] });
    expect(missing.json().errors).toEqual(res.json().errors);
    expect(await count()).toBe(before);
  });

  it('checks slots, invitees and room sizes', async () => {
    const base = { eventId: event.id, topic: 'Checks', invitees: { userIds: [me['io@demo.test']!.id] } };
    const past = await gov.post('/api/v1/meetings', { ...base, mode: 'virtual', slots: [{ start: '2020-01-01T10:00:00Z', end: '2020-01-01T11:00:00Z' }] });
    expect(past.json().errors.map((e: { field: string }) => e.field)).toEqual(['slots.0.start']);
    const backwards = await gov.post('/api/v1/meetings', { ...base, mode: 'virtual', slots: [{ start: slot(0, '11:00', '12:00').end, end: slot(0, '11:00', '12:00').start }] });
    expect(backwards.json().errors.map((e: { field: string }) => e.field)).toEqual(['slots.0.end']);
    // In person only on the days of the event; virtual any time ahead.
    const late = { start: zonedToUtc(day(5), '10:00', TZ).toISOString(), end: zonedToUtc(day(5), '11:00', TZ).toISOString() };
    expect((await gov.post('/api/v1/meetings', { ...base, mode: 'in_person', slots: [late] })).statusCode).toBe(400);
    expect((await gov.post('/api/v1/meetings', { ...base, mode: 'virtual', slots: [late] })).statusCode).toBe(201);
    expect((await gov.post('/api/v1/meetings', { ...base, invitees: {}, mode: 'virtual', slots: [late] })).json().errors[0].field).toBe('invitees');
    // Thirteen people do not fit in the biggest room (12 seats).
    const many = Object.values(me).map((u) => u.id).filter((id) => id !== me['government@demo.test']!.id);
    const orgs = (await organizer.get('/api/v1/organizations')).json();
    const orgIds = ((orgs.items ?? orgs) as { id: string }[]).map((o) => o.id).slice(0, 12);
    const crowd = await gov.post('/api/v1/meetings', { ...base, mode: 'in_person', seats: 13, invitees: { userIds: many, organizationIds: orgIds }, slots: [slot(0, '10:00', '11:00')] });
    expect(crowd.statusCode).toBe(400);
    expect(crowd.json().errors[0].field).toBe('seats');
    expect(crowd.json().errors[0].detail).toMatch(/no room has \d+ seats/);
  });
});

describe('answering and confirming', () => {
  it('lets invitees answer, the proposer confirm, books the smallest free room that fits, and notifies', async () => {
    const m = await propose(io, { topic: 'Shelter standards', invitees: { userIds: [me['cso@demo.test']!.id, me['ilo@demo.test']!.id, me['business@demo.test']!.id] }, slots: [slot(0, '15:00', '16:00'), slot(1, '15:00', '16:00')] });
    expect(m.headCount).toBe(2);
    expect((await io.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }] })).statusCode).toBe(403);
    const answered = await cso.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }, { slotId: m.slots[1]!.id, answer: 'no' }] });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().slots[0].answers).toMatchObject([{ userId: me['cso@demo.test']!.id, answer: 'yes' }]);
    expect((await ilo.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'no' }] })).statusCode).toBe(200);
    expect((await ilo.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }] })).json().slots[0].answers).toHaveLength(2);
    expect((await cso.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id })).statusCode).toBe(403);

    // Rooms offered for this meeting: four seats or more.
    const offered = (await io.get(`/api/v1/rooms?meetingId=${m.id}&start=${m.slots[0]!.start}&end=${m.slots[0]!.end}`)).json().items.map((r: { name: string }) => r.name);
    expect(offered).toEqual(['Meeting room M1', 'Meeting room M2', 'Boardroom B']);

    const mails = await newMails();
    const confirmed = await io.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', confirmedSlot: { id: m.slots[0]!.id }, room: { name: 'Meeting room M1' } });
    const sent = await mails();
    expect(sent.map((x) => x.to).sort()).toEqual(['business@demo.test', 'cso@demo.test', 'ilo@demo.test']);
    expect(sent[0]!.text).toContain('Where: Meeting room M1');

    // It is now in the agendas of the proposer and those who said yes to that time.
    for (const [c, has] of [[io, true], [cso, true], [ilo, true], [business, false]] as const) {
      const items = (await c.get('/api/v1/me/agenda')).json().items as { id: string }[];
      expect(items.some((i) => i.id === m.id)).toBe(has);
    }
    // The room is no longer offered then; a second confirmation is refused.
    const after = (await io.get(`/api/v1/rooms?eventId=${event.id}&seats=4&start=${m.slots[0]!.start}&end=${m.slots[0]!.end}`)).json().items.map((r: { name: string }) => r.name);
    expect(after).toEqual(['Meeting room M2', 'Boardroom B']);
    expect((await io.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[1]!.id })).statusCode).toBe(409);
    expect((await cso.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[1]!.id, answer: 'yes' }] })).statusCode).toBe(409);

    // The organizers' grid shows the booking.
    const grid = (await organizer.get(`/api/v1/rooms/availability?eventId=${event.id}&date=${day(0)}`)).json();
    const m1 = grid.rooms.find((r: { room: { name: string } }) => r.room.name === 'Meeting room M1');
    expect(m1.bookings).toEqual([{ meetingId: m.id, topic: 'Shelter standards', start: m.slots[0]!.start, end: m.slots[0]!.end }]);

    // A calendar file for the meeting, in UTC, with the room.
    const ics = await cso.get(`/api/v1/meetings/${m.id}/ics`);
    expect(ics.statusCode).toBe(200);
    const lines = unfold(ics.body).split('\r\n');
    expect(lines).toContain(`DTSTART:${m.slots[0]!.start.replace(/[-:]/g, '').replace('.000', '')}`);
    expect(lines).toContain('LOCATION:Meeting room M1\\, Austria Center Vienna');
    expect(lines).toContain('SUMMARY:Meeting: Shelter standards');
  });

  it('refuses a room too small, closed at that time, or not of this event', async () => {
    const m = await propose(io, { topic: 'Room checks', invitees: { userIds: [me['cso@demo.test']!.id, me['ilo@demo.test']!.id] }, slots: [slot(1, '08:00', '09:00'), slot(1, '11:00', '12:00')] });
    const rooms = (await io.get(`/api/v1/rooms?eventId=${event.id}`)).json().items as { id: string; name: string }[];
    const office = rooms.find((r) => r.name === 'Office O3')!;
    const m1 = rooms.find((r) => r.name === 'Meeting room M1')!;
    for (const c of [cso, ilo]) await c.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[1]!.id, answer: 'yes' }] });
    const small = await io.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[1]!.id, roomId: office.id });
    expect(small.statusCode).toBe(400);
    expect(small.json().errors[0]).toMatchObject({ field: 'roomId', detail: 'has 2 seats; this meeting needs 3' });
    const closed = await io.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id, roomId: m1.id });
    expect(closed.statusCode).toBe(400);
    expect((await io.get(`/api/v1/meetings/${m.id}`)).json().status).toBe('proposed');
    expect(await t.app.db.selectFrom('room_bookings').select('id').where('meeting_id', '=', m.id).execute()).toEqual([]);
  });
});

describe('the booking guarantee', () => {
  it('the database refuses an overlapping booking of one room, and accepts touching ones', async () => {
    const room = (await io.get(`/api/v1/rooms?eventId=${event.id}`)).json().items.find((r: { name: string }) => r.name === 'Office O3');
    const db = t.app.db;
    const meetings = [];
    for (let i = 0; i < 3; i++) meetings.push(await propose(io, { topic: `Raw booking ${i}`, invitees: { userIds: [me['cso@demo.test']!.id] }, slots: [slot(2, '09:00', '10:00')] }));
    const range = (a: string, b: string) => `[${zonedToUtc(day(2), a, TZ).toISOString()},${zonedToUtc(day(2), b, TZ).toISOString()})`;
    await db.insertInto('room_bookings').values({ room_id: room.id, meeting_id: meetings[0]!.id, during: range('09:00', '10:00') }).execute();
    await expect(db.insertInto('room_bookings').values({ room_id: room.id, meeting_id: meetings[1]!.id, during: range('09:30', '10:30') }).execute()).rejects.toMatchObject({ code: '23P01' });
    await db.insertInto('room_bookings').values({ room_id: room.id, meeting_id: meetings[2]!.id, during: range('10:00', '11:00') }).execute();
    await db.deleteFrom('room_bookings').where('meeting_id', 'in', meetings.map((m) => m.id)).execute();
  });

  it('of many simultaneous confirmations for overlapping slots in one room, exactly one wins', async () => {
    const room = (await io.get(`/api/v1/rooms?eventId=${event.id}`)).json().items.find((r: { name: string }) => r.name === 'Boardroom B') as { id: string };
    const N = 12;
    const proposers = [io, gov, cso, ilo, business, memberIo];
    const meetings: { client: TestClient; m: MeetingOut }[] = [];
    for (let i = 0; i < N; i++) {
      const client = proposers[i % proposers.length]!;
      // Slots that all overlap 14:00–14:30 on the last day: 13:30–14:30, 14:00–15:00, ...
      const from = i % 2 === 0 ? '13:30' : '14:00';
      const to = i % 2 === 0 ? '14:30' : '15:00';
      const invitee = client === io ? me['government@demo.test']! : me['io@demo.test']!;
      meetings.push({ client, m: await propose(client, { topic: `Race ${i}`, invitees: { userIds: [invitee.id] }, slots: [slot(2, from, to)] }) });
    }
    const results = await Promise.all(meetings.map(({ client, m }) => client.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id, roomId: room.id, anyway: true })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(N - 1);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().type).toBe('/problems/room-taken');
    const bookings = await t.app.db.selectFrom('room_bookings').select('meeting_id').where('room_id', '=', room.id).execute();
    expect(bookings).toHaveLength(1);
    // The losers stay proposed, with no room.
    const statuses = await t.app.db.selectFrom('meetings').select(['status', 'room_id']).where('id', 'in', meetings.map((x) => x.m.id)).execute();
    expect(statuses.filter((s) => s.status === 'confirmed')).toHaveLength(1);
    expect(statuses.filter((s) => s.status === 'proposed' && s.room_id === null)).toHaveLength(N - 1);
    // Clean up so the next tests find the boardroom free.
    const winner = meetings[codes.indexOf(200)]!;
    expect((await winner.client.post(`/api/v1/meetings/${winner.m.id}/cancel`, {})).statusCode).toBe(200);
  });
});

describe('changes and cancellations', () => {
  it('a change of times frees the room, clears answers, returns to proposed and notifies; a cancellation frees the room and notifies', async () => {
    const m = await propose(gov, { topic: 'Referral mechanism', invitees: { userIds: [me['io@demo.test']!.id] }, slots: [slot(1, '16:00', '17:00')] });
    await io.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }] });
    const confirmed = (await gov.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id })).json() as MeetingOut;
    expect(confirmed.room).not.toBeNull();
    expect((await io.patch(`/api/v1/meetings/${m.id}`, { topic: 'Not mine' })).statusCode).toBe(403);

    let mails = await newMails();
    const changed = await gov.patch(`/api/v1/meetings/${m.id}`, { slots: [slot(2, '10:00', '11:00')] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'proposed', room: null, confirmedSlot: null });
    expect(changed.json().slots[0].answers).toEqual([]);
    expect(await t.app.db.selectFrom('room_bookings').select('id').where('meeting_id', '=', m.id).execute()).toEqual([]);
    let sent = await mails();
    expect(sent.map((x) => [x.to, x.subject])).toEqual([['io@demo.test', 'Virtual Forum: meeting changed: Referral mechanism']]);
    expect(sent[0]!.text).toContain(`${day(2)} 10:00–11:00`);

    const slotId = changed.json().slots[0].id as string;
    expect((await gov.post(`/api/v1/meetings/${m.id}/confirm`, { slotId, anyway: true })).statusCode).toBe(200);
    mails = await newMails();
    const stale = await gov.patch(`/api/v1/meetings/${m.id}`, { topic: 'Referral mechanisms', revision: 1 });
    expect(stale.statusCode).toBe(409);
    const cancelled = await gov.post(`/api/v1/meetings/${m.id}/cancel`, { reason: 'Travel postponed' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', room: null });
    expect(await t.app.db.selectFrom('room_bookings').select('id').where('meeting_id', '=', m.id).execute()).toEqual([]);
    sent = await mails();
    expect(sent.map((x) => [x.to, x.subject])).toEqual([['io@demo.test', 'Virtual Forum: meeting cancelled: Referral mechanism']]);
    expect(sent[0]!.text).toContain('Reason: Travel postponed');
    expect(sent[0]!.text).toContain('Its room is free again.');
    expect((await gov.post(`/api/v1/meetings/${m.id}/cancel`, {})).statusCode).toBe(403);
    // The agenda shows it as cancelled and its calendar entry says so.
    const agenda = (await gov.get('/api/v1/me/agenda')).json().items.find((i: { id: string }) => i.id === m.id);
    expect(agenda.status).toBe('cancelled');
    expect(unfold((await gov.get('/api/v1/me/agenda.ics')).body)).toContain('STATUS:CANCELLED');
  });
});

describe('the private space', () => {
  it('keeps notes and a discussion for invitees and organizers only, also after cancellation', async () => {
    const m = await propose(cso, { mode: 'virtual', topic: 'Peer exchange', invitees: { organizationIds: [me['business@demo.test']!.organization.id] }, slots: [slot(0, '17:00', '18:00')] });
    expect((await business.put(`/api/v1/meetings/${m.id}/notes`, { notes: 'We agreed to share the training curriculum.' })).statusCode).toBe(200);
    expect((await cso.post(`/api/v1/meetings/${m.id}/messages`, { body: 'Thanks, I will send it.' })).statusCode).toBe(201);
    expect((await gov.post(`/api/v1/meetings/${m.id}/messages`, { body: 'Can I join?' })).statusCode).toBe(404);
    expect((await gov.put(`/api/v1/meetings/${m.id}/notes`, { notes: 'x' })).statusCode).toBe(404);
    await cso.post(`/api/v1/meetings/${m.id}/cancel`, {});
    const read = (await business.get(`/api/v1/meetings/${m.id}`)).json();
    expect(read.notes).toBe('We agreed to share the training curriculum.');
    const messages = (await organizer.get(`/api/v1/meetings/${m.id}/messages`)).json().items;
    expect(messages).toMatchObject([{ body: 'Thanks, I will send it.', author: { id: me['cso@demo.test']!.id } }]);
  });
});

describe('the agenda applies the rules of today', () => {
  it('drops a meeting from the agenda and its feed once the user is no longer invited', async () => {
    const m = await propose(gov, { mode: 'virtual', topic: 'Feed check', invitees: { userIds: [me['business@demo.test']!.id] }, slots: [slot(0, '18:00', '19:00')] });
    await business.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }] });
    expect((await gov.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id })).statusCode).toBe(200);
    const feed = new URL((await business.post('/api/v1/me/agenda/feed')).json().url as string);
    const anonymous = t.client();
    expect((await anonymous.get(feed.pathname + feed.search)).body).toContain('SUMMARY:Meeting: Feed check');
    expect(((await business.get('/api/v1/me/agenda')).json().items as { id: string }[]).map((i) => i.id)).toContain(m.id);
    await t.app.db.deleteFrom('meeting_invitees').where('meeting_id', '=', m.id).where('user_id', '=', me['business@demo.test']!.id).execute();
    expect(((await business.get('/api/v1/me/agenda')).json().items as { id: string }[]).map((i) => i.id)).not.toContain(m.id);
    expect((await anonymous.get(feed.pathname + feed.search)).body).not.toContain('Feed check');
    expect((await business.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
  });
});

describe('the visibility rule in SQL', () => {
  it('lists exactly the meetings canSeeMeeting allows, for every demo account', async () => {
    const db = t.app.db;
    const all = await db.selectFrom('meetings').select('id').execute();
    const facts = new Map<string, Parameters<typeof canSeeMeeting>[1]>();
    for (const { id } of all) {
      const invitees = await db.selectFrom('meeting_invitees').selectAll().where('meeting_id', '=', id).execute();
      const row = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      facts.set(id, {
        proposerId: row.proposer_id,
        invitedUserIds: invitees.flatMap((i) => (i.user_id ? [i.user_id] : [])),
        invitedOrganizationIds: invitees.flatMap((i) => (i.organization_id ? [i.organization_id] : [])),
        status: row.status,
      });
    }
    const users = await db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'u.role', 'o.id as org', 'o.category']).where('u.is_demo', '=', true).execute();
    expect(all.length).toBeGreaterThan(10);
    for (const u of users) {
      const actor: Actor = { id: u.id, role: u.role, tier: 'partial', organizationId: u.org, category: u.category };
      const sqlIds = (await db.selectFrom('meetings as m').select('m.id').where(visibleMeetingsFilter(actor)).execute()).map((r) => r.id).sort();
      const memoryIds = [...facts].filter(([, f]) => canSeeMeeting(actor, f)).map(([id]) => id).sort();
      expect(sqlIds, u.id).toEqual(memoryIds);
    }
  });
});

describe('issue 13: seats, confirming with no answers, invitees after the proposal', () => {
  const notices = async (c: TestClient) => (await c.get('/api/v1/me/notifications')).json().items as { kind: string; subject: { id: string; title: string }; url: string }[];

  it('counts the people who accepted, several from one organization, or the number the proposer gives', async () => {
    const m = await propose(gov, { topic: 'Seats for a delegation', invitees: { userIds: [me['cso@demo.test']!.id], organizationIds: [me['io@demo.test']!.organization.id] }, slots: [slot(1, '13:00', '14:00')] });
    expect(m.headCount).toBe(2);
    for (const c of [io, memberIo]) await c.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }] });
    await cso.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'no' }] });
    // Two people of IOM accepted: two seats for one organization, none for the one who declined.
    const read = (await gov.get(`/api/v1/meetings/${m.id}`)).json();
    expect(read).toMatchObject({ headCount: 3, seats: null });
    const fits = async () => ((await gov.get(`/api/v1/rooms?meetingId=${m.id}&start=${m.slots[0]!.start}&end=${m.slots[0]!.end}`)).json().items as { capacity: number }[]).map((r) => r.capacity);
    expect(Math.min(...(await fits()))).toBeGreaterThanOrEqual(3);
    // The proposer knows better: six seats.
    expect((await cso.patch(`/api/v1/meetings/${m.id}`, { seats: 6 })).statusCode).toBe(403);
    const six = await gov.patch(`/api/v1/meetings/${m.id}`, { seats: 6 });
    expect(six.json()).toMatchObject({ headCount: 6, seats: 6 });
    expect(Math.min(...(await fits()))).toBeGreaterThanOrEqual(6);
    expect((await gov.patch(`/api/v1/meetings/${m.id}`, { seats: 5001 })).statusCode).toBe(400);
    expect((await gov.patch(`/api/v1/meetings/${m.id}`, { seats: null })).json()).toMatchObject({ headCount: 3, seats: null });
    const given = await propose(gov, { topic: 'Seats given at once', seats: 5, invitees: { organizationIds: [me['ilo@demo.test']!.organization.id] }, slots: [slot(1, '13:00', '14:00')] });
    expect(given.headCount).toBe(5);
  });

  it('asks the proposer to confirm anyway when nobody has answered, naming who has not', async () => {
    const m = await propose(gov, { topic: 'Nobody answered yet', invitees: { userIds: [me['cso@demo.test']!.id], organizationIds: [me['ilo@demo.test']!.organization.id] }, slots: [slot(1, '17:00', '18:00')] });
    const read = (await gov.get(`/api/v1/meetings/${m.id}`)).json();
    expect(read.notAnswered.people.map((p: { id: string }) => p.id)).toEqual([me['cso@demo.test']!.id]);
    expect(read.notAnswered.organizations.map((o: { id: string }) => o.id)).toEqual([me['ilo@demo.test']!.organization.id]);
    const refused = await gov.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: '/problems/meeting-unanswered' });
    expect(refused.json().detail).toMatch(/^Nobody invited has answered yet \(.+\)\. Confirm anyway, or wait for their answers\.$/);
    expect(refused.json().notAnswered.people).toHaveLength(1);
    expect((await gov.get(`/api/v1/meetings/${m.id}`)).json().status).toBe('proposed');
    expect(await t.app.db.selectFrom('room_bookings').select('id').where('meeting_id', '=', m.id).execute()).toEqual([]);
    const anyway = await gov.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id, anyway: true });
    expect(anyway.statusCode, anyway.body).toBe(200);
    expect(anyway.json().status).toBe('confirmed');
    // Once someone answered, it confirms without asking; the one still silent is named.
    const n = await propose(gov, { topic: 'One answered', invitees: { userIds: [me['cso@demo.test']!.id, me['business@demo.test']!.id] }, slots: [slot(1, '17:00', '18:00')] });
    const answered = (await cso.put(`/api/v1/meetings/${n.id}/answers`, { answers: [{ slotId: n.slots[0]!.id, answer: 'yes' }] })).json();
    expect(answered.notAnswered.people.map((p: { id: string }) => p.id)).toEqual([me['business@demo.test']!.id]);
    expect((await gov.post(`/api/v1/meetings/${n.id}/confirm`, { slotId: n.slots[0]!.id })).statusCode).toBe(200);
  });

  it('adds invitees, who are invited; removes them, who are told and hear nothing more of it', async () => {
    const m = await propose(gov, { mode: 'virtual', topic: 'Invitees change', invitees: { userIds: [me['cso@demo.test']!.id] }, slots: [slot(1, '09:00', '10:00')] });
    let mails = await newMails();
    expect((await cso.post(`/api/v1/meetings/${m.id}/invitees`, { userIds: [me['ilo@demo.test']!.id] })).statusCode).toBe(403);
    const added = await gov.post(`/api/v1/meetings/${m.id}/invitees`, { userIds: [me['ilo@demo.test']!.id, me['cso@demo.test']!.id], organizationIds: [me['business@demo.test']!.organization.id] });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().invitees.people.map((p: { id: string }) => p.id).sort()).toEqual([me['cso@demo.test']!.id, me['ilo@demo.test']!.id].sort());
    // Only the new ones are invited (the CSO was already).
    expect((await mails()).map((x) => [x.to, x.subject]).sort()).toEqual([
      ['business@demo.test', 'Virtual Forum: meeting proposed: Invitees change'],
      ['ilo@demo.test', 'Virtual Forum: meeting proposed: Invitees change'],
    ]);
    expect((await gov.post(`/api/v1/meetings/${m.id}/invitees`, { userIds: [me['ilo@demo.test']!.id] })).json().errors[0].field).toBe('invitees');
    expect((await ilo.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(200);
    await ilo.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }] });
    expect((await notices(ilo)).some((x) => x.kind === 'meeting_invitation' && x.subject.id === m.id)).toBe(true);

    mails = await newMails();
    expect((await cso.delete(`/api/v1/meetings/${m.id}/invitees/users/${me['ilo@demo.test']!.id}`)).statusCode).toBe(403);
    const removed = await gov.delete(`/api/v1/meetings/${m.id}/invitees/users/${me['ilo@demo.test']!.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().slots[0].answers).toEqual([]);
    expect((await ilo.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
    const told = await mails();
    expect(told.map((x) => [x.to, x.subject])).toEqual([['ilo@demo.test', 'Virtual Forum: you were taken off a meeting: Invitees change']]);
    expect(told[0]!.text).not.toContain(`/meetings/${m.id}`);
    // The notice of the removal, and nothing else of that meeting: the invitation is gone too.
    expect((await notices(ilo)).filter((x) => x.subject.id === m.id).map((x) => [x.kind, x.url])).toEqual([['meeting_removed', '/meetings']]);
    expect((await gov.delete(`/api/v1/meetings/${m.id}/invitees/users/${me['ilo@demo.test']!.id}`)).statusCode).toBe(404);
    // Later changes and the cancellation do not reach them.
    mails = await newMails();
    expect((await gov.patch(`/api/v1/meetings/${m.id}`, { topic: 'Invitees changed' })).statusCode).toBe(200);
    expect((await mails()).map((x) => x.to).sort()).toEqual(['business@demo.test', 'cso@demo.test']);
    expect((await notices(ilo)).filter((x) => x.subject.id === m.id).map((x) => x.kind)).toEqual(['meeting_removed']);

    // An organization taken off: its members are told; the last invitee cannot be removed.
    mails = await newMails();
    expect((await gov.delete(`/api/v1/meetings/${m.id}/invitees/organizations/${me['business@demo.test']!.organization.id}`)).statusCode).toBe(200);
    expect((await mails()).map((x) => x.to)).toEqual(['business@demo.test']);
    expect((await business.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
    const last = await gov.delete(`/api/v1/meetings/${m.id}/invitees/users/${me['cso@demo.test']!.id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().type).toBe('/problems/meeting-last-invitee');
  });
});
