// The tier wall over documents: a document on a restricted post, its download, search hits over its
// text, and a library document for the full tier only never reach any partial-tier participant, by
// any route; and the in-memory rule (canSeeDocument) and its SQL twin (visibleDocumentsFilter) agree
// for every demo account over documents attached to every kind of item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSeeDocument, type DocumentFacts } from '../access/index.js';
import { loadPrincipal } from '../auth/sessions.js';
import { visibleDocumentsFilter } from '../access/index.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { attachTo, file, libraryField, pdf, upload } from '../testing/document-fixtures.js';
import { attachmentOf } from './document-store.js';

const PARTIAL = ['cso@demo.test', 'business@demo.test', 'academia@demo.test', 'media@demo.test', 'expert@demo.test'];
const FULL = ['government@demo.test', 'io@demo.test', 'member.io@demo.test', 'organizer@demo.test'];

let t: TestApp;
const clients = new Map<string, TestClient>();
const c = (email: string) => clients.get(email)!;
const docs: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const email of [...PARTIAL, ...FULL, 'tdh@demo.test']) clients.set(email, await t.signIn(email));
  const restricted = await c('government@demo.test').post('/api/v1/posts', { kind: 'ta_request', audience: 'full', title: 'Restricted request with an attachment', body: 'Only for the full tier.', countries: ['NG'] });
  const open = await c('government@demo.test').post('/api/v1/posts', { kind: 'ta_request', audience: 'all', title: 'Open request with an attachment', body: 'For everyone.', countries: ['NG'] });
  const restrictedId = restricted.json().id as string;
  const openId = open.json().id as string;

  const put = async (key: string, who: string, parts: Parameters<typeof upload>[3]) => {
    const res = await upload(t, c(who), '/api/v1/documents', parts);
    expect(res.statusCode, res.body).toBe(201);
    docs[key] = res.json().id;
  };
  await put('restricted', 'government@demo.test', [attachTo('post', restrictedId), { name: 'title', value: 'Restricted annex zqxwvrestricted' }, file('annex.pdf', pdf('The zqxwvrestricted budget annex of a full-tier request.'))]);
  await put('open', 'government@demo.test', [attachTo('post', openId), file('open.pdf', pdf('The zqxwvopen annex everyone may read.'))]);
  await put('libraryFull', 'organizer@demo.test', [libraryField({ title: 'Full-tier guidance zqxwvlibfull', audience: 'full', docType: 'guidelines' }), file('g.pdf', pdf('zqxwvlibfull guidance for governments.'))]);
  await put('libraryAll', 'organizer@demo.test', [libraryField({ title: 'Open guidance zqxwvliball', audience: 'all', docType: 'tool' }), file('t.pdf', pdf('zqxwvliball tool for everyone.'))]);
  // A hidden document on the open post.
  await put('hidden', 'government@demo.test', [attachTo('post', openId), file('hidden.pdf', pdf('zqxwvhidden text.'))]);
  expect((await c('organizer@demo.test').post(`/api/v1/documents/${docs.hidden}/hide`, { reason: 'Hidden for the test.' })).statusCode).toBe(200);
  // An offer on the open request (by a partial-tier organization) with a document.
  const offer = await c('tdh@demo.test').post(`/api/v1/posts/${openId}/offers`, { summary: 'Our offer with an annex', body: 'We can help.' });
  expect(offer.statusCode, offer.body).toBe(201);
  await put('offer', 'tdh@demo.test', [attachTo('offer', offer.json().id), file('offer.pdf', pdf('zqxwvoffer costing.'))]);
  // A document in the demo meeting's private space, put there by its proposer.
  const meeting = await t.app.db.selectFrom('meetings as m').innerJoin('users as u', 'u.id', 'm.proposer_id').select(['m.id', 'u.email']).executeTakeFirstOrThrow();
  if (!clients.has(meeting.email)) clients.set(meeting.email, await t.signIn(meeting.email));
  await put('meeting', meeting.email, [attachTo('meeting', meeting.id), file('agenda.pdf', pdf('zqxwvmeeting agenda.'))]);
  // A document in a conversation between a partial-tier and a full-tier organization, and one in a
  // conversation where it was reported (which lets the organizers read that conversation).
  const orgOf = async (email: string) => (await t.app.db.selectFrom('users').select('organization_id').where('email', '=', email).executeTakeFirstOrThrow()).organization_id;
  const conversation = await c('cso@demo.test').post('/api/v1/conversations', { subject: 'Referral forms', organizationIds: [await orgOf('io@demo.test')], body: 'Sharing our form.' });
  expect(conversation.statusCode, conversation.body).toBe(201);
  await put('conversation', 'cso@demo.test', [attachTo('conversation', conversation.json().id), file('form.pdf', pdf('zqxwvconversation referral form.'))]);
  const reported = await c('tdh@demo.test').post('/api/v1/conversations', { subject: 'Toolkit draft', organizationIds: [await orgOf('government@demo.test')], body: 'Our draft.' });
  expect(reported.statusCode, reported.body).toBe(201);
  await put('conversationReported', 'tdh@demo.test', [attachTo('conversation', reported.json().id), file('draft.pdf', pdf('zqxwvconvreported draft.'))]);
  expect((await c('government@demo.test').post('/api/v1/reports', { target: { type: 'document', id: docs.conversationReported }, reason: 'spam' })).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('the tier wall over documents', () => {
  for (const email of PARTIAL) {
    it(`${email} never reaches a restricted attachment or a full-tier library document`, async () => {
      for (const key of ['restricted', 'libraryFull', 'hidden']) {
        const id = docs[key]!;
        const one = await c(email).get(`/api/v1/documents/${id}`);
        expect(one.statusCode, key).toBe(404);
        expect(one.json().type).toBe('/problems/not-found');
        expect((await c(email).get(`/api/v1/documents/${id}/download`)).statusCode, `${key} download`).toBe(404);
        expect((await c(email).get(`/api/v1/documents/${id}/download?version=1`)).statusCode).toBe(404);
        // Reporting it answers as if it did not exist.
        expect((await c(email).post('/api/v1/reports', { target: { type: 'document', id }, reason: 'spam' })).statusCode).toBe(404);
      }
      for (const word of ['zqxwvrestricted', 'zqxwvlibfull', 'zqxwvhidden']) {
        const hits = (await c(email).get(`/api/v1/documents?q=${word}`)).json();
        expect(hits, word).toMatchObject({ items: [], total: 0 });
      }
      const all = (await c(email).get('/api/v1/documents?limit=100')).json();
      const seen = all.items.map((d: { id: string }) => d.id);
      expect(seen).not.toContain(docs.restricted);
      expect(seen).not.toContain(docs.libraryFull);
      expect(JSON.stringify(all)).not.toMatch(/zqxwvrestricted|zqxwvlibfull|Restricted request/);
      // What they may see, they do see.
      expect(seen).toContain(docs.open);
      expect(seen).toContain(docs.libraryAll);
      // The offer's document: only the requesting and offering organizations (and organizers).
      expect(seen.includes(docs.offer)).toBe(false);
    });
  }

  it('the full tier sees the restricted attachment and the full-tier library document, and finds their text', async () => {
    for (const email of FULL) {
      for (const word of ['zqxwvrestricted', 'zqxwvlibfull']) expect((await c(email).get(`/api/v1/documents?q=${word}`)).json().total, `${email} ${word}`).toBe(1);
      expect((await c(email).get(`/api/v1/documents/${docs.restricted}/download`)).statusCode).toBe(200);
    }
    expect((await c('government@demo.test').get(`/api/v1/documents/${docs.offer}`)).statusCode).toBe(200); // the requester
    expect((await c('tdh@demo.test').get(`/api/v1/documents/${docs.offer}`)).statusCode).toBe(200); // the offerer
    expect((await c('io@demo.test').get(`/api/v1/documents/${docs.offer}`)).statusCode).toBe(404); // neither
  });

  it('canSeeDocument and visibleDocumentsFilter agree for every demo account and every document', async () => {
    const users = await t.app.db.selectFrom('users').select('id').where('is_demo', '=', true).where('status', '=', 'active').execute();
    const rows = await t.app.db.selectFrom('documents').select(['id', 'attach_type', 'post_id', 'offer_id', 'meeting_id', 'conversation_id', 'audience', 'organization_id', 'hidden_at']).execute();
    expect(users.length).toBeGreaterThan(10);
    let compared = 0;
    for (const u of users) {
      const actor = await loadPrincipal(t.app.db, u.id);
      if (!actor) continue;
      const visible = new Set((await t.app.db.selectFrom('documents as d').select('d.id').where(visibleDocumentsFilter(actor)).execute()).map((r) => r.id));
      for (const row of rows) {
        const attachment = await attachmentOf(t.app.db, row);
        const facts: DocumentFacts = { attachment: attachment!.facts, organizationId: row.organization_id, hidden: row.hidden_at !== null };
        expect(visible.has(row.id), `${actor.email} / ${row.attach_type} ${row.id}`).toBe(canSeeDocument(actor, facts));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });
});
