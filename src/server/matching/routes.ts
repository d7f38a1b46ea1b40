// Matching: organizations suggested for a technical-assistance request, the requests a service
// provider could answer, and the expertise profile each organization keeps.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { ORGANIZATION_CATEGORIES } from '../../shared/participants.js';
import { AREA_CODES, isCountryCode, isRegionCode } from '../../shared/taxonomy/index.js';
import { authorize, can } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import { isUuid } from '../http/form-input.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { StringEnum } from '../http/schema-helpers.js';
import { factsOf, geoOf } from '../exchange/post-model.js';
import { visiblePosts } from '../exchange/post-queries.js';
import { IdParams } from '../exchange/post-schemas.js';
import { postRefs } from '../overlap/routes.js';
import { findVisiblePost } from '../exchange/post-store.js';
import { historyOf, languagesOf, matchesFor, scoreMatch, type RequestFacts } from './matching.js';

const Reason = Type.Object({
  code: Type.String({ description: 'expertise_areas, operates_in_country, operates_in_region, based_in_country, shared_language, delivered_before, offered_before' }),
  values: Type.Array(Type.String(), { description: 'Area, country, region or language codes, or titles of earlier posts.' }),
});
const Match = Type.Object({
  organization: Type.Object({ id: Type.String(), name: Type.String(), category: StringEnum(ORGANIZATION_CATEGORIES), country: Type.String() }),
  summary: Type.String(),
  score: Type.Number(),
  reasons: Type.Array(Reason),
});

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
/** An ISO 639-1 (or 639-2/3) language code the runtime can name. */
const isLanguageCode = (code: string) => /^[a-z]{2,3}$/.test(code) && languageNames.of(code) !== undefined;

const ExpertiseBody = Type.Object(
  {
    areas: Type.Array(StringEnum(AREA_CODES), { maxItems: 7, uniqueItems: true }),
    regions: Type.Array(Type.String({ pattern: '^\\d{3}$' }), { maxItems: 30, uniqueItems: true, description: 'UN M49 region codes where the organization operates.' }),
    countries: Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 120, uniqueItems: true, description: 'ISO 3166-1 alpha-2 codes where it operates.' }),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { maxItems: 20, uniqueItems: true, description: 'ISO 639-1 codes of its working languages, e.g. en, fr.' }),
    summary: Type.String({ maxLength: 1000, default: '' }),
  },
  { additionalProperties: false },
);
const Expertise = Type.Object({
  organizationId: Type.String(),
  areas: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  countries: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  summary: Type.String(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  canEdit: Type.Boolean(),
});

export const matchingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get(
    '/api/v1/posts/:id/matches',
    { schema: { tags: ['matching'], summary: 'Organizations likely to help with a technical-assistance request, with reasons', params: IdParams, response: { 200: Type.Array(Match) } } },
    async (request) => {
      const actor = requireActor(request);
      const post = await findVisiblePost(db, actor, request.params.id);
      authorize(actor, 'readMatches', 'post', factsOf(post), { hide: true });
      const facts: RequestFacts = { ...factsOf(post), id: post.id, areas: post.areas, countries: post.countries, geo: post.geo };
      return matchesFor(db, actor, facts);
    },
  );

  app.get(
    '/api/v1/me/requests-to-answer',
    {
      schema: {
        tags: ['matching'],
        summary: "Open requests you may see and answer that fit your organization's expertise, best first",
        response: {
          200: Type.Object({
            hasProfile: Type.Boolean(),
            items: Type.Array(Type.Object({ post: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }), score: Type.Number(), reasons: Type.Array(Reason) })),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [expertise, org] = await Promise.all([
        db.selectFrom('organization_expertise').select(['organization_id', 'areas', 'geo', 'languages']).where('organization_id', '=', actor.organizationId).executeTakeFirst(),
        db.selectFrom('organizations').select(['country']).where('id', '=', actor.organizationId).executeTakeFirstOrThrow(),
      ]);
      if (!expertise || (expertise.areas.length === 0 && expertise.geo.length === 0)) return { hasProfile: false, items: [] };
      const candidates = await visiblePosts(db, actor, { kind: ['ta_request'], status: ['open', 'in_progress'] })
        .select(['p.id', 'p.kind', 'p.audience', 'p.organization_id', 'p.hidden_at', 'p.published_at', 'p.areas', 'p.countries', 'p.geo'])
        .where('p.hidden_at', 'is', null)
        .where('p.organization_id', '<>', actor.organizationId)
        .where((eb) =>
          eb.or([
            sql<boolean>`p.areas && ${sql.val(expertise.areas)}::text[]`,
            sql<boolean>`p.geo && ${sql.val(expertise.geo)}::text[]`,
          ]),
        )
        // Requests this organization already answered are not suggested again.
        .where((eb) => eb.not(eb.exists(eb.selectFrom('offers as f').select('f.id').whereRef('f.post_id', '=', 'p.id').where('f.organization_id', '=', actor.organizationId).where('f.status', '<>', 'withdrawn'))))
        .orderBy('p.created_at', 'desc')
        .limit(300)
        .execute();
      const answerable = candidates.filter((p) => can(actor, 'offer', 'post', factsOf(p)));
      const allAreas = [...new Set(answerable.flatMap((p) => p.areas))];
      const [history, languages] = await Promise.all([
        historyOf(db, actor, [actor.organizationId], allAreas, null),
        languagesOf(db, answerable.map((p) => p.organization_id)),
      ]);
      const mine = history.get(actor.organizationId) ?? { delivered: [], offered: [] };
      const scored = answerable
        .map((p) => {
          const facts: RequestFacts = { ...factsOf(p), id: p.id, areas: p.areas, countries: p.countries, geo: p.geo };
          return { id: p.id, ...scoreMatch(facts, org, expertise, languages.get(p.organization_id) ?? [], mine) };
        })
        .filter((m) => m.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, 30);
      const refs = await postRefs(db, actor, scored.map((m) => m.id));
      return { hasProfile: true, items: scored.flatMap((m) => (refs.has(m.id) ? [{ post: refs.get(m.id)!, score: m.score, reasons: m.reasons }] : [])) };
    },
  );

  app.get(
    '/api/v1/organizations/:id/expertise',
    { schema: { tags: ['matching'], summary: "An organization's declared expertise", params: Type.Object({ id: Type.String() }), response: { 200: Expertise } } },
    async (request) => {
      const actor = requireActor(request);
      const { id } = request.params;
      authorize(actor, 'read', 'organization', { id }, { hide: true });
      const org = isUuid(id) ? await db.selectFrom('organizations').select(['id', 'status']).where('id', '=', id).executeTakeFirst() : undefined;
      if (!org || (org.status !== 'active' && !can(actor, 'listAll', 'organization', { id }))) throw problems.notFound();
      const row = await db.selectFrom('organization_expertise').selectAll().where('organization_id', '=', id).executeTakeFirst();
      return {
        organizationId: id,
        areas: row?.areas ?? [],
        regions: row?.regions ?? [],
        countries: row?.countries ?? [],
        languages: row?.languages ?? [],
        summary: row?.summary ?? '',
        updatedAt: row?.updated_at.toISOString() ?? null,
        canEdit: can(actor, 'editExpertise', 'organization', { id }),
      };
    },
  );

  app.put(
    '/api/v1/organizations/:id/expertise',
    { schema: { tags: ['matching'], summary: "Set an organization's expertise (its focal point, or organizers)", params: Type.Object({ id: Type.String() }), body: ExpertiseBody, response: { 200: Expertise } } },
    async (request) => {
      const actor = requireActor(request);
      const { id } = request.params;
      authorize(actor, 'editExpertise', 'organization', { id });
      const org = isUuid(id) ? await db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst() : undefined;
      if (!org) throw problems.notFound();
      const body = request.body;
      const countries = body.countries.map((c) => c.toUpperCase());
      const errors: FieldError[] = [];
      body.regions.forEach((code, i) => !isRegionCode(code) && errors.push(fieldError(`regions.${i}`, `"${code}" is not a UN M49 region code`)));
      countries.forEach((code, i) => !isCountryCode(code) && errors.push(fieldError(`countries.${i}`, `"${body.countries[i]}" is not an ISO 3166-1 country code`)));
      body.languages.forEach((code, i) => !isLanguageCode(code) && errors.push(fieldError(`languages.${i}`, `"${code}" is not an ISO 639 language code`)));
      if (errors.length) throw problems.validation(errors);
      const values = { areas: body.areas, regions: body.regions, countries, geo: geoOf(body.regions, countries), languages: body.languages, summary: (body.summary ?? '').trim(), updated_by: actor.id, updated_at: new Date() };
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('organization_expertise')
          .values({ organization_id: id, ...values })
          .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
          .execute();
        await audit(tx, { actorUserId: actor.id, action: 'organization.expertise_updated', targetType: 'organization', targetId: id, ip: request.ip, details: { areas: values.areas, regions: values.regions, countries: values.countries, languages: values.languages } });
      });
      return { organizationId: id, areas: values.areas, regions: values.regions, countries, languages: values.languages, summary: values.summary, updatedAt: values.updated_at.toISOString(), canEdit: true };
    },
  );
};
