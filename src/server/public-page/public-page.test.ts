// The public page answers without a session and names nothing an organizer did not mark public:
// every restricted, hidden or unmarked post title, every unmarked organization and every person
// is absent, whatever marks exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let organizer: TestClient, io: TestClient, cso: TestClient;
const page = async (app: TestApp = t) => app.app.inject({ method: 'GET', url: '/public', headers: { accept: 'text/html' } });

let openMarked: { id: string; title: string };
let openUnmarked: { id: string; title: string };
let restricted: { id: string; title: string };
let laterRestricted: { id: string; title: string };
let strada: { id: string; name: string };
let iom: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp({ publicPage: true });
  [organizer, io, cso] = await Promise.all(['organizer@demo.test', 'io@demo.test', 'cso@demo.test'].map((e) => t.signIn(e))) as [TestClient, TestClient, TestClient];
  openMarked = (await cso.post('/api/v1/posts', { kind: 'project_idea', title: 'Shelter network for the Danube region (public)', body: 'x', regions: ['151'] })).json();
  openUnmarked = (await cso.post('/api/v1/posts', { kind: 'project_idea', title: 'Unmarked idea that stays among participants', body: 'x', regions: ['151'] })).json();
  restricted = (await io.post('/api/v1/posts', { kind: 'pipeline_project', title: 'Restricted pipeline project never public', body: 'x', regions: ['002'] })).json();
  laterRestricted = (await io.post('/api/v1/posts', { kind: 'project_info', audience: 'all', title: 'Marked then restricted project information', body: 'x', regions: ['002'] })).json();
  strada = (await cso.get('/api/v1/me')).json().organization;
  iom = (await io.get('/api/v1/me')).json().organization;
});
afterAll(async () => t?.close());

describe('marks', () => {
  it('organizers mark posts open to all and organizations; nobody else; never a restricted post', async () => {
    expect((await cso.put(`/api/v1/posts/${openMarked.id}/public`)).statusCode).toBe(403);
    expect((await organizer.put(`/api/v1/posts/${openMarked.id}/public`)).json()).toEqual({ public: true, shown: true, canMark: true });
    expect((await organizer.put(`/api/v1/posts/${laterRestricted.id}/public`)).statusCode).toBe(200);
    const refused = await organizer.put(`/api/v1/posts/${restricted.id}/public`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('/problems/not-open-to-all');
    expect((await cso.put(`/api/v1/organizations/${strada.id}/public`)).statusCode).toBe(403);
    expect((await organizer.put(`/api/v1/organizations/${strada.id}/public`)).statusCode).toBe(200);
    // A partial-tier user cannot learn about a restricted post through its mark either.
    expect((await cso.get(`/api/v1/posts/${restricted.id}/public`)).statusCode).toBe(404);
    // Marks are audited.
    const audit = (await organizer.get('/api/v1/audit?action=post.marked_public')).json();
    expect(JSON.stringify(audit)).toContain(openMarked.id);
  });

  it('a marked post that becomes restricted drops off the page', async () => {
    expect((await io.patch(`/api/v1/posts/${laterRestricted.id}`, { audience: 'full' })).statusCode).toBe(200);
    expect((await organizer.get(`/api/v1/posts/${laterRestricted.id}/public`)).json()).toMatchObject({ public: true, shown: false });
  });
});

describe('the public page', () => {
  it('is off unless VF_PUBLIC=1', async () => {
    expect(loadConfig({}).publicPage).toBe(false);
    expect(loadConfig({ VF_PUBLIC: '1' }).publicPage).toBe(true);
    const off = await createTestApp({ demo: false });
    try {
      expect((await page(off)).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  }, 120_000);

  it('answers without a session, as HTML that is indexable', async () => {
    const res = await page();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toMatch(/<html lang="en">/);
    expect(res.body).toContain('<meta name="description"');
    expect(res.body).toContain('<h2 id="how">How to apply</h2>');
    expect(res.body).toContain('href="/apply"');
    // The programme of the current event.
    expect(res.body).toContain('Opening session');
    const css = await t.app.inject({ method: 'GET', url: '/public/style.css' });
    expect(css.headers['content-type']).toContain('text/css');
    // Revalidation is cheap.
    const again = await t.app.inject({ method: 'GET', url: '/public', headers: { accept: 'text/html', 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('shows marked posts and organizations, and leaks nothing else', async () => {
    const html = (await page()).body;
    expect(html).toContain(openMarked.title);
    expect(html).not.toContain(openUnmarked.title);
    // Marked and of a marked organization: named with it.
    expect(html).toContain(`by ${strada.name}`);
    const db = t.database.db;
    const marked = new Set((await db.selectFrom('public_posts').select('post_id').execute()).map((r) => r.post_id));
    const posts = await db.selectFrom('posts').select(['id', 'title', 'audience', 'hidden_at']).execute();
    const shown = posts.filter((p) => marked.has(p.id) && p.audience === 'all' && !p.hidden_at);
    expect(shown.map((p) => p.id)).toEqual([openMarked.id]);
    for (const p of posts) if (!shown.includes(p)) expect(html.includes(p.title), `post "${p.title}"`).toBe(false);
    const markedOrgs = new Set((await db.selectFrom('public_organizations').select('organization_id').execute()).map((r) => r.organization_id));
    for (const o of await db.selectFrom('organizations').select(['id', 'name']).execute()) expect(html.includes(o.name), `organization "${o.name}"`).toBe(markedOrgs.has(o.id));
    for (const u of await db.selectFrom('users').select(['name', 'email']).execute()) {
      expect(html.includes(u.name), `person "${u.name}"`).toBe(false);
      expect(html.includes(u.email)).toBe(false);
    }
    expect(html).not.toContain(iom.name);
  });

  it('a marked post of an unmarked organization does not name the organization', async () => {
    const post = (await io.post('/api/v1/posts', { kind: 'project_info', audience: 'all', title: 'Open information of an unmarked organization', body: 'x', regions: ['150'] })).json();
    expect((await organizer.put(`/api/v1/posts/${post.id}/public`)).statusCode).toBe(200);
    const html = (await page()).body;
    expect(html).toContain(post.title);
    expect(html).toContain('by a participating organization');
    expect(html).not.toContain(iom.name);
    expect((await organizer.delete(`/api/v1/posts/${post.id}/public`)).statusCode).toBe(200);
    expect((await page()).body).not.toContain(post.title);
  });

  it('counts only posts open to all, by kind and region, and the cooperative projects among them', async () => {
    const html = (await page()).body;
    const db = t.database.db;
    const open = await db.selectFrom('posts').select(['kind', 'geo']).where('audience', '=', 'all').where('hidden_at', 'is', null).execute();
    const cell = (label: string) => html.match(new RegExp(`<th scope="row">${label}</th><td>(\\d+)</td>`))?.[1];
    expect(Number(cell('Project ideas'))).toBe(open.filter((p) => p.kind === 'project_idea').length);
    expect(Number(cell('Technical-assistance requests'))).toBe(open.filter((p) => p.kind === 'ta_request').length);
    expect(Number(cell('All posts'))).toBe(open.length);
    expect(Number(cell('Africa'))).toBe(open.filter((p) => p.geo.includes('002')).length);
    expect(Number(cell('Europe'))).toBe(open.filter((p) => p.geo.includes('150')).length);
    // The cooperative projects: as the statistics of a participant with no organization of their own would count them.
    const figure = Number(html.match(/data-figure="cooperative">(\d+)</)?.[1]);
    const all = await db.selectFrom('posts as p').select('p.id').where('p.audience', '=', 'all').where('p.hidden_at', 'is', null).where('p.kind', 'in', ['project_idea', 'pipeline_project'])
      .where((eb) => eb.or([
        eb.exists(eb.selectFrom('post_partners as pp').select('pp.post_id').whereRef('pp.post_id', '=', 'p.id').whereRef('pp.organization_id', '<>', 'p.organization_id')),
        eb.exists(eb.selectFrom('post_coauthors as pc').select('pc.post_id').whereRef('pc.post_id', '=', 'p.id').whereRef('pc.organization_id', '<>', 'p.organization_id')),
      ])).execute();
    expect(figure).toBe(all.length);
    expect(figure).toBeGreaterThan(0);
  });
});
