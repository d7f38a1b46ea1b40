// Donors and saved searches: which organizations the organizers have flagged as donors, donors'
// interest in projects and their pledges, and saved searches with the record of what each has
// already announced (so a match is mailed once, whatever restarts in between).
import { sql, type Kysely } from 'kysely';

/** Tables the statistics count besides posts. */
const STATISTICS_SOURCES = ['offers', 'post_partners', 'post_coauthors', 'pledges', 'overlap_pairs', 'overlap_marks'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The flag is a row: present = flagged, with who set it and when (the audit log has the history).
  await db.schema
    .createTable('donor_organizations')
    .addColumn('organization_id', 'uuid', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('flagged_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('flagged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One expression of interest per organization and project.
  await db.schema
    .createTable('funding_interests')
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('funding_interests_pk', ['post_id', 'organization_id'])
    .execute();

  await db.schema
    .createTable('pledges')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('amount', 'numeric(16, 2)', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('conditions', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('indicated').check(sql`status in ('indicated','confirmed','withdrawn')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('pledges_post_idx').on('pledges').columns(['post_id', 'status']).execute();
  // The donor view and the statistics look for projects seeking funding among all posts: a partial
  // index holds just those, newest first. Its predicate is, word for word, `seekingFundingSql` in
  // src/server/donors/funding.ts (the planner uses it only when the query says the same).
  await sql`create index posts_seeking_funding_idx on posts (created_at desc, id desc) where (kind in ('pipeline_project', 'project_idea', 'project_info') and (status = 'seeking_funding' or (funding_sought is not null and status not in ('funded', 'completed', 'withdrawn'))))`.execute(db);
  await db.schema.createIndex('pledges_organization_idx').on('pledges').columns(['organization_id', 'created_at']).execute();

  // The statistics read posts (versioned since 0003) and these tables; a second data version, bumped
  // by the database on every change to them, lets app servers cache the statistics per visibility
  // class without ever serving figures that are out of date.
  await sql`insert into meta (key, value) values ('statistics_version', '0') on conflict (key) do nothing`.execute(db);
  await sql`
    create function bump_statistics_version() returns trigger language plpgsql as $$
    begin
      update meta set value = (value::bigint + 1)::text where key = 'statistics_version';
      return null;
    end $$`.execute(db);
  for (const table of STATISTICS_SOURCES) {
    await sql`create trigger ${sql.raw(`${table}_statistics_bump`)} after insert or update or delete on ${sql.table(table)} for each statement execute function bump_statistics_version()`.execute(db);
  }

  await db.schema
    .createTable('saved_searches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('posts','funding')`))
    .addColumn('filters', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_checked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('saved_searches_user_idx').on('saved_searches').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('saved_searches_checked_idx').on('saved_searches').column('last_checked_at').execute();

  // Every post a saved search has announced: the unique key is what makes a notice go out once.
  await db.schema
    .createTable('saved_search_hits')
    .addColumn('saved_search_id', 'uuid', (c) => c.notNull().references('saved_searches.id').onDelete('cascade'))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('notified_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('saved_search_hits_pk', ['saved_search_id', 'post_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists posts_seeking_funding_idx`.execute(db);
  for (const table of STATISTICS_SOURCES) await sql`drop trigger if exists ${sql.raw(`${table}_statistics_bump`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists bump_statistics_version()`.execute(db);
  await sql`delete from meta where key = 'statistics_version'`.execute(db);
  for (const table of ['saved_search_hits', 'saved_searches', 'pledges', 'funding_interests', 'donor_organizations']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
