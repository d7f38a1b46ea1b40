// Markdown preview for the compose and comment forms: rendered and sanitized by the very code that
// renders saved posts, so what the author previews is exactly what readers will see, and the web
// app needs no Markdown library of its own (the first load stays small).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../auth/sessions.js';
import { renderMarkdown } from './markdown.js';

const PreviewBody = Type.Object({ markdown: Type.String({ maxLength: 20_000, description: 'Markdown, as in a post or comment body.' }) }, { additionalProperties: false });
const PreviewResult = Type.Object({ html: Type.String({ description: 'Sanitized HTML.' }) });

export const previewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/markdown/preview',
    { schema: { tags: ['posts'], summary: 'Render Markdown as a post would show it (nothing is saved)', body: PreviewBody, response: { 200: PreviewResult } } },
    async (request) => {
      // Signed-in participants only: this is a writing aid, not a public rendering service.
      requireActor(request);
      return { html: renderMarkdown(request.body.markdown) };
    },
  );
};
