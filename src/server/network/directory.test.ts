// The directory: search and filters, paging, and the tier wall — a reader's count of "posts you can
// see" for each organization equals what the post list gives them, and a theme filter finds an
// organization only through posts the reader may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let cso: TestClient;
let gov: TestClient;
let io: TestClient;

type Org = { id: string; name: string; category: string; posts: number; projects: number; themes: string[]; languages: string[] };
type Person = { id: string; name: string; email: string | null; organization: { name: string } };

/** Every page of a directory list. */
async function all<T>(client: TestClient, url: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.get(`${url}${url.includes('?') ? '&' : '?'}limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: T[]; nextCursor: string | null };
    out.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

/** Every post the post list gives this reader, for the given filters. */
async function postsOf(client: TestClient, query: string): Promise<{ id: string; organization: { id: string } }[]> {
  const out: { id: string; organization: { id: string } }[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.get(`/api/v1/posts?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    out.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  cso = await t.signIn('cso@demo.test');
  gov = await t.signIn('government@demo.test');
  io = await t.signIn('io@demo.test');
  // A restricted post with a theme, so the tier wall has something to hide.
  const res = await gov.post('/api/v1/posts', { kind: 'ta_request', audience: 'full', title: 'Restricted request on prosecution', body: 'Training of prosecutors.', countries: ['NG'], themes: ['prosecution'] });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t.close());

describe('the organizations directory', () => {
  it("shows each reader exactly the count of posts the post list gives them", async () => {
    let differs = 0;
    const csoOrgs = await all<Org>(cso, '/api/v1/directory/organizations');
    const govOrgs = await all<Org>(gov, '/api/v1/directory/organizations');
    expect(csoOrgs.length).toBeGreaterThan(10);
    expect(csoOrgs.map((o) => o.id)).toEqual(govOrgs.map((o) => o.id));
    for (const [client, orgs] of [[cso, csoOrgs], [gov, govOrgs]] as const) {
      for (const org of orgs) {
        const list = (await client.get(`/api/v1/posts?organization=${org.id}&limit=1`)).json();
        expect(org.posts, org.name).toBe(list.total);
      }
    }
    for (const org of csoOrgs) if (org.posts !== govOrgs.find((g) => g.id === org.id)!.posts) differs++;
    // Governments and international organizations post restricted entries: the partial tier sees fewer.
    expect(differs).toBeGreaterThan(0);
  });

  it('finds an organization by theme only through posts the reader may see', async () => {
    for (const client of [cso, gov]) {
      const found = (await all<Org>(client, '/api/v1/directory/organizations?theme=prosecution')).map((o) => o.id).sort();
      const fromPosts = [...new Set((await postsOf(client, 'theme=prosecution')).map((p) => p.organization.id))].sort();
      expect(found).toEqual(fromPosts);
    }
    const naptip = (await gov.get('/api/v1/me')).json().organization.id;
    expect((await all<Org>(gov, '/api/v1/directory/organizations?theme=prosecution')).map((o) => o.id)).toContain(naptip);
    const forCso = await all<Org>(cso, '/api/v1/directory/organizations?theme=prosecution');
    // Where La Strada sees NAPTIP at all, its themes name nothing from the restricted post alone.
    const csoPosts = await postsOf(cso, `organization=${naptip}&theme=prosecution`);
    expect(forCso.some((o) => o.id === naptip)).toBe(csoPosts.length > 0);
  });

  it('searches as you type and filters by category, country, region, area and language', async () => {
    const names = async (query: string) => (await all<Org>(cso, `/api/v1/directory/organizations?${query}`)).map((o) => o.name);
    expect(await names('q=strada')).toEqual(['La Strada International']);
    expect(await names('q=referral')).toEqual(expect.arrayContaining(['International Organization for Migration (IOM)']));
    expect(await names('q=%25')).toEqual([]); // a typed % is a character, not a wildcard
    const civil = await all<Org>(cso, '/api/v1/directory/organizations?category=civil_society');
    expect(civil.length).toBeGreaterThan(0);
    expect(civil.every((o) => o.category === 'civil_society')).toBe(true);
    expect(await names('country=NG')).toEqual(expect.arrayContaining([expect.stringContaining('NAPTIP'), 'Terre des Hommes']));
    expect(await names('country=ng')).toEqual(await names('country=NG'));
    const africa = await names('region=002');
    expect(africa).toEqual(expect.arrayContaining([expect.stringContaining('NAPTIP')]));
    expect(africa.length).toBeLessThan((await names('')).length);
    const hi = await all<Org>(cso, '/api/v1/directory/organizations?language=hi');
    expect(hi.map((o) => o.name)).toEqual(['Independent expert: Dr. Priya Raman (demo)']);
    expect(hi[0]!.languages).toContain('hi');
    const areas = await names('area=criminal_justice&category=government');
    expect(areas).toEqual(expect.arrayContaining([expect.stringContaining('NAPTIP')]));
    // Several filters narrow together.
    expect(await names('category=civil_society&language=ro')).toEqual(['La Strada International']);
  });

  it('pages with a cursor, and answers bad input with a problem', async () => {
    const first = (await cso.get('/api/v1/directory/organizations?limit=5')).json();
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).toEqual(expect.any(String));
    const every = await all<Org>(cso, '/api/v1/directory/organizations');
    expect(new Set(every.map((o) => o.id)).size).toBe(first.total);
    expect((await cso.get('/api/v1/directory/organizations?category=planet')).statusCode).toBe(400);
    const badCursor = await cso.get('/api/v1/directory/organizations?cursor=nonsense');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().type).toBe('/problems/invalid-cursor');
    expect((await t.client().get('/api/v1/directory/organizations')).statusCode).toBe(401);
  });
});

describe('the people directory', () => {
  it('lists participants, showing an e-mail address only where the person allows it', async () => {
    const people = await all<Person>(cso, '/api/v1/directory/people');
    expect(people.length).toBeGreaterThan(10);
    expect(people.every((p) => p.email === null)).toBe(true);
    await t.app.db.updateTable('users').set({ show_email: true }).where('email', '=', 'io@demo.test').execute();
    const marta = (await all<Person>(cso, '/api/v1/directory/people?q=marta')).find((p) => p.name === 'Marta Silva')!;
    expect(marta.email).toBe('io@demo.test');
    expect((await all<Person>(cso, '/api/v1/directory/people?q=ahmed'))[0]!.email).toBeNull();
    // Search by organization name and filter by organization.
    const iomPeople = await all<Person>(cso, '/api/v1/directory/people?q=migration');
    expect(iomPeople.map((p) => p.name)).toEqual(expect.arrayContaining(['Marta Silva', 'Ahmed Hassan']));
    const iomId = (await io.get('/api/v1/me')).json().organization.id;
    expect((await all<Person>(cso, `/api/v1/directory/people?organization=${iomId}`)).map((p) => p.name).sort()).toEqual(['Ahmed Hassan', 'Marta Silva']);
    // Deleted and deactivated people are not listed.
    await t.app.db.updateTable('users').set({ deleted_at: new Date() }).where('email', '=', 'member.io@demo.test').execute();
    expect((await all<Person>(cso, `/api/v1/directory/people?organization=${iomId}`)).map((p) => p.name)).toEqual(['Marta Silva']);
  });
});
