// Discussion under a post: comments with one level of replies, seen by exactly those who see the post.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize, can, visibleCommentsFilter, type Actor } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { fieldError, problems } from '../http/problem.js';
import { sql, type Kysely } from 'kysely';
import { renderMarkdown } from './markdown.js';
import { factsOf } from './post-model.js';
import { Comment, IdParams, ReasonBody } from './post-schemas.js';
import { visiblePosts } from './post-queries.js';
import { findVisiblePost } from './post-store.js';
import { ConfirmNoVictimData, screenText } from '../privacy/guard.js';
import { autoFollow, notify, postChanged } from '../notifications/notify.js';

const Discussion = Type.Object({
  post: Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String() }),
  comments: Type.Integer({ description: 'Visible comments in the discussion.' }),
  lastCommentAt: Type.String(),
  yourLastCommentAt: Type.String(),
  newSinceYours: Type.Integer({ description: 'Comments by others after your last one.' }),
});
const DISCUSSIONS_LIMIT = 10;
const HIDDEN_LIMIT_MAX = 100;
const HiddenComment = Type.Object({ ...Comment.properties, post: Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String() }) });

const CommentBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }), parentId: Type.Optional(Type.String({ format: 'uuid' })), confirmNoVictimData: ConfirmNoVictimData }, { additionalProperties: false });

function commentsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id')
    .select(['c.id', 'c.post_id', 'c.parent_id', 'c.body', 'c.body_html', 'c.hidden_at', 'c.hidden_reason', 'c.created_at', 'c.edited_at', 'c.author_id', 'u.name as author_name', 'o.id as org_id', 'o.name as org_name', 'o.category as org_category', 'o.country as org_country']);
}
type CommentRow = Awaited<ReturnType<ReturnType<typeof commentsQuery>['executeTakeFirstOrThrow']>>;

function serializeComment(actor: Actor, post: ReturnType<typeof factsOf>, c: CommentRow) {
  const facts = { post, authorId: c.author_id, createdAt: c.created_at, hidden: c.hidden_at !== null };
  const moderator = can(actor, 'hide', 'comment', facts);
  // Hidden comments are listed only for organizers and their author (see the comment list);
  // the author may read what was hidden but no longer edit it.
  const withheld = c.hidden_at !== null && !moderator && c.author_id !== actor.id;
  return {
    id: c.id,
    parentId: c.parent_id,
    author: { id: c.author_id, name: c.author_name },
    organization: { id: c.org_id, name: c.org_name, category: c.org_category, country: c.org_country.trim() },
    body: withheld ? '' : c.body,
    bodyHtml: withheld ? '' : c.body_html,
    hidden: c.hidden_at ? { at: c.hidden_at.toISOString(), reason: c.hidden_reason ?? '' } : null,
    createdAt: c.created_at.toISOString(),
    editedAt: c.edited_at?.toISOString() ?? null,
    canEdit: can(actor, 'update', 'comment', facts),
    canModerate: moderator,
  };
}

export const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get(
    '/api/v1/posts/:id/comments',
    { schema: { tags: ['discussion'], summary: 'The discussion of a post, oldest first', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Comment) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      const rows = await commentsQuery(db)
        .where('c.post_id', '=', post.id)
        .where(visibleCommentsFilter(actor))
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute();
      return { items: rows.map((c) => serializeComment(actor, factsOf(post), c)) };
    },
  );

  app.get(
    '/api/v1/me/discussions',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Discussions you take part in (you commented), most recently active first',
        response: { 200: Type.Object({ items: Type.Array(Discussion) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // Only posts the user may still see, and only comments others may see, are counted.
      const rows = await visiblePosts(db, actor, {})
        .innerJoin('comments as c', (join) => join.onRef('c.post_id', '=', 'p.id').on('c.hidden_at', 'is', null))
        .where((eb) => eb.exists(eb.selectFrom('comments as mine').select('mine.id').whereRef('mine.post_id', '=', 'p.id').where('mine.author_id', '=', actor.id)))
        .groupBy(['p.id', 'p.title', 'p.kind'])
        .select((eb) => [
          'p.id',
          'p.title',
          'p.kind',
          eb.fn.countAll<number>().as('comments'),
          eb.fn.max('c.created_at').as('last_at'),
          sql<Date>`max(c.created_at) filter (where c.author_id = ${actor.id})`.as('mine_at'),
        ])
        .orderBy('last_at', 'desc')
        .limit(DISCUSSIONS_LIMIT)
        .execute();
      const items = await Promise.all(
        rows.map(async (row) => {
          const mineAt = row.mine_at ? new Date(row.mine_at) : new Date(0);
          const newer = await db
            .selectFrom('comments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('post_id', '=', row.id)
            .where('hidden_at', 'is', null)
            .where('author_id', '!=', actor.id)
            .where('created_at', '>', mineAt)
            .executeTakeFirstOrThrow();
          return {
            post: { id: row.id, title: row.title, kind: row.kind },
            comments: Number(row.comments),
            lastCommentAt: new Date(row.last_at).toISOString(),
            yourLastCommentAt: mineAt.toISOString(),
            newSinceYours: Number(newer.n),
          };
        }),
      );
      return { items };
    },
  );

  app.get(
    '/api/v1/comments/hidden',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Hidden comments on every post, most recently hidden first (organizers)',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HIDDEN_LIMIT_MAX })) }),
        response: { 200: Type.Object({ items: Type.Array(HiddenComment), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'list', 'hiddenComments', {});
      const limit = request.query.limit ?? HIDDEN_LIMIT_MAX;
      const [rows, count] = await Promise.all([
        commentsQuery(db)
          .innerJoin('posts as p', 'p.id', 'c.post_id')
          .select(['p.title as post_title', 'p.kind as post_kind', 'p.organization_id as post_org_id', 'p.audience as post_audience', 'p.hidden_at as post_hidden_at', 'p.published_at as post_published_at'])
          .where('c.hidden_at', 'is not', null)
          .orderBy('c.hidden_at', 'desc')
          .orderBy('c.id')
          .limit(limit)
          .execute(),
        db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('hidden_at', 'is not', null).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((c) => ({
          ...serializeComment(actor, factsOf({ kind: c.post_kind, audience: c.post_audience, organization_id: c.post_org_id, hidden_at: c.post_hidden_at, published_at: c.post_published_at }), c),
          post: { id: c.post_id, title: c.post_title, kind: c.post_kind },
        })),
        total: Number(count.n),
      };
    },
  );

  app.post(
    '/api/v1/posts/:id/comments',
    { schema: { tags: ['discussion'], summary: 'Comment on a post, or reply to a comment', params: IdParams, body: CommentBody, response: { 201: Comment } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      authorize(actor, 'comment', 'post', factsOf(post));
      let parentAuthor: string | null = null;
      if (request.body.parentId) {
        const parent = await db.selectFrom('comments').select(['post_id', 'parent_id', 'author_id']).where('id', '=', request.body.parentId).executeTakeFirst();
        if (!parent || parent.post_id !== post.id) throw problems.validation([fieldError('parentId', 'is not a comment on this post')]);
        if (parent.parent_id) throw problems.validation([fieldError('parentId', 'replies go one level deep: reply to the comment this one answers')]);
        parentAuthor = parent.author_id;
      }
      const privacy = screenText({ body: request.body.body }, request.body.confirmNoVictimData);
      const id = await db.transaction().execute(async (tx) => {
        const { id } = await tx
          .insertInto('comments')
          .values({ post_id: post.id, parent_id: request.body.parentId ?? null, author_id: actor.id, organization_id: actor.organizationId, body: request.body.body, body_html: renderMarkdown(request.body.body) })
          .returning('id')
          .executeTakeFirstOrThrow();
        await privacy.flag(tx, { type: 'comment', id });
        // The author of the comment answered hears of it as a reply; every follower as a comment.
        const url = `/posts/${post.id}#comment-${id}`;
        const replied = parentAuthor ? await notify(tx, { kind: 'reply', actorId: actor.id, recipients: { users: [parentAuthor] }, postId: post.id, subject: { type: 'comment', id }, url }) : [];
        await notify(tx, { kind: 'comment', actorId: actor.id, recipients: { followersOf: post.id }, postId: post.id, subject: { type: 'comment', id }, url, exclude: replied });
        await autoFollow(tx, actor.id, post.id);
        await postChanged(tx, post.id, 'comment');
        return id;
      });
      const row = await commentsQuery(db).where('c.id', '=', id).executeTakeFirstOrThrow();
      return reply.code(201).send(serializeComment(actor, factsOf(post), row));
    },
  );

  /** The comment and its post, if the actor may see the post; 404 otherwise. */
  async function visibleComment(actor: Actor, id: string) {
    const comment = await commentsQuery(db).where('c.id', '=', id).executeTakeFirst();
    if (!comment) throw problems.notFound();
    const post = await findVisiblePost(db, actor, comment.post_id);
    return { comment, post: factsOf(post) };
  }

  app.patch(
    '/api/v1/comments/:id',
    { schema: { tags: ['discussion'], summary: 'Edit your comment (within 15 minutes)', params: IdParams, body: Type.Object({ body: CommentBody.properties.body, confirmNoVictimData: ConfirmNoVictimData }, { additionalProperties: false }), response: { 200: Comment } } },
    async (request) => {
      const actor = requireActor(request);
      const { comment, post } = await visibleComment(actor, request.params.id);
      authorize(actor, 'update', 'comment', { post, authorId: comment.author_id, createdAt: comment.created_at, hidden: comment.hidden_at !== null });
      const privacy = screenText({ body: request.body.body }, request.body.confirmNoVictimData);
      await db.updateTable('comments').set({ body: request.body.body, body_html: renderMarkdown(request.body.body), edited_at: new Date() }).where('id', '=', comment.id).execute();
      await privacy.flag(db, { type: 'comment', id: comment.id });
      return serializeComment(actor, post, await commentsQuery(db).where('c.id', '=', comment.id).executeTakeFirstOrThrow());
    },
  );

  for (const action of ['hide', 'unhide'] as const) {
    app.post(
      `/api/v1/comments/:id/${action}`,
      { schema: { tags: ['moderation'], summary: `${action === 'hide' ? 'Hide' : 'Unhide'} a comment (organizers)`, params: IdParams, body: action === 'hide' ? ReasonBody : Type.Object({}), response: { 200: Comment } } },
      async (request) => {
        const actor = requireActor(request);
        const { comment, post } = await visibleComment(actor, request.params.id);
        authorize(actor, action, 'comment', { post, authorId: comment.author_id, createdAt: comment.created_at, hidden: comment.hidden_at !== null });
        const reason = (request.body as { reason?: string }).reason?.trim() ?? null;
        await db.transaction().execute(async (tx) => {
          await tx.updateTable('comments').set(action === 'hide' ? { hidden_at: new Date(), hidden_reason: reason } : { hidden_at: null, hidden_reason: null }).where('id', '=', comment.id).execute();
          await audit(tx, { actorUserId: actor.id, action: action === 'hide' ? 'comment.hidden' : 'comment.unhidden', targetType: 'comment', targetId: comment.id, ip: request.ip, details: reason ? { reason } : {} });
        });
        return serializeComment(actor, post, await commentsQuery(db).where('c.id', '=', comment.id).executeTakeFirstOrThrow());
      },
    );
  }
};
