import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let gov: TestClient, io: TestClient, ilo: TestClient, cso: TestClient, business: TestClient, organizer: TestClient;
let fullProject: string, openIdea: string, request: string;

const project = {
  kind: 'pipeline_project',
  title: 'Regional shelter network for survivors in West Africa',
  body: 'Shelters and case management across three countries.',
  countries: ['NG', 'GH'],
  areas: ['victim_protection'],
  budget: { amount: '500000', currency: 'EUR' },
  fundingSought: '400000',
};

beforeAll(async () => {
  t = await createTestApp();
  // Funding lists and totals are counted here: start from the demo accounts without the demo posts.
  await t.app.db.deleteFrom('posts').where('is_demo', '=', true).execute();
  [gov, io, ilo, cso, business, organizer] = (await Promise.all(
    ['government@demo.test', 'io@demo.test', 'ilo@demo.test', 'cso@demo.test', 'business@demo.test', 'organizer@demo.test'].map((e) => t.signIn(e)),
  )) as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  // A pipeline project only the full tier sees, an idea open to all, and a request (not a project).
  fullProject = (await io.post('/api/v1/posts', project)).json().id;
  openIdea = (
    await cso.post('/api/v1/posts', {
      kind: 'project_idea',
      title: 'Hotel staff training on the signs of exploitation',
      body: 'Training for front-desk staff in Europe.',
      regions: ['150'],
      areas: ['prevention_awareness'],
      status: 'seeking_funding',
      budget: { amount: '100000', currency: 'USD' },
    })
  ).json().id;
  request = (await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Assessment of the draft law', body: 'Legislative assessment.', countries: ['NG'], areas: ['legislation'], budget: { amount: '80000', currency: 'USD' } })).json().id;
  expect([fullProject, openIdea, request]).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
});
afterAll(async () => t?.close());

const funding = async (c: TestClient, id: string) => c.get(`/api/v1/posts/${id}/funding`);
const pledgeCount = async () => (await t.app.db.selectFrom('pledges').select('id').execute()).length;

describe('pledges and the gap', () => {
  it('shows budget, target, nothing pledged and the whole gap before any pledge', async () => {
    const res = await funding(gov, fullProject);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      seekingFunding: true,
      budget: { amount: '500000.00', currency: 'EUR' },
      totals: { target: { amount: '400000.00', currency: 'EUR' }, pledged: { amount: '0.00', currency: 'EUR' }, gap: { amount: '400000.00', currency: 'EUR' }, pledgeCount: 0 },
      pledges: [],
      permissions: { pledge: true, interest: true, readAll: false },
    });
  });

  it('lets a government pledge with conditions; the gap shrinks by the pledge', async () => {
    const res = await gov.post(`/api/v1/posts/${fullProject}/pledges`, { amount: '150000', currency: 'EUR', conditions: 'Disbursed in two tranches, subject to a joint monitoring plan.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ amount: { amount: '150000.00', currency: 'EUR' }, status: 'indicated', permissions: { confirm: true, withdraw: true } });
    const f = (await funding(ilo, fullProject)).json();
    expect(f.totals).toMatchObject({ pledged: { amount: '150000.00', currency: 'EUR' }, gap: { amount: '250000.00', currency: 'EUR' }, pledgeCount: 1 });
  });

  it('reports pledges in another currency beside the gap, without converting them', async () => {
    expect((await ilo.post(`/api/v1/posts/${fullProject}/pledges`, { amount: '20000.50', currency: 'USD' })).statusCode).toBe(201);
    const f = (await funding(gov, fullProject)).json();
    expect(f.totals.gap).toEqual({ amount: '250000.00', currency: 'EUR' });
    expect(f.totals.otherCurrencies).toEqual([{ amount: '20000.50', currency: 'USD' }]);
    expect(f.totals.pledgeCount).toBe(2);
  });

  it('never lets the gap go below zero', async () => {
    const idea = (await cso.post('/api/v1/posts', { kind: 'project_idea', title: 'Small awareness campaign', body: 'Posters.', regions: ['150'], status: 'seeking_funding', budget: { amount: '1000', currency: 'EUR' } })).json().id;
    await gov.post(`/api/v1/posts/${idea}/pledges`, { amount: '1500', currency: 'EUR' });
    expect((await funding(gov, idea)).json().totals.gap).toEqual({ amount: '0.00', currency: 'EUR' });
  });

  it('shows each pledge to the project organization, the pledging organization (its own) and organizers only', async () => {
    const byIo = (await funding(io, fullProject)).json();
    expect(byIo.permissions.readAll).toBe(true);
    expect(byIo.pledges.map((p: { organization: { name: string } }) => p.organization.name).sort()).toEqual([expect.stringContaining('ILO'), expect.stringContaining('NAPTIP')]);
    expect(byIo.pledges.every((p: { permissions: { confirm: boolean } }) => !p.permissions.confirm)).toBe(true);
    const byGov = (await funding(gov, fullProject)).json();
    expect(byGov.pledges).toHaveLength(1);
    expect(byGov.pledges[0].organization.name).toContain('NAPTIP');
    expect((await funding(organizer, fullProject)).json().pledges).toHaveLength(2);
    // Another full-tier organization sees the totals but no one's pledge.
    const osce = await t.signIn('osce@demo.test');
    const byOsce = (await funding(osce, fullProject)).json();
    expect(byOsce.totals.pledgeCount).toBe(2);
    expect(byOsce.pledges).toEqual([]);
    const pledgeId = byGov.pledges[0].id;
    expect((await osce.get(`/api/v1/pledges/${pledgeId}`)).statusCode).toBe(404);
    expect((await io.get(`/api/v1/pledges/${pledgeId}`)).statusCode).toBe(200);
  });

  it('lets only the pledging organization confirm and withdraw; withdrawn pledges leave the total', async () => {
    const pledgeId = (await funding(gov, fullProject)).json().pledges[0].id;
    expect((await io.post(`/api/v1/pledges/${pledgeId}/confirm`)).statusCode).toBe(403);
    expect((await cso.post(`/api/v1/pledges/${pledgeId}/withdraw`)).statusCode).toBe(404);
    const confirmed = await gov.post(`/api/v1/pledges/${pledgeId}/confirm`);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', permissions: { confirm: false, withdraw: true } });
    expect((await gov.post(`/api/v1/pledges/${pledgeId}/withdraw`)).json().status).toBe('withdrawn');
    expect((await gov.post(`/api/v1/pledges/${pledgeId}/confirm`)).statusCode).toBe(409);
    const f = (await funding(io, fullProject)).json();
    expect(f.totals).toMatchObject({ pledged: { amount: '0.00', currency: 'EUR' }, gap: { amount: '400000.00', currency: 'EUR' }, pledgeCount: 1 });
    // Pledging again after a withdrawal is a new pledge.
    expect((await gov.post(`/api/v1/pledges/${pledgeId}/withdraw`)).statusCode).toBe(409);
  });

  it('refuses pledges on your own project, on posts that are not projects, and from the partial tier', async () => {
    const before = await pledgeCount();
    expect((await io.post(`/api/v1/posts/${fullProject}/pledges`, { amount: '1000', currency: 'EUR' })).statusCode).toBe(403);
    expect((await ilo.post(`/api/v1/posts/${request}/pledges`, { amount: '1000', currency: 'USD' })).statusCode).toBe(404);
    expect((await funding(ilo, request)).statusCode).toBe(404);
    expect((await business.post(`/api/v1/posts/${openIdea}/pledges`, { amount: '1000', currency: 'USD' })).statusCode).toBe(403);
    expect((await funding(business, openIdea)).json().permissions).toMatchObject({ pledge: false, interest: false });
    expect(await pledgeCount()).toBe(before);
  });

  it('names every invalid field and stores nothing', async () => {
    const before = await pledgeCount();
    const bad = await gov.post(`/api/v1/posts/${openIdea}/pledges`, { amount: '0', currency: 'XQZ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['amount', 'currency']);
    const malformed = await gov.post(`/api/v1/posts/${openIdea}/pledges`, { amount: '12,5,3', currency: 'usd' });
    expect(malformed.statusCode).toBe(400);
    expect(await pledgeCount()).toBe(before);
  });
});

describe('tier safety', () => {
  it('answers 404 to the partial tier for a full-audience project, on every funding route', async () => {
    const before = await pledgeCount();
    expect((await funding(cso, fullProject)).statusCode).toBe(404);
    expect((await cso.post(`/api/v1/posts/${fullProject}/pledges`, { amount: '1000', currency: 'EUR' })).statusCode).toBe(404);
    expect((await cso.put(`/api/v1/posts/${fullProject}/interest`, {})).statusCode).toBe(404);
    const missing = await funding(cso, '00000000-0000-4000-8000-000000000000');
    expect((await funding(cso, fullProject)).body).toBe(missing.body.replace('00000000-0000-4000-8000-000000000000', fullProject));
    const ownPledge = (await funding(ilo, fullProject)).json().pledges[0].id;
    expect((await cso.get(`/api/v1/pledges/${ownPledge}`)).statusCode).toBe(404);
    expect(await pledgeCount()).toBe(before);
  });

  it('keeps full-audience projects out of the partial tier’s donor view, its totals and counts', async () => {
    const ids = (c: TestClient) => c.get('/api/v1/funding/projects').then((r) => r.json().items.map((i: { id: string }) => i.id));
    expect(await ids(gov)).toContain(fullProject);
    const seen = await cso.get('/api/v1/funding/projects');
    expect(seen.json().items.map((i: { id: string }) => i.id)).not.toContain(fullProject);
    expect(seen.json().items.every((i: { audience: string }) => i.audience === 'all')).toBe(true);
    expect(seen.json().total).toBe(seen.json().items.length);
    expect(JSON.stringify(seen.json())).not.toContain('West Africa');
  });
});

describe('interest', () => {
  it('records interest once per organization; names are shown as pledges are, counts to all who see the project', async () => {
    const first = await gov.put(`/api/v1/posts/${fullProject}/interest`, { note: 'Fits our national action plan.' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ myInterest: true, totals: { interestCount: 1 } });
    expect((await gov.put(`/api/v1/posts/${fullProject}/interest`, {})).json().totals.interestCount).toBe(1);
    const byIo = (await funding(io, fullProject)).json();
    expect(byIo.interests).toHaveLength(1);
    expect(byIo.interests[0].organization.name).toContain('NAPTIP');
    const byIlo = (await funding(ilo, fullProject)).json();
    expect(byIlo).toMatchObject({ myInterest: false, interests: [], totals: { interestCount: 1 } });
    expect((await gov.delete(`/api/v1/posts/${fullProject}/interest`)).json()).toMatchObject({ myInterest: false, totals: { interestCount: 0 } });
  });
});

describe('donor flag', () => {
  it('is set by organizers only, audited, and lets a flagged partial-tier organization pledge on what it may see', async () => {
    const accor = (await business.get('/api/v1/me')).json().organization.id;
    expect((await gov.put(`/api/v1/organizations/${accor}/donor`, { donor: true })).statusCode).toBe(403);
    expect((await organizer.put('/api/v1/organizations/00000000-0000-4000-8000-000000000000/donor', { donor: true })).statusCode).toBe(404);
    const set = await organizer.put(`/api/v1/organizations/${accor}/donor`, { donor: true, reason: 'Corporate foundation funds prevention work.' });
    expect(set.json()).toEqual({ organizationId: accor, donor: true });
    // Setting it again changes nothing and is not audited twice.
    await organizer.put(`/api/v1/organizations/${accor}/donor`, { donor: true });
    const audits = await t.app.db.selectFrom('audit_events').select(['action', 'details']).where('target_id', '=', accor).where('action', 'like', 'organization.donor%').execute();
    expect(audits).toEqual([{ action: 'organization.donor_flagged', details: { reason: 'Corporate foundation funds prevention work.' } }]);
    expect((await organizer.get('/api/v1/donor-organizations')).json().items.map((o: { id: string }) => o.id)).toEqual([accor]);
    expect((await gov.get('/api/v1/donor-organizations')).statusCode).toBe(403);

    expect((await business.post(`/api/v1/posts/${openIdea}/pledges`, { amount: '25000', currency: 'USD' })).statusCode).toBe(201);
    expect((await funding(cso, openIdea)).json().totals).toMatchObject({ pledged: { amount: '25000.00', currency: 'USD' }, gap: { amount: '75000.00', currency: 'USD' } });
    // A donor flag does not open the full tier.
    expect((await business.post(`/api/v1/posts/${fullProject}/pledges`, { amount: '1000', currency: 'EUR' })).statusCode).toBe(404);

    await organizer.put(`/api/v1/organizations/${accor}/donor`, { donor: false });
    expect((await business.post(`/api/v1/posts/${openIdea}/pledges`, { amount: '1000', currency: 'USD' })).statusCode).toBe(403);
    const actions = await t.app.db.selectFrom('audit_events').select('action').where('target_id', '=', accor).where('action', 'like', 'organization.donor%').orderBy('at').execute();
    expect(actions.map((a) => a.action)).toEqual(['organization.donor_flagged', 'organization.donor_unflagged']);
  });
});

describe('donor view', () => {
  const list = (c: TestClient, qs: string) => c.get(`/api/v1/funding/projects${qs}`).then((r) => r.json());

  it('lists projects seeking funding with their totals, and filters by region, country, area and gap', async () => {
    const all = await list(gov, '');
    const ids = all.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([fullProject, openIdea]));
    expect(ids).not.toContain(request);
    expect(all.items.find((i: { id: string }) => i.id === fullProject).funding.gap).toEqual({ amount: '400000.00', currency: 'EUR' });

    expect((await list(gov, '?region=002')).items.map((i: { id: string }) => i.id)).toEqual([fullProject]);
    expect((await list(gov, '?country=gh')).items.map((i: { id: string }) => i.id)).toEqual([fullProject]);
    expect((await list(gov, '?area=prevention_awareness')).items.map((i: { id: string }) => i.id)).toEqual([openIdea]);
    expect((await list(gov, '?minGap=300000&currency=EUR')).items.map((i: { id: string }) => i.id)).toEqual([fullProject]);
    expect((await list(gov, '?minGap=400000.01&currency=EUR')).items).toEqual([]);
    expect((await list(gov, '?minGap=50000&currency=USD')).items.map((i: { id: string }) => i.id)).toEqual([openIdea]);
    const first = await list(gov, '?limit=1');
    expect(first).toMatchObject({ total: all.total, nextOffset: 1 });
    const second = await list(gov, '?limit=1&offset=1');
    expect(second.items[0].id).toBe(all.items[1].id);
    expect((await list(gov, `?limit=1&offset=${all.total - 1}`)).nextOffset).toBeNull();
    const noCurrency = await gov.get('/api/v1/funding/projects?minGap=1000');
    expect(noCurrency.statusCode).toBe(400);
    expect(noCurrency.json().errors[0].field).toBe('currency');
  });

  it('drops a project once it is funded or hidden', async () => {
    const idea = (await cso.post('/api/v1/posts', { kind: 'project_idea', title: 'Peer support groups pilot', body: 'Pilot.', regions: ['150'], status: 'seeking_funding', budget: { amount: '5000', currency: 'EUR' } })).json();
    const ids = () => list(gov, '').then((l) => l.items.map((i: { id: string }) => i.id));
    expect(await ids()).toContain(idea.id);
    await cso.patch(`/api/v1/posts/${idea.id}`, { status: 'funded' });
    expect(await ids()).not.toContain(idea.id);
    await cso.patch(`/api/v1/posts/${idea.id}`, { status: 'seeking_funding' });
    await organizer.post(`/api/v1/posts/${idea.id}/hide`, { reason: 'Duplicate of another idea.' });
    expect(await ids()).not.toContain(idea.id);
  });
});
