// Issue 18 with issue 16's privacy guard: a self-assessment note saved although the guard found
// what looks like personal data goes into the organizers' moderation queue like any other text.
// The queue's item is the government's assessment (target id: the organization). Hiding it
// withholds its notes from everyone outside the government and the organizers (submitted
// versions read through sharing, the needs' named governments); nothing written is deleted.
import { sql, type Kysely } from 'kysely';

const WITH = `('post','comment','offer','message','document','self_assessment')`;
const WITHOUT = `('post','comment','offer','message','document')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reports', 'moderation_decisions']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_target_type_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_target_type_check`)} check (target_type in ${sql.raw(WITH)})`.execute(db);
  }
  await db.schema
    .alterTable('self_assessments')
    .addColumn('notes_hidden_at', 'timestamptz')
    .addColumn('notes_hidden_reason', 'text')
    .addColumn('notes_hidden_by', 'uuid', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('self_assessments').dropColumn('notes_hidden_at').dropColumn('notes_hidden_reason').dropColumn('notes_hidden_by').execute();
  for (const table of ['reports', 'moderation_decisions']) {
    await sql`delete from ${sql.table(table)} where target_type = 'self_assessment'`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_target_type_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_target_type_check`)} check (target_type in ${sql.raw(WITHOUT)})`.execute(db);
  }
}
