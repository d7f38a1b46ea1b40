// The matching evaluation (eval/cases.ts, eval/run.ts): labels well formed and answerable within the
// rules, the figures computed as stated, and the held-out half as a regression guard for the
// figures the README states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tierOf } from '../access/index.js';
import { DEMO_ORGANIZATIONS } from '../demo/demo-accounts.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { MATCH_HELD_OUT, MATCH_TUNING } from './eval/cases.js';
import { matchMetrics, suggestions } from './eval/run.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the labelled set', () => {
  it('has two disjoint halves whose labels name demo organizations that the rules let answer', () => {
    const all = [...MATCH_TUNING, ...MATCH_HELD_OUT];
    expect(all.length).toBeGreaterThanOrEqual(24);
    const tuning = new Set(MATCH_TUNING.map((c) => c.title));
    expect(MATCH_HELD_OUT.filter((c) => tuning.has(c.title))).toEqual([]);
    const byKey = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o]));
    for (const c of all) {
      expect(c.expected.length, c.title).toBeGreaterThan(0);
      for (const key of c.expected) {
        const org = byKey.get(key);
        expect(org, `${c.title}: ${key}`).toBeDefined();
        expect(key, c.title).not.toBe(c.requester);
        // A full-audience request is answered only by the full tier: a label outside it could never be suggested.
        if (c.audience === 'full') expect(tierOf(org!.category, 'focal_point'), `${c.title}: ${key}`).toBe('full');
      }
    }
  });
});

describe('the figures', () => {
  it('count precision over the first three shown and recall over the first five', () => {
    const cases = [
      { requester: 'naptip' as const, title: 'a', audience: 'all' as const, areas: [], countries: ['NG'], expected: ['iom', 'tdh'] },
      { requester: 'naptip' as const, title: 'b', audience: 'all' as const, areas: [], countries: ['NG'], expected: ['unodc'] },
    ];
    // a: iom first, tdh fifth; b: one suggestion only, wrong.
    const m = matchMetrics(cases, [['iom', 'ilo', 'accor', 'media', 'tdh', 'unodc'], ['osce']]);
    expect(m.precisionAt3).toBeCloseTo(1 / 4);
    expect(m.recallAt5).toBeCloseTo(2 / 3);
    expect(m.firstRight).toBe(0.5);
  });

  it('on the held-out half: every organization a practitioner would contact is among the first five, and the first three are at least 40 % right', async () => {
    const m = matchMetrics(MATCH_HELD_OUT, await suggestions(t.app.db, MATCH_HELD_OUT));
    expect(m.recallAt5).toBeGreaterThanOrEqual(0.95);
    expect(m.precisionAt3).toBeGreaterThanOrEqual(0.4);
  }, 120_000);
});
