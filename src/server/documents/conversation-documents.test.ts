// Documents in a conversation (issue 16: "upload documents to … a conversation"). A conversation's
// documents are the conversation's: its organizations upload, read, find and download them; anyone
// else, the organizers included, gets 404 as for a document that does not exist, until something in
// the conversation is reported; then the organizers read it, in the queue, like the conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTo, file, pdf, upload } from '../testing/document-fixtures.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
const clients = new Map<string, TestClient>();
const c = (email: string) => clients.get(email)!;
const orgOf = async (email: string) => (await t.app.db.selectFrom('users').select('organization_id').where('email', '=', email).executeTakeFirstOrThrow()).organization_id;
let conversationId: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const email of ['cso@demo.test', 'io@demo.test', 'member.io@demo.test', 'government@demo.test', 'business@demo.test', 'organizer@demo.test']) clients.set(email, await t.signIn(email));
  const res = await c('cso@demo.test').post('/api/v1/conversations', { subject: 'Referral forms for returnees', organizationIds: [await orgOf('io@demo.test')], body: 'Here is our referral form.' });
  expect(res.statusCode, res.body).toBe(201);
  conversationId = res.json().id;
});
afterAll(() => t.close());

describe('documents in a conversation', () => {
  let docId: string;

  it('are uploaded by a participating organization and read, found and downloaded by every member of every participating one', async () => {
    const res = await upload(t, c('cso@demo.test'), '/api/v1/documents', [attachTo('conversation', conversationId), file('referral-form.pdf', pdf('The zqxwvreferral form for returnees.'))]);
    expect(res.statusCode, res.body).toBe(201);
    docId = res.json().id;
    expect(res.json().attachedTo).toEqual({ type: 'conversation', id: conversationId, title: 'Referral forms for returnees' });
    for (const email of ['cso@demo.test', 'io@demo.test', 'member.io@demo.test']) {
      expect((await c(email).get(`/api/v1/documents/${docId}`)).statusCode, email).toBe(200);
      expect((await c(email).get(`/api/v1/documents/${docId}/download`)).statusCode, email).toBe(200);
      expect((await c(email).get('/api/v1/documents?q=zqxwvreferral')).json().total, email).toBe(1);
      expect((await c(email).get(`/api/v1/documents?attachId=${conversationId}`)).json().total, email).toBe(1);
    }
    // The other side adds one too.
    expect((await upload(t, c('member.io@demo.test'), '/api/v1/documents', [attachTo('conversation', conversationId), file('reply.pdf', pdf('Our reply.'))])).statusCode).toBe(201);
  });

  it('do not exist for anyone outside the conversation, the organizers included', async () => {
    for (const email of ['government@demo.test', 'business@demo.test', 'organizer@demo.test']) {
      expect((await c(email).get(`/api/v1/documents/${docId}`)).statusCode, email).toBe(404);
      expect((await c(email).get(`/api/v1/documents/${docId}/download`)).statusCode, email).toBe(404);
      expect((await c(email).get('/api/v1/documents?q=zqxwvreferral')).json(), email).toMatchObject({ items: [], total: 0 });
      expect((await c(email).get(`/api/v1/documents?attachId=${conversationId}`)).json().total, email).toBe(0);
      // Uploading into it answers the same 404, and stores nothing.
      const refused = await upload(t, c(email), '/api/v1/documents', [attachTo('conversation', conversationId), file('intruder.pdf', pdf('Intruder.'))]);
      expect(refused.statusCode, email).toBe(404);
    }
    expect((await c('government@demo.test').post('/api/v1/reports', { target: { type: 'document', id: docId }, reason: 'spam' })).statusCode).toBe(404);
    const stored = await t.app.db.selectFrom('documents').select('id').where('conversation_id', '=', conversationId).execute();
    expect(stored).toHaveLength(2);
  });

  it('reach the organizers once a participant reports one, with the document in context in the queue', async () => {
    const report = await c('io@demo.test').post('/api/v1/reports', { target: { type: 'document', id: docId }, reason: 'personal_data' });
    expect(report.statusCode, report.body).toBe(201);
    expect((await c('organizer@demo.test').get(`/api/v1/documents/${docId}`)).statusCode).toBe(200);
    const queue = (await c('organizer@demo.test').get('/api/v1/reports')).json();
    const item = queue.items.find((i: { target: { id: string } }) => i.target.id === docId);
    expect(item.context).toMatchObject({ title: expect.any(String) });
    // Still nobody else.
    expect((await c('government@demo.test').get(`/api/v1/documents/${docId}`)).statusCode).toBe(404);
    // The organizers decide on it like on anything else.
    const decided = await c('organizer@demo.test').post(`/api/v1/reports/${report.json().id}/resolve`, { action: 'hide', note: 'It names a person; please upload it without.' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await c('io@demo.test').get(`/api/v1/documents/${docId}`)).statusCode).toBe(404);
    expect((await c('cso@demo.test').get(`/api/v1/documents/${docId}`)).json().hidden).toMatchObject({ reason: 'It names a person; please upload it without.' });
  });

  it('refuses an id that is not a conversation', async () => {
    const res = await upload(t, c('cso@demo.test'), '/api/v1/documents', [attachTo('conversation', '00000000-0000-4000-8000-000000000000'), file('x.pdf', pdf('x'))]);
    expect(res.statusCode).toBe(404);
  });
});
