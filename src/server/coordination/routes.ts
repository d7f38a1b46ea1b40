// Coordination: a project's lifecycle, joint drafting with co-authors (edits go through
// PATCH /api/v1/posts/:id; see edit-guard.ts), comparing revisions, and partnership requests.
// Every route starts from findVisiblePost: a project the user may not see answers 404, and so do
// its co-authors, partners, requests and revisions.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isProjectKind, LIFECYCLE_STEPS, nextStatuses, OPEN_TO_PARTNERS } from '../../shared/coordination.js';
import { authorize, can, canSeePost, visiblePostsFilter, type Actor, type PostFacts } from '../access/index.js';
import { requireActor } from '../auth/sessions.js';
import { fieldError, problems } from '../http/problem.js';
import { notify, postChanged } from '../notifications/notify.js';
import { isUniqueViolation } from '../onboarding/accounts.js';
import { factsOf, snapshotOf, type PostJoinRow } from '../exchange/post-model.js';
import { Post } from '../exchange/post-schemas.js';
import { findVisiblePost, serializePost } from '../exchange/post-store.js';
import { checkTransition } from './edit-guard.js';
import { coauthorAdded, partnershipDecided, partnershipRequested } from './messages.js';
import { notifyAndMail } from '../notifications/route-mail.js';
import { coauthorsOf, focalPoints, leadRecipients, memberOf, organizationTier, partnersOf, requestsQuery, type Db, type RequestRow } from './projects.js';
import { compareRevisions, staleRevisionDetails } from './revisions.js';
import {
  AddCoauthorBody,
  Coauthor,
  CoauthorParams,
  Coordination,
  CreateRequestBody,
  DecisionBody,
  DiffParams,
  Partner,
  PartnerParams,
  PartnershipRequest,
  PostIdParams,
  RequestIdParams,
  RequestListQuery,
  RevisionDiff,
  StatusBody,
} from './schemas.js';


const requestFacts = (r: RequestRow) => ({
  post: { kind: r.post_kind, audience: r.post_audience, organizationId: r.post_org, hidden: r.post_hidden_at !== null, draft: r.post_published_at === null } satisfies PostFacts,
  organizationId: r.organization_id,
});

function serializeRequest(actor: Actor, r: RequestRow) {
  const resource = requestFacts(r);
  const pending = r.status === 'pending';
  return {
    id: r.id,
    postId: r.post_id,
    postTitle: r.post_title,
    organization: { id: r.org_id, name: r.org_name, category: r.org_category, country: r.org_country.trim(), tier: organizationTier(r.org_category) },
    requestedBy: { id: r.user_id, name: r.user_name },
    role: r.role,
    message: r.message,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
    permissions: {
      accept: pending && can(actor, 'accept', 'partnershipRequest', resource),
      decline: pending && can(actor, 'decline', 'partnershipRequest', resource),
      withdraw: pending && can(actor, 'withdraw', 'partnershipRequest', resource),
    },
  };
}

export const coordinationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  const postLink = (id: string) => `${app.config.publicUrl}/posts/${id}`;

  /** The requests this actor may read on a post: all of them for the lead and organizers, else their own organization's. */
  async function requestsOn(tx: Db, actor: Actor, post: PostJoinRow) {
    const all = can(actor, 'readPartnershipRequests', 'post', factsOf(post));
    const rows = await requestsQuery(tx)
      .where('r.post_id', '=', post.id)
      .$if(!all, (q) => q.where('r.organization_id', '=', actor.organizationId))
      .orderBy('r.created_at', 'desc')
      .execute();
    return rows.filter((r) => can(actor, 'read', 'partnershipRequest', requestFacts(r))).map((r) => serializeRequest(actor, r));
  }

  /** A request the actor may read (and whose project they may see), or 404. */
  async function visibleRequest(tx: Db, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<RequestRow> {
    let query = requestsQuery(tx).where('r.id', '=', id);
    if (options.forUpdate) query = query.forUpdate('r');
    const row = await query.executeTakeFirst();
    if (!row || !can(actor, 'read', 'partnershipRequest', requestFacts(row))) throw problems.notFound();
    return row;
  }

  app.get(
    '/api/v1/posts/:id/coordination',
    { schema: { tags: ['coordination'], summary: "A post's lifecycle, co-authors, partners and partnership requests, with what you may do", params: PostIdParams, response: { 200: Coordination } } },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      const facts = factsOf(post);
      const project = isProjectKind(post.kind);
      const [coauthors, partners, requests] = await Promise.all([coauthorsOf(db, post.id), partnersOf(db, post.id), project ? requestsOn(db, actor, post) : []]);
      const changeStatus = can(actor, 'changeStatus', 'post', facts);
      const pendingOwn = requests.some((r) => r.status === 'pending' && r.organization.id === actor.organizationId);
      return {
        postId: post.id,
        kind: post.kind,
        isProject: project,
        status: post.status,
        lifecycle: project ? { steps: [...LIFECYCLE_STEPS], next: changeStatus ? [...nextStatuses(post.status)] : [] } : null,
        lead: { id: post.organization_id, name: post.org_name, category: post.org_category, country: post.org_country.trim(), tier: organizationTier(post.org_category) },
        coauthors,
        partners,
        cooperative: post.cooperative,
        requests,
        permissions: {
          changeStatus,
          manageCoauthors: can(actor, 'manageCoauthors', 'post', facts),
          leaveCoauthorship: can(actor, 'leaveCoauthorship', 'post', facts),
          // Offered only to organizations that are neither lead, co-author nor partner already.
          requestPartnership: can(actor, 'requestPartnership', 'post', facts) && OPEN_TO_PARTNERS.includes(post.status) && !pendingOwn && !partners.some((p) => p.organization.id === actor.organizationId),
          decidePartnerships: can(actor, 'decidePartnerships', 'post', facts),
          managePartners: can(actor, 'managePartners', 'post', facts),
          readRevisions: can(actor, 'readRevisions', 'post', facts),
        },
      };
    },
  );

  // ---- lifecycle

  app.post(
    '/api/v1/posts/:id/status',
    { schema: { tags: ['coordination'], summary: 'Move a project along its lifecycle (keeps a revision)', params: PostIdParams, body: StatusBody, response: { 200: Post } } },
    async (request) => {
      const actor = requireActor(request);
      const { status, revision: expected } = request.body;
      await db.transaction().execute(async (tx) => {
        const row = await findVisiblePost(tx, actor, request.params.id, { forUpdate: true });
        authorize(actor, 'changeStatus', 'post', factsOf(row));
        if (expected !== undefined && expected !== row.revision) {
          throw problems.conflict('stale-revision', `This project was changed since you opened it (you saw revision ${expected}, it is now at ${row.revision}).`, await staleRevisionDetails(tx, actor, factsOf(row), row.id, expected, row.revision));
        }
        if (status === row.status) return;
        checkTransition(row, status);
        const revision = row.revision + 1;
        await tx.updateTable('posts').set({ status, revision, updated_at: new Date() }).where('id', '=', row.id).execute();
        await tx.insertInto('post_revisions').values({ post_id: row.id, revision, snapshot: JSON.stringify(snapshotOf({ ...row, status })), edited_by: actor.id }).execute();
        // Everyone part of the project (its organization, co-authors, partners who follow) hears of it.
        const partners = await tx.selectFrom('post_partners').select('organization_id').where('post_id', '=', row.id).execute();
        await notify(tx, { kind: 'project_status', actorId: actor.id, recipients: { followersOf: row.id, organizations: partners.map((p) => p.organization_id) }, postId: row.id, subject: { type: 'post', id: row.id }, url: `/posts/${row.id}`, details: { status } });
        await postChanged(tx, row.id, 'status');
      });
      return serializePost(db, actor, await findVisiblePost(db, actor, request.params.id));
    },
  );

  // ---- revisions

  app.get(
    '/api/v1/posts/:id/revisions/:from/diff/:to',
    { schema: { tags: ['coordination'], summary: 'What changed from one revision of a post to another', params: DiffParams, response: { 200: RevisionDiff } } },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      const facts = factsOf(post);
      authorize(actor, 'readRevisions', 'post', facts);
      return compareRevisions(db, actor, facts, post.id, request.params.from, request.params.to);
    },
  );

  // ---- co-authors

  app.get(
    '/api/v1/posts/:id/coauthors',
    { schema: { tags: ['coordination'], summary: 'Organizations drafting a project with its lead', params: PostIdParams, response: { 200: Type.Object({ items: Type.Array(Coauthor) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      return { items: await coauthorsOf(db, post.id) };
    },
  );

  app.post(
    '/api/v1/posts/:id/coauthors',
    { schema: { tags: ['coordination'], summary: 'Add a co-author organization (the lead, organizers)', params: PostIdParams, body: AddCoauthorBody, response: { 201: Type.Object({ items: Type.Array(Coauthor) }) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { organizationId } = request.body;
      await db.transaction().execute(async (tx) => {
        const post = await findVisiblePost(tx, actor, request.params.id, { forUpdate: true });
        const facts = factsOf(post);
        authorize(actor, 'manageCoauthors', 'post', facts);
        const organization = await tx.selectFrom('organizations').select(['id', 'name', 'category']).where('id', '=', organizationId).where('status', '=', 'active').executeTakeFirst();
        if (!organization) throw problems.validation([fieldError('organizationId', 'is not an active organization of the Forum')]);
        if (organization.id === post.organization_id) throw problems.validation([fieldError('organizationId', 'is the lead organization of this project already')]);
        if (!can(actor, 'add', 'coauthorship', { post: facts, organizationTier: organizationTier(organization.category) })) {
          throw problems.conflict(
            'coauthor-cannot-see',
            `${organization.name} could not see this project: it is shown to governments and international organizations only, and ${organization.name} is not one. Open the project to all participants first, or choose another organization.`,
            { organization: { id: organization.id, name: organization.name } },
          );
        }
        const inserted = await tx
          .insertInto('post_coauthors')
          .values({ post_id: post.id, organization_id: organization.id, added_by: actor.id })
          .onConflict((oc) => oc.doNothing())
          .returning('organization_id')
          .executeTakeFirst();
        if (!inserted) throw problems.conflict('already-coauthor', `${organization.name} is a co-author of this project already.`);
        // Only an organization that can see the project hears of it (checked just above).
        await notifyAndMail(tx, app.config.publicUrl, { kind: 'coauthor_added', actorId: actor.id, recipients: { focalPointsOf: [organization.id] }, postId: post.id, subject: { type: 'post', id: post.id }, url: `/posts/${post.id}` }, await focalPoints(tx, organization.id), (person) =>
          coauthorAdded({ name: person.name, leadName: post.org_name, title: post.title, link: postLink(post.id) }),
        );
      });
      app.mail.kick();
      return reply.code(201).send({ items: await coauthorsOf(db, request.params.id) });
    },
  );

  app.delete(
    '/api/v1/posts/:id/coauthors/:organizationId',
    { schema: { tags: ['coordination'], summary: 'Remove a co-author organization (the lead, organizers; or the co-author itself)', params: CoauthorParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      const leaving = request.params.organizationId === actor.organizationId && can(actor, 'leaveCoauthorship', 'post', factsOf(post));
      if (!leaving) authorize(actor, 'manageCoauthors', 'post', factsOf(post));
      await db.transaction().execute(async (tx) => {
        const removed = await tx.deleteFrom('post_coauthors').where('post_id', '=', post.id).where('organization_id', '=', request.params.organizationId).returning('organization_id').executeTakeFirst();
        if (!removed) throw problems.notFound('This organization is not a co-author of this project.');
        // Removed by the lead: the organization is told (if it may still see the project); leaving, nobody.
        if (!leaving) await notify(tx, { kind: 'coauthor_added', actorId: actor.id, recipients: { focalPointsOf: [removed.organization_id] }, postId: post.id, subject: { type: 'post', id: post.id }, url: `/posts/${post.id}`, details: { removed: true } });
      });
      return reply.code(204).send(null);
    },
  );

  // ---- partners and partnership requests

  app.get(
    '/api/v1/posts/:id/partners',
    { schema: { tags: ['coordination'], summary: 'Partner organizations of a post and their roles', params: PostIdParams, response: { 200: Type.Object({ items: Type.Array(Partner), cooperative: Type.Boolean() }) } } },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      return { items: await partnersOf(db, post.id), cooperative: post.cooperative };
    },
  );

  app.delete(
    '/api/v1/posts/:id/partners/:organizationId/:role',
    { schema: { tags: ['coordination'], summary: 'Remove a partner from a project (the lead, organizers)', params: PartnerParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      authorize(actor, 'managePartners', 'post', factsOf(post));
      const removed = await db
        .deleteFrom('post_partners')
        .where('post_id', '=', post.id)
        .where('organization_id', '=', request.params.organizationId)
        .where('role', '=', request.params.role)
        .returning('organization_id')
        .executeTakeFirst();
      if (!removed) throw problems.notFound('This organization is not a partner of this project in this role.');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/posts/:id/partnership-requests',
    { schema: { tags: ['coordination'], summary: "Requests to join a project: all for its lead and organizers, your organization's otherwise", params: PostIdParams, response: { 200: Type.Object({ items: Type.Array(PartnershipRequest) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      return { items: await requestsOn(db, actor, post) };
    },
  );

  app.post(
    '/api/v1/posts/:id/partnership-requests',
    { schema: { tags: ['coordination'], summary: 'Ask to join a project in a role', params: PostIdParams, body: CreateRequestBody, response: { 201: PartnershipRequest } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { role } = request.body;
      const message = request.body.message.trim();
      if (message.length < 10) throw problems.validation([fieldError('message', 'must be at least 10 characters long')]);
      const id = await db.transaction().execute(async (tx) => {
        const post = await findVisiblePost(tx, actor, request.params.id);
        authorize(actor, 'requestPartnership', 'post', factsOf(post));
        if (!OPEN_TO_PARTNERS.includes(post.status)) throw problems.conflict('project-closed', `This project is ${post.status.replace('_', ' ')} and no longer takes partners.`);
        const already = await tx.selectFrom('post_partners').select('role').where('post_id', '=', post.id).where('organization_id', '=', actor.organizationId).where('role', '=', role).executeTakeFirst();
        if (already) throw problems.conflict('already-partner', 'Your organization is a partner of this project in this role already.');
        let created: { id: string };
        try {
          created = await tx
            .insertInto('partnership_requests')
            .values({ post_id: post.id, organization_id: actor.organizationId, requested_by: actor.id, role, message })
            .returning('id')
            .executeTakeFirstOrThrow();
        } catch (error) {
          if (isUniqueViolation(error)) throw problems.conflict('request-pending', 'Your organization has asked to join this project already; the lead has not decided yet.');
          throw error;
        }
        const requester = await tx.selectFrom('organizations').select('name').where('id', '=', actor.organizationId).executeTakeFirstOrThrow();
        await notifyAndMail(tx, app.config.publicUrl, { kind: 'partnership_request', actorId: actor.id, recipients: { organizations: [post.organization_id] }, postId: post.id, subject: { type: 'partnership_request', id: created.id }, url: `/posts/${post.id}#partnership-requests`, details: { role } }, await leadRecipients(tx, post.organization_id, post.author_id), (person) =>
          partnershipRequested({ name: person.name, requesterName: requester.name, role, title: post.title, message, link: postLink(post.id) }),
        );
        return created.id;
      });
      app.mail.kick();
      return reply.code(201).header('location', `/api/v1/partnership-requests/${id}`).send(serializeRequest(actor, await visibleRequest(db, actor, id)));
    },
  );

  app.get(
    '/api/v1/partnership-requests',
    { schema: { tags: ['coordination'], summary: "Your organization's partnership requests: those it received on its projects, or those it sent", querystring: RequestListQuery, response: { 200: Type.Object({ items: Type.Array(PartnershipRequest) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await requestsQuery(db)
        .where(request.query.direction === 'received' ? 'p.organization_id' : 'r.organization_id', '=', actor.organizationId)
        .where(visiblePostsFilter(actor) as never)
        .$if(Boolean(request.query.status), (q) => q.where('r.status', '=', request.query.status!))
        .orderBy('r.created_at', 'desc')
        .limit(200)
        .execute();
      return { items: rows.filter((r) => can(actor, 'read', 'partnershipRequest', requestFacts(r))).map((r) => serializeRequest(actor, r)) };
    },
  );

  app.get(
    '/api/v1/partnership-requests/:id',
    { schema: { tags: ['coordination'], summary: 'One partnership request', params: RequestIdParams, response: { 200: PartnershipRequest } } },
    async (request) => {
      const actor = requireActor(request);
      return serializeRequest(actor, await visibleRequest(db, actor, request.params.id));
    },
  );

  for (const action of ['accept', 'decline', 'withdraw'] as const) {
    app.post(
      `/api/v1/partnership-requests/:id/${action}`,
      {
        schema: {
          tags: ['coordination'],
          summary: action === 'withdraw' ? 'Withdraw your organization\'s request' : `${action === 'accept' ? 'Accept' : 'Decline'} a request to join your project (the lead, organizers)`,
          params: RequestIdParams,
          body: Type.Optional(DecisionBody),
          response: { 200: PartnershipRequest },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const note = (request.body as { note?: string } | undefined)?.note?.trim() || null;
        await db.transaction().execute(async (tx) => {
          // Decide on the request as it is now: two clicks cannot both win.
          const r = await visibleRequest(tx, actor, request.params.id, { forUpdate: true });
          authorize(actor, action, 'partnershipRequest', requestFacts(r));
          if (r.status !== 'pending') throw problems.conflict('request-decided', `This request was already ${r.status}.`);
          // Read the project as it is now, locked: an audience change racing this decision waits for it
          // (and then sees the new partner), or this decision sees the new audience.
          const post = await tx.selectFrom('posts').select(['kind', 'audience', 'organization_id', 'hidden_at', 'published_at', 'status']).where('id', '=', r.post_id).forUpdate().executeTakeFirstOrThrow();
          const requester = memberOf({ id: r.organization_id, category: r.org_category });
          const requesterSees = canSeePost(requester, factsOf(post));
          if (action === 'accept') {
            // A partner must be able to see the project it works on (its audience may have changed since).
            if (!requesterSees) throw problems.conflict('partner-cannot-see', `${r.org_name} cannot see this project as it is now, so it cannot become a partner.`);
            if (!OPEN_TO_PARTNERS.includes(post.status)) throw problems.conflict('project-closed', 'This project no longer takes partners.');
            await tx.insertInto('post_partners').values({ post_id: r.post_id, organization_id: r.organization_id, role: r.role, offer_id: null }).onConflict((oc) => oc.doNothing()).execute();
          }
          const status = action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'withdrawn';
          await tx.updateTable('partnership_requests').set({ status, decided_at: new Date(), decided_by: actor.id, decision_note: action === 'withdraw' ? null : note }).where('id', '=', r.id).execute();
          if (action !== 'withdraw' && requesterSees) {
            const lead = await tx.selectFrom('organizations').select('name').where('id', '=', r.post_org).executeTakeFirstOrThrow();
            const people = await tx.selectFrom('users').select(['id', 'email', 'name']).where('status', '=', 'active').where((eb) => eb.or([eb('id', '=', r.user_id), eb.and([eb('organization_id', '=', r.organization_id), eb('role', '=', 'focal_point')])])).orderBy('email').execute();
            await notifyAndMail(tx, app.config.publicUrl, { kind: 'partnership_decided', actorId: actor.id, recipients: { users: [r.user_id], focalPointsOf: [r.organization_id] }, postId: r.post_id, subject: { type: 'partnership_request', id: r.id }, url: `/posts/${r.post_id}#partnership-requests`, details: { status, role: r.role } }, people, (person) =>
              partnershipDecided({ name: person.name, leadName: lead.name, role: r.role, title: r.post_title, accepted: action === 'accept', note, link: postLink(r.post_id) }),
            );
          }
        });
        app.mail.kick();
        return serializeRequest(actor, await visibleRequest(db, actor, request.params.id));
      },
    );
  }
};
