// The Forum event as one feature: the event and its programme, rooms, meetings and the personal agenda.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { agendaRoutes } from './agenda-routes.js';
import { eventRoutes } from './event-routes.js';
import { meetingRoutes } from './meeting-routes.js';

export const eventFeature: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(eventRoutes);
  await app.register(meetingRoutes);
  await app.register(agendaRoutes);
};
