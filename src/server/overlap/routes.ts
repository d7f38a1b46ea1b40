// Overlap detection: suggestions while writing (POST /similar) and for a saved post, the related
// posts organizers linked, and the organizers' board of possible overlaps with their verdicts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { POST_KINDS } from '../../shared/exchange.js';
import { AREA_CODES, EXPLOITATION_CODES, THEME_CODES } from '../../shared/taxonomy/index.js';
import { authorize, type Actor } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { SingleLine, StringEnum } from '../http/schema-helpers.js';
import { serializeCommon, type PostJoinRow } from '../exchange/post-model.js';
import { visiblePosts } from '../exchange/post-queries.js';
import { IdParams, PostSummary } from '../exchange/post-schemas.js';
import { findVisiblePost } from '../exchange/post-store.js';
import { boardClusters, markedAgainst, orderedPair, pendingScans } from './board.js';
import { manualOverlapScan } from './scan-job.js';
import { findSimilar } from './similarity.js';

const Codes = (values: readonly string[]) => Type.Array(StringEnum(values), { maxItems: 20, uniqueItems: true });
export const SimilarBody = Type.Object(
  {
    kind: Type.Optional(StringEnum(POST_KINDS)),
    title: SingleLine({ maxLength: 200 }),
    body: Type.String({ maxLength: 20_000, default: '' }),
    regions: Type.Array(Type.String({ pattern: '^\\d{3}$' }), { maxItems: 20, default: [] }),
    countries: Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 60, default: [] }),
    areas: Codes(AREA_CODES),
    themes: Codes(THEME_CODES),
    exploitation: Type.Optional(Codes(EXPLOITATION_CODES)),
    startsOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    endsOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    budgetAmount: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()], { description: 'Planned budget, any currency: only its scale is compared.' })),
    postId: Type.Optional(Type.String({ format: 'uuid', description: 'The post being edited: left out of its own suggestions.' })),
  },
  { additionalProperties: false },
);

export const ReasonSchema = Type.Object({
  code: Type.String({ description: 'same_country, same_region, similar_title, shared_terms, shared_concepts (thesaurus concept ids), similar_meaning, shared_areas, shared_themes, same_organization' }),
  values: Type.Array(Type.String(), { description: 'Country, region, area or theme codes, or the shared words.' }),
});
const PostRef = Type.Object({ ...PostSummary.properties, summary: Type.String() });
const Suggestion = Type.Object({ post: PostRef, score: Type.Number({ minimum: 0, maximum: 1 }), reasons: Type.Array(ReasonSchema) });
const SuggestionList = Type.Array(Suggestion);

const REF_COLUMNS = [
  'p.id', 'p.kind', 'p.title', 'p.audience', 'p.status', 'p.organization_id', 'p.author_id', 'p.regions', 'p.countries', 'p.areas', 'p.themes',
  'p.exploitation', 'p.budget_amount', 'p.budget_currency', 'p.funding_sought', 'p.starts_on', 'p.ends_on', 'p.revision', 'p.hidden_at',
  'p.hidden_reason', 'p.is_demo', 'p.created_at', 'p.updated_at', 'p.summary',
] as const;

/** The posts with these ids that the actor may see, as list items, by id. */
export async function postRefs(db: Kysely<Database>, actor: Actor, ids: string[]) {
  if (ids.length === 0) return new Map<string, ReturnType<typeof refOf>>();
  const rows = await visiblePosts(db, actor, {})
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('users as u', 'u.id', 'p.author_id')
    .select([...REF_COLUMNS, 'o.name as org_name', 'o.category as org_category', 'o.country as org_country', 'u.name as author_name'])
    .where('p.id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, refOf(row as unknown as PostJoinRow)]));
}
const refOf = (row: PostJoinRow) => ({ ...serializeCommon(row), snippet: '', summary: row.summary });

const PairBody = Type.Object(
  { postA: Type.String({ format: 'uuid' }), postB: Type.String({ format: 'uuid' }), mark: StringEnum(['related', 'not_duplicate'] as const) },
  { additionalProperties: false },
);
const PairParams = Type.Object({ a: Type.String({ format: 'uuid' }), b: Type.String({ format: 'uuid' }) });

export const overlapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  async function suggestions(actor: Actor, found: Awaited<ReturnType<typeof findSimilar>>) {
    const refs = await postRefs(db, actor, found.map((c) => c.id));
    return found.flatMap((c) => {
      const post = refs.get(c.id);
      return post ? [{ post, score: c.score, reasons: c.reasons }] : [];
    });
  }

  app.post(
    '/api/v1/similar',
    {
      schema: {
        tags: ['overlap'],
        summary: 'Posts you may see that look like the same work as a draft (nothing is saved)',
        body: SimilarBody,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })) }),
        response: { 200: SuggestionList },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const input = { ...request.body, areas: request.body.areas ?? [], themes: request.body.themes ?? [] };
      let exclude = new Set<string>();
      if (input.postId) {
        // Only for a post the actor may see; otherwise the id is ignored, exactly as if it did not exist.
        const own = await visiblePosts(db, actor, {}).select('p.id').where('p.id', '=', input.postId).executeTakeFirst();
        if (own) exclude = new Set((await markedAgainst(db, own.id)).keys());
        else delete input.postId;
      }
      return suggestions(actor, await findSimilar(db, actor, input, { limit: request.query.limit ?? 5, exclude }));
    },
  );

  app.get(
    '/api/v1/posts/:id/similar',
    {
      schema: {
        tags: ['overlap'],
        summary: 'Posts you may see that look like the same work as this one',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })) }),
        response: { 200: SuggestionList },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      const exclude = new Set((await markedAgainst(db, post.id)).keys());
      const found = await findSimilar(db, actor, { ...post, postId: post.id }, { limit: request.query.limit ?? 5, exclude });
      return suggestions(actor, found);
    },
  );

  app.get(
    '/api/v1/posts/:id/related',
    {
      schema: {
        tags: ['overlap'],
        summary: 'Posts the organizers marked as related to this one (those you may see)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ post: PostRef, markedAt: Type.String() })) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      const rows = await db
        .selectFrom('overlap_marks')
        .select(['post_a', 'post_b', 'marked_at'])
        .where('mark', '=', 'related')
        .where((eb) => eb.or([eb('post_a', '=', post.id), eb('post_b', '=', post.id)]))
        .orderBy('marked_at', 'desc')
        .execute();
      const other = (r: (typeof rows)[number]) => (r.post_a === post.id ? r.post_b : r.post_a);
      const refs = await postRefs(db, actor, rows.map(other));
      return { items: rows.flatMap((r) => (refs.has(other(r)) ? [{ post: refs.get(other(r))!, markedAt: r.marked_at.toISOString() }] : [])) };
    },
  );

  const Progress = { scanned: Type.Integer(), pending: Type.Integer({ description: 'Posts not yet compared with the others (new, or edited since).' }) };

  app.get(
    '/api/v1/overlaps',
    {
      schema: {
        tags: ['overlap'],
        summary: 'Organizers: possible overlaps across all posts, grouped into clusters',
        description: 'Pairs found by comparing each post with all others once per revision (in the background, or with POST /api/v1/overlaps/scan); `pending` says how many posts still wait.',
        response: {
          200: Type.Object({
            clusters: Type.Array(
              Type.Object({
                posts: Type.Array(PostRef),
                pairs: Type.Array(Type.Object({ a: Type.String(), b: Type.String(), score: Type.Number(), reasons: Type.Array(ReasonSchema) })),
              }),
            ),
            pending: Progress.pending,
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'read', 'overlapBoard', {});
      const [clusters, pending] = await Promise.all([boardClusters(db), pendingScans(db)]);
      const refs = await postRefs(db, actor, [...new Set(clusters.flatMap((c) => [...c.postIds]))]);
      return {
        clusters: clusters.map((c) => ({ posts: [...c.postIds].flatMap((id) => (refs.has(id) ? [refs.get(id)!] : [])), pairs: c.pairs })),
        pending,
      };
    },
  );

  app.post(
    '/api/v1/overlaps/scan',
    { schema: { tags: ['overlap'], summary: 'Organizers: compare the next batch of new or edited posts with all others now', body: Type.Optional(Type.Object({})), response: { 200: Type.Object(Progress) } } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'read', 'overlapBoard', {});
      return manualOverlapScan(db, actor);
    },
  );

  app.post(
    '/api/v1/overlaps/marks',
    { schema: { tags: ['overlap'], summary: 'Organizers: mark a pair of posts related (linked on both) or not a duplicate (never suggested again)', body: PairBody, response: { 200: Type.Object({ postA: Type.String(), postB: Type.String(), mark: Type.String() }) } } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'mark', 'overlapBoard', {});
      const { postA, postB, mark } = request.body;
      if (postA === postB) throw problems.validation([{ field: 'postB', pointer: '#/postB', detail: 'must be a different post' }]);
      const [x, y] = await Promise.all([findVisiblePost(db, actor, postA), findVisiblePost(db, actor, postB)]);
      const [a, b] = orderedPair(x.id, y.id);
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('overlap_marks')
          .values({ post_a: a, post_b: b, mark, marked_by: actor.id })
          .onConflict((oc) => oc.columns(['post_a', 'post_b']).doUpdateSet({ mark, marked_by: actor.id, marked_at: new Date() }))
          .execute();
        await audit(tx, { actorUserId: actor.id, action: mark === 'related' ? 'overlap.marked_related' : 'overlap.marked_not_duplicate', targetType: 'post', targetId: a, ip: request.ip, details: { postA: a, postB: b } });
      });
      return { postA: a, postB: b, mark };
    },
  );

  app.delete(
    '/api/v1/overlaps/marks/:a/:b',
    { schema: { tags: ['overlap'], summary: 'Organizers: take back a verdict on a pair', params: PairParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'mark', 'overlapBoard', {});
      const [a, b] = orderedPair(request.params.a, request.params.b);
      await db.transaction().execute(async (tx) => {
        const removed = await tx.deleteFrom('overlap_marks').where('post_a', '=', a).where('post_b', '=', b).returning('mark').executeTakeFirst();
        if (!removed) throw problems.notFound();
        await audit(tx, { actorUserId: actor.id, action: 'overlap.unmarked', targetType: 'post', targetId: a, ip: request.ip, details: { postA: a, postB: b, mark: removed.mark } });
      });
      return reply.code(204).send(null);
    },
  );
};
