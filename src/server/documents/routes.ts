// The document library: upload a document to a post, an offer, a project, a meeting or the library
// itself; list and search what you may see; read one; download it (always as an attachment, with
// the type its content was recognised as). Visibility follows what the document is attached to.
import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AUDIENCES, type Audience } from '../../shared/exchange.js';
import { DOCUMENT_ATTACH_TYPES, DOCUMENT_TYPES, type DocumentAttachType, type DocumentType } from '../../shared/moderation.js';
import { isProjectKind } from '../../shared/coordination.js';
import { AREA_CODES, THEME_CODES, isAreaCode, isCountryCode, isRegionCode, isThemeCode } from '../../shared/taxonomy/index.js';
import { authorize, can, type Actor, type DocumentAttachment } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { StringEnum } from '../http/schema-helpers.js';
import type { Finding } from '../privacy/detector.js';
import { checkFaces, faceFindings } from '../privacy/faces.js';
import { screenText } from '../privacy/guard.js';
import { attachmentOf, findVisibleDocument, geoOfRegions, listDocuments, serializeDocument, versionsOf } from './document-store.js';
import { inspectFile, MEDIA_TYPES, type Inspected } from './inspect.js';
import { createStorage, type BlobStorage } from './storage.js';
import { readUpload, type Upload } from './upload.js';
import { loadDemoLibrary } from './demo-library.js';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    documentStorage: BlobStorage;
  }
}

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });
const DocumentSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  docType: StringEnum(DOCUMENT_TYPES),
  attachedTo: Type.Union([Type.Object({ type: StringEnum(DOCUMENT_ATTACH_TYPES), id: Type.String(), title: Type.String() }), Type.Null()]),
  library: Type.Union([Type.Object({ audience: StringEnum(AUDIENCES), themes: Type.Array(Type.String()), areas: Type.Array(Type.String()), regions: Type.Array(Type.String()) }), Type.Null()]),
  fileName: Type.String(),
  format: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  version: Type.Integer(),
  organization: PersonRef,
  uploadedBy: PersonRef,
  hidden: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
  isDemo: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  downloadUrl: Type.String(),
  snippet: Type.Optional(Type.String({ description: 'HTML-escaped text with matches wrapped in <mark>.' })),
  versions: Type.Optional(
    Type.Array(Type.Object({ version: Type.Integer(), fileName: Type.String(), format: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String(), uploadedAt: Type.String(), uploadedBy: PersonRef, downloadUrl: Type.String() })),
  ),
  permissions: Type.Object({ addVersion: Type.Boolean(), hide: Type.Boolean() }),
});
const Many = (values: readonly string[]) => Type.Optional(Type.Array(StringEnum(values), { maxItems: 20 }));
const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  library: Type.Optional(Type.Boolean({ description: 'true: the library only; false: attached documents only.' })),
  attachType: Type.Optional(StringEnum(DOCUMENT_ATTACH_TYPES)),
  attachId: Type.Optional(Type.String({ format: 'uuid' })),
  theme: Many(THEME_CODES),
  area: Many(AREA_CODES),
  region: Type.Optional(Type.Array(Type.String({ pattern: '^(\\d{3}|[A-Z]{2})$' }), { maxItems: 20 })),
  type: Many(DOCUMENT_TYPES),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
const UPLOAD_DESCRIPTION =
  'multipart/form-data: `file` (PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; recognised by content), and either `attachTo` holding the JSON text ' +
  '`{"type": "post"|"offer"|"project"|"meeting"|"conversation", "id": "…"}` (with optional `title`, `description`, `docType` fields) or `library` holding ' +
  '`{"title", "audience", "description"?, "docType"?, "themes"?, "areas"?, "regions"?}` (organizers). `confirmNoVictimData`: `true` to save text the privacy guard questioned.';

interface Placement {
  attachType: DocumentAttachType;
  facts: DocumentAttachment;
  columns: { post_id?: string; offer_id?: string; meeting_id?: string; conversation_id?: string; audience?: Audience };
  title: string;
  description: string;
  docType: DocumentType;
  themes: string[];
  areas: string[];
  regions: string[];
}

function parseJsonField(fields: Record<string, string>, name: string): Record<string, unknown> {
  try {
    const value = JSON.parse(fields[name]!) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw problems.validation([fieldError(name, 'must be a JSON object, e.g. {"type": "post", "id": "…"}')]);
  }
}

const text = (errors: FieldError[], field: string, value: unknown, { required = false, max = 200, oneLine = false } = {}): string => {
  if (value === undefined || value === null || value === '') {
    if (required) errors.push(fieldError(field, 'is required'));
    return '';
  }
  if (typeof value !== 'string') errors.push(fieldError(field, 'must be text'));
  else if (value.length > max) errors.push(fieldError(field, `must be at most ${max} characters long`));
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) errors.push(fieldError(field, 'contains characters that are not text'));
  // A title is one line, like every title of the API (http/schema-helpers.ts SingleLine).
  else if (oneLine && /[\r\n\u2028\u2029\u0085]/.test(value)) errors.push(fieldError(field, 'must be on one line (no line breaks)'));
  else return value.trim();
  return '';
};

function codes(errors: FieldError[], field: string, value: unknown, valid: (code: string) => boolean): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 20 || value.some((v) => typeof v !== 'string')) {
    errors.push(fieldError(field, 'must be a list of at most 20 codes'));
    return [];
  }
  value.forEach((v: string, i) => {
    if (!valid(v)) errors.push(fieldError(`${field}.${i}`, `"${v.slice(0, 20)}" is not a known code`));
  });
  return [...new Set(value as string[])];
}

const stem = (fileName: string) => fileName.replace(/\.[^.]{1,5}$/, '').replace(/[_]+/g, ' ').trim() || fileName;

async function placementOf(db: Kysely<Database>, actor: Actor, upload: Upload): Promise<Placement> {
  const f = upload.fields;
  if ((f.attachTo === undefined) === (f.library === undefined)) {
    throw problems.validation([fieldError('attachTo', 'send either attachTo (the item the document belongs to) or library (a library document), not both and not neither')]);
  }
  const errors: FieldError[] = [];
  if (f.library !== undefined) {
    const lib = parseJsonField(f, 'library');
    for (const key of Object.keys(lib)) if (!['title', 'description', 'audience', 'docType', 'themes', 'areas', 'regions'].includes(key)) errors.push(fieldError(`library.${key}`, 'is not a known field'));
    const title = text(errors, 'library.title', lib.title, { required: true, oneLine: true });
    const description = text(errors, 'library.description', lib.description, { max: 2000 });
    if (!AUDIENCES.includes(lib.audience as Audience)) errors.push(fieldError('library.audience', `must be one of: ${AUDIENCES.join(', ')}`));
    if (lib.docType !== undefined && !DOCUMENT_TYPES.includes(lib.docType as DocumentType)) errors.push(fieldError('library.docType', `must be one of: ${DOCUMENT_TYPES.join(', ')}`));
    const themes = codes(errors, 'library.themes', lib.themes, isThemeCode);
    const areas = codes(errors, 'library.areas', lib.areas, isAreaCode);
    const regions = codes(errors, 'library.regions', lib.regions, (c) => isRegionCode(c) || isCountryCode(c));
    if (errors.length) throw problems.validation(errors);
    const facts: DocumentAttachment = { type: 'library', audience: lib.audience as Audience };
    authorize(actor, 'attach', 'documentTarget', facts);
    return { attachType: 'library', facts, columns: { audience: lib.audience as Audience }, title, description, docType: (lib.docType as DocumentType) ?? 'other', themes, areas, regions };
  }

  const target = parseJsonField(f, 'attachTo');
  const type = target.type as DocumentAttachType;
  if (!DOCUMENT_ATTACH_TYPES.includes(type) || type === 'library') errors.push(fieldError('attachTo.type', 'must be one of: post, offer, project, meeting, conversation'));
  if (typeof target.id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(target.id)) errors.push(fieldError('attachTo.id', 'must be the id (a UUID) of the item'));
  const title = text(errors, 'title', f.title, { oneLine: true }) || stem(upload.fileName);
  const description = text(errors, 'description', f.description, { max: 2000 });
  if (f.docType !== undefined && !DOCUMENT_TYPES.includes(f.docType as DocumentType)) errors.push(fieldError('docType', `must be one of: ${DOCUMENT_TYPES.join(', ')}`));
  if (errors.length) throw problems.validation(errors);
  const id = target.id as string;
  const ref = { attach_type: type, post_id: type === 'post' || type === 'project' ? id : null, offer_id: type === 'offer' ? id : null, meeting_id: type === 'meeting' ? id : null, conversation_id: type === 'conversation' ? id : null, audience: null };
  const attachment = await attachmentOf(db, ref);
  // Something that does not exist, or that the actor may not see, answers alike: 404.
  if (!attachment || attachment.id === null) throw problems.notFound();
  const facts = attachment.facts;
  if ((facts.type === 'post' || facts.type === 'project') && !can(actor, 'read', 'post', facts.post)) throw problems.notFound();
  if (facts.type === 'offer' && !can(actor, 'read', 'offer', { post: facts.post, offeringOrganizationId: facts.offeringOrganizationId, hidden: facts.hidden })) throw problems.notFound();
  if (facts.type === 'meeting' && !can(actor, 'read', 'meeting', facts.meeting)) throw problems.notFound();
  if (facts.type === 'conversation' && !can(actor, 'read', 'conversation', facts.conversation)) throw problems.notFound();
  if (facts.type === 'project' && !isProjectKind(facts.post.kind)) throw problems.validation([fieldError('attachTo.type', 'this post is not a project: attach the document to it as "post"')]);
  authorize(actor, 'attach', 'documentTarget', facts);
  const column = type === 'post' || type === 'project' ? 'post_id' : type === 'offer' ? 'offer_id' : type === 'meeting' ? 'meeting_id' : 'conversation_id';
  return { attachType: type, facts, columns: { [column]: id }, title, description, docType: (f.docType as DocumentType) ?? 'project_document', themes: [], areas: [], regions: [] };
}

/** A download name that says what the file is: the name as uploaded, with the extension of its real type. */
const EXTENSIONS: Record<string, string> = { jpeg: 'jpg' };
function downloadName(fileName: string, format: string): string {
  const ext = EXTENSIONS[format] ?? format;
  return new RegExp(`\\.${ext}$`, 'i').test(fileName) ? fileName : `${fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.${ext}`;
}

/** RFC 6266 / RFC 5987: an ASCII fallback and the UTF-8 name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app;
  const storage = createStorage(config.documents);
  app.decorate('documentStorage', storage);
  if (config.demo) await loadDemoLibrary(db, storage);
  // Multipart only inside this plugin; one file per request, cut off at the configured size.
  // preservePath: file names arrive as sent, so one with folders in it is refused rather than cut short.
  await app.register(multipart, { preservePath: true, limits: { fileSize: config.documents.maxBytes, files: 1, fields: 8, fieldSize: 16 * 1024, parts: 10, headerPairs: 40 }, throwFileSizeLimit: true });

  /**
   * The privacy guard's findings for the faces in an uploaded image, or in the pictures of an office
   * file. A picture that cannot be checked is let through and logged (the guard never blocks for its own failure).
   */
  async function facesIn(inspected: Inspected, log: FastifyBaseLogger): Promise<Finding[]> {
    if (!config.documents.faceCheck) return [];
    const findings: Finding[] = [];
    for (const picture of inspected.pictures ?? []) {
      const check = await checkFaces(picture.data);
      if (!check.checked) {
        log.warn({ picture: picture.name || undefined, why: check.why }, 'an uploaded picture could not be checked for faces');
        continue;
      }
      for (const finding of faceFindings(check.faces)) findings.push(picture.name ? { ...finding, text: `${finding.text} in ${picture.name}` } : finding);
    }
    return findings;
  }

  /** Checks, screens and stores one upload as version `version` of a document; returns the storage key. */
  async function accept(actor: Actor, upload: Upload, texts: Record<string, string>, log: FastifyBaseLogger) {
    const inspected = await inspectFile(upload.path);
    const privacy = screenText({ ...texts, file: inspected.text }, upload.fields.confirmNoVictimData === 'true', await facesIn(inspected, log));
    const key = `documents/${randomUUID()}`;
    await storage.put(key, upload.path, upload.size, inspected.mediaType);
    return { inspected, privacy, key };
  }

  app.post(
    '/api/v1/documents',
    { schema: { tags: ['documents'], summary: 'Upload a document to an item or the library', description: UPLOAD_DESCRIPTION, consumes: ['multipart/form-data'], response: { 201: DocumentSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readUpload(request, config.documents.maxBytes);
      let stored: string | null = null;
      try {
        const placement = await placementOf(db, actor, upload);
        const { inspected, privacy, key } = await accept(actor, upload, { title: placement.title, description: placement.description }, request.log);
        stored = key;
        const id = await db.transaction().execute(async (tx) => {
          const { id } = await tx
            .insertInto('documents')
            .values({
              title: placement.title,
              description: placement.description,
              attach_type: placement.attachType,
              ...placement.columns,
              doc_type: placement.docType,
              themes: placement.themes,
              areas: placement.areas,
              regions: placement.regions,
              geo: geoOfRegions(placement.regions),
              organization_id: actor.organizationId,
              uploaded_by: actor.id,
              body_text: inspected.text,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await tx
            .insertInto('document_versions')
            .values({ document_id: id, version: 1, file_name: downloadName(upload.fileName, inspected.format), format: inspected.format, media_type: inspected.mediaType, size_bytes: upload.size, sha256: upload.sha256, storage_key: key, uploaded_by: actor.id })
            .execute();
          await privacy.flag(tx, { type: 'document', id });
          return id;
        });
        stored = null;
        const doc = await findVisibleDocument(db, actor, id);
        return reply.code(201).header('location', `/api/v1/documents/${id}`).send(serializeDocument(actor, doc, { versions: await versionsOf(db, id) }));
      } finally {
        // Whatever went wrong after the file reached the storage, it does not stay there.
        if (stored) await storage.delete(stored).catch((error: unknown) => request.log.error({ err: error }, 'could not remove a stored upload'));
        await upload.discard();
      }
    },
  );

  app.post(
    '/api/v1/documents/:id/versions',
    { schema: { tags: ['documents'], summary: 'Upload a new version of a document (the old ones stay listed)', description: 'multipart/form-data: `file`, and `confirmNoVictimData` if needed.', consumes: ['multipart/form-data'], params: IdParams, response: { 201: DocumentSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const doc = await findVisibleDocument(db, actor, request.params.id);
      authorize(actor, 'addVersion', 'document', doc.facts);
      const upload = await readUpload(request, config.documents.maxBytes);
      let stored: string | null = null;
      try {
        const { inspected, privacy, key } = await accept(actor, upload, {}, request.log);
        stored = key;
        await db.transaction().execute(async (tx) => {
          const row = await tx.selectFrom('documents').select('current_version').where('id', '=', doc.row.id).forUpdate().executeTakeFirstOrThrow();
          const version = row.current_version + 1;
          await tx
            .insertInto('document_versions')
            .values({ document_id: doc.row.id, version, file_name: downloadName(upload.fileName, inspected.format), format: inspected.format, media_type: inspected.mediaType, size_bytes: upload.size, sha256: upload.sha256, storage_key: key, uploaded_by: actor.id })
            .execute();
          await tx.updateTable('documents').set({ current_version: version, body_text: inspected.text, updated_at: new Date() }).where('id', '=', doc.row.id).execute();
          await privacy.flag(tx, { type: 'document', id: doc.row.id });
        });
        stored = null;
        const updated = await findVisibleDocument(db, actor, doc.row.id);
        return reply.code(201).send(serializeDocument(actor, updated, { versions: await versionsOf(db, doc.row.id) }));
      } finally {
        if (stored) await storage.delete(stored).catch((error: unknown) => request.log.error({ err: error }, 'could not remove a stored upload'));
        await upload.discard();
      }
    },
  );

  app.get(
    '/api/v1/documents',
    { schema: { tags: ['documents'], summary: 'Documents you may see, newest first: search titles and text, filter the library', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(DocumentSchema), total: Type.Integer(), nextCursor: Type.Union([Type.String(), Type.Null()]) }) } } },
    async (request) => listDocuments(db, requireActor(request), request.query),
  );

  app.get('/api/v1/documents/:id', { schema: { tags: ['documents'], summary: 'One document with its versions', params: IdParams, response: { 200: DocumentSchema } } }, async (request) => {
    const actor = requireActor(request);
    const doc = await findVisibleDocument(db, actor, request.params.id);
    return serializeDocument(actor, doc, { versions: await versionsOf(db, doc.row.id) });
  });

  app.get(
    '/api/v1/documents/:id/download',
    {
      schema: {
        tags: ['documents'],
        summary: 'The file, always as an attachment (the current version, or ?version=N)',
        params: IdParams,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        produces: Object.values(MEDIA_TYPES),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const doc = await findVisibleDocument(db, actor, request.params.id);
      const version = await db
        .selectFrom('document_versions')
        .select(['file_name', 'media_type', 'size_bytes', 'storage_key', 'sha256'])
        .where('document_id', '=', doc.row.id)
        .where('version', '=', request.query.version ?? doc.row.current_version)
        .executeTakeFirst();
      if (!version) throw problems.notFound('This document has no such version.');
      const stream = await storage.get(version.storage_key);
      return reply
        .header('content-type', version.media_type)
        .header('content-length', String(version.size_bytes))
        .header('content-disposition', contentDisposition(version.file_name))
        .header('x-content-type-options', 'nosniff')
        // Even opened directly, the file runs nothing in the Forum's origin.
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('etag', `"${version.sha256}"`)
        .send(stream);
    },
  );

  for (const action of ['hide', 'unhide'] as const) {
    app.post(
      `/api/v1/documents/:id/${action}`,
      { schema: { tags: ['moderation'], summary: action === 'hide' ? 'Hide a document (organizers)' : 'Show a hidden document again (organizers)', params: IdParams, body: action === 'hide' ? Type.Object({ reason: Type.String({ minLength: 5, maxLength: 1000 }) }, { additionalProperties: false }) : Type.Object({}, { additionalProperties: false }), response: { 200: DocumentSchema } } },
      async (request) => {
        const actor = requireActor(request);
        const doc = await findVisibleDocument(db, actor, request.params.id);
        authorize(actor, action, 'document', doc.facts);
        const reason = (request.body as { reason?: string }).reason?.trim() ?? null;
        await db.transaction().execute(async (tx) => {
          await tx.updateTable('documents').set(action === 'hide' ? { hidden_at: new Date(), hidden_reason: reason, hidden_by: actor.id } : { hidden_at: null, hidden_reason: null, hidden_by: null }).where('id', '=', doc.row.id).execute();
          await audit(tx, { actorUserId: actor.id, action: action === 'hide' ? 'document.hidden' : 'document.unhidden', targetType: 'document', targetId: doc.row.id, ip: request.ip, details: reason ? { reason } : {} });
        });
        const updated = await findVisibleDocument(db, actor, doc.row.id);
        return serializeDocument(actor, updated, { versions: await versionsOf(db, doc.row.id) });
      },
    );
  }
};
