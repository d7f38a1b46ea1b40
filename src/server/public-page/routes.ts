// The public face: GET /public (when VF_PUBLIC=1), server-rendered for visitors without a session,
// and the organizers' marks that decide which posts and organizations it may name.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize, can, canSeePost, PUBLIC_VISITOR } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import { factsOf } from '../exchange/post-model.js';
import { findVisiblePost } from '../exchange/post-store.js';
import { isUuid } from '../http/form-input.js';
import { problems } from '../http/problem.js';
import { publicPageData } from './public-data.js';
import { PUBLIC_CSS, renderPublicPage } from './render.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Mark = Type.Object({
  public: Type.Boolean({ description: 'Marked public by an organizer (the public page names it).' }),
  shown: Type.Boolean({ description: 'Marked and open to all: shown on the public page now.' }),
  canMark: Type.Boolean({ description: 'Whether you may mark or unmark it.' }),
});

export const publicPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app;

  if (config.publicPage) {
    const css = PUBLIC_CSS.trim();
    const cssTag = `"${createHash('sha256').update(css).digest('base64url').slice(0, 16)}"`;
    app.get('/public', { schema: { hide: true } }, async (request, reply) => {
      const html = renderPublicPage(await publicPageData(db), config.publicUrl);
      // Always fresh (a mark taken off shows at once), but cheap to revalidate.
      const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
      void reply.header('cache-control', 'no-cache').header('etag', etag).header('vary', 'accept-encoding');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/html; charset=utf-8').send(html);
    });
    app.get('/public/style.css', { schema: { hide: true } }, async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=3600').header('etag', cssTag);
      if (request.headers['if-none-match'] === cssTag) return reply.code(304).send();
      return reply.type('text/css; charset=utf-8').send(css);
    });
  }

  // ---- marks (organizers)
  const postMark = async (postId: string) => Boolean(await db.selectFrom('public_posts').select('post_id').where('post_id', '=', postId).executeTakeFirst());

  app.get('/api/v1/posts/:id/public', { schema: { tags: ['public page'], summary: 'Whether the post is marked for the public page', params: IdParams, response: { 200: Mark } } }, async (request) => {
    const actor = requireActor(request);
    const post = await findVisiblePost(db, actor, request.params.id);
    const marked = await postMark(post.id);
    return { public: marked, shown: marked && canSeePost(PUBLIC_VISITOR, factsOf(post)), canMark: can(actor, 'unmarkPublic', 'post', factsOf(post)) };
  });

  app.put('/api/v1/posts/:id/public', { schema: { tags: ['public page'], summary: 'Organizers: show the post on the public page (only a post open to all and not hidden)', params: IdParams, response: { 200: Mark } } }, async (request) => {
    const actor = requireActor(request);
    const post = await findVisiblePost(db, actor, request.params.id);
    const facts = factsOf(post);
    authorize(actor, 'unmarkPublic', 'post', facts);
    if (!canSeePost(PUBLIC_VISITOR, facts)) throw problems.conflict('not-open-to-all', 'Only a post open to all participants and not hidden can be shown on the public page.');
    authorize(actor, 'markPublic', 'post', facts);
    await db.transaction().execute(async (tx) => {
      const inserted = await tx.insertInto('public_posts').values({ post_id: post.id, marked_by: actor.id }).onConflict((oc) => oc.column('post_id').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await audit(tx, { actorUserId: actor.id, action: 'post.marked_public', targetType: 'post', targetId: post.id, ip: request.ip });
    });
    return { public: true, shown: true, canMark: true };
  });

  app.delete('/api/v1/posts/:id/public', { schema: { tags: ['public page'], summary: 'Organizers: take the post off the public page', params: IdParams, response: { 200: Mark } } }, async (request) => {
    const actor = requireActor(request);
    const post = await findVisiblePost(db, actor, request.params.id);
    authorize(actor, 'unmarkPublic', 'post', factsOf(post));
    await db.transaction().execute(async (tx) => {
      const deleted = await tx.deleteFrom('public_posts').where('post_id', '=', post.id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) > 0) await audit(tx, { actorUserId: actor.id, action: 'post.unmarked_public', targetType: 'post', targetId: post.id, ip: request.ip });
    });
    return { public: false, shown: false, canMark: true };
  });

  const findOrganization = async (id: string) => {
    const row = isUuid(id) ? await db.selectFrom('organizations').select(['id', 'status']).where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw problems.notFound();
    return row;
  };

  app.get('/api/v1/organizations/:id/public', { schema: { tags: ['public page'], summary: 'Whether the organization is marked for the public page', params: IdParams, response: { 200: Mark } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'read', 'organization', { id: request.params.id }, { hide: true });
    const org = await findOrganization(request.params.id);
    const marked = Boolean(await db.selectFrom('public_organizations').select('organization_id').where('organization_id', '=', org.id).executeTakeFirst());
    return { public: marked, shown: marked && org.status === 'active', canMark: can(actor, 'markPublic', 'organization', { id: org.id }) };
  });

  for (const method of ['PUT', 'DELETE'] as const) {
    const marking = method === 'PUT';
    app.route({
      method,
      url: '/api/v1/organizations/:id/public',
      schema: { tags: ['public page'], summary: marking ? 'Organizers: name the organization on the public page' : 'Organizers: take the organization off the public page', params: IdParams, response: { 200: Mark } },
      handler: async (request) => {
        const actor = requireActor(request);
        authorize(actor, marking ? 'markPublic' : 'unmarkPublic', 'organization', { id: request.params.id });
        const org = await findOrganization(request.params.id);
        await db.transaction().execute(async (tx) => {
          const changed = marking
            ? Number((await tx.insertInto('public_organizations').values({ organization_id: org.id, marked_by: actor.id }).onConflict((oc) => oc.column('organization_id').doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows ?? 0)
            : Number((await tx.deleteFrom('public_organizations').where('organization_id', '=', org.id).executeTakeFirst()).numDeletedRows);
          if (changed > 0) await audit(tx, { actorUserId: actor.id, action: marking ? 'organization.marked_public' : 'organization.unmarked_public', targetType: 'organization', targetId: org.id, ip: request.ip });
        });
        return { public: marking, shown: marking && org.status === 'active', canMark: true };
      },
    });
  }
};
