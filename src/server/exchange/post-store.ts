// Reading one post with what its page shows, shared by the post, comment and offer routes.
import { sql, type Kysely, type Transaction } from 'kysely';
import { authorize, can, visibleCommentsFilter, type Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { factsOf, serializeCommon, type PostJoinRow } from './post-model.js';
import { coauthorIdsOf, cooperativelyDeveloped } from '../coordination/projects.js';
import { isFollowing } from '../notifications/notify.js';

export async function findPost(db: Kysely<Database> | Transaction<Database>, id: string, options: { forUpdate?: boolean } = {}): Promise<PostJoinRow | undefined> {
  let query = db
    .selectFrom('posts as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('users as u', 'u.id', 'p.author_id')
    .selectAll('p')
    .select(['o.name as org_name', 'o.category as org_category', 'o.country as org_country', 'u.name as author_name'])
    .select((eb) => [coauthorIdsOf(eb).$asScalar().$notNull().as('coauthor_ids'), cooperativelyDeveloped(eb).as('cooperative')])
    .where('p.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('p');
  return query.executeTakeFirst();
}

/**
 * The post, if this actor may see it. Anything else, including a post that exists but is not
 * theirs to see, answers exactly like a post that does not exist.
 */
export async function findVisiblePost(db: Kysely<Database> | Transaction<Database>, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<PostJoinRow> {
  const row = await findPost(db, id, options);
  if (!row) throw problems.notFound();
  authorize(actor, 'read', 'post', factsOf(row), { hide: true });
  return row;
}

export async function serializePost(db: Kysely<Database>, actor: Actor, row: PostJoinRow) {
  const facts = factsOf(row);
  const { n: commentCount } = await db
    .selectFrom('comments as c')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('c.post_id', '=', row.id)
    .where(visibleCommentsFilter(actor))
    .executeTakeFirstOrThrow();
  return {
    ...serializeCommon(row),
    body: row.body,
    bodyHtml: row.body_html,
    revision: row.revision,
    commentCount,
    cooperative: row.cooperative,
    following: await isFollowing(db, actor, row.id),
    permissions: {
      update: can(actor, 'update', 'post', facts),
      comment: can(actor, 'comment', 'post', facts),
      offer: can(actor, 'offer', 'post', facts),
      hide: can(actor, 'hide', 'post', facts),
      readOffers: can(actor, 'readRevisions', 'post', facts),
      publish: can(actor, 'publish', 'post', facts),
    },
  };
}
