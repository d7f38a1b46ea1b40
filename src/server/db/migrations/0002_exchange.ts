// The exchange: posts (requests, pipeline projects, ideas, project information) with their
// revisions, discussion, offers and the partners recorded when an offer is accepted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('posts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ta_request','pipeline_project','project_idea','project_info')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('all','full')`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    // Tags as arrays of stable codes, GIN-indexed. `geo` is derived on write: the regions and
    // countries named plus every region above them, so a filter on "Africa" finds a post about Nigeria.
    .addColumn('regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('countries', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('geo', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('areas', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('exploitation', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('budget_amount', 'numeric(16, 2)')
    .addColumn('budget_currency', 'char(3)')
    .addColumn('funding_sought', 'numeric(16, 2)')
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')`).stored(),
    )
    .addCheckConstraint('posts_dates_order', sql`starts_on is null or ends_on is null or starts_on <= ends_on`)
    .addCheckConstraint('posts_budget_currency', sql`(budget_amount is null) = (budget_currency is null)`)
    .execute();
  await db.schema.createIndex('posts_search_idx').on('posts').using('gin').column('search').execute();
  await db.schema.createIndex('posts_geo_idx').on('posts').using('gin').column('geo').execute();
  await db.schema.createIndex('posts_areas_idx').on('posts').using('gin').column('areas').execute();
  await db.schema.createIndex('posts_themes_idx').on('posts').using('gin').column('themes').execute();
  await db.schema.createIndex('posts_exploitation_idx').on('posts').using('gin').column('exploitation').execute();
  await db.schema.createIndex('posts_recent_idx').on('posts').columns(['created_at desc', 'id desc']).execute();
  await db.schema.createIndex('posts_audience_recent_idx').on('posts').columns(['audience', 'created_at desc', 'id desc']).execute();
  await db.schema.createIndex('posts_organization_idx').on('posts').columns(['organization_id', 'created_at desc']).execute();
  await db.schema.createIndex('posts_kind_idx').on('posts').columns(['kind', 'created_at desc']).execute();

  await db.schema
    .createTable('post_revisions')
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('edited_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('post_revisions_pk', ['post_id', 'revision'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('comments.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_reason', 'text')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('comments_post_idx').on('comments').columns(['post_id', 'created_at']).execute();

  await db.schema
    .createTable('offers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('timeframe', 'text')
    .addColumn('cost_amount', 'numeric(16, 2)')
    .addColumn('cost_currency', 'char(3)')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending','accepted','declined','withdrawn')`))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('offers_post_idx').on('offers').columns(['post_id', 'created_at']).execute();
  await db.schema.createIndex('offers_organization_idx').on('offers').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('post_partners')
    .addColumn('post_id', 'uuid', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'uuid', (c) => c.references('offers.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('post_partners_pk', ['post_id', 'organization_id', 'role'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['post_partners', 'offers', 'comments', 'post_revisions', 'posts']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
