// Issue 18: the Framework for Action online. The framework itself, a government's self-assessment
// (a jointly edited draft with revision numbers and a 409 on a stale save, dated submitted
// versions and their comparison, sharing), gaps turned into technical-assistance requests and the
// providers that could answer them, needs and trends within the caller's rights, CSV export.
// Every permission is a rule in access/rules/self-assessments.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { Type } from 'typebox';
import { FRAMEWORK_PILLARS, isMeasureCode, MEASURES, measureByCode, MIN_GOVERNMENTS_FOR_AGGREGATES, PILLAR_CODES, PRIORITIES, RATING_STATUSES, SHARING_SCOPES, isHighPriorityGap, type Rating } from '../../shared/framework.js';
import { AUDIENCES } from '../../shared/exchange.js';
import { AREA_CODES, EXPLOITATION_CODES, isRegionCode, regionByCode, regionsOfCountry, THEME_CODES } from '../../shared/taxonomy/index.js';
import { authorize, can, canReadSubmittedAssessment, canSeePost, type Actor, type AssessmentFacts } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import { organizationTier } from '../coordination/projects.js';
import type { RatingsJson } from '../db/schema.js';
import { findVisibleDocument } from '../documents/document-store.js';
import { writePdf } from '../documents/pdf-writer.js';
import { renderMarkdown } from '../exchange/markdown.js';
import { factsOf, geoOf, newPostValues, snapshotOf } from '../exchange/post-model.js';
import { findVisiblePost, serializePost } from '../exchange/post-store.js';
import { Money } from '../exchange/post-schemas.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { SingleLine, StringEnum } from '../http/schema-helpers.js';
import { matchesFor, type RequestFacts } from '../matching/matching.js';
import { ConfirmNoVictimData, PrivacyScreen, screenText } from '../privacy/guard.js';
import { childRegions, publishableRegions } from './aggregates.js';
import { loadDemoSelfAssessments } from './demo.js';
import { changedFields, compareRatings, evidenceDocuments, listVersions, loadAssessment, ratingsAtRevision, requestDraft, revisionsSince, statusCounts, withoutNotes, withReadableDocuments, type AssessmentState, type Db } from './store.js';

const OrgParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const MeasureParams = Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String({ maxLength: 60 }) });
const VersionParams = Type.Object({ id: Type.String({ format: 'uuid' }), n: Type.Integer({ minimum: 1 }) });

const RatingInput = Type.Union([
  Type.Object(
    {
      status: Type.Optional(StringEnum(RATING_STATUSES)),
      priority: Type.Optional(StringEnum(PRIORITIES)),
      note: Type.Optional(Type.String({ maxLength: 2000, description: 'Evidence: a law, a unit, a plan, a document from the library.' })),
      document: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'Evidence: a document of the library (its id); null removes it.' })),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);
const PutBody = Type.Object(
  {
    revision: Type.Optional(Type.Integer({ minimum: 0, description: 'The draft revision you edited; a save that would overwrite a measure changed since is refused with 409.' })),
    ratings: Type.Record(Type.String({ maxLength: 60 }), RatingInput, { description: 'Measure code → rating. A measure left out keeps its rating; null clears it.' }),
    confirmNoVictimData: ConfirmNoVictimData,
  },
  { additionalProperties: false },
);
const SubmitBody = Type.Object({ revision: Type.Optional(Type.Integer({ minimum: 0, description: 'The draft revision you are submitting; a stale one is refused with 409.' })) }, { additionalProperties: false });
const SharingBody = Type.Object(
  { scope: StringEnum(SHARING_SCOPES), organizationIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50, uniqueItems: true })) },
  { additionalProperties: false },
);
const RequestBody = Type.Object(
  {
    create: Type.Optional(Type.Boolean({ description: 'true: create the request now (with any of the fields below overriding the pre-filled ones); otherwise only return the draft.' })),
    title: Type.Optional(SingleLine({ minLength: 5, maxLength: 200 })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
    audience: Type.Optional(StringEnum(AUDIENCES)),
    regions: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{3}$' }), { maxItems: 20, uniqueItems: true })),
    countries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 60, uniqueItems: true })),
    areas: Type.Optional(Type.Array(StringEnum(AREA_CODES), { maxItems: 20, uniqueItems: true })),
    themes: Type.Optional(Type.Array(StringEnum(THEME_CODES), { maxItems: 20, uniqueItems: true })),
    exploitation: Type.Optional(Type.Array(StringEnum(EXPLOITATION_CODES), { maxItems: 20, uniqueItems: true })),
    budget: Type.Optional(Type.Union([Money, Type.Null()])),
    fundingSought: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{1,13}(\\.\\d{1,2})?$' }), Type.Null()])),
    startsOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    endsOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
    confirmNoVictimData: ConfirmNoVictimData,
  },
  { additionalProperties: false },
);
const AreaQuery = Type.Object({
  region: Type.Optional(Type.String({ pattern: '^\\d{3}$', description: 'UN M49 region code.' })),
  pillar: Type.Optional(StringEnum(PILLAR_CODES)),
});
const CompareQuery = Type.Object({ compareTo: Type.Optional(Type.Integer({ minimum: 1, description: 'The version to compare with; the one before by default.' })) });
const CsvQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, description: 'A submitted version; the draft by default.' })) });

/** 404 unless the organization is a government whose assessment the actor may `action`. */
function guard(actor: Actor, action: string, state: AssessmentState): void {
  authorize(actor, 'read', 'selfAssessment', state.facts, { hide: !can(actor, 'readSubmitted', 'selfAssessment', state.facts) });
  if (action !== 'read') authorize(actor, action, 'selfAssessment', state.facts);
}

const normalizeRating = (r: Rating): Rating => ({ status: r.status, priority: r.priority, note: r.note, ...(r.documentId ? { documentId: r.documentId } : {}) });

export const selfAssessmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  if (app.config.demo) await loadDemoSelfAssessments(db);

  app.get('/api/v1/framework', { schema: { tags: ['self-assessment'], summary: 'The Framework for Action: five pillars and their measures, mapped to TA areas and themes' } }, async (request) => {
    requireActor(request);
    return { pillars: FRAMEWORK_PILLARS.map((p) => ({ code: p.code, name: p.name, measures: p.measures.map((m) => ({ code: m.code, text: m.text, areas: m.areas, themes: m.themes, source: m.source })) })) };
  });

  /** The requests made from the assessment's gaps, by measure, with their status and the offers the actor may read. */
  async function requestsByMeasure(actor: Actor, organizationId: string) {
    const rows = await db
      .selectFrom('self_assessment_requests as r')
      .innerJoin('posts as p', 'p.id', 'r.post_id')
      .select(['r.measure_code', 'p.id', 'p.title', 'p.status', 'p.kind', 'p.audience', 'p.organization_id', 'p.hidden_at', 'p.published_at', 'r.created_at'])
      .where('r.organization_id', '=', organizationId)
      .orderBy('r.created_at')
      .execute();
    const visible = rows.filter((r) => canSeePost(actor, factsOf(r)));
    const offers = visible.length
      ? await db
          .selectFrom('offers as f')
          .innerJoin('organizations as o', 'o.id', 'f.organization_id')
          .select(['f.id', 'f.post_id', 'f.summary', 'f.status', 'f.hidden_at', 'f.organization_id', 'o.name as org_name', 'f.created_at'])
          .where('f.post_id', 'in', visible.map((r) => r.id))
          .orderBy('f.created_at')
          .execute()
      : [];
    const out: Record<string, unknown[]> = {};
    for (const r of visible) {
      const post = factsOf(r);
      const readable = offers.filter((f) => f.post_id === r.id && can(actor, 'read', 'offer', { post, offeringOrganizationId: f.organization_id, hidden: f.hidden_at !== null }));
      (out[r.measure_code] ??= []).push({
        postId: r.id,
        title: r.title,
        status: r.status,
        offers: readable.map((f) => ({ id: f.id, organization: { id: f.organization_id, name: f.org_name }, summary: f.summary, status: f.status, createdAt: f.created_at.toISOString() })),
      });
    }
    return out;
  }

  async function serializeDraft(actor: Actor, state: AssessmentState) {
    const versions = await db.selectFrom('self_assessment_versions').select((eb) => [eb.fn.max('version').as('latest'), eb.fn.max('submitted_at').as('at')]).where('organization_id', '=', state.organization.id).executeTakeFirst();
    const documents = await evidenceDocuments(db, actor, state.ratings);
    return {
      organization: state.organization,
      revision: state.revision,
      ratings: withReadableDocuments(state.ratings, documents),
      // The library documents cited as evidence, by id (those this reader may see).
      documents,
      counts: statusCounts(state.ratings),
      updatedAt: state.updatedAt?.toISOString() ?? null,
      updatedBy: state.updatedBy,
      latestVersion: versions?.latest ? { version: Number(versions.latest), submittedAt: new Date(versions.at as Date).toISOString() } : null,
      sharing: { scope: state.scope, organizations: state.sharedWith },
      // The organizers hid the notes (moderation queue): readers outside the government see ratings only.
      notesHidden: state.facts.notesHidden === true,
      requests: await requestsByMeasure(actor, state.organization.id),
      permissions: {
        edit: can(actor, 'edit', 'selfAssessment', state.facts),
        submit: can(actor, 'submit', 'selfAssessment', state.facts),
        share: can(actor, 'share', 'selfAssessment', state.facts),
        requestAssistance: can(actor, 'requestAssistance', 'selfAssessment', state.facts) && can(actor, 'create', 'newPost', { kind: 'ta_request' }),
      },
    };
  }

  app.get('/api/v1/organizations/:id/self-assessment', { schema: { tags: ['self-assessment'], summary: "A government's self-assessment draft (its members and the organizers)", params: OrgParams } }, async (request) => {
    const actor = requireActor(request);
    const state = await loadAssessment(db, request.params.id);
    guard(actor, 'read', state);
    return serializeDraft(actor, state);
  });

  /** A 409 if the save would overwrite measures that someone else changed after `base`. */
  async function checkStale(tx: Db, state: AssessmentState, base: number | undefined, touched: string[]): Promise<void> {
    if (base === undefined || base === state.revision) return;
    const baseRatings = base < state.revision ? await ratingsAtRevision(tx, state.organization.id, base) : null;
    const changes = baseRatings ? compareRatings(baseRatings, state.ratings) : compareRatings({}, state.ratings);
    const conflicting = base > state.revision || baseRatings === null ? changes : changes.filter((c) => touched.includes(c.measure));
    if (conflicting.length === 0 && base < state.revision) return;
    throw problems.conflict(
      'stale-revision',
      `This self-assessment was changed since you opened it (you edited revision ${base}, it is now at ${state.revision}), on ${conflicting.length === 1 ? 'a measure' : 'measures'} you changed too. What changed since is listed in "changes"; nothing was saved.`,
      { currentRevision: state.revision, baseRevision: base, revisionsSince: await revisionsSince(tx, state.organization.id, base), changes: conflicting },
    );
  }

  app.put(
    '/api/v1/organizations/:id/self-assessment',
    { schema: { tags: ['self-assessment'], summary: 'Save the draft: the measures sent change, a measure left out keeps its rating', params: OrgParams, body: PutBody } },
    async (request) => {
      const actor = requireActor(request);
      const { ratings: input, revision: base, confirmNoVictimData } = request.body;
      const errors: FieldError[] = [];
      for (const code of Object.keys(input)) if (!isMeasureCode(code)) errors.push(fieldError(`ratings.${code}`, `"${code}" is not a measure of the Framework for Action`));
      // Evidence documents: documents of the library that the writer can see.
      for (const [code, r] of Object.entries(input)) {
        if (!r?.document) continue;
        const doc = await findVisibleDocument(db, actor, r.document).catch(() => null);
        if (!doc || doc.row.attach_type !== 'library') errors.push(fieldError(`ratings.${code}.document`, 'is not a document of the library that you can see'));
      }
      if (errors.length) throw problems.validation(errors);
      const privacy = screenText(Object.fromEntries(Object.entries(input).map(([code, r]) => [`ratings.${code}.note`, r?.note])), confirmNoVictimData);
      await db.transaction().execute(async (tx) => {
        const state = await loadAssessment(tx, request.params.id, { forUpdate: true });
        guard(actor, 'edit', state);
        const next: RatingsJson = { ...state.ratings };
        for (const [code, r] of Object.entries(input)) {
          if (r === null) {
            delete next[code];
            continue;
          }
          const before = next[code];
          const status = r.status ?? before?.status;
          if (!status) {
            errors.push(fieldError(`ratings.${code}.status`, 'is required for a measure not rated before'));
            continue;
          }
          const documentId = r.document === undefined ? before?.documentId : (r.document ?? undefined);
          next[code] = normalizeRating({ status, priority: r.priority ?? before?.priority ?? 'medium', note: (r.note ?? before?.note ?? '').trim(), ...(documentId ? { documentId } : {}) });
        }
        if (errors.length) throw problems.validation(errors);
        // Field by field: jsonb does not keep key order, so the stored rating cannot be compared as text.
        const touched = Object.keys(input).filter((code) => changedFields(state.ratings[code], next[code]).length > 0);
        await checkStale(tx, state, base, touched);
        if (touched.length === 0) return;
        const revision = state.revision + 1;
        await tx.updateTable('self_assessments').set({ ratings: JSON.stringify(next), revision, updated_by: actor.id, updated_at: new Date() }).where('organization_id', '=', state.organization.id).execute();
        await tx.insertInto('self_assessment_revisions').values({ organization_id: state.organization.id, revision, ratings: JSON.stringify(next), edited_by: actor.id }).execute();
        // A note saved although the guard found what looks like personal data (the writer
        // confirmed) goes into the organizers' queue; only the notes this save changed.
        await new PrivacyScreen(privacy.findings.filter((f) => touched.some((code) => f.field === `ratings.${code}.note`))).flag(tx, { type: 'self_assessment', id: state.organization.id });
      });
      return serializeDraft(actor, await loadAssessment(db, request.params.id));
    },
  );

  app.post(
    '/api/v1/organizations/:id/self-assessment/submit',
    { schema: { tags: ['self-assessment'], summary: 'Submit the draft as a new dated version', params: OrgParams, body: SubmitBody } },
    async (request, reply) => {
      const actor = requireActor(request);
      const version = await db.transaction().execute(async (tx) => {
        const state = await loadAssessment(tx, request.params.id, { forUpdate: true });
        guard(actor, 'submit', state);
        const base = request.body.revision;
        if (base !== undefined && base !== state.revision) {
          throw problems.conflict('stale-revision', `This self-assessment was changed since you opened it (you saw revision ${base}, it is now at ${state.revision}). Look at the changes before submitting.`, {
            currentRevision: state.revision,
            baseRevision: base,
            revisionsSince: await revisionsSince(tx, state.organization.id, base),
            changes: compareRatings((await ratingsAtRevision(tx, state.organization.id, base)) ?? {}, state.ratings),
          });
        }
        if (Object.keys(state.ratings).length === 0) throw problems.validation([fieldError('ratings', 'rate at least one measure before submitting')], 'There is nothing to submit yet.');
        const last = await tx.selectFrom('self_assessment_versions').select((eb) => eb.fn.max('version').as('n')).where('organization_id', '=', state.organization.id).executeTakeFirst();
        const n = Number(last?.n ?? 0) + 1;
        await tx.insertInto('self_assessment_versions').values({ organization_id: state.organization.id, version: n, ratings: JSON.stringify(state.ratings), draft_revision: state.revision, submitted_by: actor.id }).execute();
        await audit(tx, { actorUserId: actor.id, action: 'self_assessment.submitted', targetType: 'organization', targetId: state.organization.id, ip: request.ip, details: { version: n } });
        return n;
      });
      const versions = await listVersions(db, request.params.id);
      return reply.code(201).send(versions.find((v) => v.version === version));
    },
  );

  app.get('/api/v1/organizations/:id/self-assessment/versions', { schema: { tags: ['self-assessment'], summary: 'Submitted versions, newest first', params: OrgParams } }, async (request) => {
    const actor = requireActor(request);
    const state = await loadAssessment(db, request.params.id);
    authorize(actor, 'readSubmitted', 'selfAssessment', state.facts, { hide: true });
    const versions = await listVersions(db, state.organization.id);
    return { organization: state.organization, items: versions.map(({ ratings: _ratings, ...v }) => v) };
  });

  app.get(
    '/api/v1/organizations/:id/self-assessment/versions/:n',
    { schema: { tags: ['self-assessment'], summary: 'One submitted version, compared with the one before (or ?compareTo=m)', params: VersionParams, querystring: CompareQuery } },
    async (request) => {
      const actor = requireActor(request);
      const state = await loadAssessment(db, request.params.id);
      authorize(actor, 'readSubmitted', 'selfAssessment', state.facts, { hide: true });
      const versions = await listVersions(db, state.organization.id);
      const version = versions.find((v) => v.version === request.params.n);
      if (!version) throw problems.notFound('There is no such version of this self-assessment.');
      const otherNumber = request.query.compareTo ?? request.params.n - 1;
      const other = versions.find((v) => v.version === otherNumber) ?? null;
      if (request.query.compareTo !== undefined && !other) throw problems.notFound('There is no such version to compare with.');
      // Notes the organizers hid stay with the government and the organizers.
      const notes = can(actor, 'readNotes', 'selfAssessment', state.facts);
      const documents = await evidenceDocuments(db, actor, version.ratings, other?.ratings ?? {});
      const readable = (ratings: RatingsJson) => withReadableDocuments(notes ? ratings : withoutNotes(ratings), documents);
      const ratings = readable(version.ratings);
      return {
        organization: state.organization,
        ...version,
        ratings,
        documents,
        notesHidden: !notes,
        comparedTo: other ? { version: other.version, submittedAt: other.submittedAt } : null,
        changes: other ? compareRatings(readable(other.ratings), ratings) : [],
      };
    },
  );

  app.put(
    '/api/v1/organizations/:id/self-assessment/sharing',
    { schema: { tags: ['self-assessment'], summary: 'Who sees the submitted versions besides the government and the organizers', params: OrgParams, body: SharingBody } },
    async (request) => {
      const actor = requireActor(request);
      const { scope, organizationIds = [] } = request.body;
      await db.transaction().execute(async (tx) => {
        const state = await loadAssessment(tx, request.params.id, { forUpdate: true });
        guard(actor, 'share', state);
        const named = scope === 'organizations' ? organizationIds.filter((id) => id !== state.organization.id) : [];
        if (scope === 'organizations' && named.length === 0) throw problems.validation([fieldError('organizationIds', 'name at least one organization to share with')]);
        const orgs = named.length ? await tx.selectFrom('organizations').select(['id', 'name', 'category', 'status']).where('id', 'in', named).execute() : [];
        const errors: FieldError[] = [];
        named.forEach((id, i) => {
          const org = orgs.find((o) => o.id === id);
          if (!org || org.status !== 'active') errors.push(fieldError(`organizationIds.${i}`, 'is not an active organization of the Forum'));
          else if (!can(actor, 'add', 'assessmentShare', { organizationTier: organizationTier(org.category) }))
            errors.push(fieldError(`organizationIds.${i}`, `${org.name} is not a government or international organization; an assessment is shared with those only`));
        });
        if (errors.length) throw problems.validation(errors);
        await tx.updateTable('self_assessments').set({ sharing_scope: scope }).where('organization_id', '=', state.organization.id).execute();
        await tx.deleteFrom('self_assessment_shares').where('organization_id', '=', state.organization.id).execute();
        if (named.length) await tx.insertInto('self_assessment_shares').values(named.map((id) => ({ organization_id: state.organization.id, shared_with: id }))).execute();
        await audit(tx, { actorUserId: actor.id, action: 'self_assessment.sharing_changed', targetType: 'organization', targetId: state.organization.id, ip: request.ip, details: { scope, organizationIds: named } });
      });
      const state = await loadAssessment(db, request.params.id);
      return { scope: state.scope, organizations: state.sharedWith };
    },
  );

  app.post(
    '/api/v1/organizations/:id/self-assessment/measures/:code/request',
    { schema: { tags: ['self-assessment'], summary: 'A technical-assistance request pre-filled from a measure: the draft, or with {create: true} the created request linked to the measure', params: MeasureParams, body: RequestBody } },
    async (request, reply) => {
      const actor = requireActor(request);
      const state = await loadAssessment(db, request.params.id);
      guard(actor, 'requestAssistance', state);
      if (!isMeasureCode(request.params.code)) throw problems.notFound('There is no such measure in the Framework for Action.');
      authorize(actor, 'create', 'newPost', { kind: 'ta_request' });
      const draft = requestDraft(request.params.code, state.organization, state.ratings[request.params.code] ?? null);
      const { create, confirmNoVictimData, ...overrides } = request.body;
      if (!create) return draft;
      const { measure: _measure, ...prefilled } = draft;
      const values = newPostValues({ ...prefilled, areas: prefilled.areas as never, themes: prefilled.themes as never, ...overrides, kind: 'ta_request' });
      const privacy = screenText({ title: values.title, body: values.body }, confirmNoVictimData);
      const id = await db.transaction().execute(async (tx) => {
        const { id } = await tx.insertInto('posts').values({ ...values, body_html: renderMarkdown(values.body), organization_id: actor.organizationId, author_id: actor.id }).returning('id').executeTakeFirstOrThrow();
        await tx.insertInto('post_revisions').values({ post_id: id, revision: 1, snapshot: JSON.stringify(snapshotOf(values)), edited_by: actor.id }).execute();
        await tx.insertInto('self_assessment_requests').values({ post_id: id, organization_id: state.organization.id, measure_code: draft.measure.code, created_by: actor.id }).execute();
        await privacy.flag(tx, { type: 'post', id });
        return id;
      });
      const post = await serializePost(db, actor, await findVisiblePost(db, actor, id));
      return reply.code(201).header('location', `/api/v1/posts/${id}`).send({ ...post, measure: draft.measure });
    },
  );

  app.get(
    '/api/v1/organizations/:id/self-assessment/measures/:code/providers',
    { schema: { tags: ['self-assessment'], summary: 'Organizations likely to help close this gap (expertise, places, earlier work), best first', params: MeasureParams } },
    async (request) => {
      const actor = requireActor(request);
      const state = await loadAssessment(db, request.params.id);
      guard(actor, 'read', state);
      const measure = measureByCode(request.params.code);
      if (!measure) throw problems.notFound('There is no such measure in the Framework for Action.');
      const country = state.organization.country;
      // The gap as the request it would become (full tier audience, the government's country).
      const facts: RequestFacts = { id: '00000000-0000-0000-0000-000000000000', kind: 'ta_request', audience: 'full', organizationId: state.organization.id, hidden: false, draft: false, areas: [...measure.areas], countries: [country], geo: geoOf([], [country]) };
      return { measure: { code: measure.code, text: measure.text }, items: await matchesFor(db, actor, facts) };
    },
  );

  /** The draft (its readers) or a submitted version (its readers, notes as the organizers allow) for an export. */
  async function exported(actor: Actor, state: AssessmentState, version: number | undefined) {
    if (version === undefined) {
      guard(actor, 'read', state);
      return { ratings: state.ratings, documents: await evidenceDocuments(db, actor, state.ratings), label: `draft-r${state.revision}`, heading: `Draft, revision ${state.revision}${state.updatedAt ? `, saved ${state.updatedAt.toISOString().slice(0, 10)}` : ''}` };
    }
    authorize(actor, 'readSubmitted', 'selfAssessment', state.facts, { hide: true });
    const v = (await listVersions(db, state.organization.id)).find((x) => x.version === version);
    if (!v) throw problems.notFound('There is no such version of this self-assessment.');
    const ratings = can(actor, 'readNotes', 'selfAssessment', state.facts) ? v.ratings : withoutNotes(v.ratings);
    return { ratings, documents: await evidenceDocuments(db, actor, v.ratings), label: `version-${v.version}`, heading: `Version ${v.version}, submitted ${v.submittedAt.slice(0, 10)} by ${v.submittedBy.name}` };
  }
  const fileName = (state: AssessmentState, label: string, ext: string) => `self-assessment-${state.organization.country.toLowerCase()}-${label}.${ext}`;

  app.get(
    '/api/v1/organizations/:id/self-assessment.csv',
    { schema: { tags: ['self-assessment'], summary: 'The draft or a submitted version as CSV', params: OrgParams, querystring: CsvQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const state = await loadAssessment(db, request.params.id);
      const { ratings, documents, label } = await exported(actor, state, request.query.version);
      const records = MEASURES.map((m) => {
        const r = ratings[m.code];
        const doc = r?.documentId ? documents[r.documentId] : undefined;
        return [FRAMEWORK_PILLARS.find((p) => p.code === m.pillar)!.name, m.code, m.text, r?.status ?? 'unrated', r?.priority ?? '', r?.note ?? '', doc?.title ?? '', m.source];
      });
      const csv = `\uFEFF${stringify([['pillar', 'measure', 'text', 'status', 'priority', 'note', 'evidence document', 'source'], ...records], { record_delimiter: 'windows' })}`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(state, label, 'csv')}"`).send(csv);
    },
  );

  app.get(
    '/api/v1/organizations/:id/self-assessment.pdf',
    { schema: { tags: ['self-assessment'], summary: 'The draft or a submitted version as a PDF to print or file', params: OrgParams, querystring: CsvQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const state = await loadAssessment(db, request.params.id);
      const { ratings, documents, label, heading } = await exported(actor, state, request.query.version);
      const counts = statusCounts(ratings);
      const word = (s: string) => s.replace(/_/g, ' ');
      // Plain text pages (documents/pdf-writer.ts): the pillars, each measure with its rating, priority and note.
      const paragraphs = [
        `Self-assessment against the Framework for Action: ${state.organization.name}`,
        heading,
        `Summary: ${RATING_STATUSES.map((s) => `${word(s)} ${counts[s]}`).join(', ')}, unrated ${counts.unrated}.`,
        '',
        ...FRAMEWORK_PILLARS.flatMap((p) => [
          `${p.name.toUpperCase()}`,
          ...p.measures.flatMap((m) => {
            const r = ratings[m.code];
            const doc = r?.documentId ? documents[r.documentId] : undefined;
            return [`${m.code}: ${m.text}`, r ? `Rating: ${word(r.status)}; priority ${r.priority}.${r.note ? ` Evidence: ${r.note}` : ''}${doc ? ` Document: ${doc.title}.` : ''}` : 'Not rated.', ''];
          }),
        ]),
        'Measures paraphrase the Framework for Action for an Effective Implementation of the Trafficking in Persons Protocol (UNODC), Annex III. Exported from the Virtual Forum.',
      ];
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(state, label, 'pdf')}"`)
        .send(writePdf(`Self-assessment: ${state.organization.name} (${label})`, paragraphs));
    },
  );

  /** Every submitted version of every active government (oldest first per government), with what the sharing rules need. */
  async function submittedVersions(region: string | undefined) {
    const rows = await db
      .selectFrom('self_assessment_versions as v')
      .innerJoin('organizations as o', 'o.id', 'v.organization_id')
      .innerJoin('self_assessments as sa', 'sa.organization_id', 'v.organization_id')
      .select(['o.id', 'o.name', 'o.country', 'o.category', 'v.version', 'v.ratings', 'v.submitted_at', 'sa.sharing_scope', 'sa.notes_hidden_at'])
      .where('o.category', '=', 'government')
      .where('o.status', '=', 'active')
      .orderBy('o.id')
      .orderBy('v.version')
      .execute();
    const shares = await db.selectFrom('self_assessment_shares').select(['organization_id', 'shared_with']).execute();
    return rows
      .map((r) => ({
        ...r,
        country: r.country.trim(),
        facts: {
          organizationId: r.id,
          organizationCategory: r.category,
          scope: r.sharing_scope,
          sharedWith: shares.filter((s) => s.organization_id === r.id).map((s) => s.shared_with),
          notesHidden: r.notes_hidden_at !== null,
        } satisfies AssessmentFacts,
      }))
      .filter((r) => !region || regionsOfCountry(r.country).includes(region));
  }

  app.get('/api/v1/self-assessment/needs', { schema: { tags: ['self-assessment'], summary: 'High-priority gaps of governments, within your rights', querystring: AreaQuery } }, async (request) => {
    const actor = requireActor(request);
    const { region, pillar } = request.query;
    if (region && !isRegionCode(region)) throw problems.validation([fieldError('region', `"${region}" is not a UN M49 region code`)]);
    // Each government's latest submitted version, everywhere (the partial tier's groups are decided over all of them).
    const everywhere = [...new Map((await submittedVersions(undefined)).map((r) => [r.id, r])).values()];
    const latest = region ? everywhere.filter((g) => regionsOfCountry(g.country).includes(region)) : everywhere;
    const measures = MEASURES.filter((m) => !pillar || m.pillar === pillar);
    const gapsOf = (r: (typeof latest)[number]) => measures.filter((m) => r.ratings[m.code] && isHighPriorityGap(r.ratings[m.code]!));
    // Per region: the filter's region (or all regions together), then the regions one level down.
    const below = childRegions(region ?? null);
    const inRegion = (code: string) => (g: (typeof latest)[number]) => regionsOfCountry(g.country).includes(code);
    const groups: { region: string | null; name: string; members: typeof latest }[] = [
      { region: region ?? null, name: region ? regionByCode(region)!.name : 'All regions', members: latest },
      ...below.map((r) => ({ region: r.code, name: r.name, members: latest.filter(inRegion(r.code)) })).filter((g) => g.members.length > 0),
    ];
    const aggregate = (members: typeof latest) => ({
      governments: members.length,
      gaps: members.reduce((n, g) => n + gapsOf(g).length, 0),
      byPillar: Object.fromEntries(PILLAR_CODES.filter((p) => !pillar || p === pillar).map((p) => [p, members.reduce((n, g) => n + gapsOf(g).filter((m) => m.pillar === p).length, 0)])),
    });
    if (!can(actor, 'readPerMeasure', 'assessmentNeeds', {})) {
      authorize(actor, 'readAggregates', 'assessmentNeeds', {});
      // The partial tier: aggregates only, of groups large enough that no single government can be
      // inferred, from one group or by subtracting one from another (aggregates.ts).
      const publishable = publishableRegions(everywhere.map((g) => g.country));
      return {
        detail: 'aggregates' as const,
        minimumGovernments: MIN_GOVERNMENTS_FOR_AGGREGATES,
        regions: groups.filter((g) => publishable.has(g.region)).map((g) => ({ region: g.region, name: g.name, ...aggregate(g.members) })),
      };
    }
    const columns = groups.slice(1);
    return {
      detail: 'measures' as const,
      minimumGovernments: null,
      regions: groups.map((g) => ({ region: g.region, name: g.name, ...aggregate(g.members) })),
      measures: measures
        .map((m) => {
          const withGap = latest.filter((g) => g.ratings[m.code] && isHighPriorityGap(g.ratings[m.code]!));
          return {
            code: m.code,
            pillar: m.pillar,
            text: m.text,
            areas: m.areas,
            governments: withGap.length,
            // The measure × region table: how many governments per region one level down.
            byRegion: Object.fromEntries(columns.map((c) => [c.region!, withGap.filter(inRegion(c.region!)).length])),
            // Named only where the government's sharing lets this reader see its assessment.
            named: withGap
              .filter((g) => canReadSubmittedAssessment(actor, g.facts))
              .map((g) => ({ id: g.id, name: g.name, country: g.country, status: g.ratings[m.code]!.status, note: can(actor, 'readNotes', 'selfAssessment', g.facts) ? g.ratings[m.code]!.note : '' })),
          };
        })
        .filter((m) => m.governments > 0),
    };
  });

  app.get('/api/v1/self-assessment/trends', { schema: { tags: ['self-assessment'], summary: 'How ratings changed across submitted versions, per pillar, over the assessments you may read', querystring: AreaQuery } }, async (request) => {
    const actor = requireActor(request);
    const { region, pillar } = request.query;
    if (region && !isRegionCode(region)) throw problems.validation([fieldError('region', `"${region}" is not a UN M49 region code`)]);
    const versions = (await submittedVersions(region)).filter((v) => canReadSubmittedAssessment(actor, v.facts));
    const periods = [...new Set(versions.map((v) => v.submitted_at.toISOString().slice(0, 7)))].sort();
    const pillars = PILLAR_CODES.filter((p) => !pillar || p === pillar);
    const series = periods.map((period) => {
      // Each government as it stood at the end of the period: its latest version submitted by then.
      const asOf = new Map<string, RatingsJson>();
      for (const v of versions) if (v.submitted_at.toISOString().slice(0, 7) <= period) asOf.set(v.id, v.ratings);
      return {
        period,
        governments: asOf.size,
        pillars: Object.fromEntries(
          pillars.map((p) => {
            const counts: Record<string, number> = Object.fromEntries([...RATING_STATUSES, 'unrated'].map((s) => [s, 0]));
            for (const ratings of asOf.values()) for (const m of MEASURES.filter((x) => x.pillar === p)) counts[ratings[m.code]?.status ?? 'unrated']! += 1;
            return [p, counts];
          }),
        ),
      };
    });
    return { governments: [...new Map(versions.map((v) => [v.id, { id: v.id, name: v.name, country: v.country }])).values()], series };
  });
};
