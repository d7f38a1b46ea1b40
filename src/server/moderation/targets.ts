// What a report can be about: a post, a comment, an offer, a document, a conversation message, a
// government's self-assessment (its notes; issue 18).
// For each: whether the actor may see it (a report on something one cannot see answers 404 like a
// missing item), its author, the context the organizers' queue shows, and how it is hidden and
// shown again.
import type { Kysely, Transaction } from 'kysely';
import type { ReportTargetType } from '../../shared/moderation.js';
import { can, canSeeComment, type Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { findVisibleDocument } from '../documents/document-store.js';
import { factsOf } from '../exchange/post-model.js';
import { findPost, findVisiblePost } from '../exchange/post-store.js';
import { problems } from '../http/problem.js';
import { loadConversation } from '../network/conversation-store.js';
import { findPersonalData } from '../privacy/detector.js';
import { loadAssessment } from '../self-assessment/store.js';
import { MEASURES } from '../../shared/framework.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface TargetInfo {
  type: ReportTargetType;
  id: string;
  author: { id: string; name: string; email: string };
  organization: { id: string; name: string };
  /** What the item is, in a line: the post's title, "Comment on …", the offer's summary, the document's title. */
  title: string;
  /** The item's text (the queue shows it in context). */
  excerpt: string;
  /** The web page where the item is. */
  path: string;
  hidden: { at: Date; reason: string; byOrganizers: boolean } | null;
}

const cut = (s: string, n = 600) => (s.length <= n ? s : `${s.slice(0, n).replace(/\s+\S*$/, '')} …`);

async function person(db: Db, userId: string, organizationId: string) {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.name', 'u.email', 'o.id as org_id', 'o.name as org_name'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { author: { id: row.id, name: row.name, email: row.email }, organization: { id: organizationId || row.org_id, name: row.org_name } };
}

/** The item, if this actor may see it (organizers see everything); otherwise 404. */
export async function findVisibleTarget(db: Db, actor: Actor, type: ReportTargetType, id: string): Promise<TargetInfo> {
  switch (type) {
    case 'post': {
      const p = await findVisiblePost(db, actor, id);
      return { type, id, ...(await person(db, p.author_id, p.organization_id)), title: p.title, excerpt: cut(p.body), path: `/posts/${p.id}`, hidden: p.hidden_at ? { at: p.hidden_at, reason: p.hidden_reason ?? '', byOrganizers: p.hidden_by !== null } : null };
    }
    case 'comment': {
      const c = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
      if (!c) throw problems.notFound();
      const post = await findVisiblePost(db, actor, c.post_id);
      if (!canSeeComment(actor, { hidden: c.hidden_at !== null, authorId: c.author_id })) throw problems.notFound();
      return { type, id, ...(await person(db, c.author_id, c.organization_id)), title: `Comment on “${post.title}”`, excerpt: cut(c.body), path: `/posts/${post.id}#comment-${c.id}`, hidden: c.hidden_at ? { at: c.hidden_at, reason: c.hidden_reason ?? '', byOrganizers: true } : null };
    }
    case 'offer': {
      const o = await db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
      const post = o ? await findPost(db, o.post_id) : undefined;
      if (!o || !post) throw problems.notFound();
      const facts = factsOf(post);
      if (!can(actor, 'read', 'post', facts) || !can(actor, 'read', 'offer', { post: facts, offeringOrganizationId: o.organization_id, hidden: o.hidden_at !== null })) throw problems.notFound();
      return { type, id, ...(await person(db, o.author_id, o.organization_id)), title: `Offer “${o.summary}” on “${post.title}”`, excerpt: cut(o.body), path: `/posts/${post.id}#offer-${o.id}`, hidden: o.hidden_at ? { at: o.hidden_at, reason: o.hidden_reason ?? '', byOrganizers: true } : null };
    }
    case 'document': {
      const d = await findVisibleDocument(db, actor, id);
      const row = await db.selectFrom('documents').select(['body_text', 'hidden_by']).where('id', '=', id).executeTakeFirstOrThrow();
      return {
        type,
        id,
        ...(await person(db, d.row.uploaded_by, d.row.organization_id)),
        title: `Document “${d.row.title}” (${d.row.file_name})`,
        excerpt: cut([d.row.description, row.body_text].filter(Boolean).join('\n\n')),
        path: d.row.attach_type === 'library' ? `/library?document=${d.row.id}` : d.attachment.type === 'meeting' ? `/meetings/${d.attachment.id}` : d.row.post_id ? `/posts/${d.row.post_id}` : `/library?document=${d.row.id}`,
        hidden: d.row.hidden_at ? { at: d.row.hidden_at, reason: d.row.hidden_reason ?? '', byOrganizers: row.hidden_by !== null } : null,
      };
    }
    case 'message': {
      // A message of a conversation (issue 12): reported by a participant who reads it; the
      // organizers read it, in its conversation, once it is reported.
      const m = await db.selectFrom('conversation_messages').selectAll().where('id', '=', id).executeTakeFirst();
      if (!m) throw problems.notFound();
      const conversation = await loadConversation(db, actor, m.conversation_id);
      return { type, id, ...(await person(db, m.author_id, m.organization_id)), title: `Message in the conversation “${conversation.subject}”`, excerpt: cut(m.body), path: `/conversations/${conversation.id}#message-${m.id}`, hidden: m.hidden_at ? { at: m.hidden_at, reason: m.hidden_reason ?? '', byOrganizers: m.hidden_by !== null } : null };
    }
    case 'self_assessment': {
      // The draft's readers (the government's members, the organizers) see it in the queue's sense;
      // the queue shows the notes that look like personal data, by measure.
      const state = await loadAssessment(db, id);
      if (!can(actor, 'read', 'selfAssessment', state.facts)) throw problems.notFound();
      const row = await db.selectFrom('self_assessments').select(['updated_by', 'notes_hidden_at', 'notes_hidden_reason', 'notes_hidden_by']).where('organization_id', '=', id).executeTakeFirst();
      if (!row?.updated_by) throw problems.notFound();
      const notes = MEASURES.flatMap((m) => (state.ratings[m.code]?.note ? [{ code: m.code, note: state.ratings[m.code]!.note }] : []));
      const flagged = notes.filter((n) => findPersonalData(n.note, `ratings.${n.code}.note`).length > 0);
      // The author told of a decision: whoever last changed a flagged note (the notes are written
      // together), found in the kept revisions; else whoever saved the draft last.
      let author = row.updated_by;
      if (flagged.length > 0) {
        const revisions = await db.selectFrom('self_assessment_revisions').select(['revision', 'ratings', 'edited_by']).where('organization_id', '=', id).orderBy('revision', 'desc').limit(500).execute();
        const changedAt = revisions.findIndex((r, i) => flagged.some((f) => (r.ratings[f.code]?.note ?? '') !== (revisions[i + 1]?.ratings[f.code]?.note ?? '')));
        if (changedAt >= 0) author = revisions[changedAt]!.edited_by;
      }
      return {
        type,
        id,
        ...(await person(db, author, id)),
        organization: { id, name: state.organization.name },
        title: `Self-assessment of ${state.organization.name}`,
        excerpt: cut((flagged.length ? flagged : notes).map((n) => `${n.code}: ${n.note}`).join('\n')),
        path: `/self-assessment/organizations/${id}`,
        hidden: row.notes_hidden_at ? { at: row.notes_hidden_at, reason: row.notes_hidden_reason ?? '', byOrganizers: row.notes_hidden_by !== null } : null,
      };
    }
  }
}

/**
 * Hides an item (or shows it again). `by` is the organizer, or null when the reports hid it
 * automatically pending review. Posts, comments, offers and documents each keep their own columns.
 */
export async function setHidden(db: Db, type: ReportTargetType, id: string, hide: { reason: string; by: string | null } | null): Promise<boolean> {
  const now = new Date();
  switch (type) {
    case 'post': {
      const q = db.updateTable('posts').set(hide ? { hidden_at: now, hidden_reason: hide.reason, hidden_by: hide.by } : { hidden_at: null, hidden_reason: null, hidden_by: null }).where('id', '=', id);
      return Number((await (hide ? q.where('hidden_at', 'is', null) : q).executeTakeFirst()).numUpdatedRows) > 0;
    }
    case 'comment': {
      const q = db.updateTable('comments').set(hide ? { hidden_at: now, hidden_reason: hide.reason } : { hidden_at: null, hidden_reason: null }).where('id', '=', id);
      return Number((await (hide ? q.where('hidden_at', 'is', null) : q).executeTakeFirst()).numUpdatedRows) > 0;
    }
    case 'offer': {
      const q = db.updateTable('offers').set(hide ? { hidden_at: now, hidden_reason: hide.reason } : { hidden_at: null, hidden_reason: null }).where('id', '=', id);
      return Number((await (hide ? q.where('hidden_at', 'is', null) : q).executeTakeFirst()).numUpdatedRows) > 0;
    }
    case 'document': {
      const q = db.updateTable('documents').set(hide ? { hidden_at: now, hidden_reason: hide.reason, hidden_by: hide.by } : { hidden_at: null, hidden_reason: null, hidden_by: null }).where('id', '=', id);
      return Number((await (hide ? q.where('hidden_at', 'is', null) : q).executeTakeFirst()).numUpdatedRows) > 0;
    }
    case 'message': {
      const q = db.updateTable('conversation_messages').set(hide ? { hidden_at: now, hidden_reason: hide.reason, hidden_by: hide.by } : { hidden_at: null, hidden_reason: null, hidden_by: null }).where('id', '=', id);
      return Number((await (hide ? q.where('hidden_at', 'is', null) : q).executeTakeFirst()).numUpdatedRows) > 0;
    }
    case 'self_assessment': {
      // Hiding a self-assessment withholds its notes from readers outside the government and the organizers.
      const q = db
        .updateTable('self_assessments')
        .set(hide ? { notes_hidden_at: now, notes_hidden_reason: hide.reason, notes_hidden_by: hide.by } : { notes_hidden_at: null, notes_hidden_reason: null, notes_hidden_by: null })
        .where('organization_id', '=', id);
      return Number((await (hide ? q.where('notes_hidden_at', 'is', null) : q).executeTakeFirst()).numUpdatedRows) > 0;
    }
  }
}
