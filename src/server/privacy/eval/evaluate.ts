// Precision and recall of the privacy guard's detector on the labelled set, per split.
import { findPersonalData } from '../detector.js';
import { PRIVACY_CASES, type PrivacyCase } from './cases.js';

export interface Figures {
  cases: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  /** Ids of the cases the detector got wrong. */
  wrong: string[];
}

export function evaluate(cases: readonly PrivacyCase[] = PRIVACY_CASES): Figures {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  const wrong: string[] = [];
  for (const c of cases) {
    const flagged = findPersonalData(c.text).length > 0;
    if (flagged && c.personal) tp++;
    else if (!flagged && !c.personal) tn++;
    else {
      if (flagged) fp++;
      else fn++;
      wrong.push(c.id);
    }
  }
  return { cases: cases.length, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn, precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), wrong };
}

export const bySplit = () => ({
  tune: evaluate(PRIVACY_CASES.filter((c) => c.split === 'tune')),
  heldOut: evaluate(PRIVACY_CASES.filter((c) => c.split === 'held_out')),
  fresh: evaluate(PRIVACY_CASES.filter((c) => c.split === 'fresh')),
  all: evaluate(),
});
