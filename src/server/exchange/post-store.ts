// Reading one post with what its page shows, shared by the post, comment and offer routes.
import { sql, type Kysely, type Transaction } from 'kysely';
import { authorize, can, visibleCommentsFilter, type Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { factsOf, serializeCommon, type PostJoinRow } from './post-model.js';
import { coauthorIdsOf, cooperativelyDeveloped } from '../coordination/projects.js';
import { isFollowing } from '../notifications/notify.js';

export async function findPost(db: Kysely<Database> | Transaction<Database>, id: string, options: { forUpdate?: boolean; reader?: Actor } = {}): Promise<PostJoinRow & Partial<ReaderColumns> | undefined> {
  let query = db
    .selectFrom('posts as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('users as u', 'u.id', 'p.author_id')
    .selectAll('p')
    .select(['o.name as org_name', 'o.category as org_category', 'o.country as org_country', 'u.name as author_name'])
    .select((eb) => [coauthorIdsOf(eb).$asScalar().$notNull().as('coauthor_ids'), cooperativelyDeveloped(eb).as('cooperative')])
    .where('p.id', '=', id);
  // What the page shows for this reader (comments they may read, their own choice to follow),
  // in the same query: a post page is the most read answer, and each round trip costs.
  const reader = options.reader;
  if (reader) {
    query = query.select((eb) => [
      eb.selectFrom('comments as c').select(sql<number>`count(*)::int`.as('n')).whereRef('c.post_id', '=', 'p.id').where(visibleCommentsFilter(reader)).$asScalar().$notNull().as('reader_comment_count'),
      eb.selectFrom('post_follows as f').select('f.following').whereRef('f.post_id', '=', 'p.id').where('f.user_id', '=', reader.id).$asScalar().as('reader_follow_choice'),
    ]) as typeof query;
  }
  if (options.forUpdate) query = query.forUpdate('p');
  return query.executeTakeFirst();
}

interface ReaderColumns {
  reader_comment_count: number;
  /** The reader's own choice to follow or not, if they made one. */
  reader_follow_choice: boolean | null;
}

/**
 * The post, if this actor may see it. Anything else, including a post that exists but is not
 * theirs to see, answers exactly like a post that does not exist.
 */
export async function findVisiblePost(db: Kysely<Database> | Transaction<Database>, actor: Actor, id: string, options: { forUpdate?: boolean; withReaderColumns?: boolean } = {}): Promise<PostJoinRow & Partial<ReaderColumns>> {
  const row = await findPost(db, id, { forUpdate: options.forUpdate, reader: options.withReaderColumns ? actor : undefined });
  if (!row) throw problems.notFound();
  authorize(actor, 'read', 'post', factsOf(row), { hide: true });
  return row;
}

export async function serializePost(db: Kysely<Database>, actor: Actor, row: PostJoinRow & Partial<ReaderColumns>) {
  const facts = factsOf(row);
  const commentCount =
    row.reader_comment_count ??
    (await db.selectFrom('comments as c').select(sql<number>`count(*)::int`.as('n')).where('c.post_id', '=', row.id).where(visibleCommentsFilter(actor)).executeTakeFirstOrThrow()).n;
  // Read with the post (findVisiblePost's withReaderColumns): the reader's own choice, else the
  // default that isFollowing applies (their organization's posts and those it co-authors).
  const following =
    row.reader_comment_count === undefined
      ? await isFollowing(db, actor, row.id)
      : (row.reader_follow_choice ?? (row.organization_id === actor.organizationId || row.coauthor_ids.includes(actor.organizationId)));
  return {
    ...serializeCommon(row),
    body: row.body,
    bodyHtml: row.body_html,
    revision: row.revision,
    commentCount,
    cooperative: row.cooperative,
    following,
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
