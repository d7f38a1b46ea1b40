import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let gov: TestClient, io: TestClient, cso: TestClient, business: TestClient, organizer: TestClient;

const request = {
  kind: 'ta_request',
  title: 'Assessment of the draft anti-trafficking law against the Palermo Protocol',
  body: 'We need a **legislative assessment** of our draft law, including victim protection provisions and penalties.',
  countries: ['ng'],
  areas: ['legislation', 'criminal_justice'],
  themes: ['prosecution'],
  exploitation: ['forced_labour'],
  budget: { amount: '80000', currency: 'USD' },
  startsOn: '2027-01-01',
  endsOn: '2027-06-30',
};

beforeAll(async () => {
  t = await createTestApp();
  // These tests count and list posts; start from the demo accounts without the demo posts.
  await t.app.db.deleteFrom('posts').where('is_demo', '=', true).execute();
  [gov, io, cso, business, organizer] = await Promise.all(
    ['government@demo.test', 'io@demo.test', 'cso@demo.test', 'business@demo.test', 'organizer@demo.test'].map((e) => t.signIn(e)),
  ) as [TestClient, TestClient, TestClient, TestClient, TestClient];
});
afterAll(async () => t?.close());

describe('creating posts', () => {
  it('lets a government post a technical-assistance request, restricted to the full tier by default', async () => {
    const res = await gov.post('/api/v1/posts', request);
    expect(res.statusCode).toBe(201);
    const post = res.json();
    expect(post).toMatchObject({
      kind: 'ta_request',
      audience: 'full',
      status: 'open',
      countries: ['NG'],
      revision: 1,
      budget: { amount: '80000.00', currency: 'USD' },
      startsOn: '2027-01-01',
      organization: { category: 'government' },
      permissions: { update: true, offer: false, comment: true },
    });
    expect(post.bodyHtml).toContain('<strong>legislative assessment</strong>');
    expect(res.headers.location).toBe(`/api/v1/posts/${post.id}`);
  });

  it.each([
    ['cso@demo.test', 'ta_request', 403],
    ['io@demo.test', 'ta_request', 403],
    ['government@demo.test', 'pipeline_project', 403],
    ['cso@demo.test', 'pipeline_project', 403],
    ['io@demo.test', 'pipeline_project', 201],
    ['cso@demo.test', 'project_idea', 201],
    ['business@demo.test', 'project_info', 201],
    ['organizer@demo.test', 'ta_request', 201],
  ])('%s creating a %s gets %i', async (email, kind, status) => {
    const c = await t.signIn(email);
    const before = await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await c.post('/api/v1/posts', { ...request, kind, title: `A ${kind} by ${email}` });
    expect(res.statusCode).toBe(status);
    const after = await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(status === 201 ? 1 : 0);
  });

  it('defaults project ideas to everyone, and lets the author restrict them', async () => {
    const open = (await cso.post('/api/v1/posts', { ...request, kind: 'project_idea', title: 'Shelter network idea for West Africa' })).json();
    expect(open).toMatchObject({ audience: 'all', status: 'idea' });
    const closed = (await cso.post('/api/v1/posts', { ...request, kind: 'project_idea', audience: 'full', title: 'Restricted idea' })).json();
    expect(closed.audience).toBe('full');
  });

  it('names every invalid field and stores nothing', async () => {
    const before = (await t.app.db.selectFrom('posts').select('id').execute()).length;
    const res = await gov.post('/api/v1/posts', {
      ...request,
      title: 'x',
      countries: ['QQ'],
      regions: ['999'],
      areas: ['cooking'],
      status: 'funded',
      // Amounts may be typed as people type them ("1,200,000", "€ 25.000,50"); this one is no amount in any notation.
      budget: { amount: '12.3.4', currency: 'dollars' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'areas.0', 'budget.amount', 'budget.currency']));
    const res2 = await gov.post('/api/v1/posts', { ...request, countries: ['QQ'], regions: ['999'], status: 'funded', endsOn: '2026-01-01' });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['countries.0', 'regions.0', 'status', 'endsOn']));
    const res3 = await gov.post('/api/v1/posts', { ...request, countries: [], regions: [] });
    expect(res3.json().errors).toEqual([expect.objectContaining({ field: 'regions', detail: 'name at least one region or country' })]);
    expect((await t.app.db.selectFrom('posts').select('id').execute()).length).toBe(before);
  });

  it('takes funding sought only as a part of the budget, on create and on edit', async () => {
    const idea = { kind: 'project_idea', title: 'Shelter staff training in the Mekong region', body: 'Training for shelter staff.', regions: ['035'] };
    const noBudget = await io.post('/api/v1/posts', { ...idea, fundingSought: '1000' });
    expect(noBudget.statusCode).toBe(400);
    expect(noBudget.json().errors).toEqual([expect.objectContaining({ field: 'fundingSought' })]);
    const tooMuch = await io.post('/api/v1/posts', { ...idea, budget: { amount: '5000', currency: 'EUR' }, fundingSought: '5000.01' });
    expect(tooMuch.json().errors).toEqual([expect.objectContaining({ field: 'fundingSought', detail: 'must not be more than the budget' })]);

    const created = await io.post('/api/v1/posts', { ...idea, budget: { amount: '5000', currency: 'EUR' }, fundingSought: '3000' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ budget: { amount: '5000.00', currency: 'EUR' }, fundingSought: '3000.00' });
    const { id } = created.json() as { id: string };
    // Lowering the budget below what is sought, or dropping it, is refused too; nothing changes.
    const lower = await io.patch(`/api/v1/posts/${id}`, { budget: { amount: '2000', currency: 'EUR' } });
    expect(lower.json().errors).toEqual([expect.objectContaining({ field: 'fundingSought' })]);
    expect((await io.patch(`/api/v1/posts/${id}`, { budget: null })).statusCode).toBe(400);
    expect((await io.get(`/api/v1/posts/${id}`)).json()).toMatchObject({ budget: { amount: '5000.00' }, fundingSought: '3000.00', revision: 1 });
    expect((await io.patch(`/api/v1/posts/${id}`, { budget: null, fundingSought: null })).statusCode).toBe(200);
    await t.app.db.deleteFrom('posts').where('id', '=', id).execute(); // later tests count posts
  });
});

describe('reading and editing', () => {
  it('keeps every revision, refuses a stale one with 409, and lets the author change the audience', async () => {
    const post = (await gov.post('/api/v1/posts', { ...request, title: 'Data collection system for trafficking cases' })).json();
    const edited = await gov.patch(`/api/v1/posts/${post.id}`, { revision: 1, title: 'National data collection system on trafficking cases', audience: 'all' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, audience: 'all', title: 'National data collection system on trafficking cases' });
    const stale = await gov.patch(`/api/v1/posts/${post.id}`, { revision: 1, title: 'Overwriting someone else' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: '/problems/stale-revision', currentRevision: 2 });
    const revisions = (await gov.get(`/api/v1/posts/${post.id}/revisions`)).json().items;
    expect(revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    expect(revisions[1].snapshot.title).toBe('Data collection system for trafficking cases');
    expect(revisions[0].editedBy.name).toBe('Emeka Okafor');
  });

  it('lets only the posting organization (and organizers) edit', async () => {
    const post = (await io.post('/api/v1/posts', { ...request, kind: 'pipeline_project', title: 'Regional victim referral mechanism', audience: 'all' })).json();
    expect((await cso.patch(`/api/v1/posts/${post.id}`, { title: 'Hijacked title' })).statusCode).toBe(403);
    expect((await gov.patch(`/api/v1/posts/${post.id}`, { title: 'Hijacked title' })).statusCode).toBe(403);
    expect((await organizer.patch(`/api/v1/posts/${post.id}`, { status: 'funded' })).statusCode).toBe(200);
    expect((await cso.get(`/api/v1/posts/${post.id}/revisions`)).statusCode).toBe(403);
  });

  it('hides a post from everyone but organizers and its organization, and shows it again', async () => {
    const post = (await cso.post('/api/v1/posts', { ...request, kind: 'project_info', title: 'Awareness campaign in transit countries' })).json();
    expect((await business.get(`/api/v1/posts/${post.id}`)).statusCode).toBe(200);
    expect((await cso.post(`/api/v1/posts/${post.id}/hide`, { reason: 'Contains personal data' })).statusCode).toBe(403);
    const hidden = await organizer.post(`/api/v1/posts/${post.id}/hide`, { reason: 'Contains personal data' });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json().hidden).toMatchObject({ reason: 'Contains personal data' });
    expect((await business.get(`/api/v1/posts/${post.id}`)).statusCode).toBe(404);
    expect((await gov.get(`/api/v1/posts/${post.id}`)).statusCode).toBe(404);
    expect((await cso.get(`/api/v1/posts/${post.id}`)).json().hidden.reason).toBe('Contains personal data');
    const queue = (await organizer.get('/api/v1/posts?hidden=true')).json().items.map((i: { id: string }) => i.id);
    expect(queue).toContain(post.id);
    expect((await business.get('/api/v1/posts?hidden=true')).json().total).toBe(0);
    expect((await organizer.post(`/api/v1/posts/${post.id}/unhide`, {})).statusCode).toBe(200);
    expect((await organizer.get('/api/v1/posts?hidden=true')).json().items.map((i: { id: string }) => i.id)).not.toContain(post.id);
    expect((await business.get(`/api/v1/posts/${post.id}`)).statusCode).toBe(200);
    const audit = await t.app.db.selectFrom('audit_events').select('action').where('target_id', '=', post.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['post.hidden', 'post.unhidden']);
  });

  it('answers 404 for a post that does not exist, to organizers too', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const client of [organizer, gov, cso]) {
      const res = await client.get(`/api/v1/posts/${missing}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().type).toBe('/problems/not-found');
      expect((await client.get(`/api/v1/posts/${missing}/comments`)).statusCode).toBe(404);
    }
    expect((await organizer.post(`/api/v1/posts/${missing}/hide`, { reason: 'Checking a missing post' })).statusCode).toBe(404);
  });

  it('answers a malformed id like a missing post', async () => {
    expect((await gov.get('/api/v1/posts/not-a-uuid')).statusCode).toBe(400);
    expect((await gov.get('/api/v1/posts/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('finding posts', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const make = async (c: TestClient, body: object) => (await c.post('/api/v1/posts', { ...request, ...body })).json().id as string;
    ids = {
      shelter: await make(cso, { kind: 'project_idea', title: 'Victim shelters in Thailand', body: 'Shelters and psychosocial support for survivors in Bangkok.', countries: ['TH'], areas: ['victim_protection'], themes: ['protection'] }),
      supply: await make(business, { kind: 'project_idea', title: 'Supply chain audits for forced labour', body: 'Auditing garment supply chains in Bangladesh for forced labour.', countries: ['BD'], areas: ['prevention_awareness'], themes: ['prevention', 'partnership'] }),
      secretShelter: await make(io, { kind: 'pipeline_project', title: 'Shelter capacity building, restricted', body: 'Shelters for trafficked persons across Asia: capacity building.', regions: ['142'], countries: [], areas: ['victim_protection'], themes: ['protection'] }),
    };
  });

  it('searches full text with highlighted snippets and relevance order', async () => {
    const res = await gov.get('/api/v1/posts?q=shelters&sort=relevance');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    const found = items.map((i: { id: string }) => i.id);
    expect(found).toEqual(expect.arrayContaining([ids.shelter, ids.secretShelter]));
    expect(found).not.toContain(ids.supply);
    expect(total).toBe(items.length);
    const shelter = items.find((i: { id: string }) => i.id === ids.shelter);
    expect(shelter.snippet).toMatch(/<mark>Shelters<\/mark>/);
  });

  it('filters by region through the region tree, and by area and theme', async () => {
    const asia = (await gov.get('/api/v1/posts?region=142')).json().items.map((i: { id: string }) => i.id);
    expect(asia).toEqual(expect.arrayContaining([ids.shelter, ids.supply, ids.secretShelter]));
    const southEast = (await gov.get('/api/v1/posts?region=035')).json().items.map((i: { id: string }) => i.id);
    expect(southEast).toContain(ids.shelter);
    expect(southEast).not.toContain(ids.supply);
    const both = (await gov.get('/api/v1/posts?area=victim_protection&theme=protection&country=th')).json().items.map((i: { id: string }) => i.id);
    expect(both).toEqual([ids.shelter]);
  });

  it('counts facets over what matches', async () => {
    const { facets, total } = (await gov.get('/api/v1/posts?region=142')).json();
    expect(facets.region['142']).toBe(total);
    expect(facets.region['035']).toBe(1);
    expect(facets.kind.project_idea).toBe(2);
    expect(facets.area.victim_protection).toBe(2);
  });

  it("counts each facet without that facet's own selection, so the other choices keep their counts", async () => {
    const get = async (query: string) => (await gov.get(`/api/v1/posts${query}`)).json();
    const all = await get('');
    expect(Object.keys(all.facets.kind).length).toBeGreaterThan(1);
    // One Kind ticked: every Kind keeps its count; the list and the other facets follow the choice.
    const ideas = await get('?kind=project_idea');
    expect(ideas.facets.kind).toEqual(all.facets.kind);
    expect(ideas.total).toBe(all.facets.kind.project_idea);
    expect(ideas.facets.area).toEqual((await get('?kind=project_idea&area=victim_protection')).facets.area);
    // A country chosen: the regions keep their counts under the other filters (country and region are one dimension).
    const thailand = await get('?country=th');
    expect(thailand.total).toBeLessThan(all.total);
    expect(thailand.facets.region).toEqual(all.facets.region);
    expect((await get('?country=th&area=victim_protection')).facets.region).toEqual((await get('?area=victim_protection')).facets.region);
    // Still only posts the reader may see, and the kind facet still follows the other filters.
    expect((await get('?country=th&kind=project_idea')).facets.kind).toEqual(thailand.facets.kind);
  });

  it('never serves cached counts after posts change, even when another server changed them', async () => {
    const before = (await gov.get('/api/v1/posts?area=victim_protection')).json();
    const again = (await gov.get('/api/v1/posts?area=victim_protection')).json();
    expect(again.total).toBe(before.total);
    // A write that this process never saw, as if made by another app server: straight SQL.
    await t.app.db.updateTable('posts').set({ areas: ['data_research'] }).where('id', '=', ids.shelter!).execute();
    const after = (await gov.get('/api/v1/posts?area=victim_protection')).json();
    expect(after.total).toBe(before.total - 1);
    expect(after.facets.area.victim_protection).toBe(before.facets.area.victim_protection - 1);
    await t.app.db.updateTable('posts').set({ areas: ['victim_protection'] }).where('id', '=', ids.shelter!).execute();
    expect((await gov.get('/api/v1/posts?area=victim_protection')).json().total).toBe(before.total);
  });

  it('never serves a cached page after a post changed, and keeps pages apart per visibility class', async () => {
    const url = '/api/v1/posts?area=victim_protection';
    const first = (await gov.get(url)).json();
    expect((await gov.get(url)).json()).toEqual(first);
    const target = first.items[0] as { id: string; title: string };
    // Changed behind the app's back, as by another app server.
    await t.app.db.updateTable('posts').set({ title: `${target.title} (revised)` }).where('id', '=', target.id).execute();
    expect((await gov.get(url)).json().items[0].title).toBe(`${target.title} (revised)`);
    await t.app.db.updateTable('posts').set({ title: target.title }).where('id', '=', target.id).execute();
    // The same query by a partial-tier user is never answered from the government's page.
    const partial = (await cso.get(url)).json() as { items: { audience: string }[]; total: number };
    expect(partial.items.every((item) => item.audience === 'all')).toBe(true);
    expect(partial.total).toBeLessThan(first.total);
  });

  it('shows a plain-text summary in lists', async () => {
    const item = (await gov.get('/api/v1/posts?country=BD')).json().items.find((i: { id: string }) => i.id === ids.supply);
    expect(item.snippet).toBe('Auditing garment supply chains in Bangladesh for forced labour.');
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const all = (await gov.get('/api/v1/posts?limit=100')).json();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await gov.get(`/api/v1/posts?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i: { id: string }) => i.id));
    expect(seen.length).toBe(all.total);
  });

  it('refuses a forged cursor and relevance without a query', async () => {
    expect((await gov.get('/api/v1/posts?cursor=bm9wZQ')).json().type).toBe('/problems/invalid-cursor');
    expect((await gov.get('/api/v1/posts?sort=relevance')).statusCode).toBe(400);
  });

  it('publishes the taxonomies and the OpenAPI description', async () => {
    const tax = (await gov.get('/api/v1/taxonomies')).json();
    expect(tax.areas).toHaveLength(7);
    expect(tax.countries.find((c: { code: string }) => c.code === 'AT')).toMatchObject({ name: 'Austria', region: '155' });
    const doc = (await t.client().get('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/posts', '/api/v1/posts/{id}', '/api/v1/posts/{id}/offers', '/api/v1/offers/{id}/accept']));
  });
});
