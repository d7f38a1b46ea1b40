// Overlap detection and matching: an index of the words of post titles for "looks like the same work",
// the organizers' verdicts on pairs of posts (related / not a duplicate), the pairs found by the
// background scan that feeds their board, and each organization's declared expertise.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // pg_trgm ships with PGlite (loaded in database.ts) and with Debian's PostgreSQL; it is a trusted
  // extension, so a database owner may create it without being a superuser. Its similarity() ranks
  // the candidates; the candidates themselves come from this index of the titles' words (a GIN
  // intersection of a few short posting lists, where a trigram index had to score every title
  // sharing a common trigram: 170-420 ms at 100,000 posts, against 40-120 ms).
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index posts_title_words_idx on posts using gin (to_tsvector('english', title))`.execute(db);

  // One row per unordered pair of posts (post_a < post_b), decided by an organizer.
  await db.schema
    .createTable('overlap_marks')
    .addColumn('post_a', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('post_b', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('mark', 'text', (c) => c.notNull().check(sql`mark in ('related','not_duplicate')`))
    .addColumn('marked_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('overlap_marks_pk', ['post_a', 'post_b'])
    .addCheckConstraint('overlap_marks_ordered', sql`post_a < post_b`)
    .execute();
  await db.schema.createIndex('overlap_marks_b_idx').on('overlap_marks').column('post_b').execute();

  // Possible overlaps found by scanning each post against all others (organizers' board only).
  await db.schema
    .createTable('overlap_pairs')
    .addColumn('post_a', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('post_b', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('found_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('overlap_pairs_pk', ['post_a', 'post_b'])
    .addCheckConstraint('overlap_pairs_ordered', sql`post_a < post_b`)
    .execute();
  await db.schema.createIndex('overlap_pairs_b_idx').on('overlap_pairs').column('post_b').execute();
  await db.schema.createIndex('overlap_pairs_score_idx').on('overlap_pairs').column('score desc').execute();

  // Which revision of each post the scan last compared with the others; a newer revision rescans it.
  await db.schema
    .createTable('overlap_scans')
    .addColumn('post_id', 'uuid', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('scanned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('organization_expertise')
    .addColumn('organization_id', 'uuid', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('areas', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('countries', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Derived on write like posts.geo: the regions and countries named plus every region above them.
    .addColumn('geo', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('languages', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('organization_expertise_areas_idx').on('organization_expertise').using('gin').column('areas').execute();
  await db.schema.createIndex('organization_expertise_geo_idx').on('organization_expertise').using('gin').column('geo').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['organization_expertise', 'overlap_scans', 'overlap_pairs', 'overlap_marks']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop index if exists posts_title_words_idx`.execute(db);
}
