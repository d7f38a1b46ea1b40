// The network (issue 12): the directory, conversations between organizations, your account, your work.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { conversationRoutes } from './conversation-routes.js';
import { directoryRoutes } from './directory-routes.js';
import { accountRoutes } from './account-routes.js';
import { imageRoutes } from './image-routes.js';

export const networkFeature: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(directoryRoutes);
  await app.register(conversationRoutes);
  await app.register(accountRoutes);
  await app.register(imageRoutes);
};
