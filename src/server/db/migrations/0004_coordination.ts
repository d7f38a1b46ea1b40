// Coordination: co-authors who draft a project with its lead organization, and requests from
// organizations to join a project as a partner. Accepted requests become rows of post_partners
// (created with the exchange, where an accepted offer also records partners).
// post_revisions already keeps who (edited_by) and when (edited_at) of every revision, keyed by
// (post_id, revision), which is all that comparing two revisions needs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_coauthors')
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('added_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('post_coauthors_pk', ['post_id', 'organization_id'])
    .execute();
  await db.schema.createIndex('post_coauthors_organization_idx').on('post_coauthors').column('organization_id').execute();

  await db.schema
    .createTable('partnership_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('implementing_partner', 'donor', 'technical_adviser')`))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'declined', 'withdrawn')`))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One open request per organization and project: a second click cannot file a second one.
  await sql`create unique index partnership_requests_one_pending on partnership_requests (post_id, organization_id) where status = 'pending'`.execute(db);
  await db.schema.createIndex('partnership_requests_organization_idx').on('partnership_requests').columns(['organization_id', 'created_at']).execute();

  await db.schema.createIndex('post_partners_organization_idx').on('post_partners').column('organization_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('post_partners_organization_idx').ifExists().execute();
  await db.schema.dropTable('partnership_requests').ifExists().execute();
  await db.schema.dropTable('post_coauthors').ifExists().execute();
}
