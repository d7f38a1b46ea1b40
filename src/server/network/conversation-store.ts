// Reading conversations and their messages as one reader may see them. Shared by the conversation
// routes and by moderation (a reported message, read in context by the organizers).
import { sql, type Kysely, type Transaction } from 'kysely';
import { authorize, can, canSeeMeeting, canSeePost, type Actor, type ConversationFacts } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { readMeeting } from '../event/meeting-store.js';
import { factsOf } from '../exchange/post-model.js';
import { findPost } from '../exchange/post-store.js';
import { isUuid } from '../http/form-input.js';
import { problems } from '../http/problem.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface LoadedConversation {
  id: string;
  subject: string;
  createdBy: string;
  organizationId: string;
  aboutType: 'post' | 'meeting' | null;
  aboutId: string | null;
  createdAt: Date;
  lastMessageAt: Date;
  organizations: { id: string; name: string }[];
  facts: ConversationFacts;
}

/** Whether any message of the conversation, or any document in it, has ever been reported. */
export function reportedExpression(conversationId: string) {
  return sql<boolean>`(exists (select 1 from reports r join conversation_messages m on m.id = r.target_id where r.target_type = 'message' and m.conversation_id = ${conversationId})
    or exists (select 1 from reports r join documents d on d.id = r.target_id where r.target_type = 'document' and d.conversation_id = ${conversationId}))`;
}

export async function readConversation(db: Db, id: string): Promise<LoadedConversation | null> {
  if (!isUuid(id)) return null;
  const row = await db
    .selectFrom('conversations')
    .selectAll()
    .select(reportedExpression(id).as('reported'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const rows = await db
    .selectFrom('conversation_organizations as co')
    .innerJoin('organizations as o', 'o.id', 'co.organization_id')
    .select(['o.id', 'o.name'])
    .where('co.conversation_id', '=', id)
    .orderBy('co.added_at')
    .orderBy('o.name')
    .execute();
  // The organization that started it first, then the others as they joined.
  const organizations = [...rows.filter((o) => o.id === row.organization_id), ...rows.filter((o) => o.id !== row.organization_id)];
  return {
    id: row.id,
    subject: row.subject,
    createdBy: row.created_by,
    organizationId: row.organization_id,
    aboutType: row.about_type,
    aboutId: row.about_id,
    createdAt: row.created_at,
    lastMessageAt: row.last_message_at,
    organizations,
    facts: { organizationIds: organizations.map((o) => o.id), reported: Boolean(row.reported) },
  };
}

/** The conversation, if this actor may `action` it; otherwise 404 exactly like one that does not exist. */
export async function loadConversation(db: Db, actor: Actor, id: string, action = 'read'): Promise<LoadedConversation> {
  const conversation = await readConversation(db, id);
  if (!conversation || !can(actor, 'read', 'conversation', conversation.facts)) throw problems.notFound();
  if (action !== 'read') authorize(actor, action, 'conversation', conversation.facts);
  return conversation;
}

/** What a conversation is about, shown only to a reader who may see it. */
export async function aboutFor(db: Db, actor: Actor, type: 'post' | 'meeting' | null, id: string | null): Promise<{ type: 'post' | 'meeting'; id: string; title: string } | null> {
  if (!type || !id) return null;
  if (type === 'post') {
    const post = await findPost(db, id);
    return post && canSeePost(actor, factsOf(post)) ? { type, id, title: post.title } : null;
  }
  const meeting = await readMeeting(db, id);
  return meeting && canSeeMeeting(actor, meeting.facts) ? { type, id, title: meeting.row.topic } : null;
}

// Links to a post inside a message: `/posts/<id>` relative or absolute, in an anchor the sanitizer wrote.
const POST_LINK = /<a\b[^>]*\bhref="(?:[a-z]+:\/\/[^"/]+)?\/posts\/([0-9a-f-]{36})(?:[/?#][^"]*)?"[^>]*>[\s\S]*?<\/a>/gi;
export const WITHHELD_LINK = '<span class="withheld-link">[a post you cannot see]</span>';

/**
 * The message's HTML as this reader may see it: a link to a post the reader may not see is
 * replaced, text and all, by a neutral mark, so neither its title nor its address reaches them.
 */
export async function htmlForReader(db: Db, actor: Actor, html: string, cache: Map<string, boolean>): Promise<string> {
  const ids = [...html.matchAll(POST_LINK)].map((m) => m[1]!.toLowerCase());
  for (const id of ids) {
    if (cache.has(id)) continue;
    const post = isUuid(id) ? await findPost(db, id) : undefined;
    cache.set(id, post ? canSeePost(actor, factsOf(post)) : false);
  }
  return html.replace(POST_LINK, (whole, id: string) => (cache.get(id.toLowerCase()) ? whole : WITHHELD_LINK));
}

/** The text a report's context shows: Markdown body with links to posts the reader may not see removed. */
export function messageQuery(db: Db) {
  return db
    .selectFrom('conversation_messages as m')
    .innerJoin('users as u', 'u.id', 'm.author_id')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(['m.id', 'm.conversation_id', 'm.author_id', 'm.organization_id', 'm.body', 'm.body_html', 'm.created_at', 'm.edited_at', 'm.hidden_at', 'm.hidden_reason', 'u.name as author_name', 'u.deleted_at as author_deleted_at', 'o.name as org_name']);
}
export type MessageRow = Awaited<ReturnType<ReturnType<typeof messageQuery>['executeTakeFirstOrThrow']>>;

export const FORMER_PARTICIPANT = 'Former participant';

export async function serializeMessage(db: Db, actor: Actor, conversation: LoadedConversation, m: MessageRow, cache: Map<string, boolean>) {
  const facts = { conversation: conversation.facts, authorId: m.author_id, createdAt: m.created_at, hidden: m.hidden_at !== null };
  const organizerReview = actor.role === 'organizer' && !conversation.facts.organizationIds.includes(actor.organizationId);
  const withheld = m.hidden_at !== null && m.author_id !== actor.id && actor.role !== 'organizer';
  const canEdit = can(actor, 'update', 'conversationMessage', facts);
  return {
    id: m.id,
    author: { id: m.author_id, name: m.author_deleted_at ? FORMER_PARTICIPANT : m.author_name },
    organization: { id: m.organization_id, name: m.org_name },
    bodyHtml: withheld ? '' : await htmlForReader(db, actor, m.body_html, cache),
    // The Markdown source only to its author (to edit it), and to organizers reviewing a report.
    body: m.author_id === actor.id || organizerReview ? m.body : null,
    createdAt: m.created_at.toISOString(),
    editedAt: m.edited_at?.toISOString() ?? null,
    hidden: m.hidden_at ? { at: m.hidden_at.toISOString(), reason: m.hidden_reason ?? '' } : null,
    canEdit,
    editableUntil: canEdit ? new Date(m.created_at.getTime() + 15 * 60_000).toISOString() : null,
    mine: m.author_id === actor.id,
  };
}
