// Issue 13: the seats a meeting needs. The proposer may give a number (an organization invited may
// send several people); without one, the seats are the proposer and the people who accepted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('seats', 'integer', (c) => c.check(sql`seats between 1 and 5000`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('seats').execute();
}
