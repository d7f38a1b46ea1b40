// Offers: service providers answer a technical-assistance request with a tailored proposal.
// An offer is seen by the requesting organization, the offering organization and organizers,
// and only while they may also see the request it answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { OFFER_STATUSES } from '../../shared/exchange.js';
import { authorize, can, canSeePost, visiblePostsFilter, type Actor, type PostFacts } from '../access/index.js';
import { memberOf } from '../coordination/projects.js';
import { requireActor } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { fieldError, problems } from '../http/problem.js';
import { StringEnum, SingleLine } from '../http/schema-helpers.js';
import { renderMarkdown } from './markdown.js';
import { factsOf, isCurrencyCode } from './post-model.js';
import { IdParams, Money, Offer } from './post-schemas.js';
import { findVisiblePost } from './post-store.js';
import { ConfirmNoVictimData, screenText } from '../privacy/guard.js';
import { autoFollow, notify, postChanged } from '../notifications/notify.js';

const CreateOfferBody = Type.Object(
  {
    summary: SingleLine({ minLength: 5, maxLength: 300 }),
    body: Type.String({ minLength: 1, maxLength: 20_000, description: 'Markdown.' }),
    timeframe: Type.Optional(Type.String({ maxLength: 200 })),
    cost: Type.Optional(Type.Union([Money, Type.Null()])),
    confirmNoVictimData: ConfirmNoVictimData,
  },
  { additionalProperties: false },
);

function offersQuery(db: Kysely<Database>) {
  return db
    .selectFrom('offers as f')
    .innerJoin('posts as p', 'p.id', 'f.post_id')
    .innerJoin('organizations as o', 'o.id', 'f.organization_id')
    .innerJoin('users as u', 'u.id', 'f.author_id')
    .select([
      'f.id', 'f.post_id', 'f.hidden_at', 'f.hidden_reason', 'f.summary', 'f.body', 'f.body_html', 'f.timeframe', 'f.cost_amount', 'f.cost_currency', 'f.status', 'f.created_at', 'f.decided_at',
      'f.organization_id', 'f.author_id', 'u.name as author_name', 'o.name as org_name', 'o.category as org_category', 'o.country as org_country',
      'p.title as post_title', 'p.kind as post_kind', 'p.audience as post_audience', 'p.organization_id as post_org', 'p.hidden_at as post_hidden_at', 'p.published_at as post_published_at',
    ]);
}
type OfferRow = Awaited<ReturnType<ReturnType<typeof offersQuery>['executeTakeFirstOrThrow']>>;

const postFactsOfOffer = (o: OfferRow): PostFacts => ({ kind: o.post_kind, audience: o.post_audience, organizationId: o.post_org, hidden: o.post_hidden_at !== null, draft: o.post_published_at === null });

function serializeOffer(actor: Actor, o: OfferRow) {
  const resource = { post: postFactsOfOffer(o), offeringOrganizationId: o.organization_id, hidden: o.hidden_at !== null };
  const pending = o.status === 'pending';
  return {
    id: o.id,
    postId: o.post_id,
    postTitle: o.post_title,
    organization: { id: o.organization_id, name: o.org_name, category: o.org_category, country: o.org_country.trim() },
    author: { id: o.author_id, name: o.author_name },
    summary: o.summary,
    body: o.body,
    bodyHtml: o.body_html,
    timeframe: o.timeframe,
    cost: o.cost_amount && o.cost_currency ? { amount: o.cost_amount, currency: o.cost_currency.trim() } : null,
    status: o.status,
    createdAt: o.created_at.toISOString(),
    decidedAt: o.decided_at?.toISOString() ?? null,
    hidden: o.hidden_at ? { at: o.hidden_at.toISOString(), reason: o.hidden_reason ?? '' } : null,
    permissions: {
      accept: pending && can(actor, 'accept', 'offer', resource),
      decline: pending && can(actor, 'decline', 'offer', resource),
      withdraw: pending && can(actor, 'withdraw', 'offer', resource),
    },
  };
}

export const offerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  const OfferList = Type.Object({ items: Type.Array(Offer) });

  /** An offer the actor may read (and whose request they may see), or 404. */
  async function visibleOffer(actor: Actor, id: string): Promise<OfferRow> {
    const row = await offersQuery(db).where('f.id', '=', id).executeTakeFirst();
    const resource = row ? { post: postFactsOfOffer(row), offeringOrganizationId: row.organization_id, hidden: row.hidden_at !== null } : null;
    if (!row || !resource || !can(actor, 'read', 'post', resource.post) || !can(actor, 'read', 'offer', resource)) throw problems.notFound();
    return row;
  }

  app.get('/api/v1/posts/:id/offers', { schema: { tags: ['offers'], summary: 'Offers on a request that you may see', params: IdParams, response: { 200: OfferList } } }, async (request) => {
    const actor = requireActor(request);
    const post = await findVisiblePost(db, actor, request.params.id);
    const rows = await offersQuery(db).where('f.post_id', '=', post.id).orderBy('f.created_at').execute();
    return { items: rows.filter((o) => can(actor, 'read', 'offer', { post: factsOf(post), offeringOrganizationId: o.organization_id, hidden: o.hidden_at !== null })).map((o) => serializeOffer(actor, o)) };
  });

  app.get(
    '/api/v1/offers',
    {
      schema: {
        tags: ['offers'],
        summary: "Your organization's offers: those it received on its requests, or those it sent",
        querystring: Type.Object({ direction: StringEnum(['received', 'sent'] as const), status: Type.Optional(StringEnum(OFFER_STATUSES)) }),
        response: { 200: OfferList },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const rows = await offersQuery(db)
        .where(request.query.direction === 'received' ? 'p.organization_id' : 'f.organization_id', '=', actor.organizationId)
        // A hidden offer is the organizers' and its sender's only (the read rule in access/rules/posts.ts).
        .$if(request.query.direction === 'received', (q) => q.where('f.hidden_at', 'is', null))
        .where(visiblePostsFilter(actor) as never)
        .$if(Boolean(request.query.status), (q) => q.where('f.status', '=', request.query.status!))
        .orderBy('f.created_at', 'desc')
        .limit(200)
        .execute();
      return { items: rows.map((o) => serializeOffer(actor, o)) };
    },
  );

  app.get('/api/v1/offers/:id', { schema: { tags: ['offers'], summary: 'One offer', params: IdParams, response: { 200: Offer } } }, async (request) => {
    const actor = requireActor(request);
    return serializeOffer(actor, await visibleOffer(actor, request.params.id));
  });

  app.post('/api/v1/posts/:id/offers', { schema: { tags: ['offers'], summary: 'Answer a technical-assistance request with an offer', params: IdParams, body: CreateOfferBody, response: { 201: Offer } } }, async (request, reply) => {
    const actor = requireActor(request);
    const post = await findVisiblePost(db, actor, request.params.id);
    authorize(actor, 'offer', 'post', factsOf(post));
    if (!['open', 'in_progress'].includes(post.status)) throw problems.conflict('request-closed', 'This request no longer takes offers.');
    const cost = request.body.cost ?? null;
    if (cost && !isCurrencyCode(cost.currency)) throw problems.validation([fieldError('cost.currency', 'is not an ISO 4217 currency code')]);
    const privacy = screenText({ summary: request.body.summary, body: request.body.body, timeframe: request.body.timeframe }, request.body.confirmNoVictimData);
    const id = await db.transaction().execute(async (tx) => {
    // The request as it is now, locked: an audience change racing this offer either waits for it
    // (and then finds it pending, edit-guard.ts) or is seen here, so no offer is left pending on a
    // request its organization can no longer see.
    const current = await findVisiblePost(tx, actor, post.id, { forUpdate: true });
    authorize(actor, 'offer', 'post', factsOf(current));
    if (!['open', 'in_progress'].includes(current.status)) throw problems.conflict('request-closed', 'This request no longer takes offers.');
    const { id } = await tx
      .insertInto('offers')
      .values({
        post_id: post.id,
        organization_id: actor.organizationId,
        author_id: actor.id,
        summary: request.body.summary.trim(),
        body: request.body.body,
        body_html: renderMarkdown(request.body.body),
        timeframe: request.body.timeframe?.trim() || null,
        cost_amount: cost?.amount ?? null,
        cost_currency: cost?.currency ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await privacy.flag(tx, { type: 'offer', id });
    // The requesting organization is told; the one who offered follows the request from now on.
    await autoFollow(tx, actor.id, post.id);
    await notify(tx, { kind: 'offer_received', actorId: actor.id, recipients: { organizations: [post.organization_id] }, postId: post.id, subject: { type: 'offer', id }, url: `/posts/${post.id}#offer-${id}` });
    await postChanged(tx, post.id, 'offer');
    return id;
    });
    return reply.code(201).send(serializeOffer(actor, await visibleOffer(actor, id)));
  });

  for (const action of ['accept', 'decline', 'withdraw'] as const) {
    app.post(`/api/v1/offers/:id/${action}`, { schema: { tags: ['offers'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} an offer`, params: IdParams, body: Type.Optional(Type.Object({})), response: { 200: Offer } } }, async (request) => {
      const actor = requireActor(request);
      const offer = await visibleOffer(actor, request.params.id);
      authorize(actor, action, 'offer', { post: postFactsOfOffer(offer), offeringOrganizationId: offer.organization_id });
      await db.transaction().execute(async (tx) => {
        // Decide on the offer as it is now, not as it was read: two clicks cannot both win.
        const current = await tx.selectFrom('offers').select('status').where('id', '=', offer.id).forUpdate().executeTakeFirstOrThrow();
        if (current.status !== 'pending') throw problems.conflict('offer-decided', `This offer was already ${current.status}.`);
        if (action === 'accept') {
          // Read the request as it is now, locked (an audience change waits for this decision, or this
          // decision sees the new audience): the provider becomes a partner only if it can see the request.
          const post = await tx.selectFrom('posts').select(['kind', 'audience', 'organization_id', 'hidden_at', 'published_at']).where('id', '=', offer.post_id).forUpdate().executeTakeFirstOrThrow();
          if (!canSeePost(memberOf({ id: offer.organization_id, category: offer.org_category }), factsOf(post))) {
            throw problems.conflict('offer-cannot-see', `${offer.org_name} cannot see this request as it is now (it is shown to governments and international organizations only), so its offer cannot be accepted.`);
          }
        }
        const status = action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'withdrawn';
        await tx.updateTable('offers').set({ status, decided_at: new Date(), decided_by: actor.id }).where('id', '=', offer.id).execute();
        if (action === 'accept') {
          // Accepting moves the request forward and records requester and provider as partners on it.
          const moved = await tx.updateTable('posts').set({ status: 'in_progress', updated_at: new Date() }).where('id', '=', offer.post_id).where('status', '=', 'open').executeTakeFirst();
          // Kept so that undoing the acceptance puts the request back where it was (0057).
          if (moved.numUpdatedRows > 0n) await tx.updateTable('offers').set({ post_status_before: 'open' }).where('id', '=', offer.id).execute();
          await tx
            .insertInto('post_partners')
            .values([
              { post_id: offer.post_id, organization_id: offer.post_org, role: 'requester', offer_id: null },
              { post_id: offer.post_id, organization_id: offer.organization_id, role: 'service_provider', offer_id: offer.id },
            ])
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        // Accepted and declined: the offering organization; withdrawn: the requesting one.
        await notify(tx, {
          kind: `offer_${status}`,
          actorId: actor.id,
          recipients: { organizations: [action === 'withdraw' ? offer.post_org : offer.organization_id] },
          postId: offer.post_id,
          subject: { type: 'offer', id: offer.id },
          url: `/posts/${offer.post_id}#offer-${offer.id}`,
          details: { status },
        });
        await postChanged(tx, offer.post_id, 'offer');
      });
      return serializeOffer(actor, await visibleOffer(actor, offer.id));
    });
  }
  // Issue 13: undoing a decision on an offer ("Undo" beside "Offer accepted"). Whoever may decide may
  // undo, while nothing depends on the decision: for an acceptance, while the request is still where
  // the acceptance left it. The offer is pending again, the provider stops being a partner through
  // it, and the offering organization is told.
  app.post('/api/v1/offers/:id/undo', { schema: { tags: ['offers'], summary: 'Undo accepting or declining an offer: it is pending again', params: IdParams, body: Type.Optional(Type.Object({})), response: { 200: Offer } } }, async (request) => {
    const actor = requireActor(request);
    const offer = await visibleOffer(actor, request.params.id);
    authorize(actor, 'decline', 'offer', { post: postFactsOfOffer(offer), offeringOrganizationId: offer.organization_id });
    await db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('offers').select(['status', 'post_status_before']).where('id', '=', offer.id).forUpdate().executeTakeFirstOrThrow();
      if (current.status !== 'accepted' && current.status !== 'declined') {
        throw problems.conflict('offer-not-decided', current.status === 'pending' ? 'This offer is not decided: there is nothing to undo.' : `This offer was ${current.status}: there is no decision of yours to undo.`);
      }
      if (current.status === 'accepted') {
        const post = await tx.selectFrom('posts').select('status').where('id', '=', offer.post_id).forUpdate().executeTakeFirstOrThrow();
        const stillThere = current.post_status_before ? post.status === 'in_progress' : post.status === 'open' || post.status === 'in_progress';
        if (!stillThere) {
          throw problems.conflict('offer-decision-used', `The request has moved on since the offer was accepted (it is now ${post.status.replace(/_/g, ' ')}), so the acceptance can no longer be undone.`);
        }
        await tx.deleteFrom('post_partners').where('post_id', '=', offer.post_id).where('offer_id', '=', offer.id).execute();
        const providersLeft = await tx.selectFrom('post_partners').select('organization_id').where('post_id', '=', offer.post_id).where('role', '=', 'service_provider').executeTakeFirst();
        if (!providersLeft) {
          await tx.deleteFrom('post_partners').where('post_id', '=', offer.post_id).where('role', '=', 'requester').execute();
          if (current.post_status_before) await tx.updateTable('posts').set({ status: current.post_status_before, updated_at: new Date() }).where('id', '=', offer.post_id).execute();
        }
      }
      await tx.updateTable('offers').set({ status: 'pending', decided_at: null, decided_by: null, post_status_before: null }).where('id', '=', offer.id).execute();
      await notify(tx, {
        kind: 'offer_reopened',
        actorId: actor.id,
        recipients: { organizations: [offer.organization_id] },
        postId: offer.post_id,
        subject: { type: 'offer', id: offer.id },
        url: `/posts/${offer.post_id}#offer-${offer.id}`,
        details: { status: 'pending', undone: current.status },
      });
      await postChanged(tx, offer.post_id, 'offer');
    });
    return serializeOffer(actor, await visibleOffer(actor, offer.id));
  });
};
