// Donors: interest in a project, pledges with conditions and status, the funding panel of a
// project (budget, pledged, gap), the donor view of projects seeking funding, and the organizers'
// donor flag on organizations. Who may do and see what: src/server/access/rules/donors.ts.
import { notify } from '../notifications/notify.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import { authorize, can, type Actor, type PostFacts } from '../access/index.js';
import { isProjectKind } from '../access/rules/donors.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { factsOf, isCurrencyCode, serializeCommon, type PostJoinRow } from '../exchange/post-model.js';
import { IdParams } from '../exchange/post-schemas.js';
import { findVisiblePost } from '../exchange/post-store.js';
import { isUuid } from '../http/form-input.js';
import { fieldError, problems } from '../http/problem.js';
import { VersionedCache } from '../exchange/versioned-cache.js';
import { fundingProjectsQuery, fundingTotals, isDonorOrganization, seekingFunding } from './funding.js';
import { DonorFlagBody, DonorOrganization, Funding, FundingProjectList, FundingQuery, InterestBody, Pledge, PledgeBody } from './schemas.js';

function pledgesQuery(db: Kysely<Database>) {
  return db
    .selectFrom('pledges as g')
    .innerJoin('posts as p', 'p.id', 'g.post_id')
    .innerJoin('organizations as o', 'o.id', 'g.organization_id')
    .innerJoin('users as u', 'u.id', 'g.author_id')
    .select([
      'g.id', 'g.post_id', 'g.amount', 'g.currency', 'g.conditions', 'g.status', 'g.created_at', 'g.updated_at', 'g.organization_id', 'g.author_id',
      'u.name as author_name', 'o.name as org_name', 'o.category as org_category', 'o.country as org_country',
      'p.kind as post_kind', 'p.audience as post_audience', 'p.organization_id as post_org', 'p.hidden_at as post_hidden_at', 'p.published_at as post_published_at',
    ]);
}
type PledgeRow = Awaited<ReturnType<ReturnType<typeof pledgesQuery>['executeTakeFirstOrThrow']>>;

const postFactsOfPledge = (g: PledgeRow): PostFacts => ({ kind: g.post_kind, audience: g.post_audience, organizationId: g.post_org, hidden: g.post_hidden_at !== null, draft: g.post_published_at === null });

function serializePledge(actor: Actor, g: PledgeRow) {
  const resource = { post: postFactsOfPledge(g), pledgingOrganizationId: g.organization_id };
  const open = g.status !== 'withdrawn';
  return {
    id: g.id,
    postId: g.post_id,
    organization: { id: g.organization_id, name: g.org_name, category: g.org_category, country: g.org_country.trim() },
    author: { id: g.author_id, name: g.author_name },
    amount: { amount: g.amount, currency: g.currency.trim() },
    conditions: g.conditions,
    status: g.status,
    createdAt: g.created_at.toISOString(),
    updatedAt: g.updated_at.toISOString(),
    permissions: {
      confirm: g.status === 'indicated' && can(actor, 'confirm', 'pledge', resource),
      withdraw: open && can(actor, 'withdraw', 'pledge', resource),
    },
  };
}

export async function fundingOf(db: Kysely<Database>, actor: Actor, post: PostJoinRow) {
  const facts = factsOf(post);
  const resource = { post: facts, actorIsDonor: await isDonorOrganization(db, actor.organizationId) };
  authorize(actor, 'readTotals', 'funding', resource, { hide: true });
  const readAll = can(actor, 'readAll', 'funding', resource);
  const [totals, pledges, interests, seeking] = await Promise.all([
    fundingTotals(db, [post.id]),
    pledgesQuery(db)
      .where('g.post_id', '=', post.id)
      .$if(!readAll, (q) => q.where('g.organization_id', '=', actor.organizationId))
      .orderBy('g.created_at')
      .execute(),
    db
      .selectFrom('funding_interests as i')
      .innerJoin('organizations as o', 'o.id', 'i.organization_id')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['i.organization_id', 'o.name as org_name', 'o.category', 'o.country', 'i.user_id', 'u.name as user_name', 'i.note', 'i.created_at'])
      .where('i.post_id', '=', post.id)
      .$if(!readAll, (q) => q.where('i.organization_id', '=', actor.organizationId))
      .orderBy('i.created_at')
      .execute(),
    db.selectFrom('posts as p').select('p.id').where('p.id', '=', post.id).where(seekingFunding).executeTakeFirst(),
  ]);
  const visiblePledges = pledges.filter((g) => can(actor, 'read', 'pledge', { post: facts, pledgingOrganizationId: g.organization_id }));
  return {
    postId: post.id,
    seekingFunding: seeking !== undefined,
    budget: post.budget_amount && post.budget_currency ? { amount: post.budget_amount, currency: post.budget_currency.trim() } : null,
    totals: totals.get(post.id)!,
    pledges: visiblePledges.map((g) => serializePledge(actor, g)),
    interests: interests.map((i) => ({
      organization: { id: i.organization_id, name: i.org_name, category: i.category, country: i.country.trim() },
      user: { id: i.user_id, name: i.user_name },
      note: i.note,
      createdAt: i.created_at.toISOString(),
    })),
    myInterest: interests.some((i) => i.organization_id === actor.organizationId),
    permissions: { pledge: can(actor, 'pledge', 'funding', resource), interest: can(actor, 'interest', 'funding', resource), readAll },
  };
}

// The donor view's count, per visibility class and filters, under the data versions the database
// bumps (posts; pledges too when a minimum gap is asked for): counting a few tens of thousands of
// projects seeking funding on every page was most of its time (issue 15).
const projectCounts = new VersionedCache<{ n: number }>(200);
async function projectCount(db: Kysely<Database>, actor: Actor, filters: object, count: () => Promise<{ n: number }>) {
  const versions = await db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['posts_version', 'statistics_version']).execute();
  const tag = versions.map((v) => `${v.key}=${v.value}`).sort().join(',');
  return projectCounts.get(`${VersionedCache.visibilityKey(actor)}|${JSON.stringify(filters)}|${tag}`, count);
}

export const fundingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  /** The project, if the actor may see it and it is a project at all; 404 otherwise. */
  async function visibleProject(actor: Actor, id: string): Promise<PostJoinRow> {
    const post = await findVisiblePost(db, actor, id);
    if (!isProjectKind(post.kind)) throw problems.notFound('Only projects (pipeline projects, project ideas, project information) take pledges.');
    return post;
  }

  app.get('/api/v1/posts/:id/funding', { schema: { tags: ['funding'], summary: "A project's budget, pledges, remaining gap and interest", params: IdParams, response: { 200: Funding } } }, async (request) => {
    const actor = requireActor(request);
    return fundingOf(db, actor, await visibleProject(actor, request.params.id));
  });

  app.put(
    '/api/v1/posts/:id/interest',
    { schema: { tags: ['funding'], summary: "Mark your organization's interest in funding a project", params: IdParams, body: InterestBody, response: { 200: Funding } } },
    async (request) => {
      const actor = requireActor(request);
      const post = await visibleProject(actor, request.params.id);
      authorize(actor, 'interest', 'funding', { post: factsOf(post), actorIsDonor: await isDonorOrganization(db, actor.organizationId) });
      const note = request.body.note?.trim() || null;
      await db
        .insertInto('funding_interests')
        .values({ post_id: post.id, organization_id: actor.organizationId, user_id: actor.id, note })
        .onConflict((oc) => oc.columns(['post_id', 'organization_id']).doUpdateSet({ note, user_id: actor.id }))
        .execute();
      return fundingOf(db, actor, post);
    },
  );

  app.delete('/api/v1/posts/:id/interest', { schema: { tags: ['funding'], summary: "Take back your organization's interest", params: IdParams, response: { 200: Funding } } }, async (request) => {
    const actor = requireActor(request);
    const post = await visibleProject(actor, request.params.id);
    await db.deleteFrom('funding_interests').where('post_id', '=', post.id).where('organization_id', '=', actor.organizationId).execute();
    return fundingOf(db, actor, post);
  });

  app.post(
    '/api/v1/posts/:id/pledges',
    { schema: { tags: ['funding'], summary: 'Pledge an amount to a project, with conditions', params: IdParams, body: PledgeBody, response: { 201: Pledge } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const post = await visibleProject(actor, request.params.id);
      authorize(actor, 'pledge', 'funding', { post: factsOf(post), actorIsDonor: await isDonorOrganization(db, actor.organizationId) });
      const { amount, currency, conditions, status } = request.body;
      const errors = [];
      if (!isCurrencyCode(currency)) errors.push(fieldError('currency', 'is not an ISO 4217 currency code'));
      if (Number(amount) <= 0) errors.push(fieldError('amount', 'must be more than zero'));
      if (errors.length) throw problems.validation(errors);
      const id = await db.transaction().execute(async (tx) => {
        const { id } = await tx
          .insertInto('pledges')
          .values({ post_id: post.id, organization_id: actor.organizationId, author_id: actor.id, amount, currency, conditions: conditions?.trim() || null, status: status ?? 'indicated' })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The project's organization (a pledge is theirs and the donor's to read).
        await notify(tx, { kind: 'pledge', actorId: actor.id, recipients: { organizations: [post.organization_id] }, postId: post.id, subject: { type: 'pledge', id }, url: `/posts/${post.id}#funding`, details: { status: status ?? 'indicated' } });
        return id;
      });
      const row = await pledgesQuery(db).where('g.id', '=', id).executeTakeFirstOrThrow();
      return reply.code(201).header('location', `/api/v1/pledges/${id}`).send(serializePledge(actor, row));
    },
  );

  /** A pledge the actor may read (on a project they may see), or 404. */
  async function visiblePledge(actor: Actor, id: string): Promise<PledgeRow> {
    const row = await pledgesQuery(db).where('g.id', '=', id).executeTakeFirst();
    if (!row || !can(actor, 'read', 'pledge', { post: postFactsOfPledge(row), pledgingOrganizationId: row.organization_id })) throw problems.notFound();
    return row;
  }

  app.get('/api/v1/pledges/:id', { schema: { tags: ['funding'], summary: 'One pledge', params: IdParams, response: { 200: Pledge } } }, async (request) => {
    const actor = requireActor(request);
    return serializePledge(actor, await visiblePledge(actor, request.params.id));
  });

  for (const action of ['confirm', 'withdraw'] as const) {
    app.post(
      `/api/v1/pledges/:id/${action}`,
      { schema: { tags: ['funding'], summary: action === 'confirm' ? 'Confirm an indicated pledge' : 'Withdraw a pledge (final)', params: IdParams, body: Type.Optional(Type.Object({})), response: { 200: Pledge } } },
      async (request) => {
        const actor = requireActor(request);
        const pledge = await visiblePledge(actor, request.params.id);
        authorize(actor, action, 'pledge', { post: postFactsOfPledge(pledge), pledgingOrganizationId: pledge.organization_id });
        await db.transaction().execute(async (tx) => {
          const current = await tx.selectFrom('pledges').select('status').where('id', '=', pledge.id).forUpdate().executeTakeFirstOrThrow();
          const allowedFrom = action === 'confirm' ? ['indicated'] : ['indicated', 'confirmed'];
          if (!allowedFrom.includes(current.status)) throw problems.conflict('pledge-status', `This pledge is ${current.status}; it cannot be ${action === 'confirm' ? 'confirmed' : 'withdrawn'} now.`);
          await tx.updateTable('pledges').set({ status: action === 'confirm' ? 'confirmed' : 'withdrawn', updated_at: new Date() }).where('id', '=', pledge.id).execute();
          await notify(tx, { kind: 'pledge', actorId: actor.id, recipients: { organizations: [pledge.post_org] }, postId: pledge.post_id, subject: { type: 'pledge', id: pledge.id }, url: `/posts/${pledge.post_id}#funding`, details: { status: action === 'confirm' ? 'confirmed' : 'withdrew' } });
        });
        return serializePledge(actor, await visiblePledge(actor, pledge.id));
      },
    );
  }

  app.get(
    '/api/v1/funding/projects',
    { schema: { tags: ['funding'], summary: 'The donor view: projects seeking funding that you may see', querystring: FundingQuery, response: { 200: FundingProjectList } } },
    async (request) => {
      const actor = requireActor(request);
      const { limit = 50, offset = 0, ...filters } = request.query;
      if (filters.minGap && !filters.currency) throw problems.validation([fieldError('currency', 'is required with minGap: gaps in different currencies are not compared')]);
      const base = fundingProjectsQuery(db, actor, filters);
      const [rows, count] = await Promise.all([
        base
          .innerJoin('organizations as o', 'o.id', 'p.organization_id')
          .innerJoin('users as u', 'u.id', 'p.author_id')
          .selectAll('p')
          .select(['o.name as org_name', 'o.category as org_category', 'o.country as org_country', 'u.name as author_name'])
          .orderBy('p.created_at', 'desc')
          .orderBy('p.id', 'desc')
          .limit(limit + 1)
          .offset(offset)
          .execute(),
        projectCount(db, actor, filters, () => base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()),
      ]);
      const page = rows.slice(0, limit) as PostJoinRow[];
      const totals = await fundingTotals(db, page.map((r) => r.id));
      return {
        items: page.map((r) => ({ ...serializeCommon(r), snippet: r.summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), funding: totals.get(r.id)! })),
        total: count.n,
        nextOffset: rows.length > limit ? offset + limit : null,
      };
    },
  );

  app.get('/api/v1/donor-organizations', { schema: { tags: ['funding'], summary: 'Organizations flagged as donors (organizers)', response: { 200: Type.Object({ items: Type.Array(DonorOrganization) }) } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'list', 'donorFlag', {});
    const rows = await db
      .selectFrom('donor_organizations as d')
      .innerJoin('organizations as o', 'o.id', 'd.organization_id')
      .innerJoin('users as u', 'u.id', 'd.flagged_by')
      .select(['o.id', 'o.name', 'o.category', 'o.country', 'd.flagged_at', 'u.id as by_id', 'u.name as by_name'])
      .orderBy('o.name')
      .execute();
    return { items: rows.map((r) => ({ id: r.id, name: r.name, category: r.category, country: r.country.trim(), flaggedAt: r.flagged_at.toISOString(), flaggedBy: { id: r.by_id, name: r.by_name } })) };
  });

  app.put(
    '/api/v1/organizations/:id/donor',
    {
      schema: {
        tags: ['funding'],
        summary: 'Flag or unflag an organization as a donor (organizers; audited)',
        params: Type.Object({ id: Type.String() }),
        body: DonorFlagBody,
        response: { 200: Type.Object({ organizationId: Type.String(), donor: Type.Boolean() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'set', 'donorFlag', {});
      const { id } = request.params;
      if (!isUuid(id)) throw problems.notFound();
      const { donor, reason } = request.body;
      await db.transaction().execute(async (tx) => {
        const org = await tx.selectFrom('organizations').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
        if (!org) throw problems.notFound();
        const changed = donor
          ? (await tx.insertInto('donor_organizations').values({ organization_id: id, flagged_by: actor.id }).onConflict((oc) => oc.column('organization_id').doNothing()).returning('organization_id').execute()).length > 0
          : (await tx.deleteFrom('donor_organizations').where('organization_id', '=', id).returning('organization_id').execute()).length > 0;
        // Setting what is already set changes nothing and leaves no audit entry.
        if (changed) {
          await audit(tx, {
            actorUserId: actor.id,
            action: donor ? 'organization.donor_flagged' : 'organization.donor_unflagged',
            targetType: 'organization',
            targetId: id,
            ip: request.ip,
            details: reason?.trim() ? { reason: reason.trim() } : {},
          });
        }
      });
      return { organizationId: id, donor };
    },
  );
};

