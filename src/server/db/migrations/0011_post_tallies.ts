// Issue 15 (scale): counts of posts kept up to date by the database itself, so that the totals and
// facets of the unfiltered list and the statistics' post counts are sums over a few thousand rows
// instead of a pass over every visible post after each change.
//
// post_tallies holds, for each organization, audience and hidden state, how many posts there are
// in all ('total', '') and per kind, kind and status ('kind_status', 'ta_request/open'), geo code
// (regions and countries), area and theme; and projects seeking funding per budget currency
// ('seeking', '' when none) with the sum of their targets in `amount`. Statement-level
// triggers with transition tables add what a statement inserted and subtract what it removed, in
// the same transaction as the change, so a tally is never ahead of or behind the posts it counts.
// Who may see which tallies mirrors who may see which posts: visibleTalliesFilter in
// access/rules/posts.ts, tested against visiblePosts.
import { sql, type Kysely } from 'kysely';

/**
 * Projects seeking funding, word for word the predicate of posts_seeking_funding_idx (migration
 * 0007) and of seekingFundingSql in donors/funding.ts (tallies.test.ts checks they agree).
 */
const SEEKING = `kind in ('pipeline_project', 'project_idea', 'project_info') and (status = 'seeking_funding' or (funding_sought is not null and status not in ('funded', 'completed', 'withdrawn')))`;

/** The rows a set of posts adds to the tallies (one per post and dimension code), as SQL over `source`. */
const expand = (source: string, sign: number) => {
  const key = `organization_id, audience, hidden_at is not null as hidden`;
  return `
  select ${key}, 'total'::text as dimension, ''::text as code, ${sign} as d, 0::numeric as amount from ${source}
  union all select ${key}, 'kind', kind, ${sign}, 0 from ${source}
  union all select ${key}, 'kind_status', kind || '/' || status, ${sign}, 0 from ${source}
  union all select ${key}, 'geo', unnest(geo), ${sign}, 0 from ${source}
  union all select ${key}, 'area', unnest(areas), ${sign}, 0 from ${source}
  union all select ${key}, 'theme', unnest(themes), ${sign}, 0 from ${source}
  union all select ${key}, 'seeking', coalesce(trim(budget_currency), ''), ${sign}, ${sign} * coalesce(funding_sought, budget_amount, 0) from ${source} where ${SEEKING}`;
};

const applyTo = (table: string, keys: string, deltas: string) => `
  insert into ${table} as t (${keys}, n, amount)
  select ${keys}, sum(d)::int, sum(amount) from (${deltas}) x
  group by ${keys}
  having sum(d) <> 0 or sum(amount) <> 0
  -- One order for every writer, so that two transactions never wait on each other's rows crosswise.
  order by ${keys}
  on conflict (${keys}) do update set n = t.n + excluded.n, amount = t.amount + excluded.amount`;
const apply = (deltas: string) =>
  `${applyTo('post_tallies', 'organization_id, audience, hidden, dimension, code', deltas)};
  ${applyTo('post_tallies_all', 'audience, hidden, dimension, code', deltas)}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_tallies')
    .addColumn('organization_id', 'uuid', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('hidden', 'boolean', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('amount', 'numeric(18, 2)', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('post_tallies_pk', ['organization_id', 'audience', 'hidden', 'dimension', 'code'])
    .execute();
  // The same over all organizations: what everyone may see is summed from these few hundred rows;
  // only a reader's own organization's other posts come from post_tallies.
  await db.schema
    .createTable('post_tallies_all')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('hidden', 'boolean', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('amount', 'numeric(18, 2)', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('post_tallies_all_pk', ['audience', 'hidden', 'dimension', 'code'])
    .execute();
  for (const statement of apply(expand('posts', 1)).split(';')) await sql.raw(statement).execute(db);

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
  await db.schema.dropTable('post_tallies_all').execute();
  await db.schema.dropTable('post_tallies').execute();
}
