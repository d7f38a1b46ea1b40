// The event, its programme (the Vienna Forum 2008 from Annex I), calendar files, organizer
// configuration, rooms and the personal agenda with clashes and its private feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { loadDemoEvent, VIENNA_FORUM_PROGRAMME } from '../demo/demo-event.js';
import { zonedToUtc } from './time.js';

let t: TestApp;
let organizer: TestClient, gov: TestClient, cso: TestClient;

interface SessionOut { id: string; code: string; title: string; type: string; start: string; end: string; room: string | null; closed: boolean; inAgenda: boolean; permissions: { attend: boolean } }
interface EventOut { id: string; name: string; current: boolean; phase: string; startsOn: string; endsOn: string; timeZone: string; phases: { phase: string; from: string; until: string }[] }

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

beforeAll(async () => {
  t = await createTestApp();
  [organizer, gov, cso] = await Promise.all(['organizer@demo.test', 'government@demo.test', 'cso@demo.test'].map((e) => t.signIn(e))) as [TestClient, TestClient, TestClient];
});
afterAll(async () => t?.close());

async function followUp(): Promise<EventOut> {
  const res = await gov.get('/api/v1/events');
  return (res.json().items as EventOut[]).find((e) => e.name.startsWith('Vienna Forum follow-up'))!;
}

describe('the current event', () => {
  it('is the Vienna Forum 2008, with its phases and the one it is in now', async () => {
    const res = await cso.get('/api/v1/event');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Vienna Forum to Fight Human Trafficking 2008',
      venue: 'Austria Center Vienna',
      timeZone: 'Europe/Vienna',
      startsOn: '2008-02-13',
      endsOn: '2008-02-15',
      current: true,
      phase: 'closed',
      phases: [
        { phase: 'preparation', from: '2007-12-13', until: '2008-02-12' },
        { phase: 'event', from: '2008-02-13', until: '2008-02-15' },
        { phase: 'follow_up', from: '2008-02-16', until: '2008-05-15' },
      ],
    });
  });

  it('needs a signed-in user', async () => {
    expect((await t.client().get('/api/v1/event')).statusCode).toBe(401);
  });

  it('lists the follow-up event a few weeks ahead, in its preparation phase', async () => {
    const e = await followUp();
    expect(e.phase).toBe('preparation');
    const days = (Date.parse(e.startsOn) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(14);
    expect(days).toBeLessThan(35);
  });
});

describe('the programme', () => {
  it('holds every numbered session of Annex I, 001 to 035 (no 003 is printed), with the unnumbered items', async () => {
    const res = await cso.get('/api/v1/event/sessions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as SessionOut[];
    expect(items).toHaveLength(VIENNA_FORUM_PROGRAMME.length);
    const numbered = items.filter((s) => /^\d{3}$/.test(s.code)).map((s) => s.code).sort();
    const expected = Array.from({ length: 35 }, (_, i) => String(i + 1).padStart(3, '0')).filter((c) => c !== '003');
    expect(numbered).toEqual(expected);
    // In time order.
    expect(items.map((s) => s.start)).toEqual([...items.map((s) => s.start)].sort());
  });

  it('gives days, times (UTC), types, rooms and closed sessions as printed', async () => {
    const items = (await cso.get('/api/v1/event/sessions')).json().items as SessionOut[];
    const by = (code: string) => items.find((s) => s.code === code)!;
    // 09:30–12:30 Vienna time (CET, UTC+1) on Wednesday 13 February.
    expect(by('001')).toMatchObject({ title: 'Opening session', type: 'plenary', start: '2008-02-13T08:30:00.000Z', end: '2008-02-13T11:30:00.000Z', closed: false });
    expect(by('013')).toMatchObject({ title: 'Special Event: The Role of Women Leaders', type: 'special_event', closed: true, start: '2008-02-14T10:00:00.000Z' });
    expect(by('PF')).toMatchObject({ title: 'Parliamentary Forum', closed: true, start: '2008-02-12T08:00:00.000Z', end: '2008-02-12T16:00:00.000Z' });
    expect(by('035')).toMatchObject({ type: 'side_event', start: '2008-02-14T11:30:00.000Z', end: '2008-02-14T13:00:00.000Z' });
    expect(by('018')).toMatchObject({ start: '2008-02-14T13:30:00.000Z', end: '2008-02-14T16:30:00.000Z' });
    expect(by('028')).toMatchObject({ title: 'Closing session', start: '2008-02-15T13:00:00.000Z', end: '2008-02-15T15:00:00.000Z' });
    expect(by('RECEPTION').room).toBe('Hofburg');
    // Parallel sessions in the order the annex prints them.
    expect(items.filter((s) => s.start === '2008-02-13T13:30:00.000Z').map((s) => s.code)).toEqual(['002', '010', '005', '006']);
    expect(items.filter((s) => s.closed).map((s) => s.code).sort()).toEqual(['013', 'PF']);
  });

  it('filters by day in the venue time zone', async () => {
    const items = (await cso.get('/api/v1/event/sessions?day=2008-02-15')).json().items as SessionOut[];
    expect(items.map((s) => s.code).sort()).toEqual(['022', '023', '024', '025', '026', '027', '028', 'EXH-3', 'LUNCH-3']);
  });

  it('serves a session as a valid .ics file in UTC', async () => {
    const res = await cso.get('/api/v1/event/sessions/001/ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".*001\.ics"/);
    const lines = unfold(res.body).split('\r\n');
    expect(lines).toContain('DTSTART:20080213T083000Z');
    expect(lines).toContain('DTEND:20080213T113000Z');
    expect(lines).toContain('SUMMARY:001: Opening session');
    expect(lines).toContain('LOCATION:Austria Center Vienna');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Venue time (Europe/Vienna): 2008-02-13 09:30 to 12:30');
    expect((await cso.get('/api/v1/event/sessions/999/ics')).statusCode).toBe(404);
  });
});

describe('organizers configure events, sessions and rooms', () => {
  it('refuses everyone else', async () => {
    const e = await followUp();
    expect((await gov.post('/api/v1/events', { name: 'X event', venue: 'Somewhere', timeZone: 'Europe/Vienna', opensOn: '2027-01-01', startsOn: '2027-02-01', endsOn: '2027-02-02', followUpUntil: '2027-03-01' })).statusCode).toBe(403);
    expect((await gov.patch(`/api/v1/events/${e.id}`, { current: true })).statusCode).toBe(403);
    expect((await cso.post(`/api/v1/events/${e.id}/rooms`, { name: 'R', capacity: 3, opensAt: '09:00', closesAt: '17:00' })).statusCode).toBe(403);
    expect((await gov.get('/api/v1/rooms/availability')).statusCode).toBe(403);
  });

  it('checks the phases, the time zone and the hours, and changes nothing on bad input', async () => {
    const bad = await organizer.post('/api/v1/events', { name: 'Bad event', venue: 'Vienna', timeZone: 'Mars/Olympus', opensOn: '2027-03-01', startsOn: '2027-02-01', endsOn: '2027-01-02', followUpUntil: '2027-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['endsOn', 'followUpUntil', 'opensOn', 'timeZone']);
    const e = await followUp();
    const room = await organizer.post(`/api/v1/events/${e.id}/rooms`, { name: 'Late room', capacity: 3, opensAt: '18:00', closesAt: '09:00' });
    expect(room.statusCode).toBe(400);
    expect((await organizer.get(`/api/v1/rooms?eventId=${e.id}`)).json().items.map((r: { name: string }) => r.name)).not.toContain('Late room');
  });

  it('creates an event with a session, marks it current, and back', async () => {
    const created = await organizer.post('/api/v1/events', { name: 'Regional follow-up, Bangkok', venue: 'UN Conference Centre', timeZone: 'Asia/Bangkok', opensOn: '2027-01-01', startsOn: '2027-02-01', endsOn: '2027-02-02', followUpUntil: '2027-03-01' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const s = await organizer.post(`/api/v1/events/${id}/sessions`, { code: 'B1', title: 'Opening', type: 'plenary', start: zonedToUtc('2027-02-01', '09:00', 'Asia/Bangkok').toISOString(), end: zonedToUtc('2027-02-01', '10:00', 'Asia/Bangkok').toISOString() });
    expect(s.statusCode).toBe(201);
    expect(s.json().start).toBe('2027-02-01T02:00:00.000Z');
    expect((await organizer.post(`/api/v1/events/${id}/sessions`, { code: 'B1', title: 'Again', type: 'plenary', start: '2027-02-01T03:00:00Z', end: '2027-02-01T04:00:00Z' })).statusCode).toBe(400);
    expect((await organizer.patch(`/api/v1/events/${id}`, { current: true })).statusCode).toBe(200);
    expect((await gov.get('/api/v1/event')).json().name).toBe('Regional follow-up, Bangkok');
    const vienna = ((await gov.get('/api/v1/events')).json().items as EventOut[]).find((x) => x.name.startsWith('Vienna Forum to Fight'))!;
    expect((await organizer.patch(`/api/v1/events/${vienna.id}`, { current: true })).statusCode).toBe(200);
    const current = ((await gov.get('/api/v1/events')).json().items as EventOut[]).filter((x) => x.current);
    expect(current.map((x) => x.name)).toEqual(['Vienna Forum to Fight Human Trafficking 2008']);
  });
});

describe('organizers change the programme', () => {
  it('moves a session, closes it to all but one organization, and removes it; others may not', async () => {
    const e = await followUp();
    const io = await t.signIn('io@demo.test');
    const ioOrg = (await io.get('/api/v1/me')).json().organization.id as string;
    expect((await gov.patch(`/api/v1/events/${e.id}/sessions/F03`, { room: 'Room X' })).statusCode).toBe(403);
    const changed = await organizer.patch(`/api/v1/events/${e.id}/sessions/F03`, { room: 'Room C3', closed: true, closedNote: 'By invitation', guestOrganizationIds: [ioOrg] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ code: 'F03', room: 'Room C3', closed: true, closedNote: 'By invitation' });
    const id = changed.json().id as string;
    expect((await gov.put(`/api/v1/me/agenda/sessions/${id}`)).statusCode).toBe(403);
    expect((await io.put(`/api/v1/me/agenda/sessions/${id}`)).statusCode).toBe(204);
    const bad = await organizer.patch(`/api/v1/events/${e.id}/sessions/F03`, { end: '2000-01-01T00:00:00Z' });
    expect(bad.statusCode).toBe(400);
    expect((await gov.get(`/api/v1/event/sessions/F03?eventId=${e.id}`)).json().room).toBe('Room C3');
    expect((await gov.delete(`/api/v1/events/${e.id}/sessions/F03`)).statusCode).toBe(403);
    expect((await organizer.delete(`/api/v1/events/${e.id}/sessions/F03`)).statusCode).toBe(204);
    expect((await gov.get(`/api/v1/event/sessions/F03?eventId=${e.id}`)).statusCode).toBe(404);
    // Gone from the agenda of the one who had added it.
    expect(((await io.get('/api/v1/me/agenda')).json().items as { id: string }[]).map((i) => i.id)).not.toContain(id);
  });
});

describe('session descriptions and speakers (issue 13)', () => {
  it('are set by organizers, kept in order, shown in the programme and the .ics, and checked', async () => {
    const e = await followUp();
    const start = zonedToUtc(e.startsOn, '16:00', e.timeZone).toISOString();
    const end = zonedToUtc(e.startsOn, '17:00', e.timeZone).toISOString();
    const created = await organizer.post(`/api/v1/events/${e.id}/sessions`, {
      code: 'SP1', title: 'Prosecuting labour exploitation', type: 'panel', start, end,
      description: 'How prosecutors and labour inspectors build cases together.',
      speakers: [{ name: '  Ana Example ', affiliation: 'Labour inspectorate' }, { name: 'Ben Example' }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ description: 'How prosecutors and labour inspectors build cases together.', speakers: [{ name: 'Ana Example', affiliation: 'Labour inspectorate' }, { name: 'Ben Example', affiliation: '' }] });
    const seen = ((await cso.get(`/api/v1/event/sessions?eventId=${e.id}`)).json().items as (SessionOut & { speakers: unknown })[]).find((s) => s.code === 'SP1')!;
    expect(seen.speakers).toEqual([{ name: 'Ana Example', affiliation: 'Labour inspectorate' }, { name: 'Ben Example', affiliation: '' }]);
    const ics = unfold((await cso.get(`/api/v1/event/sessions/SP1/ics?eventId=${e.id}`)).body);
    expect(ics).toContain('Speakers: Ana Example (Labour inspectorate)\\; Ben Example.');
    // Reordered and one removed; a change without speakers keeps them.
    expect((await organizer.patch(`/api/v1/events/${e.id}/sessions/SP1`, { speakers: [{ name: 'Ben Example', affiliation: 'Prosecutor' }] })).json().speakers).toEqual([{ name: 'Ben Example', affiliation: 'Prosecutor' }]);
    expect((await organizer.patch(`/api/v1/events/${e.id}/sessions/SP1`, { title: 'Prosecuting forced labour' })).json().speakers).toEqual([{ name: 'Ben Example', affiliation: 'Prosecutor' }]);
    const bad = await organizer.patch(`/api/v1/events/${e.id}/sessions/SP1`, { speakers: [{ name: 'X' }] });
    expect(bad.statusCode).toBe(400);
    expect((await gov.patch(`/api/v1/events/${e.id}/sessions/SP1`, { speakers: [] })).statusCode).toBe(403);
    expect((await organizer.delete(`/api/v1/events/${e.id}/sessions/SP1`)).statusCode).toBe(204);
  });
});

describe('rooms', () => {
  it('lists the rooms of the follow-up event with capacity, equipment and hours', async () => {
    const e = await followUp();
    const rooms = (await gov.get(`/api/v1/rooms?eventId=${e.id}`)).json().items as { name: string; capacity: number; equipment: string[]; opensAt: string }[];
    expect(rooms.map((r) => r.name)).toEqual(['Office O3', 'Meeting room M1', 'Meeting room M2', 'Boardroom B']);
    expect(rooms[3]).toMatchObject({ capacity: 12, equipment: ['projector', 'video conference', 'interpretation booth'], opensAt: '08:30' });
  });

  it('offers only rooms big enough, open at that time', async () => {
    const e = await followUp();
    const names = async (q: string) => ((await gov.get(`/api/v1/rooms?eventId=${e.id}&${q}`)).json().items as { name: string }[]).map((r) => r.name);
    expect(await names('seats=5')).toEqual(['Meeting room M2', 'Boardroom B']);
    expect(await names('seats=13')).toEqual([]);
    const at = (time: string) => zonedToUtc(e.startsOn, time, 'Europe/Vienna').toISOString();
    // 08:00–09:00: only the office (from 08:00) is open; the boardroom opens at 08:30.
    expect(await names(`seats=1&start=${at('08:00')}&end=${at('09:00')}`)).toEqual(['Office O3']);
    expect(await names(`seats=3&start=${at('18:00')}&end=${at('19:00')}`)).toEqual(['Boardroom B']);
    // Not on a day of the event.
    const before = zonedToUtc(e.phases[0]!.from, '10:00', 'Europe/Vienna');
    expect(await names(`start=${before.toISOString()}&end=${new Date(before.getTime() + 3_600_000).toISOString()}`)).toEqual([]);
  });
});

describe('the personal agenda', () => {
  it('adds sessions, shows clashes, and serves them as .ics', async () => {
    const items = (await gov.get('/api/v1/event/sessions')).json().items as SessionOut[];
    const by = (code: string) => items.find((s) => s.code === code)!;
    for (const code of ['014', '018', '021', '008']) expect((await gov.put(`/api/v1/me/agenda/sessions/${by(code).id}`)).statusCode).toBe(204);
    // Twice is fine.
    expect((await gov.put(`/api/v1/me/agenda/sessions/${by('008').id}`)).statusCode).toBe(204);
    const agenda = (await gov.get('/api/v1/me/agenda')).json();
    expect(agenda.items.map((i: { code: string }) => i.code)).toEqual(['008', '014', '018', '021']);
    const clash = Object.fromEntries(agenda.items.map((i: { code: string; clashesWith: string[] }) => [i.code, i.clashesWith.length]));
    // 018 (14:30–17:30) overlaps 014 (14:30–16:00) and 021 (16:00–17:30); 014 and 021 only touch.
    expect(clash).toEqual({ '008': 0, '014': 1, '018': 2, '021': 1 });
    expect(agenda.clashes).toBe(3);
    expect((await gov.get('/api/v1/event/sessions?day=2008-02-14')).json().items.find((s: SessionOut) => s.code === '014').inAgenda).toBe(true);

    const ics = await gov.get('/api/v1/me/agenda.ics');
    expect(ics.statusCode).toBe(200);
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(unfold(ics.body)).toContain('SUMMARY:018: International Cooperation');

    expect((await gov.delete(`/api/v1/me/agenda/sessions/${by('021').id}`)).statusCode).toBe(204);
    expect((await gov.get('/api/v1/me/agenda')).json().items).toHaveLength(3);
  });

  it('refuses a closed session to those not invited, and lets its guests and organizers add it', async () => {
    const items = (await cso.get('/api/v1/event/sessions')).json().items as SessionOut[];
    const closed = items.find((s) => s.code === '013')!;
    expect(closed.permissions.attend).toBe(false);
    const res = await cso.put(`/api/v1/me/agenda/sessions/${closed.id}`);
    expect(res.statusCode).toBe(403);
    expect((await cso.get('/api/v1/me/agenda')).json().items).toHaveLength(0);
    // UNODC is the invited organization of session 013.
    expect((await organizer.put(`/api/v1/me/agenda/sessions/${closed.id}`)).statusCode).toBe(204);
    const io = await t.signIn('io@demo.test');
    expect((await io.put(`/api/v1/me/agenda/sessions/${items.find((s) => s.code === 'PF')!.id}`)).statusCode).toBe(403);
  });

  it('gives a private feed URL that works without a session, and stops working when renewed or revoked', async () => {
    expect((await cso.get('/api/v1/me/agenda/feed')).json()).toEqual({ active: false, createdAt: null });
    const items = (await cso.get('/api/v1/event/sessions')).json().items as SessionOut[];
    await cso.put(`/api/v1/me/agenda/sessions/${items.find((s) => s.code === '025')!.id}`);
    const created = await cso.post('/api/v1/me/agenda/feed');
    expect(created.statusCode).toBe(200);
    const url = new URL(created.json().url as string);
    const anonymous = t.client();
    const feed = await anonymous.get(url.pathname + url.search);
    expect(feed.statusCode).toBe(200);
    expect(unfold(feed.body)).toContain('SUMMARY:025: Building the Bridges – Civil Society Organizations/Law Enforcement Cooperation');
    // Only a hash is stored.
    const stored = await t.app.db.selectFrom('calendar_feeds').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(url.searchParams.get('token'));

    const renewed = new URL((await cso.post('/api/v1/me/agenda/feed')).json().url as string);
    expect((await anonymous.get(url.pathname + url.search)).statusCode).toBe(404);
    expect((await anonymous.get(renewed.pathname + renewed.search)).statusCode).toBe(200);
    expect((await cso.delete('/api/v1/me/agenda/feed')).statusCode).toBe(204);
    expect((await anonymous.get(renewed.pathname + renewed.search)).statusCode).toBe(404);
    expect((await cso.get('/api/v1/me/agenda/feed')).json().active).toBe(false);
  });
});

describe('demo data', () => {
  it('loads once: a second run adds nothing', async () => {
    const count = async (table: 'events' | 'event_sessions' | 'event_rooms' | 'meetings') =>
      (await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await Promise.all([count('events'), count('event_sessions'), count('event_rooms'), count('meetings')]);
    expect(await t.app.db.transaction().execute((tx) => loadDemoEvent(tx))).toBe(false);
    expect(await Promise.all([count('events'), count('event_sessions'), count('event_rooms'), count('meetings')])).toEqual(before);
  });
});
