// Logos and photos (issue 12): optional, sent as the raw image bytes. sharp (libvips, prebuilt in
// its npm package) decodes the content whatever the name or declared type says, refuses anything
// that is not a real PNG, JPEG, WebP or GIF, resizes it and re-encodes it as WebP without any
// metadata (EXIF, GPS, ICC comments). The result is small and kept in the database; each upload
// has a new address, so it is served with a year-long cache.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import sharp from 'sharp';
import { Type } from 'typebox';
import { authorize } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import { Problem, problems } from '../http/problem.js';
import { imageUrl } from './directory-routes.js';

export const IMAGE_BYTES_LIMIT = 5 * 1024 * 1024;
const ACCEPTED = new Set(['png', 'jpeg', 'webp', 'gif']);
const SIZES = { photo: { width: 256, height: 256, fit: 'cover' as const }, logo: { width: 400, height: 400, fit: 'inside' as const } };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Uploaded = Type.Object({ url: Type.String(), width: Type.Integer(), height: Type.Integer() });

const notAnImage = () => new Problem(415, 'not-an-image', 'Not an image', 'Send a PNG, JPEG, WebP or GIF picture (at most 5 MB). The file was not recognised as one from its content.');

/** Decodes, resizes and re-encodes an image; throws 415 for anything that is not one. */
export async function processImage(bytes: Buffer, kind: 'photo' | 'logo'): Promise<{ data: Buffer; width: number; height: number }> {
  let format: string | undefined;
  try {
    format = (await sharp(bytes, { limitInputPixels: 40_000_000 }).metadata()).format;
  } catch {
    throw notAnImage();
  }
  if (!format || !ACCEPTED.has(format)) throw notAnImage();
  try {
    const size = SIZES[kind];
    // rotate() applies the EXIF orientation before the metadata is dropped; WebP output carries none.
    const { data, info } = await sharp(bytes, { limitInputPixels: 40_000_000, animated: false })
      .rotate()
      .resize({ width: size.width, height: size.height, fit: size.fit, withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw notAnImage();
  }
}

export const imageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  // Raw image bytes, in this plugin only.
  for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMAGE_BYTES_LIMIT }, (_request, body, done) => done(null, body));
  }

  async function store(kind: 'photo' | 'logo', bytes: unknown, uploadedBy: string) {
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw notAnImage();
    const image = await processImage(bytes, kind);
    const row = await db.insertInto('images').values({ kind, media_type: 'image/webp', width: image.width, height: image.height, bytes: image.data, uploaded_by: uploadedBy }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, ...image };
  }

  app.put('/api/v1/me/photo', { bodyLimit: IMAGE_BYTES_LIMIT, schema: { tags: ['account'], summary: 'Upload your photo (the image bytes as the body)', response: { 200: Uploaded } } }, async (request) => {
    const actor = requireActor(request);
    const image = await store('photo', request.body, actor.id);
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ photo_id: image.id }).where('id', '=', actor.id).execute();
      await audit(tx, { actorUserId: actor.id, action: 'image.uploaded', targetType: 'user', targetId: actor.id, ip: request.ip, details: { kind: 'photo' } });
    });
    return { url: imageUrl(image.id)!, width: image.width, height: image.height };
  });

  app.delete('/api/v1/me/photo', { schema: { tags: ['account'], summary: 'Remove your photo', response: { 204: Type.Null() } } }, async (request, reply) => {
    const actor = requireActor(request);
    await db.updateTable('users').set({ photo_id: null }).where('id', '=', actor.id).execute();
    return reply.code(204).send(null);
  });

  app.put('/api/v1/organizations/:id/logo', { bodyLimit: IMAGE_BYTES_LIMIT, schema: { tags: ['organizations'], summary: "Upload the organization's logo (its focal point, or organizers)", params: IdParams, response: { 200: Uploaded } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'editLogo', 'organization', { id: request.params.id });
    const org = await db.selectFrom('organizations').select('id').where('id', '=', request.params.id).executeTakeFirst();
    if (!org) throw problems.notFound();
    const image = await store('logo', request.body, actor.id);
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('organizations').set({ logo_id: image.id }).where('id', '=', org.id).execute();
      await audit(tx, { actorUserId: actor.id, action: 'image.uploaded', targetType: 'organization', targetId: org.id, ip: request.ip, details: { kind: 'logo' } });
    });
    return { url: imageUrl(image.id)!, width: image.width, height: image.height };
  });

  app.get('/api/v1/images/:id', { schema: { tags: ['directory'], summary: 'A logo or photo (WebP, cached for a year: a new upload has a new address)', params: IdParams } }, async (request, reply) => {
    requireActor(request);
    const row = await db.selectFrom('images').select(['bytes', 'media_type']).where('id', '=', request.params.id).executeTakeFirst();
    if (!row) throw problems.notFound();
    return reply.type(row.media_type).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(row.bytes);
  });
};
