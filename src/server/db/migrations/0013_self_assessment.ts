// Issue 18: a government's self-assessment against the Framework for Action. One draft per
// organization (edited jointly: a revision number, and every save kept so a stale save's 409 can
// say who changed which measure), dated submitted versions, who it is shared with, and the
// technical-assistance requests made from its gaps.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('self_assessments')
    .addColumn('organization_id', 'uuid', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    // { <measure code>: { status, priority, note } }
    .addColumn('ratings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sharing_scope', 'text', (c) => c.notNull().defaultTo('private').check(sql`sharing_scope in ('private', 'organizations', 'full_tier')`))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('self_assessment_revisions')
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('ratings', 'jsonb', (c) => c.notNull())
    .addColumn('edited_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('self_assessment_revisions_pk', ['organization_id', 'revision'])
    .execute();
  await db.schema
    .createTable('self_assessment_versions')
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('ratings', 'jsonb', (c) => c.notNull())
    .addColumn('draft_revision', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('self_assessment_versions_pk', ['organization_id', 'version'])
    .execute();
  await db.schema
    .createTable('self_assessment_shares')
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('shared_with', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('self_assessment_shares_pk', ['organization_id', 'shared_with'])
    .execute();
  await db.schema.createIndex('self_assessment_shares_with').on('self_assessment_shares').column('shared_with').execute();
  await db.schema
    .createTable('self_assessment_requests')
    .addColumn('post_id', 'uuid', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('measure_code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('self_assessment_requests_measure').on('self_assessment_requests').columns(['organization_id', 'measure_code']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('self_assessment_requests').execute();
  await db.schema.dropTable('self_assessment_shares').execute();
  await db.schema.dropTable('self_assessment_versions').execute();
  await db.schema.dropTable('self_assessment_revisions').execute();
  await db.schema.dropTable('self_assessments').execute();
}
