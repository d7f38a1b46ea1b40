// `npx tsx src/server/overlap/eval/tune.ts`: chooses the weights and the threshold of similarity.ts
// by a grid search on the TUNING half (cases.ts) only; the held-out half is never read here. The
// objective rewards precision@1 and recall@5 and penalises false alarms and near misses shown.
// It prints the best settings; copying them into similarity.ts (WEIGHTS, SUGGEST_THRESHOLD) is a
// deliberate step, and `npm run eval:overlap` then reports both halves.
import { type Weights } from '../similarity.js';
import { EVAL_CASES } from './cases.js';
import { collect, demoDatabase, metrics, organizerActor } from './run.js';

const handle = await demoDatabase();
try {
  const collected = await collect(handle.db, await organizerActor(handle.db), EVAL_CASES);
  const steps = [0, 0.1, 0.2, 0.3, 0.4];
  let best: { objective: number; weights: Weights; threshold: number } | null = null;
  for (const title of steps) for (const text of steps) for (const structure of steps) for (const meaning of steps) for (const concepts of steps) {
    if (title + text + structure + meaning + concepts === 0) continue;
    for (const geo of [0, 0.25, 0.5, 0.75]) {
      const weights = { title, text, geo, structure, meaning, concepts };
      for (const threshold of [0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
        const m = metrics(collected, weights, threshold);
        const objective = m.precisionAt1 + m.recallAt5 + 0.5 * m.precisionAt5 - 0.5 * m.falseAlarms - m.hardNegativeAbove;
        if (!best || objective > best.objective + 1e-9) best = { objective, weights, threshold };
      }
    }
  }
  console.log(JSON.stringify(best));
  if (best) console.log(metrics(collected, best.weights, best.threshold));
} finally {
  await handle.close();
}
