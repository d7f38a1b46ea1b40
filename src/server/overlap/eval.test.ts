// The labelled evaluation set (eval/cases.ts: tuning half; eval/held-out.ts: held-out half) as a
// regression guard: every label names a demo post, the set has the groups it claims, and the figures
// stated in the README do not silently get worse. The weights are chosen on the tuning half only.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { EVAL_CASES } from './eval/cases.js';
import { HELD_OUT_CASES } from './eval/held-out.js';
import { collect, metrics, organizerActor, sharesNoTitleWord } from './eval/run.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

it('has a tuning and a held-out half with paraphrases, hard negatives and drafts that tick nothing', () => {
  const all = [...EVAL_CASES, ...HELD_OUT_CASES];
  expect(all.length).toBeGreaterThanOrEqual(120);
  expect(all.filter((c) => c.tags?.includes('hard_negative')).length).toBeGreaterThanOrEqual(20);
  expect(all.filter((c) => !c.areas?.length && !c.themes?.length).length).toBeGreaterThanOrEqual(10);
  // Paraphrases that share no title word with their duplicate: counted from the texts, not the tags.
  expect(all.filter(sharesNoTitleWord).length).toBeGreaterThanOrEqual(40);
  // No draft is in both halves.
  const tuning = new Set(EVAL_CASES.map((c) => c.title));
  expect(HELD_OUT_CASES.filter((c) => tuning.has(c.title))).toEqual([]);
});

it('finds paraphrased duplicates on the held-out half, with few false alarms', async () => {
  const actor = await organizerActor(t.app.db);
  // The first 65 held-out drafts, against the goals they were first measured on.
  const heldOut = metrics(await collect(t.app.db, actor, HELD_OUT_CASES.filter((c) => !c.tags?.includes('second_batch'))));
  expect(heldOut.precisionAt1).toBeGreaterThanOrEqual(0.9);
  expect(heldOut.recallAt5).toBeGreaterThanOrEqual(0.9);
  expect(heldOut.hardNegativeAbove).toBeLessThanOrEqual(0.05);
  expect(heldOut.falseAlarms).toBeLessThanOrEqual(0.15);
  // Without the semantic signal the same half scores far lower: the paraphrases are what it is for.
  const lexicalOnly = metrics(await collect(t.app.db, actor, HELD_OUT_CASES, ['lexical', 'structural']));
  expect(lexicalOnly.precisionAt1).toBeLessThan(heldOut.precisionAt1 - 0.1);
}, 300_000);

it('on the whole held-out half, second batch included, holds the figures the README states', async () => {
  // Six title-disjoint paraphrases were added later; two of them are missed (README, "Evaluation").
  // This guards the measured figure on all 71 drafts; the goal of 0.9 is not met on them.
  const all = metrics(await collect(t.app.db, await organizerActor(t.app.db), HELD_OUT_CASES));
  expect(all.precisionAt1).toBeGreaterThanOrEqual(0.89);
  expect(all.recallAt5).toBeGreaterThanOrEqual(0.89);
  expect(all.hardNegativeAbove).toBeLessThanOrEqual(0.05);
}, 300_000);
