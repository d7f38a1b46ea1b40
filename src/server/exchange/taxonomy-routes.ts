// The taxonomies as data, so the web app fetches them once instead of bundling them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ALL_POST_STATUSES, AUDIENCES, DEFAULT_AUDIENCE, POST_KIND_AUTHORS, POST_KINDS, POST_STATUSES } from '../../shared/exchange.js';
import { AREAS, countryCodes, countryName, COUNTRY_REGION, EXPLOITATION_FORMS, REGIONS, THEMES } from '../../shared/taxonomy/index.js';

export const taxonomyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const payload = {
    regions: REGIONS,
    countries: countryCodes().map((code) => ({ code, name: countryName(code) ?? code, region: COUNTRY_REGION[code] ?? null })),
    areas: AREAS,
    themes: THEMES,
    exploitation: EXPLOITATION_FORMS,
    postKinds: POST_KINDS.map((kind) => ({ code: kind, authors: POST_KIND_AUTHORS[kind], defaultAudience: DEFAULT_AUDIENCE[kind], statuses: POST_STATUSES[kind] })),
    postStatuses: ALL_POST_STATUSES,
    audiences: AUDIENCES,
  };
  const body = JSON.stringify(payload);
  // Public reference data (no participant content), identical for everyone: cacheable.
  app.get('/api/v1/taxonomies', { schema: { tags: ['reference'], summary: 'Regions, countries, areas, themes, forms of exploitation, post kinds and statuses' } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('application/json').send(body),
  );
};
