// The network (issue 12): people's profiles (languages, expertise, time zone, whether their e-mail
// is shown), logos and photos, conversations between organizations with per-person unread state
// and mutes, session ids that can be named in the API, TOTP second factors with recovery codes,
// and requests to delete one's account.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('expertise', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('time_zone', 'text')
    // Off by default: a person's address is shown in the directory only if they allow it.
    .addColumn('show_email', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('photo_id', 'uuid')
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await db.schema.alterTable('organizations').addColumn('logo_id', 'uuid').execute();

  // Logos and photos, already resized and stripped of metadata (a few tens of KB each). A new
  // upload is a new row, so its address can be cached for ever.
  await db.schema
    .createTable('images')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('logo','photo')`))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A session can be named (listed, signed out) without revealing the cookie's hash.
  await db.schema.alterTable('sessions').addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`)).execute();
  await db.schema.createIndex('sessions_public_id').on('sessions').column('id').unique().execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('about_type', 'text', (c) => c.check(sql`about_type in ('post','meeting')`))
    .addColumn('about_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_message_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('conversations_about', sql`(about_type is null) = (about_id is null)`)
    .execute();
  // The organizations a conversation belongs to (the starting one included).
  await db.schema
    .createTable('conversation_organizations')
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('conversation_organizations_pk', ['conversation_id', 'organization_id'])
    .execute();
  await db.schema.createIndex('conversation_organizations_org_idx').on('conversation_organizations').columns(['organization_id', 'conversation_id']).execute();
  await db.schema
    .createTable('conversation_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('conversation_messages_conv_idx').on('conversation_messages').columns(['conversation_id', 'created_at']).execute();
  // Unread state per person: everything written after read_at by someone else is unread.
  await db.schema
    .createTable('conversation_reads')
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('read_at', 'timestamptz', (c) => c.notNull())
    .addColumn('muted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('conversation_reads_pk', ['conversation_id', 'user_id'])
    .execute();

  // TOTP (RFC 6238): the secret, confirmed once the person proved their authenticator has it; the
  // last time step used, so one code never signs in twice.
  await db.schema
    .createTable('user_totp')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('last_step', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  // "Delete my data": a request the organizers carry out.
  await db.schema
    .createTable('deletion_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('completed_by', 'uuid', (c) => c.references('users.id'))
    .execute();
  await sql`create unique index deletion_requests_open on deletion_requests (user_id) where completed_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['deletion_requests', 'recovery_codes', 'user_totp', 'conversation_reads', 'conversation_messages', 'conversation_organizations', 'conversations', 'images']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('sessions').dropColumn('id').execute();
  await db.schema.alterTable('organizations').dropColumn('logo_id').execute();
  await db.schema.alterTable('users').dropColumn('languages').dropColumn('expertise').dropColumn('time_zone').dropColumn('show_email').dropColumn('photo_id').dropColumn('deleted_at').execute();
}
