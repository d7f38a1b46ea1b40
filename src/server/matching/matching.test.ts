// Matching: organizations suggested for a request, requests a provider could answer, and the
// expertise profile behind both; never across the tier wall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let gov: TestClient, io: TestClient, cso: TestClient, organizer: TestClient, ioMember: TestClient, tdh: TestClient;
const ids = new Map<string, string>();
const orgIds = new Map<string, string>();
const fullTitles = new Set<string>();

interface Match {
  organization: { id: string; name: string; category: string };
  score: number;
  reasons: { code: string; values: string[] }[];
}
interface ToAnswer {
  hasProfile: boolean;
  items: { post: { id: string; title: string; audience: string; kind: string }; score: number; reasons: { code: string; values: string[] }[] }[];
}

const reasonsOf = (m: { reasons: { code: string; values: string[] }[] }) => Object.fromEntries(m.reasons.map((r) => [r.code, r.values]));

beforeAll(async () => {
  t = await createTestApp();
  [gov, io, cso, organizer, ioMember, tdh] = (await Promise.all(
    ['government@demo.test', 'io@demo.test', 'cso@demo.test', 'organizer@demo.test', 'member.io@demo.test', 'tdh@demo.test'].map((e) => t.signIn(e)),
  )) as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  for (const r of await t.app.db.selectFrom('posts').select(['id', 'title', 'audience']).execute()) {
    ids.set(r.title, r.id);
    if (r.audience === 'full') fullTitles.add(r.title);
  }
  for (const o of await t.app.db.selectFrom('organizations').select(['id', 'name']).execute()) orgIds.set(o.name, o.id);
});
afterAll(async () => t?.close());

const SHELTERS = 'Minimum standards and staff training for the Agency’s shelters'; // NG, full audience, victim_protection
const MIGRATION = 'Information campaign on safe labour migration in rural districts'; // MD, open to all, prevention_awareness
const IOM = 'International Organization for Migration (IOM)';
const LA_STRADA = 'La Strada International';

describe('GET /api/v1/posts/:id/matches', () => {
  it('suggests organizations from their declared expertise and earlier work, with reasons', async () => {
    const res = await gov.get(`/api/v1/posts/${ids.get(SHELTERS)}/matches`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as Match[];
    const iom = list.find((m) => m.organization.name === IOM);
    expect(iom).toBeDefined();
    const reasons = reasonsOf(iom!);
    expect(reasons.expertise_areas).toEqual(['victim_protection']);
    expect(reasons.operates_in_region).toEqual(['002']);
    expect(reasons.shared_language).toEqual(['en']);
    // IOM's accepted offer on Moldova's referral system (victim protection) is work under way (the
    // request is in progress): it counts as offered, not yet as delivered.
    expect(reasons.offered_before).toEqual(['Extending the National Referral System to every district']);
    expect(reasons.delivered_before).toBeUndefined();
    for (let i = 1; i < list.length; i++) expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
    // Never the requester itself.
    expect(list.some((m) => m.organization.id === orgIds.get('National Agency for the Prohibition of Trafficking in Persons (NAPTIP), Nigeria'))).toBe(false);
  });

  it('for a full-audience request, suggests only organizations that may see and answer it', async () => {
    const list = (await gov.get(`/api/v1/posts/${ids.get(SHELTERS)}/matches`)).json() as Match[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((m) => m.organization.category === 'government' || m.organization.category === 'intergovernmental')).toBe(true);
    // Terre des Hommes declares victim protection in Nigeria: a perfect fit on paper, but partial tier.
    expect(list.some((m) => m.organization.name === 'Terre des Hommes')).toBe(false);
  });

  it('for a request open to all, suggests civil society too', async () => {
    const list = (await io.get(`/api/v1/posts/${ids.get(MIGRATION)}/matches`)).json() as Match[];
    const ls = list.find((m) => m.organization.name === LA_STRADA);
    expect(ls).toBeDefined();
    expect(reasonsOf(ls!).operates_in_country).toEqual(['MD']);
  });

  it('never reveals a full-audience post to a partial-tier user through the reasons', async () => {
    // ILO delivered on full-audience requests; as the partial tier sees matches for an open request,
    // no earlier work behind the tier wall may be named.
    const list = (await cso.get(`/api/v1/posts/${ids.get(MIGRATION)}/matches`)).json() as Match[];
    expect(list.length).toBeGreaterThan(0);
    const named = list.flatMap((m) => m.reasons.filter((r) => r.code === 'delivered_before' || r.code === 'offered_before').flatMap((r) => r.values));
    expect(named.filter((title) => fullTitles.has(title))).toEqual([]);
    // The full tier, looking at the same request, is told about such work: the check above means something.
    const full = (await io.get(`/api/v1/posts/${ids.get(MIGRATION)}/matches`)).json() as Match[];
    const namedFull = full.flatMap((m) => m.reasons.filter((r) => r.code === 'delivered_before' || r.code === 'offered_before').flatMap((r) => r.values));
    expect(namedFull.some((title) => fullTitles.has(title))).toBe(true);
  });

  it('counts as delivered only finished work: an accepted offer once the request is closed, a partner once the project is completed', async () => {
    const ILO = 'International Labour Organization (ILO)';
    const reasonsFor = async (requestId: string) => reasonsOf((await gov.get(`/api/v1/posts/${requestId}/matches`)).json().find((m: Match) => m.organization.name === ILO) ?? { reasons: [] });
    const done = (await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Guidelines for data on forced labour cases', body: 'Indicators and a case register.', countries: ['NG'], areas: ['data_research'] })).json();
    const offer = (await t.signIn('ilo@demo.test').then((ilo) => ilo.post(`/api/v1/posts/${done.id}/offers`, { summary: 'Forced labour statistics', body: 'We can help.' }))).json();
    expect((await gov.post(`/api/v1/offers/${offer.id}/accept`)).statusCode).toBe(200);
    const next = (await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'A register of trafficking cases', body: 'A national data system.', countries: ['NG'], areas: ['data_research'] })).json();
    // Accepted but not finished: offered before, not delivered.
    let reasons = await reasonsFor(next.id);
    expect(reasons.offered_before).toEqual(['Guidelines for data on forced labour cases']);
    expect(reasons.delivered_before).toBeUndefined();
    // Closed: now delivered.
    expect((await gov.patch(`/api/v1/posts/${done.id}`, { status: 'closed' })).statusCode).toBe(200);
    reasons = await reasonsFor(next.id);
    expect(reasons.delivered_before).toEqual(['Guidelines for data on forced labour cases']);
    expect(reasons.offered_before).toBeUndefined();
  });

  it('answers 404 to a partial-tier user for a full-audience request, like a missing one', async () => {
    const hidden = await cso.get(`/api/v1/posts/${ids.get(SHELTERS)}/matches`);
    const missing = await cso.get('/api/v1/posts/00000000-0000-4000-8000-000000000000/matches');
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(missing.json().detail);
  });

  it('answers 404 for a post that is not a technical-assistance request', async () => {
    const res = await gov.get(`/api/v1/posts/${ids.get('Safe return and sustainable reintegration in Eastern and South-Eastern Europe')}/matches`);
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /api/v1/me/requests-to-answer', () => {
  it('lists open requests that fit the expertise, best first, with reasons', async () => {
    const res = await io.get('/api/v1/me/requests-to-answer');
    expect(res.statusCode).toBe(200);
    const body = res.json() as ToAnswer;
    expect(body.hasProfile).toBe(true);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((i) => i.post.kind === 'ta_request')).toBe(true);
    const begging = body.items.find((i) => i.post.title === 'Identifying children exploited in begging and petty crime abroad: cooperation with destination countries');
    expect(begging).toBeDefined();
    expect(reasonsOf(begging!).expertise_areas).toEqual(['international_cooperation', 'victim_protection']);
    expect(reasonsOf(begging!).operates_in_region).toEqual(['150']);
    // IOM (through a member) already offered on the shelters request: not listed again.
    expect(body.items.some((i) => i.post.title === SHELTERS)).toBe(false);
    for (let i = 1; i < body.items.length; i++) expect(body.items[i]!.score).toBeLessThanOrEqual(body.items[i - 1]!.score);
  });

  it('never lists a full-audience request to a partial-tier user', async () => {
    // Terre des Hommes declares victim protection in Nigeria: the shelters request fits, but is full-audience.
    const full = (await organizer.get('/api/v1/me/requests-to-answer')).json() as ToAnswer;
    expect(full.items.length).toBeGreaterThan(0);
    const body = (await tdh.get('/api/v1/me/requests-to-answer')).json() as ToAnswer;
    expect(body.hasProfile).toBe(true);
    expect(body.items.every((i) => i.post.audience === 'all')).toBe(true);
    expect(body.items.some((i) => i.post.title === SHELTERS)).toBe(false);
    // Open the request to all: now it is listed, so the absence above was the tier wall, not the fit.
    const post = (await gov.get(`/api/v1/posts/${ids.get(SHELTERS)}`)).json();
    expect((await gov.patch(`/api/v1/posts/${post.id}`, { revision: post.revision, audience: 'all' })).statusCode).toBe(200);
    const after = (await tdh.get('/api/v1/me/requests-to-answer')).json() as ToAnswer;
    expect(after.items.some((i) => i.post.title === SHELTERS)).toBe(true);
    const again = (await gov.get(`/api/v1/posts/${post.id}`)).json();
    await gov.patch(`/api/v1/posts/${post.id}`, { revision: again.revision, audience: 'full' });
  });

  it('leaves out requests the organization already offered on', async () => {
    const body = (await cso.get('/api/v1/me/requests-to-answer')).json() as ToAnswer;
    // La Strada offered on the Moldovan campaign.
    expect(body.items.some((i) => i.post.title === MIGRATION)).toBe(false);
  });

  it('says when there is no profile to match on', async () => {
    await t.app.db.deleteFrom('organization_expertise').where('organization_id', '=', orgIds.get('Accor (hotel group)')!).execute();
    const business = await t.signIn('business@demo.test');
    expect((await business.get('/api/v1/me/requests-to-answer')).json()).toEqual({ hasProfile: false, items: [] });
  });
});

describe('the expertise profile', () => {
  const profile = { areas: ['victim_protection', 'data_research'], regions: ['011'], countries: ['ng', 'GH'], languages: ['en', 'fr'], summary: 'Shelters and data.' };

  it('is read by any participant', async () => {
    const res = await cso.get(`/api/v1/organizations/${orgIds.get(IOM)}/expertise`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ areas: expect.arrayContaining(['victim_protection']), languages: expect.arrayContaining(['en']), canEdit: false });
  });

  it('is kept by the focal point of the organization, and audited', async () => {
    const id = orgIds.get(IOM)!;
    expect((await io.get(`/api/v1/organizations/${id}/expertise`)).json().canEdit).toBe(true);
    const res = await io.put(`/api/v1/organizations/${id}/expertise`, profile);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ areas: profile.areas, regions: ['011'], countries: ['NG', 'GH'], languages: ['en', 'fr'], summary: 'Shelters and data.' });
    const row = await t.app.db.selectFrom('organization_expertise').selectAll().where('organization_id', '=', id).executeTakeFirstOrThrow();
    expect(row.geo).toEqual(expect.arrayContaining(['NG', 'GH', '011', '202', '002']));
    const audit = await t.app.db.selectFrom('audit_events').selectAll().where('action', '=', 'organization.expertise_updated').execute();
    expect(audit.map((a) => a.target_id)).toContain(id);
  });

  it('is not changed by another organization, a member, or anyone signed out', async () => {
    const id = orgIds.get(IOM)!;
    expect((await cso.put(`/api/v1/organizations/${id}/expertise`, profile)).statusCode).toBe(403);
    expect((await ioMember.put(`/api/v1/organizations/${id}/expertise`, profile)).statusCode).toBe(403);
    expect((await t.client().put(`/api/v1/organizations/${id}/expertise`, profile)).statusCode).toBe(401);
  });

  it('may be set by organizers for any organization', async () => {
    const res = await organizer.put(`/api/v1/organizations/${orgIds.get(LA_STRADA)}/expertise`, { ...profile, summary: 'Set by the organizers.' });
    expect(res.statusCode).toBe(200);
  });

  it('refuses unknown codes, listing each field, and changes nothing', async () => {
    const id = orgIds.get(IOM)!;
    const before = await t.app.db.selectFrom('organization_expertise').selectAll().where('organization_id', '=', id).executeTakeFirstOrThrow();
    const res = await io.put(`/api/v1/organizations/${id}/expertise`, { ...profile, regions: ['999'], countries: ['XX'], languages: ['zz'] });
    expect(res.statusCode).toBe(400);
    expect((res.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['countries.0', 'languages.0', 'regions.0']);
    const after = await t.app.db.selectFrom('organization_expertise').selectAll().where('organization_id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const schema = await io.put(`/api/v1/organizations/${id}/expertise`, { ...profile, areas: ['cooking'] });
    expect(schema.statusCode).toBe(400);
  });

  it('changes the suggestions', async () => {
    // IOM now declares data and research in West Africa: Nigeria's data request (open to all) fits.
    const list = (await gov.get(`/api/v1/posts/${ids.get('A national database of trafficking investigations and prosecutions for the zonal commands')}/matches`)).json() as Match[];
    const iom = list.find((m) => m.organization.name === IOM);
    expect(iom).toBeDefined();
    expect(reasonsOf(iom!).operates_in_country).toEqual(['NG']);
    expect(reasonsOf(iom!).expertise_areas).toEqual(['data_research']);
  });
});
