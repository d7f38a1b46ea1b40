// Issue 13: accepting or declining an offer can be undone while nothing depends on it. Accepting
// moves an open request to "in progress"; the status it had is kept here so that undoing puts it
// back (and only while the request is still where the acceptance left it).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('offers').addColumn('post_status_before', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('offers').dropColumn('post_status_before').execute();
}
