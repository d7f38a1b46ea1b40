// `npm run eval:overlap`: runs both halves of the labelled evaluation set against the demo exchange
// on a fresh in-memory database and prints, for each half:
// - precision@1: of the drafts that have a duplicate, how often the first suggestion is one;
// - recall@5: of all labelled duplicates, the share shown among the first five;
// - precision@5: of all suggestions shown (at most five per draft, above the threshold), the share
//   that are labelled duplicates;
// - hard negatives above a duplicate: of the drafts with a duplicate, the share where a labelled near
//   miss (same place and topic, other work; or the same work elsewhere) is ranked above it;
// - false alarms: of the drafts with no duplicate, the share that get any suggestion at all;
// then the same per signal (each alone, and all but one) and at other thresholds.
// The weights and thresholds are chosen on the tuning half only (tune.ts); the held-out half is
// the honest figure.
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/index.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Database } from '../../db/schema.js';
import { loadDemoData } from '../../demo/load-demo.js';
import { combine, findSimilar, SUGGEST_THRESHOLD, WEIGHTS, type Parts, type Signal, type Weights } from '../similarity.js';
import { EVAL_CASES, type EvalCase } from './cases.js';
import { HELD_OUT_CASES } from './held-out.js';

export interface Collected {
  c: EvalCase;
  expected: Set<string>;
  near: Set<string>;
  candidates: { id: string; parts: Parts }[];
}

/** Every candidate of every draft with its score parts (threshold 0): re-scored under any weights without asking the database again. */
export async function collect(db: Kysely<Database>, actor: Actor, cases: EvalCase[], signals?: readonly Signal[]): Promise<Collected[]> {
  const titles = new Map((await db.selectFrom('posts').select(['id', 'title']).execute()).map((r) => [r.title, r.id]));
  const idOf = (title: string) => {
    const id = titles.get(title);
    if (!id) throw new Error(`evaluation set names a post that is not in the demo: ${title}`);
    return id;
  };
  const out: Collected[] = [];
  for (const c of cases) {
    const found = await findSimilar(db, actor, { title: c.title, body: c.body, regions: c.regions ?? [], countries: c.countries ?? [], areas: c.areas ?? [], themes: c.themes ?? [] }, { limit: 1000, threshold: 0, signals });
    out.push({ c, expected: new Set(c.duplicates.map(idOf)), near: new Set(c.nearMisses.map(idOf)), candidates: found.map((f) => ({ id: f.id, parts: f.parts })) });
  }
  return out;
}

export interface Metrics {
  cases: number;
  withDuplicate: number;
  precisionAt1: number;
  recallAt5: number;
  precisionAt5: number;
  hardNegativeAbove: number;
  falseAlarms: number;
  shown: number;
}

export function metrics(collected: Collected[], weights: Weights = WEIGHTS, threshold = SUGGEST_THRESHOLD): Metrics {
  let withDuplicate = 0, firstRight = 0, shown = 0, shownRight = 0, duplicates = 0, found = 0, nearAbove = 0, noDuplicate = 0, alarms = 0;
  for (const { expected, near, candidates } of collected) {
    const ranked = candidates
      .map((x) => ({ id: x.id, score: combine(x.parts, weights) }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const top = ranked.filter((x) => x.score >= threshold).slice(0, 5).map((x) => x.id);
    shown += top.length;
    shownRight += top.filter((id) => expected.has(id)).length;
    if (expected.size > 0) {
      withDuplicate++;
      if (top[0] && expected.has(top[0])) firstRight++;
      duplicates += expected.size;
      found += [...expected].filter((id) => top.includes(id)).length;
      // A near miss ranked above the first duplicate (over all candidates, shown or not).
      const firstDuplicate = ranked.findIndex((x) => expected.has(x.id));
      const firstNear = ranked.findIndex((x) => near.has(x.id));
      if (firstNear >= 0 && (firstDuplicate < 0 || firstNear < firstDuplicate)) nearAbove++;
    } else {
      noDuplicate++;
      if (top.length > 0) alarms++;
    }
  }
  return {
    cases: collected.length,
    withDuplicate,
    precisionAt1: withDuplicate === 0 ? 0 : firstRight / withDuplicate,
    recallAt5: duplicates === 0 ? 0 : found / duplicates,
    precisionAt5: shown === 0 ? 0 : shownRight / shown,
    hardNegativeAbove: withDuplicate === 0 ? 0 : nearAbove / withDuplicate,
    falseAlarms: noDuplicate === 0 ? 0 : alarms / noDuplicate,
    shown,
  };
}

/** Words of a title that say something (letters only, four or more, not the domain's common ground). */
export const titleWords = (title: string) =>
  new Set((title.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !['trafficking', 'human', 'persons', 'national', 'with', 'from', 'their', 'into', 'against'].includes(w)));
/** Drafts whose title shares no such word with the title of any of their duplicates. */
export const sharesNoTitleWord = (c: EvalCase) => c.duplicates.length > 0 && c.duplicates.every((d) => [...titleWords(c.title)].every((w) => !titleWords(d).has(w)));

export async function evaluate(db: Kysely<Database>, actor: Actor, cases: EvalCase[] = EVAL_CASES, options: { threshold?: number; weights?: Weights; signals?: readonly Signal[] } = {}): Promise<Metrics> {
  return metrics(await collect(db, actor, cases, options.signals), options.weights ?? WEIGHTS, options.threshold ?? SUGGEST_THRESHOLD);
}

export async function organizerActor(db: Kysely<Database>): Promise<Actor> {
  const organizer = await db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'u.organization_id', 'o.category']).where('u.email', '=', 'organizer@demo.test').executeTakeFirstOrThrow();
  return { id: organizer.id, role: 'organizer', tier: 'full', organizationId: organizer.organization_id, category: organizer.category };
}

export async function demoDatabase() {
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateToLatest(handle.db as Kysely<unknown>);
  await loadDemoData(handle.db);
  return handle;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const row = (name: string, m: Metrics) => `| ${name} | ${m.cases} | ${pct(m.precisionAt1)} | ${pct(m.recallAt5)} | ${pct(m.precisionAt5)} | ${pct(m.hardNegativeAbove)} | ${pct(m.falseAlarms)} |`;
const HEADER = '| | drafts | precision@1 | recall@5 | precision@5 | hard negative above a duplicate | false alarms |\n|---|---:|---:|---:|---:|---:|---:|';

if (import.meta.url === `file://${process.argv[1]}`) {
  const handle = await demoDatabase();
  try {
    const actor = await organizerActor(handle.db);
    const halves = { tuning: EVAL_CASES, 'held-out': HELD_OUT_CASES } as const;
    const all = [...EVAL_CASES, ...HELD_OUT_CASES];
    const count = (tag: string) => all.filter((c) => c.tags?.includes(tag)).length;
    console.log(`Overlap evaluation: ${all.length} drafts (tuning ${EVAL_CASES.length}, held-out ${HELD_OUT_CASES.length}); ${all.filter(sharesNoTitleWord).length} duplicates share no title word with the post they duplicate; ${count('hard_negative')} hard negatives (${count('other_country')} the same work in another country); ${all.filter((c) => !c.areas?.length && !c.themes?.length).length} drafts tick no area or theme.`);
    console.log(`Weights ${JSON.stringify(WEIGHTS)}, threshold ${SUGGEST_THRESHOLD}, chosen on the tuning half only.\n`);
    const collected = { tuning: await collect(handle.db, actor, halves.tuning), 'held-out': await collect(handle.db, actor, halves['held-out']) };
    console.log(HEADER);
    for (const name of ['tuning', 'held-out'] as const) console.log(row(name, metrics(collected[name])));

    console.log('\nHeld-out half, per signal (candidates found and scored by the signals named; the weights of the others set to 0):');
    console.log(HEADER);
    const signalSets: [string, Signal[]][] = [
      ['lexical only', ['lexical']], ['structural only', ['structural']], ['semantic only', ['semantic']],
      ['all but lexical', ['structural', 'semantic']], ['all but structural', ['lexical', 'semantic']], ['all but semantic', ['lexical', 'structural']],
      ['all three', ['lexical', 'structural', 'semantic']],
    ];
    for (const [name, signals] of signalSets) console.log(row(name, metrics(await collect(handle.db, actor, halves['held-out'], signals))));

    console.log(`\nAt other thresholds (the default is ${SUGGEST_THRESHOLD}):`);
    console.log('| threshold | half | precision@1 | recall@5 | precision@5 | false alarms |\n|---:|---|---:|---:|---:|---:|');
    for (const threshold of [0.25, 0.3, 0.35, 0.4, 0.45]) {
      for (const name of ['tuning', 'held-out'] as const) {
        const m = metrics(collected[name], WEIGHTS, threshold);
        console.log(`| ${threshold} | ${name} | ${pct(m.precisionAt1)} | ${pct(m.recallAt5)} | ${pct(m.precisionAt5)} | ${pct(m.falseAlarms)} |`);
      }
    }
    if (process.argv.includes('--verbose')) {
      const titles = new Map((await handle.db.selectFrom('posts').select(['id', 'title']).execute()).map((r) => [r.id, r.title]));
      // The tuning half only: the held-out half's failures are never read to decide anything.
      for (const name of ['tuning'] as const) {
        console.log(`\n## ${name} (held-out drafts are not listed: they are not read to choose anything)`);
        for (const x of collected[name]) {
          const ranked = x.candidates.map((c) => ({ id: c.id, score: combine(c.parts, WEIGHTS), parts: c.parts })).sort((a, b) => b.score - a.score).slice(0, 4);
          const ok = x.expected.size === 0 ? (ranked[0] && ranked[0].score >= SUGGEST_THRESHOLD ? 'ALARM' : 'NONE ') : ranked[0] && x.expected.has(ranked[0].id) && ranked[0].score >= SUGGEST_THRESHOLD ? 'HIT  ' : 'MISS ';
          console.log(`${ok} ${x.c.title}`);
          for (const r of ranked) console.log(`     ${r.score.toFixed(3)} ${x.expected.has(r.id) ? '*' : x.near.has(r.id) ? '!' : ' '} ${titles.get(r.id)}  ${Object.entries(r.parts).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' ')}`);
        }
      }
    }
  } finally {
    await handle.close();
  }
}
