// Lists show a plain-text summary of each post, computed once on write rather than on every read;
// and a data version, bumped by the database itself on every change to posts, lets app servers
// cache counts and facets without ever serving ones that are out of date.
import { sql, type Kysely } from 'kysely';
import { markdownToText } from '../../exchange/markdown.js';
import { summaryOf } from '../../exchange/post-model.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('summary', 'text', (c) => c.notNull().defaultTo('')).execute();
  const rows = await sql<{ id: string; body: string }>`select id, body from posts`.execute(db);
  for (const row of rows.rows) {
    await sql`update posts set summary = ${summaryOf(markdownToText(row.body))} where id = ${row.id}`.execute(db);
  }

  await sql`insert into meta (key, value) values ('posts_version', '0') on conflict (key) do nothing`.execute(db);
  await sql`
    create function bump_posts_version() returns trigger language plpgsql as $$
    begin
      update meta set value = (value::bigint + 1)::text where key = 'posts_version';
      return null;
    end $$`.execute(db);
  await sql`create trigger posts_version_bump after insert or update or delete on posts for each statement execute function bump_posts_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists posts_version_bump on posts`.execute(db);
  await sql`drop function if exists bump_posts_version()`.execute(db);
  await sql`delete from meta where key = 'posts_version'`.execute(db);
  await db.schema.alterTable('posts').dropColumn('summary').execute();
}
