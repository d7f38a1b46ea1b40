// The Forum event: events with their phases, the programme (sessions), rooms at the venue,
// meetings between participants (slots, answers, bookings, notes, discussion) and each
// participant's personal agenda with its private calendar feed.
//
// The booking guarantee lives here, not in code: `room_bookings` carries an exclusion constraint
// over (room, time range), so no two bookings of one room ever overlap, whatever number of app
// servers confirm meetings at the same moment. It needs btree_gist (uuid equality inside a GiST
// index); PostgreSQL ships it as a trusted extension, PGlite loads it in db/database.ts.
import { sql, type Kysely } from 'kysely';

const id = 'uuid';
const now = sql`now()`;
const uuid = sql`gen_random_uuid()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);

  await db.schema
    .createTable('events')
    .addColumn('id', id, (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // The phases: the platform opens before the event, the event runs, the follow-up carries on.
    .addColumn('opens_on', 'date', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('follow_up_until', 'date', (c) => c.notNull())
    .addColumn('is_current', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('events_phase_order', sql`opens_on <= starts_on and starts_on <= ends_on and ends_on <= follow_up_until`)
    .execute();
  // At most one current event.
  await sql`create unique index events_one_current on events (is_current) where is_current`.execute(db);

  await db.schema
    .createTable('event_sessions')
    .addColumn('id', id, (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('event_id', id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('plenary','panel','workshop','special_event','side_event','exhibition','break','social')`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('room', 'text')
    .addColumn('closed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('closed_note', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // The order in which the programme prints sessions that start together.
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addCheckConstraint('event_sessions_order', sql`starts_at < ends_at`)
    .addUniqueConstraint('event_sessions_code', ['event_id', 'code'])
    .execute();
  await db.schema.createIndex('event_sessions_time_idx').on('event_sessions').columns(['event_id', 'starts_at']).execute();

  // The organizations invited to a closed session; others see it in the programme but cannot attend.
  await db.schema
    .createTable('event_session_guests')
    .addColumn('session_id', id, (c) => c.notNull().references('event_sessions.id').onDelete('cascade'))
    .addColumn('organization_id', id, (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('event_session_guests_pk', ['session_id', 'organization_id'])
    .execute();

  await db.schema
    .createTable('event_rooms')
    .addColumn('id', id, (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('event_id', id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('equipment', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Daily opening hours in the venue's time zone, 'HH:MM'.
    .addColumn('opens_at', 'text', (c) => c.notNull().check(sql`opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
    .addColumn('closes_at', 'text', (c) => c.notNull().check(sql`closes_at ~ '^([01][0-9]|2[0-4]):[0-5][0-9]$'`))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addCheckConstraint('event_rooms_hours', sql`opens_at < closes_at`)
    .addUniqueConstraint('event_rooms_name', ['event_id', 'name'])
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', id, (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('event_id', id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes_updated_at', 'timestamptz')
    .addColumn('notes_updated_by', id, (c) => c.references('users.id'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('in_person','virtual')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed').check(sql`status in ('proposed','confirmed','cancelled')`))
    .addColumn('proposer_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('proposer_organization_id', id, (c) => c.notNull().references('organizations.id'))
    .addColumn('confirmed_slot_id', id)
    .addColumn('room_id', id, (c) => c.references('event_rooms.id'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // A confirmed meeting has its slot; a cancelled one keeps it as the record of when it was to be.
    .addCheckConstraint('meetings_confirmed_slot', sql`(status <> 'confirmed' or confirmed_slot_id is not null) and (status <> 'proposed' or confirmed_slot_id is null)`)
    .execute();
  await db.schema.createIndex('meetings_proposer_idx').on('meetings').column('proposer_id').execute();

  await db.schema
    .createTable('meeting_slots')
    .addColumn('id', id, (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('meeting_id', id, (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('meeting_slots_order', sql`starts_at < ends_at`)
    .execute();
  await db.schema.createIndex('meeting_slots_meeting_idx').on('meeting_slots').columns(['meeting_id', 'starts_at']).execute();

  // Invitees: a person, or an organization (then every member of it is invited).
  await db.schema
    .createTable('meeting_invitees')
    .addColumn('id', id, (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('meeting_id', id, (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.references('users.id'))
    .addColumn('organization_id', id, (c) => c.references('organizations.id'))
    .addCheckConstraint('meeting_invitees_one', sql`(user_id is null) <> (organization_id is null)`)
    .execute();
  await sql`create unique index meeting_invitees_user on meeting_invitees (meeting_id, user_id) where user_id is not null`.execute(db);
  await sql`create unique index meeting_invitees_org on meeting_invitees (meeting_id, organization_id) where organization_id is not null`.execute(db);
  await db.schema.createIndex('meeting_invitees_user_idx').on('meeting_invitees').column('user_id').execute();
  await db.schema.createIndex('meeting_invitees_org_idx').on('meeting_invitees').column('organization_id').execute();

  await db.schema
    .createTable('meeting_answers')
    .addColumn('slot_id', id, (c) => c.notNull().references('meeting_slots.id').onDelete('cascade'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('yes','no')`))
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('meeting_answers_pk', ['slot_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('meeting_posts')
    .addColumn('meeting_id', id, (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('post_id', id, (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('meeting_posts_pk', ['meeting_id', 'post_id'])
    .execute();

  await db.schema
    .createTable('meeting_messages')
    .addColumn('id', id, (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('meeting_id', id, (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('author_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('meeting_messages_meeting_idx').on('meeting_messages').columns(['meeting_id', 'created_at']).execute();

  // A room is never booked twice for overlapping times: enforced by the database itself.
  await db.schema
    .createTable('room_bookings')
    .addColumn('id', id, (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('room_id', id, (c) => c.notNull().references('event_rooms.id').onDelete('cascade'))
    .addColumn('meeting_id', id, (c) => c.notNull().unique().references('meetings.id').onDelete('cascade'))
    .addColumn('during', sql`tstzrange`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('room_bookings_not_empty', sql`not isempty(during)`)
    .execute();
  await sql`alter table room_bookings add constraint room_bookings_no_overlap exclude using gist (room_id with =, during with &&)`.execute(db);

  await db.schema
    .createTable('agenda_sessions')
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id', id, (c) => c.notNull().references('event_sessions.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('agenda_sessions_pk', ['user_id', 'session_id'])
    .execute();
  await db.schema
    .createTable('agenda_meetings')
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('meeting_id', id, (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('agenda_meetings_pk', ['user_id', 'meeting_id'])
    .execute();

  // The private feed URL of a personal agenda: only a SHA-256 of its token is kept; revoking deletes it.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', id, (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'calendar_feeds', 'agenda_meetings', 'agenda_sessions', 'room_bookings', 'meeting_messages', 'meeting_posts', 'meeting_answers',
    'meeting_invitees', 'meeting_slots', 'meetings', 'event_rooms', 'event_session_guests', 'event_sessions', 'events',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
