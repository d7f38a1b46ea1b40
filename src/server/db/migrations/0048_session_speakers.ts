// Issue 13: a programme session lists its speakers (name, and optionally their role or
// organization as the programme prints it), in the order the organizers give. Speakers are the
// public faces of a panel, set by the organizers; they are not accounts of the Forum.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('event_sessions')
    .addColumn('speakers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('event_sessions').dropColumn('speakers').execute();
}
