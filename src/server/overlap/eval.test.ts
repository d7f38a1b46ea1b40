// The labelled evaluation set (eval/cases.ts) as a regression guard: every label names a demo post,
// and the figures stated in the README do not silently get worse.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { evaluate } from './eval/run.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

it('finds the labelled duplicates first and shows few near misses', async () => {
  const organizer = await t.app.db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'u.organization_id', 'o.category']).where('u.email', '=', 'organizer@demo.test').executeTakeFirstOrThrow();
  const result = await evaluate(t.app.db, { id: organizer.id, role: 'organizer', tier: 'full', organizationId: organizer.organization_id, category: organizer.category });
  expect(result.withDuplicate).toBeGreaterThanOrEqual(25);
  expect(result.precisionAt1).toBeGreaterThanOrEqual(0.95);
  expect(result.recall).toBeGreaterThanOrEqual(0.95);
  expect(result.precisionAt5).toBeGreaterThanOrEqual(0.65);
  expect(result.nearMissesShown).toBeLessThanOrEqual(0.25);
}, 120_000);
