// GET /api/v1/statistics: the measures of the Forum's purpose, within the user's tier.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../auth/sessions.js';
import { statisticsFor } from './statistics.js';

const Counts = Type.Record(Type.String(), Type.Integer());
const Decimal = Type.String({ description: 'A decimal amount, e.g. "1200.00".' });

export const Statistics = Type.Object({
  posts: Type.Object({ total: Type.Integer(), byKind: Counts, byRegion: Counts, byArea: Counts }),
  requests: Type.Object({
    total: Type.Integer(),
    answered: Type.Integer({ description: 'Technical-assistance requests with an accepted offer, in progress or closed.' }),
    unanswered: Type.Integer({ description: 'Open requests without an accepted offer.' }),
    withdrawn: Type.Integer({ description: 'Withdrawn without an accepted offer.' }),
  }),
  cooperation: Type.Object({
    projects: Type.Integer({ description: 'Projects developed cooperatively: partners or co-authors from an organization besides the lead (as on each project page).' }),
    posts: Type.Integer({ description: 'Posts of any kind (requests included) with partners from at least two organizations.' }),
  }),
  overlaps: Type.Object({
    found: Type.Integer({ description: "Possible overlaps found by the organizers' scan or marked by them, between two posts you may see." }),
    resolved: Type.Integer({ description: 'Of those, the pairs organizers have marked (related, or not a duplicate).' }),
    related: Type.Integer(),
    notDuplicate: Type.Integer(),
  }),
  funding: Type.Object({
    projectsSeeking: Type.Integer(),
    projectsWithoutBudget: Type.Integer({ description: 'Seeking funding without a budget currency: no gap can be stated.' }),
    byCurrency: Type.Array(
      Type.Object({ currency: Type.String(), projects: Type.Integer(), sought: Decimal, pledged: Decimal, gap: Decimal }),
      { description: 'Per budget currency; amounts are never converted between currencies.' },
    ),
  }),
});

export const statisticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/statistics',
    { schema: { tags: ['statistics'], summary: "Measures of the Forum's purpose, counted over the posts you may see", response: { 200: Statistics } } },
    async (request) => statisticsFor(app.db, requireActor(request)),
  );
};
