// Issue 15: every change to posts is logged with the data version it made, so an app server that
// knows the counts of a search at one version can bring them up to date by counting only the posts
// added since (src/server/exchange/incremental-counts.ts) instead of recounting every match after
// each new post. One row per statement that changed posts, with the ids it touched: a range of
// versions is complete when it has one row per version. Old rows are pruned as new ones come.
import { sql, type Kysely } from 'kysely';

/** Rows kept: a server whose counts are older than this many changes counts afresh. */
export const POST_CHANGES_KEPT = 10_000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table post_changes (
      version bigint primary key,
      op text not null check (op in ('insert', 'update', 'delete')),
      ids uuid[] not null
    )`.execute(db);
  // Replaces 0003's bump: the same one bump per statement, now with its log row, written in the
  // same transaction (the update of meta serializes writers, so versions commit in order).
  await sql`drop trigger if exists posts_version_bump on posts`.execute(db);
  await sql`
    create function bump_posts_version_logged() returns trigger language plpgsql as $$
    declare v bigint;
    begin
      update meta set value = (value::bigint + 1)::text where key = 'posts_version' returning value::bigint into v;
      insert into post_changes (version, op, ids) values (v, lower(TG_OP), array(select id from changed));
      delete from post_changes where version <= v - ${sql.lit(POST_CHANGES_KEPT)};
      return null;
    end $$`.execute(db);
  // A transition table belongs to one event, so three triggers share the function; each names its
  // table "changed".
  await sql`create trigger posts_version_bump_insert after insert on posts referencing new table as changed for each statement execute function bump_posts_version_logged()`.execute(db);
  await sql`create trigger posts_version_bump_update after update on posts referencing new table as changed for each statement execute function bump_posts_version_logged()`.execute(db);
  await sql`create trigger posts_version_bump_delete after delete on posts referencing old table as changed for each statement execute function bump_posts_version_logged()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const op of ['insert', 'update', 'delete']) await sql`drop trigger if exists ${sql.raw(`posts_version_bump_${op}`)} on posts`.execute(db);
  await sql`drop function if exists bump_posts_version_logged()`.execute(db);
  await sql`drop table if exists post_changes`.execute(db);
  await sql`create trigger posts_version_bump after insert or update or delete on posts for each statement execute function bump_posts_version()`.execute(db);
}
