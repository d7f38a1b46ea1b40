// Issue 14: the semantic signal of overlap detection, stored when a post is saved. One row per post:
// its unit word-vector (100 reals), the thesaurus concepts its text names, and the blocking keys
// (country or sub-region × concept or vector band) under which candidate search finds it through a
// GIN index, so a draft is compared with the posts in its buckets, never with every post.
// pgvector is not used: Debian's PostgreSQL 15 does not package it, and both databases must run
// the same migrations.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_vectors')
    .addColumn('post_id', 'uuid', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    // The post revision these were computed from: a stale row is recomputed.
    .addColumn('revision', 'integer', (c) => c.notNull())
    // Null when the text has no word the vectors know.
    .addColumn('vector', sql`real[]`)
    .addColumn('concepts', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('keys', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('post_vectors_keys_idx').on('post_vectors').using('gin').column('keys').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('post_vectors').execute();
}
