// Issue 18: the framework endpoint, joint editing of the draft (a measure left out keeps its
// rating; saves on other measures merge; a save over a measure changed since is a 409 that changes
// nothing), bad input, submitted versions and their comparison, gaps turned into requests and the
// offers coming back on the measure, providers for a gap, CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../demo/demo-accounts.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

/** The text of a PDF, as a reader would extract it. */
async function pdfText(bytes: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return (Array.isArray(text) ? text.join('\n') : text).replace(/\s+/g, ' ');
}

let t: TestApp;
let gov: TestClient;
let colleague: TestClient;
let ngId: string;
const base = () => `/api/v1/organizations/${ngId}/self-assessment`;

interface Draft {
  revision: number;
  ratings: Record<string, { status: string; priority: string; note: string }>;
  requests: Record<string, { postId: string; title: string; status: string; offers: { organization: { name: string }; status: string; summary: string }[] }[]>;
  permissions: Record<string, boolean>;
}

beforeAll(async () => {
  t = await createTestApp();
  gov = await t.signIn('government@demo.test');
  ngId = ((await gov.get('/api/v1/me')).json() as { organization: { id: string } }).organization.id;
  // A second member of the same government, to edit together.
  await t.app.db
    .insertInto('users')
    .values({ organization_id: ngId, email: 'colleague.ng@demo.test', name: 'Ngozi Adeyemi', title: 'Programme officer', role: 'member', status: 'active', password_hash: await hashPassword(DEMO_PASSWORD), is_demo: true, activated_at: new Date(), password_changed_at: new Date() })
    .execute();
  colleague = await t.signIn('colleague.ng@demo.test');
  // Signing in hashes passwords: slow on a busy machine.
}, 240_000);
afterAll(async () => t?.close());

describe('the framework', () => {
  it('lists five pillars and 28 measures with their mapping and source', async () => {
    const res = await gov.get('/api/v1/framework');
    expect(res.statusCode).toBe(200);
    const { pillars } = res.json() as { pillars: { code: string; measures: { code: string; areas: string[]; themes: string[]; source: string }[] }[] };
    expect(pillars.map((p) => p.measures.length)).toEqual([5, 7, 5, 3, 8]);
    expect(pillars[1]!.measures[3]).toMatchObject({ code: 'protection-4', areas: ['victim_protection', 'strategy_policy'], source: expect.stringContaining('Annex III') });
    expect((await t.client().get('/api/v1/framework')).statusCode).toBe(401);
  });
});

describe('joint editing of the draft', () => {
  it('keeps measures left out, merges saves on other measures, and refuses a stale save on the same measure', async () => {
    const start = (await gov.get(base())).json() as Draft;
    expect(start.permissions).toMatchObject({ edit: true, submit: true, share: true, requestAssistance: true });
    expect((await colleague.get(base())).json().permissions).toMatchObject({ edit: true, share: false });
    // Only the focal point decides who sees the assessment; a member of the same government is refused.
    const share = await colleague.put(`${base()}/sharing`, { scope: 'private' });
    expect(share.statusCode).toBe(403);
    expect(share.headers['content-type']).toContain('application/problem+json');
    const r0 = start.revision;
    const kept = start.ratings['prosecution-1'];
    expect(kept).toBeDefined();

    const a = await gov.put(base(), { revision: r0, ratings: { 'prevention-3': { status: 'in_place', priority: 'low', note: 'Policy coherence review completed.' } } });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ revision: r0 + 1, ratings: { 'prevention-3': { status: 'in_place' }, 'prosecution-1': kept } });

    // The colleague still works from r0, on another measure: merged, nothing lost.
    const b = await colleague.put(base(), { revision: r0, ratings: { 'protection-3': { note: 'Shelter guidelines adopted.' } } });
    expect(b.statusCode, b.body).toBe(200);
    const merged = b.json() as Draft;
    expect(merged.revision).toBe(r0 + 2);
    expect(merged.ratings['prevention-3']).toMatchObject({ status: 'in_place' });
    // Only the note was sent: status and priority kept.
    expect(merged.ratings['protection-3']).toEqual({ status: 'partly_in_place', priority: 'medium', note: 'Shelter guidelines adopted.' });

    // Still from r0, on the measure changed since: 409 with who changed what, and nothing saved.
    const stale = await colleague.put(base(), { revision: r0, ratings: { 'prevention-3': { status: 'not_in_place', priority: 'high', note: 'Overwriting' } } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      type: '/problems/stale-revision',
      currentRevision: r0 + 2,
      baseRevision: r0,
      revisionsSince: [{ revision: r0 + 1, editedBy: { name: 'Emeka Okafor' } }, { revision: r0 + 2, editedBy: { name: 'Ngozi Adeyemi' } }],
      changes: [{ measure: 'prevention-3', fields: expect.arrayContaining(['status', 'note']), to: { status: 'in_place' } }],
    });
    const after = (await gov.get(base())).json() as Draft;
    expect(after.revision).toBe(r0 + 2);
    expect(after.ratings['prevention-3']).toMatchObject({ status: 'in_place' });

    // From the current revision the same save goes through; null clears a rating.
    const ok = await colleague.put(base(), { revision: r0 + 2, ratings: { 'prevention-3': { status: 'partly_in_place' }, 'prevention-5': null } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ratings['prevention-5']).toBeUndefined();
  });

  it('makes no revision for a save that sends ratings unchanged (compared field by field, whatever the stored key order)', async () => {
    const before = (await gov.get(base())).json() as Draft;
    const same = await gov.put(base(), { revision: before.revision, ratings: { 'prosecution-1': before.ratings['prosecution-1'], 'prosecution-3': { note: before.ratings['prosecution-3']!.note } } });
    expect(same.statusCode, same.body).toBe(200);
    expect((same.json() as Draft).revision).toBe(before.revision);
  });

  it('refuses bad input with field errors and changes nothing', async () => {
    const before = (await gov.get(base())).json() as Draft;
    const cases: [unknown, string][] = [
      [{ ratings: { 'prosecution-9': { status: 'in_place', priority: 'low', note: '' } } }, 'ratings.prosecution-9'],
      [{ ratings: { 'prosecution-2': { status: 'done', priority: 'low' } } }, 'ratings.prosecution-2.status'],
      [{ ratings: { 'prosecution-2': { status: 'in_place', priority: 'urgent' } } }, 'ratings.prosecution-2.priority'],
      [{ ratings: { 'prosecution-2': { status: 'in_place', note: 'x'.repeat(2001) } } }, 'ratings.prosecution-2'],
      [{}, 'ratings'],
    ];
    for (const [body, field] of cases) {
      const res = await gov.put(base(), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((res.json() as { errors: { field: string }[] }).errors.map((e) => e.field).some((f) => f.startsWith(field)), `${field}: ${res.body}`).toBe(true);
    }
    // A new measure needs a status; one bad measure among good ones saves none of them.
    const partial = await gov.put(base(), { ratings: { 'prevention-5': { note: 'no status' }, 'prevention-1': { status: 'in_place' } } });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().errors).toEqual([expect.objectContaining({ field: 'ratings.prevention-5.status' })]);
    const after = (await gov.get(base())).json() as Draft;
    expect(after.revision).toBe(before.revision);
    expect(after.ratings).toEqual(before.ratings);
  });
});

describe('submitted versions', () => {
  it('dates each version and compares it with the one before', async () => {
    const list = (await gov.get(`${base()}/versions`)).json() as { items: { version: number; submittedAt: string }[] };
    expect(list.items.map((v) => v.version)).toEqual([2, 1]);
    expect(new Date(list.items[0]!.submittedAt).getTime()).toBeGreaterThan(new Date(list.items[1]!.submittedAt).getTime());

    // The demo's second version: regulations adopted (prosecution-2 partly → in place), and new ratings.
    const v2 = (await gov.get(`${base()}/versions/2`)).json() as { comparedTo: { version: number }; changes: { measure: string; from: { status: string } | null; to: { status: string } | null }[] };
    expect(v2.comparedTo.version).toBe(1);
    expect(v2.changes).toContainEqual(expect.objectContaining({ measure: 'prosecution-2', from: expect.objectContaining({ status: 'partly_in_place' }), to: expect.objectContaining({ status: 'in_place' }) }));
    expect(v2.changes).toContainEqual(expect.objectContaining({ measure: 'protection-3', from: null }));
    expect(v2.changes.some((c) => c.measure === 'protection-4')).toBe(false);

    const draft = (await gov.get(base())).json() as Draft;
    expect((await gov.post(`${base()}/submit`, { revision: draft.revision - 1 })).statusCode).toBe(409);
    const submitted = await colleague.post(`${base()}/submit`, { revision: draft.revision });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json()).toMatchObject({ version: 3, submittedBy: { name: 'Ngozi Adeyemi' }, draftRevision: draft.revision });
    const v3 = (await gov.get(`${base()}/versions/3`)).json() as { ratings: Draft['ratings']; changes: { measure: string }[] };
    expect(v3.ratings).toEqual(draft.ratings);
    expect(v3.changes.map((c) => c.measure)).toEqual(expect.arrayContaining(['prevention-3', 'protection-3']));
    // Against an older version, and against one that does not exist.
    expect((await gov.get(`${base()}/versions/3?compareTo=1`)).json().comparedTo.version).toBe(1);
    expect((await gov.get(`${base()}/versions/3?compareTo=9`)).statusCode).toBe(404);
    expect((await gov.get(`${base()}/versions/9`)).statusCode).toBe(404);
  });

  it('exports the draft and a version as CSV', async () => {
    const res = await gov.get(`${base()}.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(29);
    expect(lines[0]).toBe('pillar,measure,text,status,priority,note,evidence document,source');
    expect(lines.find((l) => l.includes('protection-4'))).toContain('not_in_place');
    expect((await gov.get(`${base()}.csv?version=1`)).statusCode).toBe(200);
    expect((await gov.get(`${base()}.csv?version=7`)).statusCode).toBe(404);
  });

  it('exports the draft and a version as a PDF whose text reads as the assessment', async () => {
    const res = await gov.get(`${base()}.pdf?version=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="self-assessment-ng-version-1.pdf"');
    const text = await pdfText(res.rawPayload);
    for (const expected of ['Self-assessment against the Framework for Action', 'NAPTIP', 'Version 1, submitted', 'PROSECUTION', 'PROTECTION', 'INTERNATIONAL COOPERATION', 'protection-4', 'Rating: not in place; priority high.', 'No national referral mechanism', 'Annex III']) {
      expect(text, expected).toContain(expected);
    }
    // Every measure is there, rated or not.
    expect(text.match(/(prosecution|protection|prevention|national_cooperation|international_cooperation)-\d:/g)).toHaveLength(28);
    const draft = await gov.get(`${base()}.pdf`);
    expect(draft.statusCode).toBe(200);
    expect(await pdfText(draft.rawPayload)).toMatch(/Draft, revision \d+/);
    expect((await gov.get(`${base()}.pdf?version=7`)).statusCode).toBe(404);
    // The same readers as the CSV: a partial-tier participant does not learn the assessment exists.
    expect((await (await t.signIn('cso@demo.test')).get(`${base()}.pdf?version=1`)).statusCode).toBe(404);
  });
});

describe('evidence from the library', () => {
  it('cites a library document on a rating, keeps it across saves, compares and exports it, and refuses what is not in the library', async () => {
    const library = await t.app.db.selectFrom('documents').select(['id', 'title']).where('attach_type', '=', 'library').where('audience', '=', 'all').orderBy('title').execute();
    expect(library.length).toBeGreaterThanOrEqual(2);
    const [doc, other] = library as [{ id: string; title: string }, { id: string; title: string }];
    const { revision } = (await gov.get(base())).json() as Draft;
    const cited = await gov.put(base(), { revision, ratings: { 'prosecution-3': { document: doc.id } } });
    expect(cited.statusCode, cited.body).toBe(200);
    const draft = cited.json() as Draft & { documents: Record<string, { title: string }> };
    // Only the document was sent: status, priority and note kept.
    expect(draft.ratings['prosecution-3']).toMatchObject({ status: 'in_place', priority: 'low', documentId: doc.id, note: expect.stringContaining('Specialized') });
    expect(draft.documents[doc.id]).toMatchObject({ title: doc.title });

    // A later save of the note keeps the document; null removes it; another replaces it.
    const noteOnly = await gov.put(base(), { ratings: { 'prosecution-3': { note: 'Specialized units (see the handbook).' } } });
    expect(noteOnly.json().ratings['prosecution-3'].documentId).toBe(doc.id);

    // What is not a library document this government can see: refused, nothing saved.
    const random = '6f1c1d9e-0000-4000-8000-000000000000';
    const before = (await gov.get(base())).json() as Draft;
    for (const [document, status] of [[random, 400], ['not-an-id', 400]] as const) {
      const res = await gov.put(base(), { ratings: { 'prosecution-3': { document } } });
      expect(res.statusCode, String(document)).toBe(status);
      expect((res.json() as { errors: { field: string }[] }).errors.map((e) => e.field).join()).toContain('ratings.prosecution-3');
    }
    // A document attached to a post (not the library), even one the government sees.
    const linkedPost = before.requests['prosecution-1']![0]!.postId;
    await t.app.db.updateTable('documents').set({ attach_type: 'post', post_id: linkedPost, audience: null }).where('id', '=', other.id).execute();
    const attached = await gov.put(base(), { ratings: { 'prosecution-3': { document: other.id } } });
    expect(attached.statusCode).toBe(400);
    expect(attached.json().errors).toEqual([expect.objectContaining({ field: 'ratings.prosecution-3.document' })]);
    await t.app.db.updateTable('documents').set({ attach_type: 'library', post_id: null, audience: 'all' }).where('id', '=', other.id).execute();
    const after = (await gov.get(base())).json() as Draft;
    expect(after.revision).toBe(before.revision);
    expect(after.ratings['prosecution-3']!).toEqual(before.ratings['prosecution-3']!);

    // Submitted, the citation is in the version, the comparison and the exports.
    const submitted = await gov.post(`${base()}/submit`, { revision: after.revision });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const n = (submitted.json() as { version: number }).version;
    const version = (await gov.get(`${base()}/versions/${n}?compareTo=1`)).json() as { ratings: Draft['ratings']; documents: Record<string, { title: string }>; changes: { measure: string; fields: string[] }[] };
    expect((version.ratings['prosecution-3'] as { documentId?: string }).documentId).toBe(doc.id);
    expect(version.documents[doc.id]?.title).toBe(doc.title);
    expect(version.changes.find((c) => c.measure === 'prosecution-3')!.fields).toContain('document');
    expect((await gov.get(`${base()}.csv?version=${n}`)).body).toContain(doc.title.replace(/"/g, '""'));
    expect(await pdfText((await gov.get(`${base()}.pdf?version=${n}`)).rawPayload)).toContain('Document: About the');

    // A reader who may not see the document (the organizers hid it) reads the rating without it.
    await t.app.db.updateTable('documents').set({ hidden_at: new Date(), hidden_reason: 'test' }).where('id', '=', doc.id).execute();
    const io = await t.signIn('io@demo.test');
    const seen = (await io.get(`${base()}/versions/${n}`)).json() as { ratings: Draft['ratings']; documents: Record<string, unknown> };
    expect(seen.ratings['prosecution-3']).toBeDefined();
    expect((seen.ratings['prosecution-3'] as { documentId?: string }).documentId).toBeUndefined();
    expect(seen.documents).toEqual({});
    expect((await io.get(`${base()}.csv?version=${n}`)).body).not.toContain(doc.title.slice(0, 30));
    const organizer = await t.signIn('organizer@demo.test');
    expect(((await organizer.get(`${base()}/versions/${n}`)).json() as { documents: Record<string, unknown> }).documents[doc.id]).toBeDefined();
    await t.app.db.updateTable('documents').set({ hidden_at: null, hidden_reason: null }).where('id', '=', doc.id).execute();

    const removed = await gov.put(base(), { ratings: { 'prosecution-3': { document: null } } });
    expect(removed.json().ratings['prosecution-3'].documentId).toBeUndefined();
  });
});

describe('gaps become requests', () => {
  it('shows the demo request linked to its measure, with its offers', async () => {
    const draft = (await gov.get(base())).json() as Draft;
    const linked = draft.requests['prosecution-1'];
    expect(linked).toHaveLength(1);
    expect(linked![0]).toMatchObject({ title: expect.stringContaining('Review of the national trafficking in persons law'), status: 'in_progress' });
    expect(linked![0]!.offers.map((o) => o.status).sort()).toEqual(['accepted', 'pending']);
  });

  it('pre-fills a ta_request from the measure, creates it linked, and shows the offer that comes back', async () => {
    const postsBefore = (await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const draft = await gov.post(`${base()}/measures/protection-4/request`, {});
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({
      kind: 'ta_request',
      title: expect.stringContaining('national referral mechanism'),
      body: expect.stringContaining('No national referral mechanism linking the agency'),
      areas: ['victim_protection', 'strategy_policy'],
      themes: ['protection', 'partnership'],
      countries: ['NG'],
      audience: 'full',
      measure: { code: 'protection-4', pillar: 'protection' },
    });
    // Only a draft: nothing saved.
    expect((await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(postsBefore);
    expect((await gov.post(`${base()}/measures/protection-99/request`, {})).statusCode).toBe(404);

    const created = await gov.post(`${base()}/measures/protection-4/request`, { create: true, title: 'Setting up a national referral mechanism' });
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json() as { id: string; kind: string; title: string; areas: string[]; countries: string[]; measure: { code: string } };
    expect(post).toMatchObject({ kind: 'ta_request', title: 'Setting up a national referral mechanism', areas: ['victim_protection', 'strategy_policy'], countries: ['NG'], measure: { code: 'protection-4' } });

    const io = await t.signIn('io@demo.test');
    const offer = await io.post(`/api/v1/posts/${post.id}/offers`, { summary: 'Referral procedures and training', body: 'We can help draft the procedures and train staff.' });
    expect(offer.statusCode, offer.body).toBe(201);
    const back = ((await colleague.get(base())).json() as Draft).requests['protection-4'];
    expect(back).toEqual([expect.objectContaining({ postId: post.id, status: 'open', offers: [expect.objectContaining({ summary: 'Referral procedures and training', status: 'pending', organization: expect.objectContaining({ name: expect.stringContaining('IOM') }) })] })]);

    // Bad overrides change nothing.
    const bad = await gov.post(`${base()}/measures/protection-4/request`, { create: true, countries: ['XX'] });
    expect(bad.statusCode).toBe(400);
    expect(((await gov.get(base())).json() as Draft).requests['protection-4']).toHaveLength(1);
  });

  it('suggests providers for a gap', async () => {
    const res = await gov.get(`${base()}/measures/protection-4/providers`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { organization: { id: string; name: string }; score: number }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((m) => m.organization.id !== ngId && m.score > 0)).toBe(true);
    expect((await (await t.signIn('cso@demo.test')).get(`${base()}/measures/protection-4/providers`)).statusCode).toBe(404);
  });
});
