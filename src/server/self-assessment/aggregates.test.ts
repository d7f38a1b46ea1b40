// Issue 18: the partial tier's regional aggregates of needs. Unit: which regions are published
// (at least 3 governments, and nothing a subtraction of two published groups could single out),
// checked on chosen cases and as a property over many random sets. Route: the same rule through
// GET /api/v1/self-assessment/needs for every partial-tier account, with the measure × region
// table for the full tier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_GOVERNMENTS_FOR_AGGREGATES } from '../../shared/framework.js';
import { regionByCode, regionsOfCountry } from '../../shared/taxonomy/index.js';
import { DEMO_ACCOUNTS, DEMO_ORGANIZATIONS } from '../demo/demo-accounts.js';
import { tierOf } from '../access/index.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { childRegions, publishableRegions } from './aggregates.js';

const sorted = (set: Set<string | null>) => [...set].map((c) => c ?? 'all').sort();

describe('publishable regions', () => {
  it('publishes nothing below the minimum of 3 governments', () => {
    expect(MIN_GOVERNMENTS_FOR_AGGREGATES).toBe(3);
    expect(sorted(publishableRegions([]))).toEqual([]);
    expect(sorted(publishableRegions(['NG', 'GH']))).toEqual([]);
    // Three governments in three regions: all together only.
    expect(sorted(publishableRegions(['NG', 'MD', 'TH']))).toEqual(['all']);
  });

  it('withholds a group that would single out a government by subtraction', () => {
    // Three in Western Africa and Egypt: Africa (4) is safe, but Africa minus sub-Saharan Africa (3) would be Egypt.
    expect(sorted(publishableRegions(['NG', 'GH', 'SN', 'EG']))).toEqual(['002', 'all']);
    // Three in Africa and Moldova: all regions minus Africa would be Moldova.
    expect(sorted(publishableRegions(['NG', 'GH', 'SN', 'MD']))).toEqual(['all']);
    // Two left over are as telling as one.
    expect(sorted(publishableRegions(['NG', 'GH', 'SN', 'MD', 'TH']))).toEqual(['all']);
    // Three and three: both regions, and down the tree while nothing is left over.
    expect(sorted(publishableRegions(['NG', 'GH', 'SN', 'MD', 'UA', 'PL']))).toEqual(['002', '011', '150', '151', '202', 'all']);
    // Three left over is enough: Africa is published beside three governments elsewhere.
    expect(sorted(publishableRegions(['NG', 'GH', 'SN', 'MD', 'TH', 'BR']))).toEqual(['002', '011', '202', 'all']);
  });

  it('never lets a published group or a difference of published groups hold 1 or 2 governments (property)', () => {
    const pool = ['NG', 'GH', 'SN', 'ML', 'EG', 'MA', 'KE', 'UG', 'ZA', 'MD', 'UA', 'PL', 'RO', 'DE', 'FR', 'IT', 'ES', 'TH', 'VN', 'PH', 'IN', 'BD', 'BR', 'AR', 'MX', 'GT', 'US', 'AU', 'FJ'];
    let seed = 20260418;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let withheld = 0;
    for (let run = 0; run < 400; run += 1) {
      // Repeated countries stand for several governments of one country's region (e.g. national agencies).
      const countries = Array.from({ length: Math.floor(random() * 14) }, () => pool[Math.floor(random() * pool.length)]!);
      const published = publishableRegions(countries);
      const size = (code: string | null) => (code === null ? countries.length : countries.filter((c) => regionsOfCountry(c).includes(code)).length);
      for (const code of published) {
        expect(size(code), `${code} in ${countries.join(',')}`).toBeGreaterThanOrEqual(MIN_GOVERNMENTS_FOR_AGGREGATES);
        // What a published group's published children leave over: none, or at least the minimum.
        const children = childRegions(code).filter((r) => published.has(r.code));
        const left = size(code) - children.reduce((n, r) => n + size(r.code), 0);
        expect(left === 0 || left >= MIN_GOVERNMENTS_FOR_AGGREGATES, `${code} leaves ${left} in ${countries.join(',')}`).toBe(true);
        // A group is published only under a published parent.
        if (code !== null) expect(published.has(regionByCode(code)!.parent), `parent of ${code}`).toBe(true);
      }
      for (const r of childRegions(null)) if (size(r.code) >= MIN_GOVERNMENTS_FOR_AGGREGATES && !published.has(r.code)) withheld += 1;
    }
    // The rule did withhold groups that met the minimum (otherwise this property proves little).
    expect(withheld).toBeGreaterThan(10);
  });
});

describe('needs by region through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const db = t.app.db;
    // Two more governments in Western Africa, each with a submitted version (private): with NAPTIP,
    // Africa holds 3 of 5 governments, leaving Moldova and Thailand (2) over.
    const submitter = (await db.selectFrom('users').select('id').where('email', '=', 'organizer@demo.test').executeTakeFirstOrThrow()).id;
    for (const [name, country] of [
      ['Ghana anti-trafficking secretariat (test)', 'GH'],
      ['Senegal national unit (test)', 'SN'],
    ] as const) {
      const org = await db.insertInto('organizations').values({ name, category: 'government', country, website: null, status: 'active' }).returning('id').executeTakeFirstOrThrow();
      const ratings = { 'protection-4': { status: 'not_in_place' as const, priority: 'high' as const, note: 'No referral mechanism yet.' } };
      await db.insertInto('self_assessments').values({ organization_id: org.id, ratings: JSON.stringify(ratings), revision: 1 }).execute();
      await db.insertInto('self_assessment_versions').values({ organization_id: org.id, version: 1, ratings: JSON.stringify(ratings), draft_revision: 1, submitted_by: submitter }).execute();
    }
  }, 240_000);
  afterAll(async () => t?.close());

  it('gives every partial-tier account all regions only, though Africa alone has 3', async () => {
    const partial = DEMO_ACCOUNTS.filter((a) => tierOf(DEMO_ORGANIZATIONS.find((o) => o.key === a.organization)!.category, a.role) === 'partial');
    expect(partial.length).toBeGreaterThan(3);
    for (const account of partial) {
      const c = await t.signIn(account.email);
      const all = (await c.get('/api/v1/self-assessment/needs')).json() as { detail: string; regions: { region: string | null; governments: number }[] };
      expect(all.detail, account.email).toBe('aggregates');
      expect(all.regions, account.email).toEqual([expect.objectContaining({ region: null, governments: 5 })]);
      for (const region of ['002', '202', '011']) expect((await c.get(`/api/v1/self-assessment/needs?region=${region}`)).json().regions, `${account.email} ${region}`).toEqual([]);
    }
  }, 240_000);

  it('gives the full tier every region and the measure × region table', async () => {
    const io = await t.signIn('io@demo.test');
    const body = (await io.get('/api/v1/self-assessment/needs')).json() as {
      regions: { region: string | null; governments: number }[];
      measures: { code: string; governments: number; byRegion: Record<string, number>; named: { name: string }[] }[];
    };
    expect(body.regions).toEqual([
      expect.objectContaining({ region: null, governments: 5 }),
      expect.objectContaining({ region: '002', governments: 3 }),
      expect.objectContaining({ region: '142', governments: 1 }),
      expect.objectContaining({ region: '150', governments: 1 }),
    ]);
    const p4 = body.measures.find((m) => m.code === 'protection-4')!;
    expect(p4.byRegion['002']).toBe(3);
    expect(Object.keys(p4.byRegion).sort()).toEqual(['002', '142', '150']);
    expect(Object.values(p4.byRegion).reduce((a, b) => a + b, 0)).toBe(p4.governments);
    // The private test governments are counted, never named.
    expect(p4.named.map((n) => n.name).join()).not.toContain('(test)');
    // One level down from a region: sub-regions as the columns.
    const africa = (await io.get('/api/v1/self-assessment/needs?region=002')).json() as { regions: { region: string | null; governments: number }[]; measures: { code: string; byRegion: Record<string, number> }[] };
    expect(africa.regions).toEqual([expect.objectContaining({ region: '002', governments: 3 }), expect.objectContaining({ region: '202', governments: 3 })]);
    expect(africa.measures.find((m) => m.code === 'protection-4')!.byRegion).toEqual({ '202': 3 });
  });
});
