// Reading documents: what each is attached to (whose visibility it follows), one document for an
// actor (404 exactly like a missing one when they may not see it), and the list and search, which
// always start from `visibleDocumentsFilter`.
import { sql, type Kysely, type Transaction } from 'kysely';
import { authorize, can, visibleDocumentsFilter, type Actor, type DocumentAttachment, type DocumentFacts } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { factsOf } from '../exchange/post-model.js';
import { findPost } from '../exchange/post-store.js';
import { readMeeting } from '../event/meeting-store.js';
import { readConversation } from '../network/conversation-store.js';
import { problems } from '../http/problem.js';
import { regionByCode, regionsOfCountry } from '../../shared/taxonomy/index.js';
import type { DocumentAttachType } from '../../shared/moderation.js';

type Db = Kysely<Database> | Transaction<Database>;

const COLUMNS = [
  'd.id', 'd.title', 'd.description', 'd.attach_type', 'd.post_id', 'd.offer_id', 'd.meeting_id', 'd.conversation_id', 'd.audience', 'd.doc_type', 'd.themes', 'd.areas',
  'd.regions', 'd.organization_id', 'd.uploaded_by', 'd.current_version', 'd.hidden_at', 'd.hidden_reason', 'd.is_demo', 'd.created_at', 'd.updated_at',
] as const;

export function documentsQuery(db: Db) {
  return db
    .selectFrom('documents as d')
    .innerJoin('organizations as o', 'o.id', 'd.organization_id')
    .innerJoin('users as u', 'u.id', 'd.uploaded_by')
    .innerJoin('document_versions as v', (join) => join.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
    .select([...COLUMNS, 'o.name as org_name', 'u.name as uploader_name', 'v.file_name', 'v.format', 'v.media_type', 'v.size_bytes']);
}
export type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentsQuery>['executeTakeFirstOrThrow']>>;

/** Where a document hangs, with the facts of that item the rules need; null when the item is gone. */
export async function attachmentOf(db: Db, ref: { attach_type: DocumentAttachType; post_id: string | null; offer_id: string | null; meeting_id: string | null; conversation_id: string | null; audience: 'all' | 'full' | null }): Promise<{ facts: DocumentAttachment; title: string; id: string | null } | null> {
  switch (ref.attach_type) {
    case 'library':
      return { facts: { type: 'library', audience: ref.audience ?? 'full' }, title: '', id: null };
    case 'post':
    case 'project': {
      const post = ref.post_id ? await findPost(db, ref.post_id) : undefined;
      return post ? { facts: { type: ref.attach_type, post: factsOf(post) }, title: post.title, id: post.id } : null;
    }
    case 'offer': {
      const offer = ref.offer_id
        ? await db
            .selectFrom('offers as f')
            .innerJoin('posts as p', 'p.id', 'f.post_id')
            .select(['f.id', 'f.summary', 'f.organization_id', 'f.hidden_at', 'p.kind', 'p.audience', 'p.organization_id as post_org', 'p.hidden_at as post_hidden_at', 'p.published_at as post_published_at'])
            .where('f.id', '=', ref.offer_id)
            .executeTakeFirst()
        : undefined;
      if (!offer) return null;
      const post = factsOf({ kind: offer.kind, audience: offer.audience, organization_id: offer.post_org, hidden_at: offer.post_hidden_at, published_at: offer.post_published_at });
      return { facts: { type: 'offer', post, offeringOrganizationId: offer.organization_id, hidden: offer.hidden_at !== null }, title: offer.summary, id: offer.id };
    }
    case 'meeting': {
      const meeting = ref.meeting_id ? await readMeeting(db, ref.meeting_id) : null;
      return meeting ? { facts: { type: 'meeting', meeting: meeting.facts }, title: meeting.row.topic, id: meeting.row.id } : null;
    }
    case 'conversation': {
      const conversation = ref.conversation_id ? await readConversation(db, ref.conversation_id) : null;
      return conversation ? { facts: { type: 'conversation', conversation: conversation.facts }, title: conversation.subject, id: conversation.id } : null;
    }
  }
}

export interface LoadedDocument {
  row: DocumentRow;
  facts: DocumentFacts;
  attachment: { type: DocumentAttachType; id: string | null; title: string };
}

/** The document, if this actor may see it; otherwise 404, exactly like one that does not exist. */
export async function findVisibleDocument(db: Db, actor: Actor, id: string): Promise<LoadedDocument> {
  const row = await documentsQuery(db).where('d.id', '=', id).executeTakeFirst();
  const attachment = row ? await attachmentOf(db, row) : null;
  if (!row || !attachment) throw problems.notFound();
  const facts: DocumentFacts = { attachment: attachment.facts, organizationId: row.organization_id, hidden: row.hidden_at !== null };
  authorize(actor, 'read', 'document', facts, { hide: true });
  return { row, facts, attachment: { type: row.attach_type, id: attachment.id, title: attachment.title } };
}

export async function versionsOf(db: Db, documentId: string) {
  return db
    .selectFrom('document_versions as v')
    .innerJoin('users as u', 'u.id', 'v.uploaded_by')
    .select(['v.version', 'v.file_name', 'v.format', 'v.media_type', 'v.size_bytes', 'v.sha256', 'v.created_at', 'u.id as user_id', 'u.name as user_name'])
    .where('v.document_id', '=', documentId)
    .orderBy('v.version', 'desc')
    .execute();
}

export function serializeDocument(actor: Actor, d: LoadedDocument | { row: DocumentRow; facts: DocumentFacts; attachment: LoadedDocument['attachment'] | null }, extra: { snippet?: string; versions?: Awaited<ReturnType<typeof versionsOf>> } = {}) {
  const r = d.row;
  const attachmentVisible = d.attachment && r.attach_type !== 'library';
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    docType: r.doc_type,
    attachedTo: attachmentVisible && d.attachment ? { type: d.attachment.type, id: d.attachment.id ?? '', title: d.attachment.title } : null,
    library: r.attach_type === 'library' ? { audience: r.audience ?? 'full', themes: r.themes, areas: r.areas, regions: r.regions } : null,
    fileName: r.file_name,
    format: r.format,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    version: r.current_version,
    organization: { id: r.organization_id, name: r.org_name },
    uploadedBy: { id: r.uploaded_by, name: r.uploader_name },
    hidden: r.hidden_at ? { at: r.hidden_at.toISOString(), reason: r.hidden_reason ?? '' } : null,
    isDemo: r.is_demo,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    downloadUrl: `/api/v1/documents/${r.id}/download`,
    ...(extra.snippet !== undefined ? { snippet: extra.snippet } : {}),
    ...(extra.versions
      ? {
          versions: extra.versions.map((v) => ({
            version: v.version,
            fileName: v.file_name,
            format: v.format,
            sizeBytes: Number(v.size_bytes),
            sha256: v.sha256,
            uploadedAt: v.created_at.toISOString(),
            uploadedBy: { id: v.user_id, name: v.user_name },
            downloadUrl: `/api/v1/documents/${r.id}/download?version=${v.version}`,
          })),
        }
      : {}),
    permissions: { addVersion: can(actor, 'addVersion', 'document', d.facts), hide: can(actor, 'hide', 'document', d.facts) },
  };
}

/** Every region above those named, and the regions of the countries named: what a region filter matches. */
export function geoOfRegions(regions: string[]): string[] {
  const codes = new Set<string>();
  for (const code of regions) {
    if (/^[A-Z]{2}$/.test(code)) {
      codes.add(code);
      for (const r of regionsOfCountry(code)) codes.add(r);
    }
    for (let region = regionByCode(code); region; region = region.parent ? regionByCode(region.parent) : undefined) codes.add(region.code);
  }
  return [...codes].sort();
}

export interface DocumentFilters {
  q?: string;
  library?: boolean;
  attachType?: DocumentAttachType;
  attachId?: string;
  theme?: string[];
  area?: string[];
  region?: string[];
  type?: string[];
  limit?: number;
  cursor?: string;
}

const START = '\u0002';
const STOP = '\u0003';
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The documents this actor may see, newest first, narrowed by the filters. */
export async function listDocuments(db: Kysely<Database>, actor: Actor, f: DocumentFilters) {
  const limit = f.limit ?? 20;
  const q = f.q?.trim() || null;
  let base = db.selectFrom('documents as d').where(visibleDocumentsFilter(actor));
  if (q) base = base.where(sql<boolean>`d.search @@ websearch_to_tsquery('english', ${q})`);
  if (f.library !== undefined) base = base.where('d.attach_type', f.library ? '=' : '!=', 'library');
  if (f.attachType) base = base.where('d.attach_type', '=', f.attachType);
  if (f.attachId) base = base.where((eb) => eb.or([eb('d.post_id', '=', f.attachId!), eb('d.offer_id', '=', f.attachId!), eb('d.meeting_id', '=', f.attachId!), eb('d.conversation_id', '=', f.attachId!)]));
  if (f.theme?.length) base = base.where(sql<boolean>`d.themes && ${sql.val(f.theme)}::text[]`);
  if (f.area?.length) base = base.where(sql<boolean>`d.areas && ${sql.val(f.area)}::text[]`);
  if (f.region?.length) base = base.where(sql<boolean>`d.geo && ${sql.val(f.region)}::text[]`);
  if (f.type?.length) base = base.where('d.doc_type', 'in', f.type as never);

  let cursor: { at: string; id: string } | null = null;
  if (f.cursor) {
    try {
      cursor = JSON.parse(Buffer.from(f.cursor, 'base64url').toString('utf8')) as { at: string; id: string };
      if (typeof cursor.at !== 'string' || Number.isNaN(Date.parse(cursor.at)) || !/^[0-9a-f-]{36}$/.test(cursor.id)) throw new Error('bad cursor');
    } catch {
      throw problems.badRequest('invalid-cursor', 'The cursor is not one this server gave out. Start again from the first page.');
    }
  }
  const idsQuery = base
    .select(['d.id', 'd.created_at'])
    .$if(cursor !== null, (qb) => qb.where(sql<boolean>`(d.created_at, d.id) < (${new Date(cursor!.at)}, ${cursor!.id}::uuid)`))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit + 1);
  const [ids, total] = await Promise.all([idsQuery.execute(), base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()]);
  const page = ids.slice(0, limit).map((r) => r.id);
  const rows = page.length ? await documentsQuery(db).where('d.id', 'in', page).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const snippets = new Map<string, string>();
  if (q && page.length) {
    const heads = await db
      .selectFrom('documents')
      .select(['id', sql<string>`ts_headline('english', description || ' ' || body_text, websearch_to_tsquery('english', ${q}), ${`StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`})`.as('headline')])
      .where('id', 'in', page)
      .execute();
    for (const h of heads) snippets.set(h.id, escapeHtml(h.headline).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>'));
  }
  const items = [];
  for (const id of page) {
    const row = byId.get(id)!;
    const attachment = await attachmentOf(db, row);
    const facts: DocumentFacts = { attachment: attachment?.facts ?? { type: 'library', audience: 'full' }, organizationId: row.organization_id, hidden: row.hidden_at !== null };
    // Only the title of an item the actor may see is named (it is, since the document follows it).
    items.push(serializeDocument(actor, { row, facts, attachment: attachment ? { type: row.attach_type, id: attachment.id, title: attachment.title } : null }, { snippet: snippets.get(id) ?? escapeHtml(row.description.slice(0, 240)) }));
  }
  const last = ids[limit - 1];
  const nextCursor = ids.length > limit && last ? Buffer.from(JSON.stringify({ at: last.created_at.toISOString(), id: last.id })).toString('base64url') : null;
  return { items, total: total.n, nextCursor };
}
