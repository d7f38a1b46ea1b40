// Posts: create, read, list and search, edit with revisions, moderate.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize } from '../access/index.js';
import { requireActor } from '../auth/sessions.js';
import { problems } from '../http/problem.js';
import { markdownToText, renderMarkdown } from './markdown.js';
import { audit } from '../audit/audit-log.js';
import { checkPostFields, factsOf, geoOf, newPostValues, snapshotOf, summaryOf } from './post-model.js';
import { listPostsJson } from './post-queries.js';
import { CreatePostBody, IdParams, ListPostsQuery, Post, PostList, ReasonBody, Revision, UpdatePostBody } from './post-schemas.js';
import { findVisiblePost, serializePost } from './post-store.js';
import { checkCoordinatedEdit } from '../coordination/edit-guard.js';
import { canReadRevision, staleRevisionDetails } from '../coordination/revisions.js';
import { screenText } from '../privacy/guard.js';
import { storePostVectors } from '../overlap/semantic/store.js';
import { postChanged } from '../notifications/notify.js';

export const postRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  // The answer is JSON text from a cache that is never stale (post-queries.ts); the PostList
  // schema still documents it.
  app.get('/api/v1/posts', { schema: { tags: ['posts'], summary: 'List and search posts', querystring: ListPostsQuery, response: { 200: PostList } } }, async (request, reply) =>
    // A string with a JSON content type goes out as it is (Fastify does not serialize it again).
    reply.type('application/json; charset=utf-8').send((await listPostsJson(db, requireActor(request), request.query)) as never),
  );

  app.post('/api/v1/posts', { schema: { tags: ['posts'], summary: 'Create a post', body: CreatePostBody, response: { 201: Post } } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'create', 'newPost', { kind: request.body.kind });
    const values = newPostValues(request.body);
    const privacy = screenText({ title: values.title, body: values.body }, request.body.confirmNoVictimData);
    const id = await db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('posts')
        // A draft waits unpublished (published_at null); anything else is published now (the column's default).
        .values({ ...values, body_html: renderMarkdown(values.body), organization_id: actor.organizationId, author_id: actor.id, ...(request.body.draft ? { published_at: null } : {}) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('post_revisions').values({ post_id: id, revision: 1, snapshot: JSON.stringify(snapshotOf(values)), edited_by: actor.id }).execute();
      await privacy.flag(tx, { type: 'post', id });
      await storePostVectors(tx, id, 1, values);
      return id;
    });
    const row = await findVisiblePost(db, actor, id);
    return reply.code(201).header('location', `/api/v1/posts/${id}`).send(await serializePost(db, actor, row));
  });

  app.get('/api/v1/posts/:id', { schema: { tags: ['posts'], summary: 'One post', params: IdParams, response: { 200: Post } } }, async (request) => {
    const actor = requireActor(request);
    return serializePost(db, actor, await findVisiblePost(db, actor, request.params.id, { withReaderColumns: true }));
  });

  app.patch(
    '/api/v1/posts/:id',
    { schema: { tags: ['posts'], summary: 'Edit a post (keeps a revision)', params: IdParams, body: UpdatePostBody, response: { 200: Post } } },
    async (request) => {
      const actor = requireActor(request);
      const { revision: expected, confirmNoVictimData, ...changes } = request.body;
      const privacy = screenText({ title: changes.title, body: changes.body }, confirmNoVictimData);
      await db.transaction().execute(async (tx) => {
        const row = await findVisiblePost(tx, actor, request.params.id, { forUpdate: true });
        authorize(actor, 'update', 'post', factsOf(row));
        if (expected !== undefined && expected !== row.revision) {
          throw problems.conflict('stale-revision', `This post was changed since you opened it (you edited revision ${expected}, it is now at ${row.revision}). What changed since is listed in "changes".`, await staleRevisionDetails(tx, actor, factsOf(row), row.id, expected, row.revision));
        }
        const countries = changes.countries?.map((c) => c.toUpperCase());
        const merged = {
          regions: changes.regions ?? row.regions,
          countries: countries ?? row.countries,
          startsOn: changes.startsOn !== undefined ? changes.startsOn : row.starts_on,
          endsOn: changes.endsOn !== undefined ? changes.endsOn : row.ends_on,
          budgetAmount: changes.budget !== undefined ? (changes.budget?.amount ?? null) : row.budget_amount,
          fundingSought: changes.fundingSought !== undefined ? changes.fundingSought : row.funding_sought,
        };
        checkPostFields(row.kind, { ...changes, ...(countries ? { countries } : {}) }, merged);
        const next = {
          title: changes.title?.trim() ?? row.title,
          body: changes.body ?? row.body,
          audience: changes.audience ?? row.audience,
          status: changes.status ?? row.status,
          regions: merged.regions,
          countries: merged.countries,
          areas: changes.areas ?? row.areas,
          themes: changes.themes ?? row.themes,
          exploitation: changes.exploitation ?? row.exploitation,
          budget_amount: changes.budget !== undefined ? (changes.budget?.amount ?? null) : row.budget_amount,
          budget_currency: changes.budget !== undefined ? (changes.budget?.currency ?? null) : row.budget_currency,
          funding_sought: changes.fundingSought !== undefined ? changes.fundingSought : row.funding_sought,
          starts_on: merged.startsOn,
          ends_on: merged.endsOn,
        };
        await checkCoordinatedEdit(tx, actor, row, next);
        const revision = row.revision + 1;
        await tx
          .updateTable('posts')
          .set({ ...next, geo: geoOf(next.regions, next.countries), body_html: renderMarkdown(next.body), summary: summaryOf(markdownToText(next.body)), revision, updated_at: new Date() })
          .where('id', '=', row.id)
          .execute();
        await tx.insertInto('post_revisions').values({ post_id: row.id, revision, snapshot: JSON.stringify(snapshotOf(next)), edited_by: actor.id }).execute();
        await privacy.flag(tx, { type: 'post', id: row.id });
        await storePostVectors(tx, row.id, revision, next);
      });
      return serializePost(db, actor, await findVisiblePost(db, actor, request.params.id));
    },
  );

  app.get(
    '/api/v1/posts/:id/revisions',
    { schema: { tags: ['posts'], summary: 'Every revision of a post, newest first', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Revision) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await findVisiblePost(db, actor, request.params.id);
      const facts = factsOf(row);
      authorize(actor, 'readRevisions', 'post', facts);
      const revisions = await db
        .selectFrom('post_revisions as r')
        .innerJoin('users as u', 'u.id', 'r.edited_by')
        .select(['r.revision', 'r.snapshot', 'r.edited_at', 'u.id as user_id', 'u.name as user_name'])
        .where('r.post_id', '=', row.id)
        .orderBy('r.revision', 'desc')
        .execute();
      return {
        // Only the revisions that were current while the actor could see the post (access/rules/revisions.ts).
        items: revisions.filter((r) => canReadRevision(actor, facts, r.snapshot)).map((r) => ({ revision: r.revision, editedAt: r.edited_at.toISOString(), editedBy: { id: r.user_id, name: r.user_name }, snapshot: r.snapshot })),
      };
    },
  );

  // Publishing a draft (the lead organization, access/rules/posts.ts). What creating a published post
  // sets off follows from `published_at` alone: the saved-search job announces posts by the time they
  // were published, the overlap scan compares published posts that have no scan at their revision,
  // and every list, count and notification filter lets the post through from this commit on.
  app.post(
    '/api/v1/posts/:id/publish',
    { schema: { tags: ['posts'], summary: 'Publish a draft (its organization)', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: Post } } },
    async (request) => {
      const actor = requireActor(request);
      await db.transaction().execute(async (tx) => {
        const row = await findVisiblePost(tx, actor, request.params.id, { forUpdate: true });
        if (row.published_at !== null) throw problems.conflict('already-published', 'This post is already published.');
        authorize(actor, 'publish', 'post', factsOf(row));
        await tx.updateTable('posts').set({ published_at: new Date(), updated_at: new Date() }).where('id', '=', row.id).execute();
        await audit(tx, { actorUserId: actor.id, action: 'post.published', targetType: 'post', targetId: row.id, ip: request.ip });
        await postChanged(tx, row.id, 'published');
      });
      return serializePost(db, actor, await findVisiblePost(db, actor, request.params.id));
    },
  );

  for (const action of ['hide', 'unhide'] as const) {
    app.post(
      `/api/v1/posts/:id/${action}`,
      { schema: { tags: ['moderation'], summary: action === 'hide' ? 'Hide a post (organizers)' : 'Show a hidden post again (organizers)', params: IdParams, body: action === 'hide' ? ReasonBody : Type.Object({}), response: { 200: Post } } },
      async (request) => {
        const actor = requireActor(request);
        const row = await findVisiblePost(db, actor, request.params.id);
        authorize(actor, action, 'post', factsOf(row));
        const reason = (request.body as { reason?: string }).reason?.trim() ?? null;
        await db.transaction().execute(async (tx) => {
          await tx
            .updateTable('posts')
            .set(action === 'hide' ? { hidden_at: new Date(), hidden_reason: reason, hidden_by: actor.id } : { hidden_at: null, hidden_reason: null, hidden_by: null })
            .where('id', '=', row.id)
            .execute();
          await audit(tx, { actorUserId: actor.id, action: action === 'hide' ? 'post.hidden' : 'post.unhidden', targetType: 'post', targetId: row.id, ip: request.ip, details: reason ? { reason } : {} });
        });
        return serializePost(db, actor, await findVisiblePost(db, actor, row.id));
      },
    );
  }
};
