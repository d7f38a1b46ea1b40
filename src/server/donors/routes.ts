// The donors feature as one plugin: funding (interest, pledges, gaps, donor view, donor flag) and saved searches.
import type { FastifyPluginAsync } from 'fastify';
import { fundingRoutes } from './funding-routes.js';
import { savedSearchRoutes } from './saved-search-routes.js';

export const donorRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fundingRoutes);
  await app.register(savedSearchRoutes);
};
