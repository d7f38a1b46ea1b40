// Reinstating a suspended account gives back the status it had before, so an account its focal
// point had deactivated does not come back to life when the organizers lift a suspension.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('status_before_suspension', 'text', (c) => c.check(sql`status_before_suspension in ('pending', 'active', 'deactivated')`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('status_before_suspension').execute();
}
