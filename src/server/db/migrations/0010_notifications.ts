// Notifications (issue 11): what each person is told, how they want it mailed, what they follow,
// the scheduled jobs' leases, and headers on outgoing mail (one-click unsubscribe, RFC 8058).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Orders the stream and is its Last-Event-ID.
    .addColumn('seq', 'bigint', (c) => c.notNull().unique().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // Every notification written by one notify() call shares a batch: one NOTIFY names it.
    .addColumn('batch', 'uuid', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('post_id', 'uuid', (c) => c.references('posts.id').onDelete('cascade'))
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id').onDelete('cascade'))
    // A second post the notification names (an overlap): the recipient must be able to see both.
    .addColumn('related_post_id', 'uuid', (c) => c.references('posts.id').onDelete('cascade'))
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // Only for subjects that are neither a post nor a meeting (whose titles are read when shown).
    .addColumn('subject_title', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('mail_mode', 'text', (c) => c.notNull().check(sql`mail_mode in ('immediately','daily','weekly','off')`))
    .addColumn('mail_status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`mail_status in ('pending','sent','withheld','off')`))
    .addColumn('mailed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'seq']).execute();
  await sql`create index notifications_unread_idx on notifications (user_id) where read_at is null`.execute(db);
  await db.schema.createIndex('notifications_batch_idx').on('notifications').column('batch').execute();
  await sql`create index notifications_mail_due_idx on notifications (mail_mode, user_id) where mail_status = 'pending'`.execute(db);

  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('time_zone', 'text')
    // Signs one-click unsubscribe links; a new one voids every link sent before.
    .addColumn('unsubscribe_key', 'text', (c) => c.notNull().defaultTo(sql`md5(random()::text || clock_timestamp()::text)`))
    // The local dates ('YYYY-MM-DD' in time_zone) of the last digests sent.
    .addColumn('daily_digest_on', 'text')
    .addColumn('weekly_digest_on', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('immediately','daily','weekly','off')`))
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();

  // An explicit choice beats the automatic one: following = false is "unfollowed".
  await db.schema
    .createTable('post_follows')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('following', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('post_follows_pk', ['user_id', 'post_id'])
    .execute();
  await db.schema.createIndex('post_follows_post_idx').on('post_follows').columns(['post_id', 'following']).execute();

  // Scheduled work shared by every app server: a job runs where it takes the lease.
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('run_after', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('locked_by', 'text')
    .addColumn('last_finished_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();

  // "Once only" keys for notifications a job writes (a meeting's reminder for its confirmed time).
  await db.schema
    .createTable('notification_once')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema.alterTable('mail_outbox').addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('headers').execute();
  for (const table of ['notification_once', 'scheduled_jobs', 'post_follows', 'notification_preferences', 'notification_settings', 'notifications']) await db.schema.dropTable(table).execute();
}
