// Issue 15 (scale): counts of posts kept up to date by the database itself, so that the totals and
// facets of the unfiltered list and the statistics' post counts are sums over a few thousand rows
// instead of a pass over every visible post after each change.
//
// post_tallies holds, for each organization, audience and hidden state, how many posts there are
// in all ('total', '') and per kind, geo code (regions and countries), area and theme. Statement-level
// triggers with transition tables add what a statement inserted and subtract what it removed, in
// the same transaction as the change, so a tally is never ahead of or behind the posts it counts.
// Who may see which tallies mirrors who may see which posts: visibleTalliesFilter in
// access/rules/posts.ts, tested against visiblePosts.
import { sql, type Kysely } from 'kysely';

/** The rows a set of posts adds to the tallies (one per post and dimension code), as SQL over `source`. */
const expand = (source: string, sign: number) => `
  select organization_id, audience, hidden_at is not null as hidden, 'total'::text as dimension, ''::text as code, ${sign} as d from ${source}
  union all select organization_id, audience, hidden_at is not null, 'kind', kind, ${sign} from ${source}
  union all select organization_id, audience, hidden_at is not null, 'geo', unnest(geo), ${sign} from ${source}
  union all select organization_id, audience, hidden_at is not null, 'area', unnest(areas), ${sign} from ${source}
  union all select organization_id, audience, hidden_at is not null, 'theme', unnest(themes), ${sign} from ${source}`;

const apply = (deltas: string) => `
  insert into post_tallies as t (organization_id, audience, hidden, dimension, code, n)
  select organization_id, audience, hidden, dimension, code, sum(d)::int from (${deltas}) x
  group by organization_id, audience, hidden, dimension, code
  having sum(d) <> 0
  -- One order for every writer, so that two transactions never wait on each other's rows crosswise.
  order by organization_id, audience, hidden, dimension, code
  on conflict (organization_id, audience, hidden, dimension, code) do update set n = t.n + excluded.n`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_tallies')
    .addColumn('organization_id', 'uuid', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('hidden', 'boolean', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_tallies_pk', ['organization_id', 'audience', 'hidden', 'dimension', 'code'])
    .execute();
  await sql.raw(apply(expand('posts', 1))).execute(db);

  await sql
    .raw(
      `create function post_tallies_apply() returns trigger language plpgsql as $$
      begin
        if TG_OP = 'INSERT' then
          ${apply(expand('new_rows', 1))};
        elsif TG_OP = 'DELETE' then
          ${apply(expand('old_rows', -1))};
        else
          ${apply(`${expand('new_rows', 1)} union all ${expand('old_rows', -1)}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  await sql`create trigger posts_tallies_insert after insert on posts referencing new table as new_rows for each statement execute function post_tallies_apply()`.execute(db);
  await sql`create trigger posts_tallies_update after update on posts referencing old table as old_rows new table as new_rows for each statement execute function post_tallies_apply()`.execute(db);
  await sql`create trigger posts_tallies_delete after delete on posts referencing old table as old_rows for each statement execute function post_tallies_apply()`.execute(db);

  // The donor view's count and the statistics' funding figures read pledges per post and status.
  await sql`create index if not exists pledges_post_currency_idx on pledges (post_id, currency) where status <> 'withdrawn'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists pledges_post_currency_idx`.execute(db);
  for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists posts_tallies_${t} on posts`).execute(db);
  await sql`drop function if exists post_tallies_apply()`.execute(db);
  await db.schema.dropTable('post_tallies').execute();
}
