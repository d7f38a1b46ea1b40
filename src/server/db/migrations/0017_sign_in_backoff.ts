// Issue 10: growing delays between failed sign-ins. One row per throttled key (an account at a
// source address, or an account from unusual addresses): how many attempts in a row have not
// ended in a sign-in, and when the next one may be made. Kept in the database, so every app
// server behind a load balancer applies the same delays.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_backoff')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 0`))
    .addColumn('not_before', 'timestamptz', (c) => c.notNull())
    .addColumn('last_attempt_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_backoff_pk', ['bucket', 'key'])
    .execute();
  await db.schema.createIndex('sign_in_backoff_last_attempt_idx').on('sign_in_backoff').column('last_attempt_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_backoff').ifExists().execute();
}
