// Demo events. The Vienna Forum 2008 with its real programme, as printed in Annex I ("Vienna
// Forum: agenda") of the report on the Forum (seed 000, E/CN.15/2008/CRP.2): every numbered
// session (001 to 035; the annex lists no session 003), with its day, times and kind, the
// closed meetings marked, and the unnumbered items of the agenda (the Parliamentary Forum the day
// before, the exhibitions, lunches, the reception at the Hofburg, the film forum). The annex names
// no rooms except the Hofburg, so no others are invented. Marked as the current event.
//
// And a follow-up event a few weeks after the day the demo is loaded, with rooms at the venue
// (name, seats, equipment, daily hours), a short programme and one proposed meeting, so that
// proposing, answering, confirming and booking can be tried at once. Everything is flagged is_demo.
// Loaded once per database (its own meta key), inside the demo transaction.
import type { Kysely } from 'kysely';
import type { Database, SessionType } from '../db/schema.js';
import { addDays, todayIn, zonedToUtc } from '../event/time.js';

const TZ = 'Europe/Vienna';
const LOADED_KEY = 'demo_event_loaded';

interface ProgrammeItem {
  code: string;
  day: string;
  start: string;
  end: string;
  title: string;
  type: SessionType;
  room?: string;
  closed?: string;
  theme?: string;
  description?: string;
}

const SPECIAL = 'Special sessions';
const D0 = '2008-02-12';
const D1 = '2008-02-13';
const D2 = '2008-02-14';
const D3 = '2008-02-15';
const block = (name: string) => `${name} (parallel sessions).`;

/** Annex I, in the order printed. */
export const VIENNA_FORUM_PROGRAMME: ProgrammeItem[] = [
  // Tuesday, 12 February 2008: special event
  { code: 'PF', day: D0, start: '09:00', end: '17:00', title: 'Parliamentary Forum', type: 'special_event', closed: 'Closed meeting', theme: SPECIAL },
  // Wednesday, 13 February 2008: Forum day I
  { code: 'EXH-1', day: D1, start: '08:00', end: '18:00', title: 'Exhibitions', type: 'exhibition' },
  { code: '001', day: D1, start: '09:30', end: '12:30', title: 'Opening session', type: 'plenary' },
  { code: 'LUNCH-1', day: D1, start: '12:30', end: '14:30', title: 'Lunch', type: 'break' },
  { code: '002', day: D1, start: '14:30', end: '16:00', title: 'First plenary session', type: 'plenary', description: block('Sessions I') },
  { code: '010', day: D1, start: '14:30', end: '16:00', title: 'Supply Chain Management', type: 'panel', description: block('Sessions I') },
  { code: '005', day: D1, start: '14:30', end: '16:00', title: 'Proactive Prevention – What Works!', type: 'panel', description: block('Sessions I') },
  { code: '006', day: D1, start: '14:30', end: '16:00', title: 'Criminal Justice Responses to Human Trafficking', type: 'panel', description: block('Sessions I') },
  { code: '007', day: D1, start: '16:00', end: '17:30', title: 'From Protection to Prosecution', type: 'panel', description: block('Sessions II') },
  { code: '032', day: D1, start: '16:00', end: '17:30', title: 'Special Event: Role of the Private Sector I', type: 'special_event', theme: SPECIAL, description: block('Sessions II') },
  { code: 'RECEPTION', day: D1, start: '19:00', end: '22:00', title: 'Welcome Reception', type: 'social', room: 'Hofburg' },
  // Thursday, 14 February 2008: Forum day II
  { code: 'EXH-2', day: D2, start: '08:00', end: '18:00', title: 'Exhibitions', type: 'exhibition' },
  { code: '008', day: D2, start: '09:00', end: '10:00', title: 'Second plenary session – Presentations', type: 'plenary' },
  { code: '029', day: D2, start: '10:00', end: '11:00', title: 'The Women Leaders’ Council', type: 'special_event', theme: SPECIAL },
  { code: '009', day: D2, start: '11:00', end: '12:30', title: 'Communities in Crisis', type: 'panel', description: block('Sessions III') },
  { code: '004', day: D2, start: '11:00', end: '12:30', title: 'Demand for Forced Labour and Sexual Exploitation', type: 'panel', description: block('Sessions III') },
  { code: '011', day: D2, start: '11:00', end: '12:30', title: 'Human Trafficking for the Removal of Organs and Body Parts', type: 'panel', description: block('Sessions III') },
  { code: '012', day: D2, start: '11:00', end: '12:30', title: 'The Role of Media in Building Images', type: 'panel', description: block('Sessions III') },
  { code: '013', day: D2, start: '11:00', end: '12:30', title: 'Special Event: The Role of Women Leaders', type: 'special_event', closed: 'Closed session', theme: SPECIAL },
  { code: '035', day: D2, start: '12:30', end: '14:00', title: 'Side Event: The Bali Process: A Model for Regional Cooperation in the Fight against Human Trafficking', type: 'side_event', theme: SPECIAL },
  { code: 'LUNCH-2', day: D2, start: '12:30', end: '14:30', title: 'Lunch', type: 'break' },
  { code: '014', day: D2, start: '14:30', end: '16:00', title: 'Health and Human Trafficking', type: 'panel', description: block('Sessions IV') },
  { code: '015', day: D2, start: '14:30', end: '16:00', title: 'National and Regional Responses', type: 'panel', description: block('Sessions IV') },
  { code: '016', day: D2, start: '14:30', end: '16:00', title: 'Profiling the Traffickers', type: 'panel', description: block('Sessions IV') },
  { code: '017', day: D2, start: '14:30', end: '16:00', title: 'Technology and Human Trafficking', type: 'panel', description: block('Sessions IV') },
  { code: '018', day: D2, start: '14:30', end: '17:30', title: 'International Cooperation', type: 'panel', theme: SPECIAL },
  { code: '030', day: D2, start: '14:30', end: '17:30', title: 'The Role of Religious Communities', type: 'special_event', theme: SPECIAL },
  { code: '031', day: D2, start: '14:30', end: '16:00', title: 'The Role of Youth', type: 'special_event', theme: SPECIAL },
  { code: '033', day: D2, start: '14:30', end: '16:00', title: 'Special Event: The Role of the Private Sector II', type: 'special_event', theme: SPECIAL },
  { code: '019', day: D2, start: '16:00', end: '17:30', title: 'The Roles of Employers’ Organizations, Businesses and Trade Unions in Combating Trafficking for Labour Exploitation', type: 'panel', description: block('Sessions V') },
  { code: '020', day: D2, start: '16:00', end: '17:30', title: 'Corruption and Human Trafficking', type: 'panel', description: block('Sessions V') },
  { code: '021', day: D2, start: '16:00', end: '17:30', title: 'Health and Human Trafficking', type: 'panel', description: block('Sessions V') },
  { code: '034', day: D2, start: '16:00', end: '17:30', title: 'Special Event: The Role of the Arts', type: 'special_event', theme: SPECIAL },
  { code: 'FILM', day: D2, start: '19:30', end: '23:00', title: 'Film Forum – Panel Discussion', type: 'special_event' },
  // Friday, 15 February 2008: Forum day III
  { code: 'EXH-3', day: D3, start: '08:00', end: '18:00', title: 'Exhibitions', type: 'exhibition' },
  { code: '022', day: D3, start: '09:30', end: '11:00', title: 'Consequences of Sexual Exploitation, Especially on Women and Children', type: 'panel', description: block('Sessions VI') },
  { code: '023', day: D3, start: '09:30', end: '11:00', title: 'The Effectiveness of Legal Frameworks and Anti-Trafficking Legislation', type: 'panel', description: block('Sessions VI') },
  { code: '024', day: D3, start: '09:30', end: '11:00', title: 'Quantifying Human Trafficking', type: 'panel', description: block('Sessions VI') },
  { code: '025', day: D3, start: '09:30', end: '11:00', title: 'Building the Bridges – Civil Society Organizations/Law Enforcement Cooperation', type: 'panel', description: block('Sessions VI') },
  { code: '026', day: D3, start: '11:00', end: '12:30', title: 'Repatriation and Re-integration of Victims of Human Trafficking', type: 'panel', description: block('Sessions VII') },
  { code: '027', day: D3, start: '11:00', end: '12:30', title: 'Transnational Organized Crime – Impact from Source to Destination', type: 'panel', description: block('Sessions VII') },
  { code: 'LUNCH-3', day: D3, start: '12:30', end: '14:00', title: 'Lunch', type: 'break' },
  { code: '028', day: D3, start: '14:00', end: '16:00', title: 'Closing session', type: 'plenary', description: '14:00–15:00 Part I: Innovative Initiatives. 15:00–16:00 Conclusion of the Vienna Forum.' },
];

export const DEMO_ROOMS = [
  { name: 'Office O3', capacity: 2, equipment: ['desk', 'telephone'], opensAt: '08:00', closesAt: '20:00' },
  { name: 'Meeting room M1', capacity: 4, equipment: ['screen'], opensAt: '09:00', closesAt: '18:00' },
  { name: 'Meeting room M2', capacity: 6, equipment: ['screen', 'video conference'], opensAt: '09:00', closesAt: '18:00' },
  { name: 'Boardroom B', capacity: 12, equipment: ['projector', 'video conference', 'interpretation booth'], opensAt: '08:30', closesAt: '19:00' },
];

/** The follow-up event's dates, counted from the day the demo is loaded (Vienna calendar). */
export function followUpDates(now: Date) {
  const today = todayIn(TZ, now);
  const startsOn = addDays(today, 21);
  return { opensOn: addDays(today, -30), startsOn, endsOn: addDays(startsOn, 2), followUpUntil: addDays(startsOn, 92) };
}

export async function loadDemoEvent(tx: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  const done = await tx.selectFrom('meta').select('value').where('key', '=', LOADED_KEY).executeTakeFirst();
  if (done) return false;

  await tx.updateTable('events').set({ is_current: false }).where('is_current', '=', true).execute();
  const forum = await tx
    .insertInto('events')
    .values({
      name: 'Vienna Forum to Fight Human Trafficking 2008',
      venue: 'Austria Center Vienna',
      time_zone: TZ,
      description: 'The Vienna Forum to Fight Human Trafficking (UN.GIFT) brought together over 1,600 participants from 116 countries around three themes: vulnerability, impact and action.',
      opens_on: '2007-12-13',
      starts_on: '2008-02-13',
      ends_on: '2008-02-15',
      follow_up_until: '2008-05-15',
      is_current: true,
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('event_sessions')
    .values(
      VIENNA_FORUM_PROGRAMME.map((s, position) => ({
        event_id: forum.id,
        position,
        code: s.code,
        title: s.title,
        theme: s.theme ?? null,
        type: s.type,
        starts_at: zonedToUtc(s.day, s.start, TZ),
        ends_at: zonedToUtc(s.day, s.end, TZ),
        room: s.room ?? null,
        closed: Boolean(s.closed),
        closed_note: s.closed ?? null,
        description: s.description ?? '',
        is_demo: true,
      })),
    )
    .execute();
  // The closed special event of the Women Leaders' Council: the organizers' own organization is invited.
  const unodc = await tx.selectFrom('organizations').select('id').where('name', 'like', 'United Nations Office on Drugs and Crime%').where('is_demo', '=', true).executeTakeFirst();
  const womenLeaders = await tx.selectFrom('event_sessions').select('id').where('event_id', '=', forum.id).where('code', '=', '013').executeTakeFirstOrThrow();
  if (unodc) await tx.insertInto('event_session_guests').values({ session_id: womenLeaders.id, organization_id: unodc.id }).execute();

  // The follow-up event, a few weeks ahead.
  const d = followUpDates(now);
  const followUp = await tx
    .insertInto('events')
    .values({
      name: 'Vienna Forum follow-up: partnerships in practice (demo)',
      venue: 'Austria Center Vienna',
      time_zone: TZ,
      description: 'A follow-up meeting of Forum participants to turn requests and offers posted on the Virtual Forum into partnerships. Office space at the venue can be booked for meetings.',
      opens_on: d.opensOn,
      starts_on: d.startsOn,
      ends_on: d.endsOn,
      follow_up_until: d.followUpUntil,
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('event_rooms')
    .values(DEMO_ROOMS.map((r) => ({ event_id: followUp.id, name: r.name, capacity: r.capacity, equipment: r.equipment, opens_at: r.opensAt, closes_at: r.closesAt, is_demo: true })))
    .execute();
  const day = (n: number) => addDays(d.startsOn, n);
  const followUpProgramme: ProgrammeItem[] = [
    { code: 'F01', day: day(0), start: '09:30', end: '11:00', title: 'Opening: from the Vienna Forum to partnerships', type: 'plenary', room: 'Plenary hall' },
    { code: 'F02', day: day(0), start: '11:30', end: '13:00', title: 'Technical assistance on legislation: requests and offers', type: 'workshop', room: 'Room C1' },
    { code: 'F03', day: day(0), start: '11:30', end: '13:00', title: 'Supply chains and ethical recruitment', type: 'panel', room: 'Room C2' },
    { code: 'F04', day: day(1), start: '10:00', end: '12:00', title: 'Donor round table on pipeline projects', type: 'special_event', room: 'Boardroom B', closed: 'Donors and governments by invitation' },
    { code: 'F05', day: day(2), start: '14:00', end: '15:30', title: 'Closing and next steps', type: 'plenary', room: 'Plenary hall' },
  ];
  await tx
    .insertInto('event_sessions')
    .values(
      followUpProgramme.map((s) => ({
        event_id: followUp.id, code: s.code, title: s.title, type: s.type, starts_at: zonedToUtc(s.day, s.start, TZ), ends_at: zonedToUtc(s.day, s.end, TZ),
        room: s.room ?? null, closed: Boolean(s.closed), closed_note: s.closed ?? null, description: '', is_demo: true,
      })),
    )
    .execute();

  // One meeting already proposed: IOM asks NAPTIP to meet about its legislation request.
  const users = new Map((await tx.selectFrom('users').select(['email', 'id', 'organization_id']).where('is_demo', '=', true).execute()).map((u) => [u.email, u]));
  const io = users.get('io@demo.test');
  const gov = users.get('government@demo.test');
  const post = await tx.selectFrom('posts').select('id').where('is_demo', '=', true).where('title', 'like', 'Review of the national trafficking in persons law%').executeTakeFirst();
  if (io && gov) {
    const meeting = await tx
      .insertInto('meetings')
      .values({
        event_id: followUp.id,
        topic: 'Legislative review for NAPTIP: scope and timetable',
        agenda: '1. Scope of the clause-by-clause assessment\n2. Drafting advice: who, when\n3. The validation workshop',
        mode: 'in_person',
        proposer_id: io.id,
        proposer_organization_id: io.organization_id,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const slots = await tx
      .insertInto('meeting_slots')
      .values([
        { meeting_id: meeting.id, starts_at: zonedToUtc(day(0), '14:00', TZ), ends_at: zonedToUtc(day(0), '15:00', TZ) },
        { meeting_id: meeting.id, starts_at: zonedToUtc(day(1), '14:00', TZ), ends_at: zonedToUtc(day(1), '15:00', TZ) },
      ])
      .returning('id')
      .execute();
    await tx.insertInto('meeting_invitees').values({ meeting_id: meeting.id, user_id: gov.id, organization_id: null }).execute();
    if (post) await tx.insertInto('meeting_posts').values({ meeting_id: meeting.id, post_id: post.id }).execute();
    await tx.insertInto('meeting_answers').values({ slot_id: slots[0]!.id, user_id: gov.id, answer: 'yes' }).execute();
  }
  await tx.insertInto('meta').values({ key: LOADED_KEY, value: now.toISOString() }).execute();
  return true;
}
