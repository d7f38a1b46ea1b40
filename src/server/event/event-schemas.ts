// Request and response schemas of the event feature (OpenAPI at /api/docs comes from these).
import { Type } from 'typebox';
import { StringEnum, SingleLine } from '../http/schema-helpers.js';
import { PHASES, SESSION_TYPES } from './event-model.js';

export const IsoDate = Type.String({ format: 'date' });
export const IsoDateTime = Type.String({ format: 'date-time' });
const Hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:MM, venue time' });
export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const EventQuery = Type.Object({ eventId: Type.Optional(Uuid) });

const PhaseSpan = Type.Object({ phase: StringEnum(['preparation', 'event', 'follow_up'] as const), from: IsoDate, until: IsoDate });
export const Event = Type.Object({
  id: Uuid,
  name: Type.String(),
  venue: Type.String(),
  timeZone: Type.String(),
  description: Type.String(),
  opensOn: IsoDate,
  startsOn: IsoDate,
  endsOn: IsoDate,
  followUpUntil: IsoDate,
  current: Type.Boolean(),
  today: IsoDate,
  phase: StringEnum(PHASES),
  phases: Type.Array(PhaseSpan),
});

const EventFields = {
  name: SingleLine({ minLength: 3, maxLength: 200 }),
  venue: SingleLine({ minLength: 2, maxLength: 200 }),
  timeZone: Type.String({ minLength: 3, maxLength: 64, description: 'IANA time zone of the venue, e.g. Europe/Vienna' }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  opensOn: IsoDate,
  startsOn: IsoDate,
  endsOn: IsoDate,
  followUpUntil: IsoDate,
  current: Type.Optional(Type.Boolean({ description: 'Make this the current event (the one GET /api/v1/event answers).' })),
};
export const CreateEventBody = Type.Object(EventFields, { additionalProperties: false });
export const UpdateEventBody = Type.Partial(Type.Object(EventFields), { additionalProperties: false });

export const Session = Type.Object({
  id: Uuid,
  eventId: Uuid,
  code: Type.String(),
  title: Type.String(),
  theme: Type.Union([Type.String(), Type.Null()]),
  type: StringEnum(SESSION_TYPES),
  start: IsoDateTime,
  end: IsoDateTime,
  room: Type.Union([Type.String(), Type.Null()]),
  closed: Type.Boolean(),
  closedNote: Type.Union([Type.String(), Type.Null()]),
  description: Type.String(),
  speakers: Type.Array(Type.Object({ name: Type.String(), affiliation: Type.String() }), { description: 'Who speaks, in the order the programme prints them.' }),
  inAgenda: Type.Boolean(),
  permissions: Type.Object({ attend: Type.Boolean(), update: Type.Boolean() }),
});
export const SessionList = Type.Object({ event: Event, items: Type.Array(Session) });
export const SessionsQuery = Type.Object({ eventId: Type.Optional(Uuid), day: Type.Optional(IsoDate) });
export const CodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,20}$' }) });

const SessionFields = {
  code: Type.String({ pattern: '^[A-Za-z0-9._-]{1,20}$' }),
  title: SingleLine({ minLength: 2, maxLength: 300 }),
  theme: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  type: StringEnum(SESSION_TYPES),
  start: IsoDateTime,
  end: IsoDateTime,
  room: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  closed: Type.Optional(Type.Boolean()),
  closedNote: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  speakers: Type.Optional(
    Type.Array(
      Type.Object(
        { name: SingleLine({ minLength: 2, maxLength: 200 }), affiliation: Type.Optional(SingleLine({ maxLength: 200, description: 'Their role or organization, as the programme prints it.' })) },
        { additionalProperties: false },
      ),
      { maxItems: 30, description: 'Replaces the list of speakers, in this order.' },
    ),
  ),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'Order among sessions that start at the same time.' })),
  guestOrganizationIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
};
export const CreateSessionBody = Type.Object(SessionFields, { additionalProperties: false });
export const UpdateSessionBody = Type.Partial(Type.Object(SessionFields), { additionalProperties: false });

export const Room = Type.Object({
  id: Uuid,
  eventId: Uuid,
  name: Type.String(),
  capacity: Type.Integer(),
  equipment: Type.Array(Type.String()),
  opensAt: Type.String(),
  closesAt: Type.String(),
});
const RoomFields = {
  name: SingleLine({ minLength: 1, maxLength: 100 }),
  capacity: Type.Integer({ minimum: 1, maximum: 5000 }),
  equipment: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })),
  opensAt: Hhmm,
  closesAt: Hhmm,
};
export const CreateRoomBody = Type.Object(RoomFields, { additionalProperties: false });
export const UpdateRoomBody = Type.Partial(Type.Object(RoomFields), { additionalProperties: false });
export const RoomsQuery = Type.Object({
  eventId: Type.Optional(Uuid),
  seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, description: 'Only rooms with at least this many seats.' })),
  start: Type.Optional(IsoDateTime),
  end: Type.Optional(IsoDateTime),
  meetingId: Type.Optional(Type.String({ format: 'uuid', description: 'Seats: the head count of this meeting.' })),
});
export const RoomList = Type.Object({ items: Type.Array(Room) });
export const Availability = Type.Object({
  event: Event,
  date: IsoDate,
  rooms: Type.Array(
    Type.Object({
      room: Room,
      bookings: Type.Array(Type.Object({ meetingId: Uuid, topic: Type.String(), start: IsoDateTime, end: IsoDateTime })),
    }),
  ),
});

const PersonOut = Type.Object({ id: Uuid, name: Type.String(), organization: Type.Object({ id: Uuid, name: Type.String() }) });
const SlotOut = Type.Object({ id: Uuid, start: IsoDateTime, end: IsoDateTime });
export const Meeting = Type.Object({
  id: Uuid,
  event: Type.Object({ id: Uuid, name: Type.String(), venue: Type.String(), timeZone: Type.String(), startsOn: IsoDate, endsOn: IsoDate }),
  topic: Type.String(),
  agenda: Type.String(),
  notes: Type.String(),
  notesUpdatedAt: Type.Union([IsoDateTime, Type.Null()]),
  mode: StringEnum(['in_person', 'virtual'] as const),
  status: StringEnum(['proposed', 'confirmed', 'cancelled'] as const),
  revision: Type.Integer(),
  proposer: PersonOut,
  invitees: Type.Object({ people: Type.Array(PersonOut), organizations: Type.Array(Type.Object({ id: Uuid, name: Type.String() })) }),
  headCount: Type.Integer({ description: 'Seats needed: the number the proposer gave (seats), else the proposer and the people who accepted the time (the confirmed one, or the most accepted), at least 2.' }),
  seats: Type.Union([Type.Integer(), Type.Null()], { description: 'The number of seats the proposer asked for, if any.' }),
  notAnswered: Type.Object(
    { people: Type.Array(PersonOut), organizations: Type.Array(Type.Object({ id: Uuid, name: Type.String() })) },
    { description: 'Invited people who answered no time yet, and invited organizations none of whose members answered.' },
  ),
  posts: Type.Array(Type.Object({ id: Uuid, title: Type.String(), kind: Type.String() }), { description: 'Only the linked posts you may see.' }),
  slots: Type.Array(
    Type.Object({
      id: Uuid,
      start: IsoDateTime,
      end: IsoDateTime,
      answers: Type.Array(Type.Object({ userId: Uuid, name: Type.String(), organization: Type.String(), organizationId: Type.String({ format: 'uuid', description: "The organization's page: /organizations/:id." }), answer: StringEnum(['yes', 'no'] as const) })),
    }),
  ),
  confirmedSlot: Type.Union([SlotOut, Type.Null()]),
  room: Type.Union([Type.Object({ id: Uuid, name: Type.String(), capacity: Type.Integer() }), Type.Null()]),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  permissions: Type.Object({ answer: Type.Boolean(), confirm: Type.Boolean(), update: Type.Boolean(), cancel: Type.Boolean(), writeNotes: Type.Boolean(), discuss: Type.Boolean() }),
});
export const MeetingList = Type.Object({ items: Type.Array(Meeting) });
