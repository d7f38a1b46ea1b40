// Reports and the organizers' decisions on them (the moderation queue), offers that can be hidden,
// and the document library: documents attached to posts, offers, projects, meetings, conversations
// or the library itself, each with its versions (the file bytes live in the storage, not here).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One decision closes every open report on an item; auto-hiding is a decision nobody made (decided_by null).
  await db.schema
    .createTable('moderation_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('post','comment','offer','message','document')`))
    .addColumn('target_id', 'uuid', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('dismiss','hide','request_edit','suspend','auto_hide')`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('moderation_decisions_target_idx').on('moderation_decisions').columns(['target_type', 'target_id', 'decided_at']).execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('post','comment','offer','message','document')`))
    .addColumn('target_id', 'uuid', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('participant').check(sql`source in ('participant','privacy_guard')`))
    // The reporter; null for the privacy guard's flags. Never shown to the reported party.
    .addColumn('reporter_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('reporter_organization_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('personal_data','inaccurate','spam','abusive','other')`))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    // The guard's findings as kinds and fields only: the text itself stays in the item.
    .addColumn('findings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decision_id', 'uuid', (c) => c.references('moderation_decisions.id'))
    .addCheckConstraint('reports_reporter', sql`(source = 'participant') = (reporter_id is not null)`)
    .execute();
  // One report per person per item (guard flags have no reporter and are not limited by it).
  await db.schema.createIndex('reports_once_per_person').on('reports').columns(['target_type', 'target_id', 'reporter_id']).unique().execute();
  await sql`create index reports_open_idx on reports (created_at) where decision_id is null`.execute(db);
  await db.schema.createIndex('reports_reporter_idx').on('reports').columns(['reporter_id', 'created_at']).execute();

  // Offers can now be hidden by the organizers like posts and comments.
  await db.schema.alterTable('offers').addColumn('hidden_at', 'timestamptz').addColumn('hidden_reason', 'text').execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attach_type', 'text', (c) => c.notNull().check(sql`attach_type in ('post','offer','project','meeting','conversation','library')`))
    // Exactly one of these names what the document belongs to (none for the library); its
    // visibility follows that item's, so deleting the item deletes its documents.
    .addColumn('post_id', 'uuid', (c) => c.references('posts.id').onDelete('cascade'))
    .addColumn('offer_id', 'uuid', (c) => c.references('offers.id').onDelete('cascade'))
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid')
    // Library documents carry their own audience; attached ones have none.
    .addColumn('audience', 'text', (c) => c.check(sql`audience in ('all','full')`))
    .addColumn('doc_type', 'text', (c) => c.notNull().defaultTo('other').check(sql`doc_type in ('report','guidelines','framework','tool','project_document','concept_note','other')`))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('areas', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('geo', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(1))
    // The current version's extracted text (capped), for search.
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B') || setweight(to_tsvector('english', coalesce(body_text, '')), 'C')`).stored(),
    )
    .addCheckConstraint(
      'documents_attachment',
      sql`(attach_type = 'library' and audience is not null and post_id is null and offer_id is null and meeting_id is null and conversation_id is null)
       or (attach_type in ('post','project') and post_id is not null and audience is null)
       or (attach_type = 'offer' and offer_id is not null and audience is null)
       or (attach_type = 'meeting' and meeting_id is not null and audience is null)
       or (attach_type = 'conversation' and conversation_id is not null and audience is null)`,
    )
    .execute();
  await db.schema.createIndex('documents_search_idx').on('documents').using('gin').column('search').execute();
  await db.schema.createIndex('documents_recent_idx').on('documents').columns(['created_at desc', 'id desc']).execute();
  await db.schema.createIndex('documents_post_idx').on('documents').column('post_id').execute();
  await db.schema.createIndex('documents_offer_idx').on('documents').column('offer_id').execute();
  await db.schema.createIndex('documents_meeting_idx').on('documents').column('meeting_id').execute();
  await db.schema.createIndex('documents_conversation_idx').on('documents').column('conversation_id').execute();

  // Every upload is a version; a new upload of the same document keeps the old ones.
  await db.schema
    .createTable('document_versions')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('document_versions_pk', ['document_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('document_versions').execute();
  await db.schema.dropTable('documents').execute();
  await db.schema.alterTable('offers').dropColumn('hidden_at').dropColumn('hidden_reason').execute();
  await db.schema.dropTable('reports').execute();
  await db.schema.dropTable('moderation_decisions').execute();
}
