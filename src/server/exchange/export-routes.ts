// Posts out in an open format: the list a participant sees (with the same filters as
// GET /api/v1/posts) as CSV, for the spreadsheets and donor databases the Forum sits beside.
// Built on visiblePosts like every list, so an export holds exactly what its user may see.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { Type } from 'typebox';
import { labelOf, type TaxonomyKind } from '../../shared/taxonomy/index.js';
import { requireActor } from '../auth/sessions.js';
import { ListPostsQuery } from './post-schemas.js';
import { visiblePosts } from './post-queries.js';

/** An export is a list, not a dump: past this many rows, narrow the filters. */
export const EXPORT_MAX_ROWS = 5000;

const { cursor: _cursor, limit: _limit, sort: _sort, ...filterProperties } = ListPostsQuery.properties;
const ExportQuery = Type.Object(filterProperties);

const COLUMNS = [
  'id', 'url', 'kind', 'title', 'organization', 'organization_country', 'status', 'audience', 'regions', 'countries', 'areas', 'themes',
  'forms_of_exploitation', 'budget', 'currency', 'funding_sought', 'starts_on', 'ends_on', 'created_at', 'updated_at', 'summary',
] as const;

const labels = (kind: TaxonomyKind, codes: readonly string[]) => codes.map((code) => labelOf(kind, code) ?? code).join('; ');

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe: text participants wrote must never run in a reader's spreadsheet.
 */
export const neutralizeFormula = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  app.get(
    '/api/v1/posts/export.csv',
    {
      schema: {
        tags: ['posts'],
        summary: `The published posts you may see, with the same filters as the list, as CSV (UTF-8, at most ${EXPORT_MAX_ROWS} rows, newest first)`,
        querystring: ExportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const rows = await visiblePosts(db, actor, request.query)
        // An export leaves the Forum: drafts, even the actor's own, stay out of it.
        .where('p.published_at', 'is not', null)
        .innerJoin('organizations as o', 'o.id', 'p.organization_id')
        .select([
          'p.id', 'p.kind', 'p.title', 'p.status', 'p.audience', 'p.regions', 'p.countries', 'p.areas', 'p.themes', 'p.exploitation',
          'p.budget_amount', 'p.budget_currency', 'p.funding_sought', 'p.starts_on', 'p.ends_on', 'p.created_at', 'p.updated_at', 'p.summary',
          'o.name as org_name', 'o.country as org_country',
        ])
        .orderBy('p.created_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(EXPORT_MAX_ROWS)
        .execute();
      const { publicUrl } = app.config;
      const records = rows.map((p) => [
        p.id,
        `${publicUrl}/posts/${p.id}`,
        p.kind,
        p.title,
        p.org_name,
        p.org_country.trim(),
        p.status,
        p.audience,
        labels('region', p.regions),
        labels('country', p.countries),
        labels('area', p.areas),
        labels('theme', p.themes),
        labels('exploitation', p.exploitation),
        p.budget_amount ?? '',
        p.budget_currency ?? '',
        p.funding_sought ?? '',
        p.starts_on ?? '',
        p.ends_on ?? '',
        p.created_at.toISOString(),
        p.updated_at.toISOString(),
        p.summary,
      ].map((cell) => neutralizeFormula(String(cell))));
      // A byte-order mark so that spreadsheet programs read the UTF-8 names right.
      const csv = `\uFEFF${stringify([[...COLUMNS], ...records], { record_delimiter: 'windows' })}`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="virtual-forum-posts-${new Date().toISOString().slice(0, 10)}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );
};
