// Conversations between organizations (issue 12). A conversation belongs to its organizations:
// every member of each reads and writes it; nobody else knows it exists (404), except the
// organizers while a message in it is reported. Messages are Markdown sanitized like comments,
// pass the victim-privacy guard, can be edited for 15 minutes and reported. Each new message is a
// `message` notification (src/server/notifications) to the members of the participating
// organizations who have not muted it, mailed by their preferences; it names the conversation, never the message.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Transaction } from 'kysely';
import { Type } from 'typebox';
import { authorize, can, canSeeMeeting, canSeePost, visibleConversationsFilter, type Actor } from '../access/index.js';
import { requireActor, type Principal } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { readMeeting } from '../event/meeting-store.js';
import { renderMarkdown } from '../exchange/markdown.js';
import { factsOf } from '../exchange/post-model.js';
import { findPost } from '../exchange/post-store.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { SingleLine, StringEnum } from '../http/schema-helpers.js';
import { notify } from '../notifications/notify.js';
import { ConfirmNoVictimData, screenText } from '../privacy/guard.js';
import { aboutFor, loadConversation, messageQuery, serializeMessage, type LoadedConversation } from './conversation-store.js';
import { byTimeAndId, decodeCursor, encodeCursor } from './cursor.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const MessageParams = Type.Object({ id: Type.String({ format: 'uuid' }), messageId: Type.String({ format: 'uuid' }) });
const Body = Type.String({ minLength: 1, maxLength: 10_000, description: 'Markdown, sanitized like comments.' });
const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });
const Message = Type.Object({
  id: Type.String(),
  author: OrgRef,
  organization: OrgRef,
  bodyHtml: Type.String(),
  body: Type.Union([Type.String(), Type.Null()], { description: 'The Markdown source, for its author only.' }),
  createdAt: Type.String(),
  editedAt: Type.Union([Type.String(), Type.Null()]),
  hidden: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
  canEdit: Type.Boolean(),
  editableUntil: Type.Union([Type.String(), Type.Null()]),
  mine: Type.Boolean(),
});
const About = Type.Union([Type.Object({ type: StringEnum(['post', 'meeting'] as const), id: Type.String(), title: Type.String() }), Type.Null()]);
const Conversation = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  organizations: Type.Array(OrgRef),
  about: About,
  createdAt: Type.String(),
  lastMessageAt: Type.String(),
  muted: Type.Boolean(),
  participant: Type.Boolean({ description: 'false for an organizer reading a reported conversation.' }),
  readAt: Type.Union([Type.String(), Type.Null()]),
  messages: Type.Array(Message),
});
const ConversationSummary = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  organizations: Type.Array(OrgRef),
  lastMessageAt: Type.String(),
  messages: Type.Integer(),
  unread: Type.Integer({ description: 'Messages by others since you last read it.' }),
  muted: Type.Boolean(),
});
const CreateBody = Type.Object(
  {
    subject: SingleLine({ minLength: 2, maxLength: 200 }),
    organizationIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 20, uniqueItems: true, description: 'The other organizations; yours takes part anyway.' }),
    body: Body,
    about: Type.Optional(Type.Object({ type: StringEnum(['post', 'project', 'meeting'] as const), id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })),
    confirmNoVictimData: ConfirmNoVictimData,
  },
  { additionalProperties: false },
);
const LIST_LIMIT = 30;

export const conversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  /**
   * Each new message is a notification of its own kind, `message`, to every member of the taking-part
   * organizations but the writer and those who muted the conversation; the notification system mails
   * it (at once, in a digest, or not) by each person's preferences. It names the conversation, never
   * the message: a message may link a post the recipient may not see.
   */
  async function notifyMembers(tx: Transaction<Database>, actor: Principal, conversation: { id: string; subject: string; organizationIds: readonly string[] }, isNew: boolean) {
    const muted = await tx.selectFrom('conversation_reads').select('user_id').where('conversation_id', '=', conversation.id).where('muted', '=', true).execute();
    await notify(tx, {
      kind: 'message',
      actorId: actor.id,
      recipients: { organizations: conversation.organizationIds },
      exclude: muted.map((m) => m.user_id),
      subject: { type: 'conversation', id: conversation.id, title: conversation.subject },
      url: `/conversations/${conversation.id}`,
      details: { isNew },
    });
  }

  async function serializeConversation(actor: Actor, c: LoadedConversation) {
    const [rows, read] = await Promise.all([
      messageQuery(db).where('m.conversation_id', '=', c.id).orderBy('m.created_at').orderBy('m.id').execute(),
      db.selectFrom('conversation_reads').select(['read_at', 'muted']).where('conversation_id', '=', c.id).where('user_id', '=', actor.id).executeTakeFirst(),
    ]);
    const cache = new Map<string, boolean>();
    const messages = [];
    for (const m of rows) messages.push(await serializeMessage(db, actor, c, m, cache));
    return {
      id: c.id,
      subject: c.subject,
      organizations: c.organizations,
      about: await aboutFor(db, actor, c.aboutType, c.aboutId),
      createdAt: c.createdAt.toISOString(),
      lastMessageAt: c.lastMessageAt.toISOString(),
      muted: read?.muted ?? false,
      participant: c.facts.organizationIds.includes(actor.organizationId),
      readAt: read?.read_at.toISOString() ?? null,
      messages,
    };
  }

  app.post(
    '/api/v1/conversations',
    { schema: { tags: ['conversations'], summary: 'Start a conversation with one or more organizations', body: CreateBody, response: { 201: Conversation } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const body = request.body;
      const others = body.organizationIds.filter((id) => id !== actor.organizationId);
      const errors: FieldError[] = [];
      const found = others.length ? await db.selectFrom('organizations').select('id').where('id', 'in', others).where('status', '=', 'active').execute() : [];
      const active = new Set(found.map((o) => o.id));
      body.organizationIds.forEach((id, i) => id !== actor.organizationId && !active.has(id) && errors.push(fieldError(`organizationIds.${i}`, 'is not an organization taking part in the Forum')));
      if (others.length === 0) errors.push(fieldError('organizationIds', 'name at least one other organization'));
      let about: { type: 'post' | 'meeting'; id: string } | null = null;
      if (body.about) {
        // What the conversation starts from must be something the writer may see; otherwise it is unknown to them.
        if (body.about.type === 'meeting') {
          const meeting = await readMeeting(db, body.about.id);
          if (meeting && canSeeMeeting(actor, meeting.facts)) about = { type: 'meeting', id: meeting.row.id };
        } else {
          const post = await findPost(db, body.about.id);
          if (post && canSeePost(actor, factsOf(post))) about = { type: 'post', id: post.id };
        }
        if (!about) errors.push(fieldError('about.id', `is not a ${body.about.type} you can see`));
      }
      if (errors.length) throw problems.validation(errors);
      const privacy = screenText({ subject: body.subject, body: body.body }, body.confirmNoVictimData);
      const organizationIds = [actor.organizationId, ...others];
      const id = await db.transaction().execute(async (tx) => {
        const now = new Date();
        const conversation = await tx
          .insertInto('conversations')
          .values({ subject: body.subject.trim(), created_by: actor.id, organization_id: actor.organizationId, about_type: about?.type ?? null, about_id: about?.id ?? null, created_at: now, last_message_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('conversation_organizations').values(organizationIds.map((organization_id) => ({ conversation_id: conversation.id, organization_id }))).execute();
        const message = await tx
          .insertInto('conversation_messages')
          .values({ conversation_id: conversation.id, author_id: actor.id, organization_id: actor.organizationId, body: body.body, body_html: renderMarkdown(body.body), created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('conversation_reads').values({ conversation_id: conversation.id, user_id: actor.id, read_at: now }).execute();
        await privacy.flag(tx, { type: 'message', id: message.id });
        await notifyMembers(tx, actor, { id: conversation.id, subject: body.subject.trim(), organizationIds }, true);
        return conversation.id;
      });
      return reply.code(201).send(await serializeConversation(actor, await loadConversation(db, actor, id)));
    },
  );

  app.get(
    '/api/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: "Your organization's conversations, most recently active first, with unread counts",
        querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 500 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), unread: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ items: Type.Array(ConversationSummary), nextCursor: Type.Union([Type.String(), Type.Null()]), unreadTotal: Type.Integer() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const limit = request.query.limit ?? LIST_LIMIT;
      const cursor = decodeCursor<{ at: string; id: string }>(request.query.cursor, byTimeAndId);
      const unreadExpr = sql<number>`(select count(*)::int from conversation_messages m where m.conversation_id = cv.id and m.author_id <> ${actor.id} and m.hidden_at is null and m.created_at > coalesce(r.read_at, '-infinity'::timestamptz))`;
      const base = db
        .selectFrom('conversations as cv')
        .leftJoin('conversation_reads as r', (j) => j.onRef('r.conversation_id', '=', 'cv.id').on('r.user_id', '=', actor.id))
        .where(visibleConversationsFilter(actor));
      let query = base
        .select(['cv.id', 'cv.subject', 'cv.last_message_at', 'r.muted'])
        .select(unreadExpr.as('unread'))
        .select(sql<number>`(select count(*)::int from conversation_messages m where m.conversation_id = cv.id)`.as('messages'))
        .orderBy('cv.last_message_at', 'desc')
        .orderBy('cv.id', 'desc')
        .limit(limit + 1);
      if (request.query.unread) query = query.where(unreadExpr, '>', 0);
      if (cursor) query = query.where((eb) => eb.or([eb('cv.last_message_at', '<', new Date(cursor.at)), eb.and([eb('cv.last_message_at', '=', new Date(cursor.at)), eb('cv.id', '<', cursor.id)])]));
      const [rows, total] = await Promise.all([query.execute(), base.select(sql<number>`coalesce(sum(${unreadExpr}), 0)::int`.as('n')).executeTakeFirstOrThrow()]);
      const page = rows.slice(0, limit);
      const orgs = page.length
        ? await db.selectFrom('conversation_organizations as co').innerJoin('organizations as o', 'o.id', 'co.organization_id').select(['co.conversation_id', 'o.id', 'o.name']).where('co.conversation_id', 'in', page.map((r) => r.id)).orderBy('co.added_at').orderBy('o.name').execute()
        : [];
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.id,
          subject: r.subject,
          organizations: orgs.filter((o) => o.conversation_id === r.id).map((o) => ({ id: o.id, name: o.name })),
          lastMessageAt: r.last_message_at.toISOString(),
          messages: Number(r.messages),
          unread: Number(r.unread),
          muted: r.muted ?? false,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.last_message_at.toISOString(), id: last.id }) : null,
        unreadTotal: Number(total.n),
      };
    },
  );

  app.get(
    '/api/v1/conversations/:id',
    { schema: { tags: ['conversations'], summary: 'A conversation with its messages (404 unless your organization takes part)', params: IdParams, response: { 200: Conversation } } },
    async (request) => {
      const actor = requireActor(request);
      return serializeConversation(actor, await loadConversation(db, actor, request.params.id));
    },
  );

  app.post(
    '/api/v1/conversations/:id/messages',
    { schema: { tags: ['conversations'], summary: 'Write in a conversation', params: IdParams, body: Type.Object({ body: Body, confirmNoVictimData: ConfirmNoVictimData }, { additionalProperties: false }), response: { 201: Message } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const conversation = await loadConversation(db, actor, request.params.id, 'write');
      const privacy = screenText({ body: request.body.body }, request.body.confirmNoVictimData);
      const id = await db.transaction().execute(async (tx) => {
        const now = new Date();
        const message = await tx
          .insertInto('conversation_messages')
          .values({ conversation_id: conversation.id, author_id: actor.id, organization_id: actor.organizationId, body: request.body.body, body_html: renderMarkdown(request.body.body), created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.updateTable('conversations').set({ last_message_at: now }).where('id', '=', conversation.id).execute();
        // Writing is reading: what came before is no longer unread for the writer.
        await tx
          .insertInto('conversation_reads')
          .values({ conversation_id: conversation.id, user_id: actor.id, read_at: now })
          .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doUpdateSet({ read_at: now }))
          .execute();
        await privacy.flag(tx, { type: 'message', id: message.id });
        await notifyMembers(tx, actor, { id: conversation.id, subject: conversation.subject, organizationIds: conversation.facts.organizationIds }, false);
        return message.id;
      });
      const row = await messageQuery(db).where('m.id', '=', id).executeTakeFirstOrThrow();
      return reply.code(201).send(await serializeMessage(db, actor, conversation, row, new Map()));
    },
  );

  app.patch(
    '/api/v1/conversations/:id/messages/:messageId',
    { schema: { tags: ['conversations'], summary: 'Edit your message (within 15 minutes)', params: MessageParams, body: Type.Object({ body: Body, confirmNoVictimData: ConfirmNoVictimData }, { additionalProperties: false }), response: { 200: Message } } },
    async (request) => {
      const actor = requireActor(request);
      const conversation = await loadConversation(db, actor, request.params.id);
      const row = await messageQuery(db).where('m.id', '=', request.params.messageId).where('m.conversation_id', '=', conversation.id).executeTakeFirst();
      if (!row) throw problems.notFound();
      const facts = { conversation: conversation.facts, authorId: row.author_id, createdAt: row.created_at, hidden: row.hidden_at !== null };
      if (!can(actor, 'update', 'conversationMessage', facts)) {
        if (row.author_id === actor.id && row.hidden_at === null) throw problems.conflict('edit-window-closed', 'A message can be edited for 15 minutes after it was written. Write a new message instead.');
        authorize(actor, 'update', 'conversationMessage', facts);
      }
      const privacy = screenText({ body: request.body.body }, request.body.confirmNoVictimData);
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('conversation_messages').set({ body: request.body.body, body_html: renderMarkdown(request.body.body), edited_at: new Date() }).where('id', '=', row.id).execute();
        await privacy.flag(tx, { type: 'message', id: row.id });
      });
      return serializeMessage(db, actor, conversation, await messageQuery(db).where('m.id', '=', row.id).executeTakeFirstOrThrow(), new Map());
    },
  );

  app.post(
    '/api/v1/conversations/:id/read',
    { schema: { tags: ['conversations'], summary: 'Mark the conversation read (for you only)', params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const conversation = await loadConversation(db, actor, request.params.id, 'markRead');
      const now = new Date();
      await db
        .insertInto('conversation_reads')
        .values({ conversation_id: conversation.id, user_id: actor.id, read_at: now })
        .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doUpdateSet({ read_at: now }))
        .execute();
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/conversations/:id/mute',
    { schema: { tags: ['conversations'], summary: 'Mute or unmute the conversation\'s mails, for you only', params: IdParams, body: Type.Object({ muted: Type.Boolean() }, { additionalProperties: false }), response: { 200: Type.Object({ muted: Type.Boolean() }) } } },
    async (request) => {
      const actor = requireActor(request);
      const conversation = await loadConversation(db, actor, request.params.id, 'mute');
      const { muted } = request.body;
      await db
        .insertInto('conversation_reads')
        .values({ conversation_id: conversation.id, user_id: actor.id, read_at: new Date(0), muted })
        .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doUpdateSet({ muted }))
        .execute();
      return { muted };
    },
  );
};
