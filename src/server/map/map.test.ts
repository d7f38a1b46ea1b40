// The map never shows more than the list: for every role, each country's and region's figure is
// the total Browse gives for ?country=XX or ?region=NNN with the same filters, and the panel of a
// place names only posts the user may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderedPair } from '../overlap/board.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { expandRegion, regionsOfCountry } from '../../shared/taxonomy/index.js';

const expandRegionsOf = (codes: string[]) => new Set(codes.flatMap((code) => expandRegion(code)));

let t: TestApp;
const ROLES = ['organizer@demo.test', 'government@demo.test', 'io@demo.test', 'cso@demo.test', 'business@demo.test', 'academia@demo.test', 'media@demo.test', 'expert@demo.test'];
const clients = new Map<string, TestClient>();
const as = (email: string) => clients.get(email)!;

interface Figures { code: string; posts: number; projects: number }
interface MapAnswer { total: { posts: number; projects: number }; countries: Figures[]; regions: Figures[] }

async function browseTotal(c: TestClient, query: string): Promise<{ total: number; facets: { region: Record<string, number>; kind: Record<string, number> } }> {
  const res = await c.get(`/api/v1/posts?limit=1${query ? `&${query}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function map(c: TestClient, query = ''): Promise<MapAnswer> {
  const res = await c.get(`/api/v1/map${query ? `?${query}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Projects among the kinds a filter allows: the list with the project kinds the filter leaves. */
function projectQuery(query: string): string | null {
  const params = new URLSearchParams(query);
  const kinds = params.getAll('kind');
  const projectKinds = ['pipeline_project', 'project_idea', 'project_info'].filter((k) => kinds.length === 0 || kinds.includes(k));
  if (projectKinds.length === 0) return null;
  params.delete('kind');
  for (const k of projectKinds) params.append('kind', k);
  return params.toString();
}

async function expectMapEqualsBrowse(c: TestClient, query: string) {
  const m = await map(c, query);
  const all = await browseTotal(c, query);
  expect(m.total.posts).toBe(all.total);
  const pq = projectQuery(query);
  expect(m.total.projects).toBe(pq === null ? 0 : (await browseTotal(c, pq)).total);
  // Regions: the list's own region facet counts the same thing (posts, and projects with the project kinds).
  expect(Object.fromEntries(m.regions.map((r) => [r.code, r.posts]))).toEqual(all.facets.region);
  const projectFacet = pq === null ? {} : (await browseTotal(c, pq)).facets.region;
  expect(Object.fromEntries(m.regions.filter((r) => r.projects > 0).map((r) => [r.code, r.projects]))).toEqual(projectFacet);
  // Countries: each one's list total.
  const extra = (code: string) => `${query ? `${query}&` : ''}country=${code}`;
  for (const place of m.countries) {
    expect((await browseTotal(c, extra(place.code))).total, `country ${place.code} (${query})`).toBe(place.posts);
    const projects = pq === null ? 0 : (await browseTotal(c, `${pq}&country=${place.code}`)).total;
    expect(projects, `projects in country ${place.code} (${query})`).toBe(place.projects);
  }
  // A country not on the map has nothing in the list either.
  for (const code of ['IS', 'AQ', 'NG', 'MD']) if (!m.countries.some((p) => p.code === code)) expect((await browseTotal(c, extra(code))).total).toBe(0);
  return m;
}

let restrictedNg: { id: string; title: string };
let openNg: { id: string; title: string };

beforeAll(async () => {
  t = await createTestApp();
  for (const email of ROLES) clients.set(email, await t.signIn(email));
  // One restricted and one open post in Nigeria, with dates, so the tiers differ there and the time span has something to find.
  restrictedNg = (await as('government@demo.test').post('/api/v1/posts', { kind: 'ta_request', title: 'Restricted request: forensic interviews of witnesses', body: 'x', countries: ['NG'], areas: ['criminal_justice'], startsOn: '2031-03-01', endsOn: '2031-09-30' })).json();
  openNg = (await as('cso@demo.test').post('/api/v1/posts', { kind: 'project_idea', title: 'Open idea: forensic interviews of witnesses', body: 'x', countries: ['NG'], areas: ['criminal_justice'], startsOn: '2031-01-01' })).json();
  // A post in two regions: it matches a Europe filter through France, and must not give Nigeria a figure under it.
  const twoRegions = (await as('cso@demo.test').post('/api/v1/posts', { kind: 'project_info', title: 'Open information: a corridor from Lagos to Paris', body: 'x', countries: ['NG', 'FR'] })).json();
  expect(restrictedNg.id && openNg.id && twoRegions.id).toBeTruthy();
});
afterAll(async () => t?.close());

describe('map figures equal the list', () => {
  it.each(ROLES)('for %s, without filters', async (email) => {
    const m = await expectMapEqualsBrowse(as(email), '');
    expect(m.countries.length).toBeGreaterThan(5);
  });

  it.each(['government@demo.test', 'cso@demo.test'])('for %s, with kind, area, theme, status and time span filters', async (email) => {
    for (const query of ['kind=project_idea', 'kind=ta_request&area=victim_protection', 'theme=protection&status=in_progress&status=ongoing', 'to=2000-01-01', 'from=2031-02-01&to=2031-12-31&area=criminal_justice']) {
      await expectMapEqualsBrowse(as(email), query);
    }
  });

  it.each(ROLES)('for %s, with region and country filters: the places inside them, each as the list gives it', async (email) => {
    const c = as(email);
    for (const query of ['region=150', 'region=002&kind=project_info', 'region=011&area=criminal_justice', 'country=NG&country=MD', 'region=155&country=NG&status=ongoing']) {
      const params = new URLSearchParams(query);
      const regions = params.getAll('region');
      const countries = params.getAll('country');
      params.delete('region');
      params.delete('country');
      const rest = params.toString();
      const narrowed = (geo: string) => `${rest ? `${rest}&` : ''}${geo}`;
      const m = await map(c, query);
      expect(m.total.posts, query).toBe((await browseTotal(c, query)).total);
      const pq = projectQuery(query);
      expect(m.total.projects, query).toBe(pq === null ? 0 : (await browseTotal(c, pq)).total);
      // Each country shown lies inside the filter, and its figure is the list's with it as the only place.
      const unfiltered = await map(c, rest);
      const insideCountry = (code: string) => countries.includes(code) || regionsOfCountry(code).some((r) => regions.includes(r));
      for (const place of m.countries) {
        expect(insideCountry(place.code), `${place.code} is outside ${query}`).toBe(true);
        expect((await browseTotal(c, narrowed(`country=${place.code}`))).total, `country ${place.code} (${query})`).toBe(place.posts);
      }
      // …and every country inside it with posts is shown.
      expect(m.countries.map((p) => p.code).sort(), query).toEqual(unfiltered.countries.filter((p) => insideCountry(p.code)).map((p) => p.code).sort());
      // Regions: those inside a chosen region, each with the list's own region facet (which leaves the region filter out).
      const facet = (await browseTotal(c, query)).facets.region;
      const insideRegion = (code: string) => expandRegionsOf(regions).has(code);
      expect(Object.fromEntries(m.regions.map((r) => [r.code, r.posts])), query).toEqual(Object.fromEntries(Object.entries(facet).filter(([code]) => insideRegion(code))));
      for (const r of m.regions) expect((await browseTotal(c, narrowed(`region=${r.code}`))).total, `region ${r.code} (${query})`).toBe(r.posts);
      // The panel of a place shown says the same as its figure.
      const first = m.countries[0];
      if (first) expect((await c.get(`/api/v1/map/places/${first.code}?${query}`)).json().posts, `panel of ${first.code} (${query})`).toBe(first.posts);
    }
  });

  it('differ by tier exactly by the restricted post', async () => {
    const gov = (await map(as('government@demo.test'), 'area=criminal_justice&from=2031-01-01')).countries.find((c) => c.code === 'NG');
    const cso = (await map(as('cso@demo.test'), 'area=criminal_justice&from=2031-01-01')).countries.find((c) => c.code === 'NG');
    expect(gov).toEqual({ code: 'NG', posts: 2, projects: 1 });
    expect(cso).toEqual({ code: 'NG', posts: 1, projects: 1 });
  });

  it('refuse a time span that ends before it starts, like the list', async () => {
    for (const url of ['/api/v1/map?from=2031-02-01&to=2031-01-01', '/api/v1/posts?from=2031-02-01&to=2031-01-01']) {
      const res = await as('cso@demo.test').get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('to');
    }
  });
});

describe('the time span filter', () => {
  it('keeps the posts whose planned period overlaps it, open ends reaching out, undated posts left out', async () => {
    const c = as('organizer@demo.test');
    const items: { startsOn: string | null; endsOn: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof items; nextCursor: string | null } = (await c.get(`/api/v1/posts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const overlaps = (from: string | null, to: string | null) =>
      items.filter((p) => (p.startsOn || p.endsOn) && (!from || !p.endsOn || p.endsOn >= from) && (!to || !p.startsOn || p.startsOn <= to)).length;
    const spans: [string | null, string | null][] = [['2031-02-01', null], [null, '2031-01-01'], ['2031-02-01', '2031-02-28']];
    // The demo's own periods are relative to today: a span around today finds some of them.
    const today = new Date().toISOString().slice(0, 10);
    spans.push([today, today]);
    for (const [from, to] of spans) {
      const query = [from && `from=${from}`, to && `to=${to}`].filter(Boolean).join('&');
      expect((await browseTotal(c, query)).total, query).toBe(overlaps(from, to));
    }
    expect(overlaps(today, today)).toBeGreaterThan(0);
    expect(items.some((p) => !p.startsOn && !p.endsOn)).toBe(true);
  });
});

describe('who does what in a place', () => {
  it('lists the organizations and posts there that the user may see, never a restricted one', async () => {
    for (const email of ['government@demo.test', 'cso@demo.test', 'business@demo.test']) {
      const c = as(email);
      const res = await c.get('/api/v1/map/places/NG');
      expect(res.statusCode).toBe(200);
      const place = res.json();
      expect(place.name).toBe('Nigeria');
      expect(place.posts).toBe((await browseTotal(c, 'country=NG')).total);
      const ids = new Set<string>(place.organizations.flatMap((o: { posts: { id: string; role: string }[] }) => o.posts.filter((p) => p.role === 'lead').map((p) => p.id)));
      expect(ids.size).toBe(place.posts);
      for (const id of ids) expect((await c.get(`/api/v1/posts/${id}`)).statusCode).toBe(200);
      expect(JSON.stringify(place).includes(restrictedNg.title)).toBe(email === 'government@demo.test');
      expect(JSON.stringify(place)).toContain(openNg.title);
    }
  });

  it('names partners and co-authors with their role', async () => {
    const io = as('io@demo.test');
    const project = (await io.post('/api/v1/posts', { kind: 'pipeline_project', audience: 'all', title: 'Joint return programme for Moldova', body: 'x', countries: ['MD'] })).json();
    const me = (await as('cso@demo.test').get('/api/v1/me')).json();
    expect((await io.post(`/api/v1/posts/${project.id}/coauthors`, { organizationId: me.organization.id })).statusCode).toBe(201);
    const place = (await as('expert@demo.test').get('/api/v1/map/places/MD')).json();
    const strada = place.organizations.find((o: { id: string }) => o.id === me.organization.id);
    expect(strada.posts).toContainEqual(expect.objectContaining({ id: project.id, role: 'coauthor' }));
  });

  it('a region works like the list region filter', async () => {
    const c = as('cso@demo.test');
    const place = (await c.get('/api/v1/map/places/002?kind=project_info')).json();
    expect(place.type).toBe('region');
    expect(place.name).toBe('Africa');
    expect(place.posts).toBe((await browseTotal(c, 'region=002&kind=project_info')).total);
  });

  it('answers 404 for a code that is no country or region, 400 for a malformed one', async () => {
    expect((await as('cso@demo.test').get('/api/v1/map/places/QQ')).statusCode).toBe(404);
    expect((await as('cso@demo.test').get('/api/v1/map/places/nigeria')).statusCode).toBe(400);
    expect((await t.client().get('/api/v1/map')).statusCode).toBe(401);
  });

  it('flags possible overlaps there only when the user may see both posts', async () => {
    const db = t.database.db;
    const openOther = (await as('business@demo.test').post('/api/v1/posts', { kind: 'project_info', title: 'Forensic interviews of witnesses in Lagos', body: 'x', countries: ['NG'] })).json();
    const [a1, b1] = orderedPair(openNg.id, restrictedNg.id);
    const [a2, b2] = orderedPair(openNg.id, openOther.id);
    await db.insertInto('overlap_pairs').values([
      { post_a: a1, post_b: b1, score: 0.61, reasons: '[]' },
      { post_a: a2, post_b: b2, score: 0.55, reasons: '[]' },
    ]).execute();
    const overlapsOf = async (email: string) => (await as(email).get('/api/v1/map/places/NG')).json().overlaps as { score: number; related: boolean; posts: { id: string }[] }[];
    const gov = await overlapsOf('government@demo.test');
    const cso = await overlapsOf('cso@demo.test');
    const pairIds = (list: typeof gov) => list.map((o) => o.posts.map((p) => p.id).sort().join('|'));
    expect(pairIds(gov)).toEqual(expect.arrayContaining([[a1, b1].sort().join('|'), [a2, b2].sort().join('|')]));
    expect(pairIds(cso)).toContain([a2, b2].sort().join('|'));
    expect(JSON.stringify(cso)).not.toContain(restrictedNg.id);
    // Each post names its organization with the id its page needs (issue 12: names link).
    const business = (await as('business@demo.test').get('/api/v1/me')).json().organization as { id: string; name: string };
    const shown = cso.flatMap((o) => o.posts as { id: string; organization?: string; organizationId?: string }[]).find((p) => p.id === openOther.id);
    expect(shown).toMatchObject({ organization: business.name, organizationId: business.id });
    // "Not a duplicate" takes a pair off the map.
    await db.insertInto('overlap_marks').values({ post_a: a2, post_b: b2, mark: 'not_duplicate', marked_by: (await as('organizer@demo.test').get('/api/v1/me')).json().id }).execute();
    expect(pairIds(await overlapsOf('cso@demo.test'))).not.toContain([a2, b2].sort().join('|'));
  });
});
