// Conversations between organizations: private to the participating organizations on every route
// (404 for anyone else), readable by the organizers only once a message is reported, per-person
// unread state and mutes, the privacy guard, the 15-minute edit window, and a restricted post linked
// inside shown only to readers who may see it (never in the mails).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canListConversation, visibleConversationsFilter } from '../access/index.js';
import { loadPrincipal } from '../auth/sessions.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { sendImmediateMail } from '../notifications/jobs.js';
import { WITHHELD_LINK } from './conversation-store.js';

let t: TestApp;
const clients = new Map<string, TestClient>();
const c = (email: string) => clients.get(email)!;
const EMAILS = ['organizer@demo.test', 'government@demo.test', 'io@demo.test', 'member.io@demo.test', 'cso@demo.test', 'tdh@demo.test', 'business@demo.test'];
const orgOf = async (email: string) => (await t.app.db.selectFrom('users').select('organization_id').where('email', '=', email).executeTakeFirstOrThrow()).organization_id;
let restrictedPost: string;
let conversationId: string;
let firstMessage: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const email of EMAILS) clients.set(email, await t.signIn(email));
  restrictedPost = (await c('government@demo.test').post('/api/v1/posts', { kind: 'ta_request', audience: 'full', title: 'Restricted: training of border guards', body: 'Training of prosecutors.', countries: ['NG'] })).json().id;
});
afterAll(() => t.close());

describe('conversations', () => {
  it('starts a conversation that belongs to the organizations and tells their members through the notification system, never the message', async () => {
    await sendImmediateMail(t.app.db, t.config.publicUrl);
    await t.mails(); // deliver what came before
    const before = (await t.mails()).length;
    const res = await c('cso@demo.test').post('/api/v1/conversations', { subject: 'Reintegration referrals', organizationIds: [await orgOf('io@demo.test')], body: 'Could we talk about **referrals** between our shelters and your return programme?' });
    expect(res.statusCode, res.body).toBe(201);
    const conversation = res.json();
    conversationId = conversation.id;
    firstMessage = conversation.messages[0].id;
    expect(conversation.organizations.map((o: { name: string }) => o.name).join('|')).toMatch(/La Strada.*\|.*International Organization for Migration/);
    expect(conversation.messages[0].bodyHtml).toContain('<strong>referrals</strong>');
    expect(conversation.messages[0]).toMatchObject({ mine: true, canEdit: true, author: { name: 'Anouk de Vries' } });
    // Each member is told by a notification of kind `message` (the writer and other organizations are not)...
    const told = await t.app.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['u.email', 'n.kind', 'n.url', 'n.subject_type']).where('n.subject_id', '=', conversationId).execute();
    expect(told.map((n) => n.email).sort()).toEqual(['io@demo.test', 'member.io@demo.test']);
    expect(told.every((n) => n.kind === 'message' && n.subject_type === 'conversation' && n.url === `/conversations/${conversationId}`)).toBe(true);
    const bell = (await c('member.io@demo.test').get('/api/v1/me/notifications')).json();
    expect(bell.items[0]).toMatchObject({ kind: 'message', subject: { type: 'conversation', id: conversationId, title: 'Reintegration referrals' } });
    // ...and not by a mail of the conversation's own: the notification system mails it by their preferences.
    expect((await t.mails()).slice(before)).toEqual([]);
    // member.io wants messages only in the daily digest: no mail now.
    expect((await c('member.io@demo.test').put('/api/v1/me/notification-preferences', { kinds: { message: 'daily' } })).statusCode).toBe(200);
    expect(await sendImmediateMail(t.app.db, t.config.publicUrl)).toBeGreaterThan(0);
    const mails = (await t.mails()).slice(before);
    const to = mails.map((m) => m.to.replace(/^.*<|>.*$/g, '')).sort();
    expect(to).toEqual(['io@demo.test']);
    for (const m of mails) {
      expect(m.text).toContain(`/conversations/${conversationId}`);
      expect(m.text).not.toContain('referrals between');
    }
  });

  it('lets every member of a participating organization read and write, with unread counts per person', async () => {
    const list = (await c('member.io@demo.test').get('/api/v1/conversations')).json();
    expect(list.items.find((i: { id: string }) => i.id === conversationId)).toMatchObject({ unread: 1, messages: 1 });
    expect(list.nextCursor).toBeNull();
    const reply = await c('io@demo.test').post(`/api/v1/conversations/${conversationId}/messages`, { body: `Yes. See [our request](/posts/${restrictedPost}) and the [programme](https://example.org/x).` });
    expect(reply.statusCode, reply.body).toBe(201);
    // The writer reads it with the link; member.io (same organization, full tier) too.
    expect(reply.json().bodyHtml).toContain(`/posts/${restrictedPost}`);
    const forMember = (await c('member.io@demo.test').get(`/api/v1/conversations/${conversationId}`)).json();
    expect(forMember.messages[1].bodyHtml).toContain(`/posts/${restrictedPost}`);
    expect(forMember.messages[1].body).toBeNull(); // the source only to its author
    // La Strada (partial tier) may not see the post: neither its address nor the words linking it.
    const forCso = (await c('cso@demo.test').get(`/api/v1/conversations/${conversationId}`)).json();
    expect(forCso.messages[1].bodyHtml).toContain(WITHHELD_LINK);
    expect(forCso.messages[1].bodyHtml).not.toContain(restrictedPost);
    expect(forCso.messages[1].bodyHtml).not.toContain('our request');
    expect(forCso.messages[1].bodyHtml).toContain('https://example.org/x');
    expect(forCso.messages[1].body).toBeNull();
    // Unread per person: member.io has two unread, io none (it wrote), cso one.
    const unread = async (email: string) => (await c(email).get('/api/v1/conversations')).json().items.find((i: { id: string }) => i.id === conversationId).unread;
    expect(await unread('member.io@demo.test')).toBe(2);
    expect(await unread('io@demo.test')).toBe(0);
    expect(await unread('cso@demo.test')).toBe(1);
    expect((await c('cso@demo.test').post(`/api/v1/conversations/${conversationId}/read`)).statusCode).toBe(204);
    expect(await unread('cso@demo.test')).toBe(0);
    expect(await unread('member.io@demo.test')).toBe(2);
    expect((await c('member.io@demo.test').get('/api/v1/conversations?unread=true')).json().unreadTotal).toBeGreaterThanOrEqual(2);
  });

  it('is a 404 on every route for anyone outside it, organizers included until a message is reported', async () => {
    for (const email of ['tdh@demo.test', 'business@demo.test', 'government@demo.test', 'organizer@demo.test']) {
      const who = c(email);
      expect((await who.get(`/api/v1/conversations/${conversationId}`)).statusCode, email).toBe(404);
      expect((await who.post(`/api/v1/conversations/${conversationId}/messages`, { body: 'hello' })).statusCode, email).toBe(404);
      expect((await who.post(`/api/v1/conversations/${conversationId}/read`)).statusCode, email).toBe(404);
      expect((await who.put(`/api/v1/conversations/${conversationId}/mute`, { muted: true })).statusCode, email).toBe(404);
      expect((await who.patch(`/api/v1/conversations/${conversationId}/messages/${firstMessage}`, { body: 'changed' })).statusCode, email).toBe(404);
      expect((await who.post('/api/v1/reports', { target: { type: 'message', id: firstMessage }, reason: 'spam' })).statusCode, email).toBe(404);
      const list = (await who.get('/api/v1/conversations')).json();
      expect(list.items.some((i: { id: string }) => i.id === conversationId), email).toBe(false);
    }
    // A conversation that does not exist answers the same.
    expect((await c('io@demo.test').get('/api/v1/conversations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await c('io@demo.test').get('/api/v1/conversations/not-an-id')).statusCode).toBe(400);
  });

  it('lists exactly the conversations the rule allows, in SQL as in memory', async () => {
    const tdhOrg = await orgOf('tdh@demo.test');
    const other = await c('tdh@demo.test').post('/api/v1/conversations', { subject: 'Child protection tools', organizationIds: [await orgOf('government@demo.test'), await orgOf('business@demo.test')], body: 'Sharing our toolkit.' });
    expect(other.statusCode, other.body).toBe(201);
    const conversations = await t.app.db.selectFrom('conversations').select('id').execute();
    const participants = await t.app.db.selectFrom('conversation_organizations').selectAll().execute();
    for (const email of EMAILS) {
      const user = await t.app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      const actor = (await loadPrincipal(t.app.db, user.id))!;
      const inSql = (await t.app.db.selectFrom('conversations as cv').select('cv.id').where(visibleConversationsFilter(actor)).execute()).map((r) => r.id).sort();
      const inMemory = conversations.filter((cv) => canListConversation(actor, { organizationIds: participants.filter((p) => p.conversation_id === cv.id).map((p) => p.organization_id), reported: false })).map((cv) => cv.id).sort();
      expect(inSql, email).toEqual(inMemory);
    }
    expect(participants.filter((p) => p.conversation_id === other.json().id).map((p) => p.organization_id)).toContain(tdhOrg);
  });

  it('opens a reported conversation to the organizers, read-only, with the message in context', async () => {
    const report = await c('io@demo.test').post('/api/v1/reports', { target: { type: 'message', id: firstMessage }, reason: 'spam' });
    expect(report.statusCode, report.body).toBe(201);
    const queue = (await c('organizer@demo.test').get('/api/v1/reports?status=open')).json();
    const item = queue.items.find((i: { target: { id: string } }) => i.target.id === firstMessage);
    expect(item.context).toMatchObject({ path: `/conversations/${conversationId}#message-${firstMessage}`, title: expect.stringContaining('Reintegration referrals') });
    const seen = await c('organizer@demo.test').get(`/api/v1/conversations/${conversationId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().participant).toBe(false);
    // The organizers may see every post: the link is theirs to read.
    expect(seen.json().messages[1].bodyHtml).toContain(restrictedPost);
    expect((await c('organizer@demo.test').post(`/api/v1/conversations/${conversationId}/messages`, { body: 'hello' })).statusCode).toBe(403);
    // Still not in their list, and still a 404 for other outsiders.
    expect((await c('organizer@demo.test').get('/api/v1/conversations')).json().items.some((i: { id: string }) => i.id === conversationId)).toBe(false);
    expect((await c('tdh@demo.test').get(`/api/v1/conversations/${conversationId}`)).statusCode).toBe(404);
    // Hiding the message: participants other than the author see it withheld.
    const decided = await c('organizer@demo.test').post(`/api/v1/reports/${item.reports[0].id}/resolve`, { action: 'hide', note: 'Advertising.' });
    expect(decided.statusCode, decided.body).toBe(200);
    const forMember = (await c('member.io@demo.test').get(`/api/v1/conversations/${conversationId}`)).json();
    expect(forMember.messages[0]).toMatchObject({ bodyHtml: '', hidden: { reason: 'Advertising.' } });
  });

  it('screens messages with the privacy guard and flags confirmed ones for the organizers', async () => {
    const res = await c('io@demo.test').post(`/api/v1/conversations/${conversationId}/messages`, { body: 'Joy Okafor (17) was trafficked to Italy.' });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toBe('/problems/personal-data-suspected');
    const count = async () => Number((await t.app.db.selectFrom('conversation_messages').select((eb) => eb.fn.countAll().as('n')).where('conversation_id', '=', conversationId).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect((await c('io@demo.test').post(`/api/v1/conversations/${conversationId}/messages`, { body: 'Joy Okafor (17) was trafficked to Italy.' })).statusCode).toBe(422);
    expect(await count()).toBe(before);
    const saved = await c('io@demo.test').post(`/api/v1/conversations/${conversationId}/messages`, { body: 'Joy Okafor (17) was trafficked to Italy.', confirmNoVictimData: true });
    expect(saved.statusCode).toBe(201);
    const flagged = await t.app.db.selectFrom('reports').select(['source', 'target_type']).where('target_id', '=', saved.json().id).execute();
    expect(flagged).toEqual([{ source: 'privacy_guard', target_type: 'message' }]);
  });

  it('lets the author edit for 15 minutes, nobody else', async () => {
    const msg = (await c('io@demo.test').post(`/api/v1/conversations/${conversationId}/messages`, { body: 'First version.' })).json();
    expect((await c('member.io@demo.test').patch(`/api/v1/conversations/${conversationId}/messages/${msg.id}`, { body: 'Not mine.' })).statusCode).toBe(403);
    const edited = await c('io@demo.test').patch(`/api/v1/conversations/${conversationId}/messages/${msg.id}`, { body: 'Second version.' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ body: 'Second version.', editedAt: expect.any(String) });
    await t.app.db.updateTable('conversation_messages').set({ created_at: new Date(Date.now() - 16 * 60_000) } as never).where('id', '=', msg.id).execute();
    const late = await c('io@demo.test').patch(`/api/v1/conversations/${conversationId}/messages/${msg.id}`, { body: 'Third version.' });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('/problems/edit-window-closed');
  });

  it("shows a conversation's notifications only to members of a taking-part organization", async () => {
    // A notification that somehow reached an outsider (e.g. written before its organization left) is not shown, counted or mailed.
    const tdh = await t.app.db.selectFrom('users').select('id').where('email', '=', 'tdh@demo.test').executeTakeFirstOrThrow();
    await t.app.db.deleteFrom('notifications').where('user_id', '=', tdh.id).execute();
    await t.app.db.insertInto('notifications').values({ user_id: tdh.id, kind: 'message', batch: crypto.randomUUID(), actor_id: null, subject_type: 'conversation', subject_id: conversationId, subject_title: 'Reintegration referrals', url: `/conversations/${conversationId}`, details: '{}', mail_mode: 'immediately', mail_status: 'pending' }).execute();
    const list = (await c('tdh@demo.test').get('/api/v1/me/notifications')).json();
    expect(list.items).toEqual([]);
    expect(list.unread).toBe(0);
    await sendImmediateMail(t.app.db, t.config.publicUrl);
    expect(await t.app.db.selectFrom('notifications').select('mail_status').where('user_id', '=', tdh.id).execute()).toEqual([{ mail_status: 'withheld' }]);
  });

  it('mutes the mails for one person only', async () => {
    expect((await c('member.io@demo.test').put(`/api/v1/conversations/${conversationId}/mute`, { muted: true })).json()).toEqual({ muted: true });
    await c('member.io@demo.test').put('/api/v1/me/notification-preferences', { kinds: { message: 'immediately' } });
    const toldMember = async () => (await t.app.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.id').where('u.email', '=', 'member.io@demo.test').where('n.subject_id', '=', conversationId).execute()).length;
    const toldBefore = await toldMember();
    const before = (await t.mails()).length;
    expect((await c('cso@demo.test').post(`/api/v1/conversations/${conversationId}/messages`, { body: 'Thank you.' })).statusCode).toBe(201);
    await sendImmediateMail(t.app.db, t.config.publicUrl);
    const mails = (await t.mails()).slice(before).filter((m) => m.text.includes(`/conversations/${conversationId}`));
    const to = mails.map((m) => m.to.replace(/^.*<|>.*$/g, '')).sort();
    expect(to).toEqual(['io@demo.test']);
    expect(mails[0]!.text).toContain('wrote in the conversation "Reintegration referrals"');
    // Muted: no notification either.
    expect(await toldMember()).toBe(toldBefore);
  });

  it('refuses a conversation about something the writer cannot see, and shows "about" only to readers who may see it', async () => {
    const ioOrg = await orgOf('io@demo.test');
    const refused = await c('cso@demo.test').post('/api/v1/conversations', { subject: 'About a request', organizationIds: [ioOrg], body: 'Hello', about: { type: 'post', id: restrictedPost } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('about.id');
    const made = await c('io@demo.test').post('/api/v1/conversations', { subject: 'About the request', organizationIds: [await orgOf('cso@demo.test')], body: 'Hello', about: { type: 'post', id: restrictedPost } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().about).toMatchObject({ type: 'post', title: 'Restricted: training of border guards' });
    expect((await c('cso@demo.test').get(`/api/v1/conversations/${made.json().id}`)).json().about).toBeNull();
    const unknownOrg = await c('io@demo.test').post('/api/v1/conversations', { subject: 'Nobody', organizationIds: ['00000000-0000-4000-8000-000000000000'], body: 'Hello' });
    expect(unknownOrg.statusCode).toBe(400);
    expect(unknownOrg.json().errors[0].field).toBe('organizationIds.0');
  });
  it('sanitizes the Markdown of messages like comments: no script, event handler or javascript: link reaches a reader', async () => {
    const hostile = 'Plan **below**.\n\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n[click](javascript:alert(3)) <a href="#" onclick="alert(4)">here</a>';
    const res = await c('cso@demo.test').post(`/api/v1/conversations/${conversationId}/messages`, { body: hostile });
    expect(res.statusCode, res.body).toBe(201);
    for (const reader of ['io@demo.test', 'cso@demo.test']) {
      const message = ((await c(reader).get(`/api/v1/conversations/${conversationId}`)).json().messages as { id: string; bodyHtml: string }[]).find((m) => m.id === res.json().id)!;
      expect(message.bodyHtml).toContain('<strong>below</strong>');
      expect(message.bodyHtml).not.toMatch(/<script|onerror|onclick|javascript:/i);
    }
  });
});
