// Saved searches: a user keeps the filters of the browse page (scope `posts`) or of the donor view
// (scope `funding`) and is mailed when a new post matches (see saved-search-job.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { isCountryCode, isRegionCode } from '../../shared/taxonomy/index.js';
import { authorize } from '../access/index.js';
import { requireActor } from '../auth/sessions.js';
import { isCurrencyCode } from '../exchange/post-model.js';
import { IdParams } from '../exchange/post-schemas.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { SavedSearch, SavedSearchBody, type SavedFiltersInput } from './schemas.js';
import { PROJECT_KINDS } from '../../shared/funding.js';

const MAX_PER_USER = 50;

function checkFilters(scope: 'posts' | 'funding', filters: SavedFiltersInput): SavedFiltersInput {
  const errors: FieldError[] = [];
  filters.region?.forEach((code, i) => {
    if (!isRegionCode(code)) errors.push(fieldError(`filters.region.${i}`, `"${code}" is not a UN M49 region code`));
  });
  filters.country?.forEach((code, i) => {
    if (!isCountryCode(code.toUpperCase())) errors.push(fieldError(`filters.country.${i}`, `"${code}" is not an ISO 3166-1 country code`));
  });
  if (scope === 'posts') {
    for (const key of ['minGap', 'currency'] as const) if (filters[key] !== undefined) errors.push(fieldError(`filters.${key}`, 'belongs to the donor view (scope funding) only'));
  } else {
    for (const key of ['q', 'theme', 'exploitation', 'status'] as const) if (filters[key] !== undefined) errors.push(fieldError(`filters.${key}`, 'is not a filter of the donor view'));
    filters.kind?.forEach((kind, i) => {
      if (!(PROJECT_KINDS as readonly string[]).includes(kind)) errors.push(fieldError(`filters.kind.${i}`, 'the donor view lists projects only'));
    });
    if (filters.currency && !isCurrencyCode(filters.currency)) errors.push(fieldError('filters.currency', 'is not an ISO 4217 currency code'));
    if (filters.minGap && !filters.currency) errors.push(fieldError('filters.currency', 'is required with minGap'));
  }
  if (errors.length) throw problems.validation(errors);
  // Store only what was given, countries upper-cased, so equal searches look equal.
  return Object.fromEntries(
    Object.entries({ ...filters, ...(filters.country ? { country: filters.country.map((c) => c.toUpperCase()) } : {}) }).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== ''),
  ) as SavedFiltersInput;
}

export const savedSearchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  const query = (userId: string) =>
    db
      .selectFrom('saved_searches as s')
      .select(['s.id', 's.name', 's.scope', 's.filters', 's.created_at', 's.last_checked_at', 's.user_id'])
      .select(sql<number>`(select count(*)::int from saved_search_hits h where h.saved_search_id = s.id)`.as('hits'))
      .where('s.user_id', '=', userId);
  const serialize = (r: Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>) => ({
    id: r.id,
    name: r.name,
    scope: r.scope,
    filters: r.filters,
    createdAt: r.created_at.toISOString(),
    lastCheckedAt: r.last_checked_at.toISOString(),
    notifiedCount: r.hits,
  });

  app.get('/api/v1/saved-searches', { schema: { tags: ['saved searches'], summary: 'Your saved searches', response: { 200: Type.Object({ items: Type.Array(SavedSearch) }) } } }, async (request) => {
    const actor = requireActor(request);
    const rows = await query(actor.id).orderBy('s.created_at', 'desc').execute();
    return { items: rows.map(serialize) };
  });

  app.post(
    '/api/v1/saved-searches',
    { schema: { tags: ['saved searches'], summary: 'Save a search; you are mailed when a new post you may see matches it', body: SavedSearchBody, response: { 201: SavedSearch } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { scope } = request.body;
      const name = request.body.name.trim();
      if (!name) throw problems.validation([fieldError('name', 'must not be empty')]);
      // The name goes into the subject of the notification mail: one line of text, nothing else.
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(name)) throw problems.validation([fieldError('name', 'must be one line of text')]);
      const filters = checkFilters(scope, request.body.filters);
      const id = await db.transaction().execute(async (tx) => {
        const { n } = await tx.selectFrom('saved_searches').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', actor.id).executeTakeFirstOrThrow();
        if (n >= MAX_PER_USER) throw problems.conflict('too-many-saved-searches', `You can keep at most ${MAX_PER_USER} saved searches. Delete one first.`);
        const row = await tx.insertInto('saved_searches').values({ user_id: actor.id, name, scope, filters: JSON.stringify(filters) }).returning('id').executeTakeFirstOrThrow();
        return row.id;
      });
      const row = await query(actor.id).where('s.id', '=', id).executeTakeFirstOrThrow();
      return reply.code(201).send(serialize(row));
    },
  );

  app.delete('/api/v1/saved-searches/:id', { schema: { tags: ['saved searches'], summary: 'Delete one of your saved searches', params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await db.selectFrom('saved_searches').select(['id', 'user_id']).where('id', '=', request.params.id).executeTakeFirst();
    authorize(actor, 'delete', 'savedSearch', { userId: row?.user_id ?? '' }, { hide: true });
    await db.deleteFrom('saved_searches').where('id', '=', row!.id).execute();
    return reply.code(204).send();
  });
};
