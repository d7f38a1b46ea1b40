// Issue 13: private drafts. A post whose `published_at` is null is a draft: only its organization
// and its co-authors see it (access/rules/posts.ts). Every existing post counts as published when
// it was created; a post inserted without saying otherwise (imports, seeds) is published at once.
//
// The tallies of migration 0011 count a draft like a hidden post (its `hidden` key is true), so the
// open counts (post_tallies_all, hidden = false) never include one, and its own organization still
// finds it among its "other" posts (post_tallies). The trigger function is replaced, not edited in
// 0011, and the tallies are recomputed once.
//
// Co-authorship now decides who sees a draft, so a change to post_coauthors bumps the posts version
// too (migration 0003): a cached list or count never shows a draft to an organization removed as
// co-author.
import { sql, type Kysely } from 'kysely';

/** As in 0011, word for word. */
const SEEKING = `kind in ('pipeline_project', 'project_idea', 'project_info') and (status = 'seeking_funding' or (funding_sought is not null and status not in ('funded', 'completed', 'withdrawn')))`;

const expand = (source: string, sign: number, hidden: string) => {
  const key = `organization_id, audience, ${hidden} as hidden`;
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
  order by ${keys}
  on conflict (${keys}) do update set n = t.n + excluded.n, amount = t.amount + excluded.amount`;
const apply = (deltas: string) =>
  `${applyTo('post_tallies', 'organization_id, audience, hidden, dimension, code', deltas)};
  ${applyTo('post_tallies_all', 'audience, hidden, dimension, code', deltas)}`;

async function rebuild(db: Kysely<unknown>, hidden: string): Promise<void> {
  await sql.raw(
    `create or replace function post_tallies_apply() returns trigger language plpgsql as $$
      begin
        if TG_OP = 'INSERT' then
          ${apply(expand('new_rows', 1, hidden))};
        elsif TG_OP = 'DELETE' then
          ${apply(expand('old_rows', -1, hidden))};
        else
          ${apply(`${expand('new_rows', 1, hidden)} union all ${expand('old_rows', -1, hidden)}`)};
        end if;
        return null;
      end $$`,
  ).execute(db);
  await sql`delete from post_tallies`.execute(db);
  await sql`delete from post_tallies_all`.execute(db);
  for (const statement of apply(expand('posts', 1, hidden)).split(';')) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('published_at', 'timestamptz', (c) => c.defaultTo(sql`now()`)).execute();
  await sql`update posts set published_at = created_at`.execute(db);
  // Drafts are few; the organization's own list and the publish check find them by this.
  await sql`create index posts_drafts_idx on posts (organization_id) where published_at is null`.execute(db);
  await rebuild(db, `(hidden_at is not null or published_at is null)`);
  await sql`create trigger post_coauthors_version_bump after insert or update or delete on post_coauthors for each statement execute function bump_posts_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists post_coauthors_version_bump on post_coauthors`.execute(db);
  await rebuild(db, `hidden_at is not null`);
  await sql`drop index if exists posts_drafts_idx`.execute(db);
  await db.schema.alterTable('posts').dropColumn('published_at').execute();
}
