// `npm run eval:overlap`: runs the labelled evaluation set (cases.ts) against the demo exchange on a
// fresh in-memory database and prints precision at 1, precision at 5 and recall.
//
// - precision@1: of the cases that have a duplicate, how often the first suggestion is one;
// - precision@5: of all suggestions shown (at most five per case, above the threshold), the share
//   that are labelled duplicates;
// - recall: of all labelled duplicates, the share shown among the first five;
// - near misses shown: of the labelled near misses, the share wrongly shown among the first five.
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/index.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Database } from '../../db/schema.js';
import { loadDemoData } from '../../demo/load-demo.js';
import { findSimilar, SUGGEST_THRESHOLD } from '../similarity.js';
import { EVAL_CASES } from './cases.js';

export async function evaluate(db: Kysely<Database>, actor: Actor, options: { verbose?: boolean; threshold?: number } = {}) {
  const titles = new Map((await db.selectFrom('posts').select(['id', 'title']).execute()).map((r) => [r.title, r.id]));
  const idOf = (title: string) => {
    const id = titles.get(title);
    if (!id) throw new Error(`evaluation set names a post that is not in the demo: ${title}`);
    return id;
  };
  let withDuplicate = 0, firstRight = 0, shown = 0, shownRight = 0, duplicates = 0, found = 0, nearMisses = 0, nearShown = 0;
  for (const c of EVAL_CASES) {
    const expected = new Set(c.duplicates.map(idOf));
    const near = new Set(c.nearMisses.map(idOf));
    const suggestions = await findSimilar(db, actor, { title: c.title, body: c.body, regions: c.regions ?? [], countries: c.countries ?? [], areas: c.areas ?? [], themes: c.themes ?? [] }, { limit: 5, threshold: options.threshold });
    const ids = suggestions.map((s) => s.id);
    if (expected.size > 0) {
      withDuplicate++;
      if (ids[0] && expected.has(ids[0])) firstRight++;
    }
    shown += ids.length;
    shownRight += ids.filter((id) => expected.has(id)).length;
    duplicates += expected.size;
    found += [...expected].filter((id) => ids.includes(id)).length;
    nearMisses += near.size;
    nearShown += [...near].filter((id) => ids.includes(id)).length;
    if (options.verbose) {
      const names = new Map([...titles].map(([t, id]) => [id, t]));
      console.log(`${expected.size ? (ids[0] && expected.has(ids[0]) ? 'HIT ' : 'MISS') : 'NONE'} ${c.title}\n${suggestions.map((s) => `     ${s.score.toFixed(3)} ${expected.has(s.id) ? '*' : near.has(s.id) ? '!' : ' '} ${names.get(s.id)}`).join('\n')}`);
    }
  }
  return {
    cases: EVAL_CASES.length,
    withDuplicate,
    precisionAt1: firstRight / withDuplicate,
    precisionAt5: shown === 0 ? 0 : shownRight / shown,
    recall: found / duplicates,
    nearMissesShown: nearMisses === 0 ? 0 : nearShown / nearMisses,
    shown,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrateToLatest(handle.db as Kysely<unknown>);
    await loadDemoData(handle.db);
    const organizer = await handle.db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'u.organization_id', 'o.category']).where('u.email', '=', 'organizer@demo.test').executeTakeFirstOrThrow();
    const actor: Actor = { id: organizer.id, role: 'organizer', tier: 'full', organizationId: organizer.organization_id, category: organizer.category };
    const r = await evaluate(handle.db, actor, { verbose: process.argv.includes('--verbose') });
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    console.log(`Overlap evaluation: ${r.cases} drafts (${r.withDuplicate} with a labelled duplicate), ${r.shown} suggestions shown`);
    console.log(`precision@1  ${pct(r.precisionAt1)}`);
    console.log(`precision@5  ${pct(r.precisionAt5)}`);
    console.log(`recall@5     ${pct(r.recall)}`);
    console.log(`near misses shown  ${pct(r.nearMissesShown)}`);
    console.log(`\nAt other thresholds (the default is ${SUGGEST_THRESHOLD}):`);
    console.log('| threshold | precision@1 | precision@5 | recall@5 | near misses shown |');
    console.log('|---:|---:|---:|---:|---:|');
    for (const threshold of [0.25, 0.3, 0.35, 0.4, 0.45]) {
      const x = await evaluate(handle.db, actor, { threshold });
      console.log(`| ${threshold} | ${pct(x.precisionAt1)} | ${pct(x.precisionAt5)} | ${pct(x.recall)} | ${pct(x.nearMissesShown)} |`);
    }
  } finally {
    await handle.close();
  }
}
