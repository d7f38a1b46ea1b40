// Issue 18: the framework endpoint, joint editing of the draft (a measure left out keeps its
// rating; saves on other measures merge; a save over a measure changed since is a 409 that changes
// nothing), bad input, submitted versions and their comparison, gaps turned into requests and the
// offers coming back on the measure, providers for a gap, CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../demo/demo-accounts.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

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
    expect(lines[0]).toBe('pillar,measure,text,status,priority,note,source');
    expect(lines.find((l) => l.includes('protection-4'))).toContain('not_in_place');
    expect((await gov.get(`${base()}.csv?version=1`)).statusCode).toBe(200);
    expect((await gov.get(`${base()}.csv?version=7`)).statusCode).toBe(404);
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
