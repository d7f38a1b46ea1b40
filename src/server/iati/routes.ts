// IATI 2.03 out and in: GET /api/v1/iati/activities.xml and /api/v1/iati/organisation.xml for
// every participant (what they may see), POST /api/v1/iati/imports for organizers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize } from '../access/index.js';
import { requireActor } from '../auth/sessions.js';
import { ListPostsQuery } from '../exchange/post-schemas.js';
import { Problem } from '../http/problem.js';
import { StringEnum } from '../http/schema-helpers.js';
import { AUDIENCES } from '../../shared/exchange.js';
import { activitiesXml, IATI_EXPORT_MAX, organisationsXml } from './export.js';
import { IATI_IMPORT_MAX_ACTIVITIES, IATI_IMPORT_MAX_BYTES, importActivities } from './import.js';

const { cursor: _cursor, limit: _limit, sort: _sort, ...filterProperties } = ListPostsQuery.properties;
const ExportQuery = Type.Object(filterProperties);

const NotImported = Type.Object({ element: Type.String(), detail: Type.String() });
const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  organization: Type.Object({ id: Type.String(), name: Type.String() }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: Type.Integer(),
  activities: Type.Array(
    Type.Object({
      iatiIdentifier: Type.String(),
      title: Type.String(),
      action: StringEnum(['created', 'updated', 'unchanged', 'skipped'] as const),
      postId: Type.Union([Type.String(), Type.Null()]),
      reason: Type.Union([Type.String(), Type.Null()]),
      notImported: Type.Array(NotImported, { description: 'What the Forum does not keep of this activity.' }),
    }),
  ),
});

const noActivities = () => new Problem(404, 'no-iati-activities', 'Nothing to export', 'No post you may see matches these filters and is an IATI activity (pipeline projects, project ideas, project information with a budget or partners). An IATI file must hold at least one.');

export const iatiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app;
  const day = () => new Date().toISOString().slice(0, 10);

  app.get(
    '/api/v1/iati/activities.xml',
    {
      schema: {
        tags: ['iati'],
        summary: `Pipeline projects, project ideas and project information with a budget or partners that you may see, with the same filters as the list, as IATI 2.03 activities (at most ${IATI_EXPORT_MAX}, by identifier)`,
        querystring: ExportQuery,
        produces: ['application/xml'],
      },
    },
    async (request, reply) => {
      const xml = await activitiesXml(db, requireActor(request), request.query, config.iati, config.publicUrl);
      if (xml === null) throw noActivities();
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="virtual-forum-iati-activities-${day()}.xml"`)
        .header('cache-control', 'private, no-store')
        .send(xml);
    },
  );

  app.get(
    '/api/v1/iati/organisation.xml',
    { schema: { tags: ['iati'], summary: 'The organizations of the directory as IATI 2.03 organisations', produces: ['application/xml'] } },
    async (request, reply) => {
      const xml = await organisationsXml(db, requireActor(request), config.iati);
      if (xml === null) throw new Problem(404, 'no-iati-organisations', 'Nothing to export', 'There is no organization to export.');
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="virtual-forum-iati-organisations-${day()}.xml"`)
        .header('cache-control', 'private, no-store')
        .send(xml);
    },
  );

  // The file is the request body, as XML; only this route reads XML bodies.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: IATI_IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));
  app.post(
    '/api/v1/iati/imports',
    {
      bodyLimit: IATI_IMPORT_MAX_BYTES,
      schema: {
        tags: ['iati'],
        summary: `Organizers: import an IATI 2.03 activities file (the body, as application/xml; at most ${IATI_IMPORT_MAX_ACTIVITIES} activities) as project-information posts of an organization`,
        description: 'A file that does not validate against the IATI 2.03 activity schema is refused (400 iati-invalid, with schemaErrors) and changes nothing. Activities are matched on their IATI identifier: importing again updates the posts made before and never duplicates them. dryRun=true answers what would happen without saving.',
        querystring: Type.Object({
          organizationId: Type.String({ format: 'uuid' }),
          audience: Type.Optional(StringEnum(AUDIENCES, { description: 'Who sees the new posts (default all).' })),
          dryRun: Type.Optional(Type.Boolean()),
        }),
        consumes: ['application/xml'],
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'create', 'iatiImport', { organizationId: request.query.organizationId });
      if (typeof request.body !== 'string') throw new Problem(415, 'unsupported-media-type', 'Send the file as XML', 'Send the IATI file itself as the request body, with Content-Type: application/xml.');
      return importActivities(db, actor, request.body, { organizationId: request.query.organizationId, audience: request.query.audience ?? 'all', dryRun: request.query.dryRun ?? false }, config.iati);
    },
  );
};
