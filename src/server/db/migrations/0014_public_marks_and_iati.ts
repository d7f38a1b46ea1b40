// The public page and IATI: which posts and organizations an organizer has marked public (the only
// ones the public page may name), and the IATI activities imported into the Forum, by identifier
// (so a re-import updates instead of duplicating) with what the Forum keeps of them beside the post.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A mark is a row: present = marked public, with who marked it and when (the audit log has the history).
  await db.schema
    .createTable('public_posts')
    .addColumn('post_id', 'uuid', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('marked_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('public_organizations')
    .addColumn('organization_id', 'uuid', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('marked_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('iati_activities')
    .addColumn('post_id', 'uuid', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('iati_identifier', 'text', (c) => c.notNull().unique())
    // The publisher named in the file, and the participating organizations and planned
    // disbursements it reported: kept as published, shown on the post and exported again.
    .addColumn('reporting_org', 'jsonb', (c) => c.notNull())
    .addColumn('participating_orgs', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('planned_disbursements', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // The IATI activity status code as published, and the Forum status it became: exported as
    // published while the post still has that status.
    .addColumn('activity_status', 'text', (c) => c.notNull())
    .addColumn('status_at_import', 'text', (c) => c.notNull())
    // The file's last-updated-datetime: exported again while the post is unchanged since the import.
    .addColumn('last_updated', 'text')
    .addColumn('not_imported', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('imported_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('iati_activities').execute();
  await db.schema.dropTable('public_organizations').execute();
  await db.schema.dropTable('public_posts').execute();
}
