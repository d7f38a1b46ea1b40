import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { loadPrincipal } from '../auth/sessions.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { statisticsQueries } from './statistics.js';

let t: TestApp;
let gov: TestClient, io: TestClient, cso: TestClient, organizer: TestClient;

interface Item {
  id: string;
  kind: string;
  status: string;
  audience: string;
  organization: { id: string };
  areas: string[];
  budget: { amount: string; currency: string } | null;
}

/** Every post this client can list, page by page, with the list's own region facet. */
async function listAll(c: TestClient): Promise<{ items: Item[]; regionFacet: Record<string, number> }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let regionFacet: Record<string, number> = {};
  do {
    const res = await c.get(`/api/v1/posts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    items.push(...page.items);
    regionFacet = page.facets.region;
    cursor = page.nextCursor;
  } while (cursor);
  return { items, regionFacet };
}

const tally = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
const stats = async (c: TestClient) => {
  const res = await c.get('/api/v1/statistics');
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  [gov, io, cso, organizer] = (await Promise.all(['government@demo.test', 'io@demo.test', 'cso@demo.test', 'organizer@demo.test'].map((e) => t.signIn(e)))) as [TestClient, TestClient, TestClient, TestClient];
  // A pledge on a project open to all, and one on a full-audience project, so both tiers' funding figures have pledges in them.
  const open = (await io.post('/api/v1/posts', { kind: 'pipeline_project', audience: 'all', title: 'Open project seeking funds', body: 'x', regions: ['150'], budget: { amount: '200000', currency: 'EUR' } })).json();
  const full = (await io.post('/api/v1/posts', { kind: 'pipeline_project', title: 'Restricted project seeking funds', body: 'x', regions: ['002'], budget: { amount: '90000', currency: 'CHF' } })).json();
  expect((await gov.post(`/api/v1/posts/${open.id}/pledges`, { amount: '50000', currency: 'EUR' })).statusCode).toBe(201);
  expect((await gov.post(`/api/v1/posts/${full.id}/pledges`, { amount: '10000', currency: 'CHF' })).statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe('statistics within the tier', () => {
  it.each(['cso@demo.test', 'business@demo.test', 'expert@demo.test', 'government@demo.test'])("equal, for %s, what follows from the posts they can list", async (email) => {
    const user = email === 'cso@demo.test' ? cso : await t.signIn(email);
    const me = (await user.get('/api/v1/me')).json();
    const s = await stats(user);
    const { items, regionFacet } = await listAll(user);
    expect(items.length).toBeGreaterThan(10);
    // For the partial tier, full-audience posts in the list are only the organization's own.
    if (me.tier === 'partial') expect(items.filter((i) => i.audience === 'full').every((i) => i.organization.id === me.organization.id)).toBe(true);
    expect(s.posts.total).toBe(items.length);
    expect(s.posts.byKind).toEqual(tally(items.map((i) => i.kind)));
    expect(s.posts.byArea).toEqual(tally(items.flatMap((i) => i.areas)));
    expect(s.posts.byRegion).toEqual(regionFacet);

    const requests = items.filter((i) => i.kind === 'ta_request');
    const ids = requests.map((r) => r.id);
    const accepted = new Set(
      ids.length ? (await t.app.db.selectFrom('offers').select('post_id').where('status', '=', 'accepted').where('post_id', 'in', ids).execute()).map((r) => r.post_id) : [],
    );
    const answered = requests.filter((r) => ['in_progress', 'closed'].includes(r.status) || accepted.has(r.id));
    expect(s.requests.total).toBe(requests.length);
    expect(s.requests.answered).toBe(answered.length);
    expect(s.requests.unanswered).toBe(requests.filter((r) => r.status === 'open' && !accepted.has(r.id)).length);

    const funding = (await user.get('/api/v1/funding/projects?limit=100')).json();
    expect(s.funding.projectsSeeking).toBe(funding.total);
    const byCurrency: Record<string, { projects: number; sought: number; pledged: number; gap: number }> = {};
    for (const p of funding.items) {
      if (!p.funding.target) continue;
      const c = (byCurrency[p.funding.target.currency] ??= { projects: 0, sought: 0, pledged: 0, gap: 0 });
      c.projects++;
      c.sought += Number(p.funding.target.amount);
      c.pledged += Number(p.funding.pledged.amount);
      c.gap += Number(p.funding.gap.amount);
    }
    expect(Object.fromEntries(s.funding.byCurrency.map((c: { currency: string; projects: number; sought: string; pledged: string; gap: string }) => [c.currency, { projects: c.projects, sought: Number(c.sought), pledged: Number(c.pledged), gap: Number(c.gap) }]))).toEqual(byCurrency);
    expect(byCurrency.EUR!.pledged).toBeGreaterThanOrEqual(50000);
    // The restricted project's currency appears in the full tier's figures only.
    if (me.tier === 'partial') expect(s.funding.byCurrency.map((c: { currency: string }) => c.currency)).not.toContain('CHF');
    else expect(s.funding.byCurrency.map((c: { currency: string }) => c.currency)).toContain('CHF');
  });

  it('count a full-audience post for the full tier and never for the partial tier', async () => {
    const [govBefore, csoBefore] = await Promise.all([stats(gov), stats(cso)]);
    await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Restricted request for statistics', body: 'x', countries: ['NG'], areas: ['legislation'] });
    const [govAfter, csoAfter] = await Promise.all([stats(gov), stats(cso)]);
    expect(govAfter.posts.total).toBe(govBefore.posts.total + 1);
    expect(govAfter.requests.unanswered).toBe(govBefore.requests.unanswered + 1);
    expect(csoAfter).toEqual(csoBefore);
    expect(govAfter.funding.byCurrency.map((c: { currency: string }) => c.currency)).toContain('CHF');
    expect(govAfter.posts.total).toBeGreaterThan(csoAfter.posts.total);
  });

  it('count answered requests and cooperatively developed projects as they happen', async () => {
    const req = (await gov.post('/api/v1/posts', { kind: 'ta_request', audience: 'all', title: 'Open request answered in the test', body: 'x', countries: ['NG'], areas: ['legislation'] })).json();
    const before = await stats(cso);
    const offer = (await cso.post(`/api/v1/posts/${req.id}/offers`, { summary: 'We can train prosecutors', body: 'Details.' })).json();
    expect((await gov.post(`/api/v1/offers/${offer.id}/accept`)).statusCode).toBe(200);
    const after = await stats(cso);
    expect(after.requests.answered).toBe(before.requests.answered + 1);
    expect(after.requests.unanswered).toBe(before.requests.unanswered - 1);
    // Requester and provider are now partners from two organizations.
    expect(after.cooperation.posts).toBe(before.cooperation.posts + 1);
    expect(after.cooperation.projects).toBe(before.cooperation.projects);

    const idea = (await cso.post('/api/v1/posts', { kind: 'project_idea', title: 'Joint idea of two organizations', body: 'x', regions: ['150'] })).json();
    const orgs = await t.app.db.selectFrom('organizations').select('id').where('name', 'like', '%Terre des Hommes%').executeTakeFirstOrThrow();
    const own = (await cso.get('/api/v1/me')).json().organization.id;
    await t.app.db.insertInto('post_partners').values({ post_id: idea.id, organization_id: own, role: 'lead', offer_id: null }).execute();
    expect((await stats(cso)).cooperation.projects).toBe(after.cooperation.projects);
    await t.app.db.insertInto('post_partners').values({ post_id: idea.id, organization_id: orgs.id, role: 'implementing_partner', offer_id: null }).execute();
    expect((await stats(cso)).cooperation.projects).toBe(after.cooperation.projects + 1);
    // A co-author from another organization makes a project cooperative too (coordination's definition).
    const second = (await cso.post('/api/v1/posts', { kind: 'project_idea', title: 'Idea drafted with a co-author', body: 'x', regions: ['150'] })).json();
    const csoUser = (await cso.get('/api/v1/me')).json().id;
    await t.app.db.insertInto('post_coauthors').values({ post_id: second.id, organization_id: orgs.id, added_by: csoUser }).execute();
    expect((await stats(cso)).cooperation.projects).toBe(after.cooperation.projects + 2);
  });

  it('count overlaps found and resolved only between posts the user may see both of', async () => {
    const mk = async (audience: 'all' | 'full', title: string) => (await io.post('/api/v1/posts', { kind: 'project_info', audience, title, body: 'x', regions: ['150'] })).json().id as string;
    const [open1, open2, restricted] = [await mk('all', 'Open overlap one'), await mk('all', 'Open overlap two'), await mk('full', 'Restricted overlap')];
    const pair = (x: string, y: string) => (x < y ? { post_a: x, post_b: y } : { post_a: y, post_b: x });
    const [govBefore, csoBefore] = await Promise.all([stats(gov), stats(cso)]);
    await t.app.db.insertInto('overlap_pairs').values([{ ...pair(open1, open2), score: 0.8, reasons: '[]' }, { ...pair(open1, restricted), score: 0.7, reasons: '[]' }]).execute();
    const organizerId = (await organizer.get('/api/v1/me')).json().id;
    await t.app.db.insertInto('overlap_marks').values([{ ...pair(open1, open2), mark: 'related', marked_by: organizerId }, { ...pair(open2, restricted), mark: 'not_duplicate', marked_by: organizerId }]).execute();
    const [govAfter, csoAfter] = await Promise.all([stats(gov), stats(cso)]);
    // The open pair counts for both tiers; pairs with the restricted post only for the full tier.
    expect(csoAfter.overlaps).toEqual({ found: csoBefore.overlaps.found + 1, resolved: csoBefore.overlaps.resolved + 1, related: csoBefore.overlaps.related + 1, notDuplicate: csoBefore.overlaps.notDuplicate });
    expect(govAfter.overlaps).toEqual({ found: govBefore.overlaps.found + 3, resolved: govBefore.overlaps.resolved + 2, related: govBefore.overlaps.related + 1, notDuplicate: govBefore.overlaps.notDuplicate + 1 });
  });

  it('follow pledges and their withdrawal at once (the cached figures are never stale)', async () => {
    const eur = async () => Number((await stats(cso)).funding.byCurrency.find((c: { currency: string }) => c.currency === 'EUR')?.pledged ?? 0);
    const before = await eur();
    const govOrg = (await gov.get('/api/v1/me')).json().organization.id;
    const open = (await cso.get('/api/v1/funding/projects?currency=EUR&limit=100')).json().items.find((p: { organization: { id: string } }) => p.organization.id !== govOrg);
    const pledge = (await gov.post(`/api/v1/posts/${open.id}/pledges`, { amount: '1234.50', currency: 'EUR' })).json();
    expect(await eur()).toBeCloseTo(before + 1234.5, 2);
    await gov.post(`/api/v1/pledges/${pledge.id}/withdraw`);
    expect(await eur()).toBeCloseTo(before, 2);
  });

  it('needs a signed-in user', async () => {
    expect((await t.client().get('/api/v1/statistics')).statusCode).toBe(401);
    expect((await stats(organizer)).posts.total).toBeGreaterThanOrEqual((await stats(gov)).posts.total);
  });

  it.each(['organizer@demo.test', 'io@demo.test', 'cso@demo.test'])('read posts for %s only row by row for small sets, never in a pass over all posts (issue 15)', async (email) => {
    // Statistics after a change must not cost a pass over every visible post: each figure comes from
    // the tallies or from a small set whose rows look up their post one at a time (a correlated
    // subplan). A join or a hashed or one-off subplan over posts would grow with the number of posts.
    const user = await t.app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const actor = (await loadPrincipal(t.app.db, user.id))!;
    interface PlanNode { 'Relation Name'?: string; 'Parent Relationship'?: string; 'Subplan Name'?: string; Plans?: PlanNode[] }
    // Issue 13: the drafts a reader's tallies count otherwise are read through the partial index of
    // drafts (migration 0052), whose size is the number of drafts, not of posts.
    const throughDrafts = (node: PlanNode & { 'Index Name'?: string }): boolean => node['Index Name'] === 'posts_drafts_idx' || (node.Plans ?? []).some((c) => (c as { 'Index Name'?: string })['Index Name'] === 'posts_drafts_idx');
    const postsReadInBulk = (node: PlanNode, perRow: boolean): boolean => {
      const here = perRow || (node['Parent Relationship'] === 'SubPlan' && /^SubPlan/.test(node['Subplan Name'] ?? ''));
      if (node['Relation Name'] === 'posts' && !here && !throughDrafts(node)) return true;
      return (node.Plans ?? []).some((child) => postsReadInBulk(child, here));
    };
    for (const [name, query] of Object.entries(statisticsQueries(t.app.db, actor))) {
      const compiled = query.compile();
      // As on a large database, where a scan of the whole table is the planner's last resort (here, with a
      // few hundred posts, it may be cheapest): what is judged is which rows the plan reads, not its costs.
      const explained = await t.app.db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        return tx.executeQuery(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
      });
      const raw = (explained.rows[0] as { 'QUERY PLAN': unknown })['QUERY PLAN'];
      const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
      expect(postsReadInBulk(plan[0].Plan, false), `${name} reads posts in bulk`).toBe(false);
    }
  });
});
