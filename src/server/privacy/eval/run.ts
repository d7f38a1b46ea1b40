// npm run eval:privacy — prints the privacy guard's precision and recall on its labelled set.
import { findPersonalData } from '../detector.js';
import { PRIVACY_CASES } from './cases.js';
import { bySplit } from './evaluate.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const figures = bySplit();
for (const [name, f] of Object.entries(figures)) {
  console.log(`${name.padEnd(8)} ${String(f.cases).padStart(3)} texts  precision ${pct(f.precision).padStart(7)}  recall ${pct(f.recall).padStart(7)}  (TP ${f.truePositives}, FP ${f.falsePositives}, FN ${f.falseNegatives}, TN ${f.trueNegatives})`);
}
if (process.argv.includes('--verbose')) {
  for (const c of PRIVACY_CASES) {
    const found = findPersonalData(c.text);
    if ((found.length > 0) !== c.personal) console.log(`${c.id} [${c.split}] expected ${c.personal ? 'personal' : 'clean'}: ${c.text}\n    found: ${found.map((f) => `${f.kind} “${f.text}”`).join('; ') || 'nothing'}`);
  }
}
