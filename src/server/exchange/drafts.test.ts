// Issue 13: private drafts. A draft is created without telling anyone; publishing it (the lead
// organization only) sets off what creating a published post does: saved-search announcements,
// the overlap scan, and its place in everyone's lists and counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSavedSearches } from '../donors/saved-search-job.js';
import { pendingScans } from '../overlap/board.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let io: TestClient, cso: TestClient, gov: TestClient, organizer: TestClient, business: TestClient;
let mailsSeen = 0;

async function check() {
  await checkSavedSearches(t.app.db, t.config.publicUrl);
  const all = await t.mails();
  const fresh = all.slice(mailsSeen);
  mailsSeen = all.length;
  // Only the saved-search announcements (a co-author is also mailed that it was added).
  return fresh.filter((m) => m.text.includes('saved search'));
}
const orgOf = async (email: string) => (await t.app.db.selectFrom('users').select('organization_id').where('email', '=', email).executeTakeFirstOrThrow()).organization_id;
const project = (title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'pipeline_project', title, body: 'Shelters and case management in Lagos.', countries: ['NG'], areas: ['victim_protection'], audience: 'all', budget: { amount: '300000', currency: 'EUR' }, ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  [io, cso, gov, organizer, business] = (await Promise.all(['io@demo.test', 'cso@demo.test', 'government@demo.test', 'organizer@demo.test', 'business@demo.test'].map((e) => t.signIn(e)))) as TestClient[] as [TestClient, TestClient, TestClient, TestClient, TestClient];
  for (const client of [cso, gov]) expect((await client.post('/api/v1/saved-searches', { name: 'Nigeria shelters', scope: 'posts', filters: { country: ['NG'], area: ['victim_protection'] } })).statusCode).toBe(201);
  await check();
});
afterAll(async () => t?.close());

describe('a draft', () => {
  let id = '';

  it('is created unpublished, announced to no one and left out of the overlap scan', async () => {
    const pending = await pendingScans(t.app.db);
    const res = await io.post('/api/v1/posts', project('Draft shelter network zqdraftword', { draft: true }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ draft: true, publishedAt: null, permissions: { publish: true } });
    id = res.json().id;
    expect(await check()).toEqual([]);
    expect(await t.app.db.selectFrom('notifications').select('id').where('post_id', '=', id).execute()).toEqual([]);
    expect(await pendingScans(t.app.db)).toBe(pending);
    const listed = (await io.get('/api/v1/posts?q=zqdraftword')).json();
    expect(listed.items.map((p: { id: string; draft: boolean }) => [p.id, p.draft])).toEqual([[id, true]]);
  });

  it('is not counted in anyone else’s totals or facets, filtered or not', async () => {
    for (const [client, own] of [[cso, false], [gov, false], [organizer, false], [io, true]] as const) {
      for (const query of ['', '?kind=pipeline_project', '?country=NG', '?q=zqdraftword']) {
        const body = (await client.get(`/api/v1/posts${query}`)).json();
        const ids = body.items.map((p: { id: string }) => p.id);
        expect(ids.includes(id), query).toBe(own);
      }
      const search = (await client.get('/api/v1/posts?q=zqdraftword')).json();
      expect(search.total).toBe(own ? 1 : 0);
      expect(search.facets.kind.pipeline_project ?? 0).toBe(own ? 1 : 0);
    }
    // The organizers moderate what is published: a draft is not theirs to open or hide.
    expect((await organizer.get(`/api/v1/posts/${id}`)).statusCode).toBe(404);
    expect((await organizer.post(`/api/v1/posts/${id}/hide`, { reason: 'Probing a draft from outside.' })).statusCode).toBe(404);
  });

  it('is seen and edited by a co-author, who may not publish it; others cannot even find it', async () => {
    expect((await io.post(`/api/v1/posts/${id}/coauthors`, { organizationId: await orgOf('cso@demo.test') })).statusCode).toBe(201);
    // The co-author is told (it can see the draft); the mail of the saved search still says nothing.
    const seen = await cso.get(`/api/v1/posts/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ draft: true, permissions: { update: true, publish: false } });
    expect((await cso.patch(`/api/v1/posts/${id}`, { body: 'Shelters, case management and legal aid in Lagos.' })).statusCode).toBe(200);
    expect((await cso.post(`/api/v1/posts/${id}/publish`, {})).statusCode).toBe(403);
    expect((await business.post(`/api/v1/posts/${id}/publish`, {})).statusCode).toBe(404);
    expect((await business.get(`/api/v1/posts/${id}`)).json()).toEqual({ ...(await business.get('/api/v1/posts/00000000-0000-4000-8000-000000000000')).json(), instance: expect.any(String) });
    // A co-author's comment reaches the lead; nobody outside.
    expect((await cso.post(`/api/v1/posts/${id}/comments`, { body: 'Added legal aid.' })).statusCode).toBe(201);
    const told = await t.app.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('u.organization_id').where('n.post_id', '=', id).execute();
    const allowed = new Set([await orgOf('io@demo.test'), await orgOf('cso@demo.test')]);
    expect(told.every((n) => allowed.has(n.organization_id))).toBe(true);
    expect(await check()).toEqual([]);
  });

  it('is published by its organization: then listed, counted, announced and scanned like a new post', async () => {
    const pending = await pendingScans(t.app.db);
    const res = await io.post(`/api/v1/posts/${id}/publish`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ draft: false, permissions: { publish: false } });
    expect(res.json().publishedAt).toEqual(expect.any(String));
    expect((await io.post(`/api/v1/posts/${id}/publish`, {})).statusCode).toBe(409);
    expect(await pendingScans(t.app.db)).toBe(pending + 1);
    const mails = await check();
    expect(mails.map((m) => m.to)).toContain('government@demo.test');
    expect(mails.find((m) => m.to === 'government@demo.test')!.text).toContain('Draft shelter network zqdraftword');
    const govUser = await t.app.db.selectFrom('users').select('id').where('email', '=', 'government@demo.test').executeTakeFirstOrThrow();
    expect(await t.app.db.selectFrom('notifications').select('kind').where('post_id', '=', id).where('user_id', '=', govUser.id).execute()).toEqual([{ kind: 'saved_search' }]);
    const search = (await business.get('/api/v1/posts?q=zqdraftword')).json();
    expect(search).toMatchObject({ total: 1, facets: { kind: { pipeline_project: 1 } } });
    expect((await organizer.get(`/api/v1/posts/${id}`)).statusCode).toBe(200);
  });
});
