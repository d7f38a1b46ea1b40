// GET /api/v1/map and GET /api/v1/map/places/:code: the figures of the map page (/map) and the
// "who does what there" panel, with the same filters as the list (GET /api/v1/posts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../auth/sessions.js';
import { ListPostsQuery } from '../exchange/post-schemas.js';
import { mapCounts, placeDetail } from './map-queries.js';

const { cursor: _cursor, limit: _limit, sort: _sort, ...filterProperties } = ListPostsQuery.properties;
const MapQuery = Type.Object(filterProperties);

const Figures = { posts: Type.Integer(), projects: Type.Integer({ description: 'Posts about projects: pipeline projects, project ideas and project information.' }) };
const Place = Type.Object({ code: Type.String(), ...Figures });
const MapFigures = Type.Object({
  total: Type.Object(Figures),
  countries: Type.Array(Place, { description: 'ISO 3166-1 alpha-2 codes with at least one post; each equals the list total for ?country=XX with the same filters.' }),
  regions: Type.Array(Place, { description: 'UN M49 regions with at least one post; each equals the list total for ?region=NNN with the same filters.' }),
});

const PlacePost = Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String(), status: Type.String(), role: Type.String({ description: 'lead, coauthor, or the partner role' }) });
const PlaceDetail = Type.Object({
  code: Type.String(),
  type: Type.Union([Type.Literal('country'), Type.Literal('region')]),
  name: Type.String(),
  ...Figures,
  truncated: Type.Boolean({ description: 'More posts match than are listed here; the list (Browse) has them all.' }),
  organizations: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), category: Type.String(), country: Type.String(), posts: Type.Array(PlacePost) })),
  overlaps: Type.Array(
    Type.Object({
      score: Type.Union([Type.Number(), Type.Null()]),
      related: Type.Boolean({ description: 'Marked related by the organizers.' }),
      posts: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), organization: Type.String(), organizationId: Type.String({ description: "The organization's page: /organizations/:id." }) })),
    }),
  ),
});

export const mapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  app.get(
    '/api/v1/map',
    { schema: { tags: ['map'], summary: 'Posts and projects per country and region, over the posts you may see, with the same filters as the list', querystring: MapQuery, response: { 200: MapFigures } } },
    async (request) => mapCounts(db, requireActor(request), request.query),
  );
  app.get(
    '/api/v1/map/places/:code',
    {
      schema: {
        tags: ['map'],
        summary: 'Who does what in one country (ISO alpha-2) or UN M49 region: organizations, their posts, possible overlaps',
        params: Type.Object({ code: Type.String({ pattern: '^([A-Z]{2}|\\d{3})$' }) }),
        querystring: MapQuery,
        response: { 200: PlaceDetail },
      },
    },
    async (request) => placeDetail(db, requireActor(request), request.params.code, request.query),
  );
};
