// GET /api/v1/posts/export.csv: the list a participant may see, as CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { neutralizeFormula } from './export-routes.js';

let t: TestApp;
let gov: TestClient, cso: TestClient;

/** Ids of all posts a client can list with these filters (every page). */
async function listedIds(client: TestClient, query = ''): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = (await client.get(`/api/v1/posts?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids.sort();
}

/** The first cell of each record: the post ids, in the order of the file. */
const idsIn = (csv: string) => [...csv.matchAll(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}),/gm)].map((m) => m[1]!);

beforeAll(async () => {
  t = await createTestApp();
  [gov, cso] = (await Promise.all(['government@demo.test', 'cso@demo.test'].map((e) => t.signIn(e)))) as [TestClient, TestClient];
});
afterAll(async () => t?.close());

describe('exporting posts as CSV', () => {
  it('holds exactly the posts the user may list: a partial-tier export has no restricted post', async () => {
    const res = await cso.get('/api/v1/posts/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="virtual-forum-posts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith('\uFEFFid,url,kind,title,organization,')).toBe(true);
    const exported = idsIn(res.body);
    expect(exported.length).toBeGreaterThan(0);
    expect([...exported].sort()).toEqual(await listedIds(cso));

    const restricted = (await gov.get('/api/v1/posts?limit=100&kind=ta_request')).json().items.filter((p: { audience: string }) => p.audience === 'full') as { id: string; title: string }[];
    expect(restricted.length).toBeGreaterThan(0);
    for (const post of restricted) {
      expect(res.body).not.toContain(post.id);
      expect(res.body).not.toContain(post.title);
    }
    // The government, in the full tier, gets them.
    expect(idsIn((await gov.get('/api/v1/posts/export.csv')).body)).toEqual(expect.arrayContaining(restricted.map((p) => p.id)));
  });

  it('applies the list filters, and writes labels people can read', async () => {
    const res = await gov.get('/api/v1/posts/export.csv?kind=pipeline_project&area=victim_protection');
    expect([...idsIn(res.body)].sort()).toEqual(await listedIds(gov, '&kind=pipeline_project&area=victim_protection'));
    expect(res.body).toContain('pipeline_project');
    expect(res.body).not.toMatch(/^[^\n]*,ta_request,/m);
  });

  it('never lets a cell run as a spreadsheet formula', async () => {
    expect(neutralizeFormula('=HYPERLINK("https://evil.test")')).toBe(`'=HYPERLINK("https://evil.test")`);
    expect(neutralizeFormula('+1')).toBe(`'+1`);
    expect(neutralizeFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutralizeFormula('Shelters in Moldova')).toBe('Shelters in Moldova');
    const created = await gov.post('/api/v1/posts', { kind: 'project_info', title: '=HYPERLINK("https://evil.test","Click")', body: 'Text.', regions: ['150'], audience: 'all' });
    expect(created.statusCode).toBe(201);
    const csv = (await cso.get('/api/v1/posts/export.csv')).body;
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.test"",""Click"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('is for signed-in participants only, and refuses bad filters like the list', async () => {
    expect((await t.client().get('/api/v1/posts/export.csv')).statusCode).toBe(401);
    const bad = await cso.get('/api/v1/posts/export.csv?area=cooking');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual((await cso.get('/api/v1/posts?area=cooking')).json().errors);
    expect(bad.json().errors[0].field).toContain('area');
  });
});
