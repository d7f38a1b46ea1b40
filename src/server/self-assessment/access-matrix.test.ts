// Issue 18: who reads, edits and shares a government's self-assessment, as every demo account,
// under each sharing scope (the demo starts with NAPTIP shared with the full tier, Moldova with IOM
// only and Thailand private); the read rule and its SQL twin agree for every account and
// assessment; and the tier wall over needs, with its minimum of 3 governments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canReadSubmittedAssessment, readableAssessmentsFilter, tierOf, type Actor, type AssessmentFacts } from '../access/index.js';
import { DEMO_ACCOUNTS } from '../demo/demo-accounts.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
const clients = new Map<string, TestClient>();
const org = new Map<string, string>(); // email -> organization id
const as = (email: string) => clients.get(email)!;

beforeAll(async () => {
  t = await createTestApp();
  for (const a of DEMO_ACCOUNTS) {
    const c = await t.signIn(a.email);
    clients.set(a.email, c);
    org.set(a.email, ((await c.get('/api/v1/me')).json() as { organization: { id: string } }).organization.id);
  }
  // Signing in hashes passwords: slow on a busy machine.
}, 240_000);
afterAll(async () => t?.close());

const ALL = DEMO_ACCOUNTS.map((a) => a.email);
const FULL_TIER = ['organizer@demo.test', 'government@demo.test', 'io@demo.test', 'member.io@demo.test', 'ilo@demo.test', 'osce@demo.test', 'moldova@demo.test', 'thailand@demo.test', 'brazil@demo.test'];
const PARTIAL_TIER = ['cso@demo.test', 'tdh@demo.test', 'business@demo.test', 'manpower@demo.test', 'academia@demo.test', 'media@demo.test', 'expert@demo.test'];

async function statuses(path: (email: string) => string) {
  const out: Record<string, number> = {};
  for (const email of ALL) out[email] = (await as(email).get(path(email))).statusCode;
  return out;
}
const expectOnly = (got: Record<string, number>, allowed: string[], denied = 404) => {
  for (const [email, status] of Object.entries(got)) expect(status, email).toBe(allowed.includes(email) ? 200 : denied);
};

describe('the self-assessment access matrix', () => {
  it('covers every demo account: the full and partial tier lists name them all', () => {
    expect([...FULL_TIER, ...PARTIAL_TIER].sort()).toEqual([...ALL].sort());
  });

  it('lets only the government and the organizers read the draft, and only the government edit it', async () => {
    // Who reads the submitted versions under the demo's scopes: they learn the assessment exists,
    // so they are refused (403) what they may not do; everyone else gets 404, as for nothing.
    const versionReaders: Record<string, string[]> = {
      'government@demo.test': FULL_TIER,
      'moldova@demo.test': ['moldova@demo.test', 'organizer@demo.test', 'io@demo.test', 'member.io@demo.test'],
      'thailand@demo.test': ['thailand@demo.test', 'organizer@demo.test'],
    };
    for (const [gov, readers] of Object.entries(versionReaders)) {
      const id = org.get(gov)!;
      const expected = (email: string, mine: number, organizer = mine) => (email === gov ? mine : email === 'organizer@demo.test' ? organizer : readers.includes(email) ? 403 : 404);
      for (const email of ALL) {
        expect((await as(email).get(`/api/v1/organizations/${id}/self-assessment`)).statusCode, `${email} reads ${gov}`).toBe(expected(email, 200));
        const res = await as(email).put(`/api/v1/organizations/${id}/self-assessment`, { ratings: { 'prevention-5': { status: 'unknown', priority: 'low', note: `probe by ${email}` } } });
        expect(res.statusCode, `${email} edits ${gov}`).toBe(expected(email, 200, 403));
        const submit = await as(email).post(`/api/v1/organizations/${id}/self-assessment/submit`, { revision: 999 });
        expect(submit.statusCode, `${email} submits ${gov}`).toBe(expected(email, 409, 403));
        const ask = await as(email).post(`/api/v1/organizations/${id}/self-assessment/measures/prevention-5/request`, {});
        expect(ask.statusCode, `${email} asks for ${gov}`).toBe(expected(email, 200, 403));
      }
      const draft = (await as(gov).get(`/api/v1/organizations/${id}/self-assessment`)).json() as { ratings: Record<string, { note: string }> };
      expect(draft.ratings['prevention-5']?.note).toBe(`probe by ${gov}`);
    }
    // Not a government: there is no assessment to read, even for its own members.
    expect((await as('io@demo.test').get(`/api/v1/organizations/${org.get('io@demo.test')}/self-assessment`)).statusCode).toBe(404);
    expect((await as('organizer@demo.test').get(`/api/v1/organizations/${org.get('cso@demo.test')}/self-assessment`)).statusCode).toBe(404);
    expect((await t.client().get(`/api/v1/organizations/${org.get('government@demo.test')}/self-assessment`)).statusCode).toBe(401);
    // About 200 requests: room for a busy machine.
  }, 180_000);

  it('shows submitted versions to whom each scope names, never to the partial tier', async () => {
    const ng = org.get('government@demo.test')!;
    const md = org.get('moldova@demo.test')!;
    const th = org.get('thailand@demo.test')!;
    // Demo: NAPTIP full tier, Moldova IOM only, Thailand private.
    expectOnly(await statuses(() => `/api/v1/organizations/${ng}/self-assessment/versions`), FULL_TIER);
    expectOnly(await statuses(() => `/api/v1/organizations/${md}/self-assessment/versions/2`), ['moldova@demo.test', 'organizer@demo.test', 'io@demo.test', 'member.io@demo.test']);
    expectOnly(await statuses(() => `/api/v1/organizations/${th}/self-assessment/versions`), ['thailand@demo.test', 'organizer@demo.test']);
    expectOnly(await statuses(() => `/api/v1/organizations/${th}/self-assessment.csv?version=1`), ['thailand@demo.test', 'organizer@demo.test']);

    // Only the focal point of the government decides; a partial-tier organization cannot be named.
    const share = (email: string, body: unknown) => as(email).put(`/api/v1/organizations/${th}/self-assessment/sharing`, body);
    expect((await share('organizer@demo.test', { scope: 'full_tier' })).statusCode).toBe(403);
    expect((await share('io@demo.test', { scope: 'full_tier' })).statusCode).toBe(404);
    const refused = await share('thailand@demo.test', { scope: 'organizations', organizationIds: [org.get('ilo@demo.test'), org.get('cso@demo.test')] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ type: '/problems/validation-error', errors: [{ field: 'organizationIds.1' }] });
    expect((await share('thailand@demo.test', { scope: 'organizations' })).statusCode).toBe(400);
    expectOnly(await statuses(() => `/api/v1/organizations/${th}/self-assessment/versions`), ['thailand@demo.test', 'organizer@demo.test']);

    expect((await share('thailand@demo.test', { scope: 'organizations', organizationIds: [org.get('ilo@demo.test')] })).json()).toMatchObject({ scope: 'organizations', organizations: [{ id: org.get('ilo@demo.test') }] });
    expectOnly(await statuses(() => `/api/v1/organizations/${th}/self-assessment/versions`), ['thailand@demo.test', 'organizer@demo.test', 'ilo@demo.test']);

    expect((await share('thailand@demo.test', { scope: 'full_tier' })).statusCode).toBe(200);
    expectOnly(await statuses(() => `/api/v1/organizations/${th}/self-assessment/versions`), FULL_TIER);
    // Sharing never opens the draft: the full tier is refused it, the partial tier does not learn it exists.
    const draftRead = await statuses(() => `/api/v1/organizations/${th}/self-assessment`);
    for (const [email, status] of Object.entries(draftRead)) expect(status, email).toBe(['thailand@demo.test', 'organizer@demo.test'].includes(email) ? 200 : FULL_TIER.includes(email) ? 403 : 404);

    expect((await share('thailand@demo.test', { scope: 'private' })).statusCode).toBe(200);
    expectOnly(await statuses(() => `/api/v1/organizations/${th}/self-assessment/versions`), ['thailand@demo.test', 'organizer@demo.test']);
  });

  it('has a SQL twin that agrees with the read rule for every account and assessment', async () => {
    const db = t.app.db;
    const users = await db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'u.role', 'o.id as org_id', 'o.category']).where('u.is_demo', '=', true).execute();
    const assessments = await db.selectFrom('self_assessments as sa').innerJoin('organizations as o', 'o.id', 'sa.organization_id').select(['sa.organization_id', 'sa.sharing_scope', 'o.category']).execute();
    const shares = await db.selectFrom('self_assessment_shares').selectAll().execute();
    expect(assessments.length).toBeGreaterThanOrEqual(3);
    let agreed = 0;
    for (const u of users) {
      const actor: Actor = { id: u.id, role: u.role, tier: tierOf(u.category, u.role), organizationId: u.org_id, category: u.category };
      const sql = new Set((await db.selectFrom('self_assessments as sa').innerJoin('organizations as o', 'o.id', 'sa.organization_id').select('sa.organization_id').where(readableAssessmentsFilter(actor)).execute()).map((r) => r.organization_id));
      for (const a of assessments) {
        const facts: AssessmentFacts = { organizationId: a.organization_id, organizationCategory: a.category, scope: a.sharing_scope, sharedWith: shares.filter((s) => s.organization_id === a.organization_id).map((s) => s.shared_with) };
        expect(sql.has(a.organization_id), `${u.id} / ${a.organization_id}`).toBe(canReadSubmittedAssessment(actor, facts));
        agreed += 1;
      }
    }
    expect(agreed).toBe(users.length * assessments.length);
  });
});

describe('the demo assessments', () => {
  it('has three governments with assessments of different completeness and two submitted versions each, about a year apart', async () => {
    const rated = new Set<number>();
    for (const gov of ['government@demo.test', 'moldova@demo.test', 'thailand@demo.test']) {
      const id = org.get(gov)!;
      const versions = (await as('organizer@demo.test').get(`/api/v1/organizations/${id}/self-assessment/versions`)).json() as { items: { version: number; submittedAt: string }[] };
      expect(versions.items.map((v) => v.version), gov).toEqual([2, 1]);
      const days = (Date.parse(versions.items[0]!.submittedAt) - Date.parse(versions.items[1]!.submittedAt)) / 86_400_000;
      expect(days, gov).toBeGreaterThan(300);
      const draft = (await as(gov).get(`/api/v1/organizations/${id}/self-assessment`)).json() as { counts: { unrated: number } };
      rated.add(28 - draft.counts.unrated);
    }
    expect(rated.size).toBe(3);
  });
});

describe('needs behind the tier wall', () => {
  const GOVERNMENT_NAMES = ['NAPTIP', 'Moldova', 'Thailand', 'Brazil'];

  it('gives the partial tier aggregates only, where at least 3 governments contributed', async () => {
    // The demo's scopes: NAPTIP full tier, Moldova IOM only, Thailand private.
    expect((await as('thailand@demo.test').put(`/api/v1/organizations/${org.get('thailand@demo.test')}/self-assessment/sharing`, { scope: 'private' })).statusCode).toBe(200);
    for (const email of PARTIAL_TIER) {
      const res = await as(email).get('/api/v1/self-assessment/needs');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ detail: 'aggregates', minimumGovernments: 3 });
      expect(body.measures).toBeUndefined();
      // The three demo governments lie in three regions: only "all regions" reaches the minimum.
      expect(body.regions).toEqual([expect.objectContaining({ region: null, governments: 3 })]);
      for (const name of GOVERNMENT_NAMES) expect(res.body).not.toContain(name);
      // One region alone has a single government: nothing at all.
      expect((await as(email).get('/api/v1/self-assessment/needs?region=150')).json().regions).toEqual([]);
      expect((await as(email).get('/api/v1/self-assessment/trends')).json()).toEqual({ governments: [], series: [] });
    }
  });

  it('gives the full tier counts per measure, naming governments only where shared', async () => {
    const named = async (email: string) => {
      const body = (await as(email).get('/api/v1/self-assessment/needs')).json() as { detail: string; measures: { code: string; governments: number; named: { name: string }[] }[] };
      expect(body.detail).toBe('measures');
      return { body, names: new Set(body.measures.flatMap((m) => m.named.map((n) => n.name))) };
    };
    const io = await named('io@demo.test');
    expect([...io.names].sort()).toEqual([expect.stringContaining('NAPTIP'), expect.stringContaining('Moldova')]);
    // Thailand is private, yet counted: demand reduction (prevention-4) is a high-priority gap of all three.
    const p4 = io.body.measures.find((m) => m.code === 'prevention-4')!;
    expect(p4.governments).toBe(3);
    expect(p4.named.map((n) => n.name).sort()).toEqual([expect.stringContaining('NAPTIP'), expect.stringContaining('Moldova')]);
    const ilo = await named('ilo@demo.test');
    expect([...ilo.names]).toEqual([expect.stringContaining('NAPTIP')]);
    const organizer = await named('organizer@demo.test');
    expect(organizer.names.size).toBe(3);
    const pillar = (await as('io@demo.test').get('/api/v1/self-assessment/needs?pillar=protection')).json() as { measures: { code: string }[] };
    expect(pillar.measures.every((m) => m.code.startsWith('protection-'))).toBe(true);
    expect((await as('io@demo.test').get('/api/v1/self-assessment/needs?region=999')).statusCode).toBe(400);
    expect((await as('io@demo.test').get('/api/v1/self-assessment/needs?pillar=finance')).statusCode).toBe(400);
    expect((await t.client().get('/api/v1/self-assessment/needs')).statusCode).toBe(401);
  });

  it('shows trends over the assessments the reader may read', async () => {
    const trends = async (email: string) => (await as(email).get('/api/v1/self-assessment/trends')).json() as { governments: unknown[]; series: { period: string; governments: number; pillars: Record<string, Record<string, number>> }[] };
    const all = await trends('organizer@demo.test');
    expect(all.governments).toHaveLength(3);
    expect(all.series.length).toBeGreaterThanOrEqual(2);
    const last = all.series.at(-1)!;
    expect(last.governments).toBe(3);
    expect(Object.values(last.pillars.prosecution!).reduce((a, b) => a + b, 0)).toBe(15);
    expect((await trends('io@demo.test')).governments).toHaveLength(2);
    expect((await trends('ilo@demo.test')).governments).toHaveLength(1);
    // Per region: Europe holds Moldova only; ILO may not read Moldova's assessment, so it sees nothing there.
    const europe = (await as('organizer@demo.test').get('/api/v1/self-assessment/trends?region=150')).json() as { governments: { name: string }[]; series: { governments: number }[] };
    expect(europe.governments).toEqual([expect.objectContaining({ name: expect.stringContaining('Moldova') })]);
    expect(europe.series.at(-1)!.governments).toBe(1);
    expect((await as('ilo@demo.test').get('/api/v1/self-assessment/trends?region=150')).json()).toEqual({ governments: [], series: [] });
    expect((await as('organizer@demo.test').get('/api/v1/self-assessment/trends?region=999')).statusCode).toBe(400);
  });
});
