// `npm run eval:matching`: the labelled requests (eval/cases.ts) against the demo organizations,
// their expertise profiles and their earlier work, on a fresh in-memory database, as the requester
// sees them. For each half it prints:
// - precision@3: of the first three organizations suggested, the share a practitioner would contact
//   (over the suggestions shown, so a short list is not penalised for its length);
// - recall@5: of the organizations a practitioner would contact, the share among the first five;
// - first right: how often the first suggestion is one of them.
// The weights (MATCH_WEIGHTS) were set by hand; the held-out half is the honest figure.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/index.js';
import { loadPrincipal } from '../../auth/sessions.js';
import type { Database } from '../../db/schema.js';
import { DEMO_ORGANIZATIONS, DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { geoOf } from '../../exchange/post-model.js';
import { demoDatabase } from '../../overlap/eval/run.js';
import { matchesFor } from '../matching.js';
import { MATCH_HELD_OUT, MATCH_TUNING, type MatchCase } from './cases.js';

export interface MatchMetrics {
  cases: number;
  precisionAt3: number;
  recallAt5: number;
  firstRight: number;
}

/** The organization keys suggested for each case, best first. */
export async function suggestions(db: Kysely<Database>, cases: MatchCase[]): Promise<string[][]> {
  const orgs = await db.selectFrom('organizations').select(['id', 'name']).execute();
  const keyOf = new Map(orgs.flatMap((o) => {
    const demo = DEMO_ORGANIZATIONS.find((d) => d.name === o.name);
    return demo ? [[o.id, demo.key] as const] : [];
  }));
  const idOf = new Map([...keyOf].map(([id, key]) => [key, id]));
  const out: string[][] = [];
  for (const c of cases) {
    const email = DEMO_ACCOUNTS.find((u) => u.organization === c.requester && u.role === 'focal_point')!.email;
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const viewer = (await loadPrincipal(db, user.id)) as Actor;
    const request = {
      id: randomUUID(), kind: 'ta_request' as const, audience: c.audience, organizationId: idOf.get(c.requester)!, hidden: false, draft: false,
      areas: c.areas, countries: c.countries, geo: geoOf(c.regions ?? [], c.countries),
    };
    const matches = await matchesFor(db, viewer, request, 10);
    out.push(matches.map((m) => keyOf.get(m.organization.id) ?? m.organization.id));
  }
  return out;
}

/** The figures for `cases`, given what was suggested for each (pure: tested on its own). */
export function matchMetrics(cases: MatchCase[], suggested: string[][]): MatchMetrics {
  let shown3 = 0, right3 = 0, expected = 0, found5 = 0, firstRight = 0;
  cases.forEach((c, i) => {
    const list = suggested[i] ?? [];
    const wanted = new Set(c.expected);
    const top3 = list.slice(0, 3);
    shown3 += top3.length;
    right3 += top3.filter((k) => wanted.has(k)).length;
    expected += wanted.size;
    found5 += list.slice(0, 5).filter((k) => wanted.has(k)).length;
    if (list[0] !== undefined && wanted.has(list[0])) firstRight++;
  });
  return { cases: cases.length, precisionAt3: shown3 === 0 ? 0 : right3 / shown3, recallAt5: expected === 0 ? 0 : found5 / expected, firstRight: cases.length === 0 ? 0 : firstRight / cases.length };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const handle = await demoDatabase();
  try {
    console.log(`Matching evaluation: ${MATCH_TUNING.length + MATCH_HELD_OUT.length} requests (tuning ${MATCH_TUNING.length}, held-out ${MATCH_HELD_OUT.length}), labelled from the actors' mandates; weights set by hand.\n`);
    console.log('| half | requests | precision@3 | recall@5 | first suggestion right |\n|---|---:|---:|---:|---:|');
    for (const [name, cases] of [['tuning', MATCH_TUNING], ['held-out', MATCH_HELD_OUT]] as const) {
      const suggested = await suggestions(handle.db, cases);
      const m = matchMetrics(cases, suggested);
      console.log(`| ${name} | ${m.cases} | ${pct(m.precisionAt3)} | ${pct(m.recallAt5)} | ${pct(m.firstRight)} |`);
      if (process.argv.includes('--verbose')) cases.forEach((c, i) => console.log(`  ${c.title}: expected ${c.expected.join(', ')}; got ${suggested[i]!.slice(0, 5).join(', ')}`));
    }
  } finally {
    await handle.close();
  }
}
