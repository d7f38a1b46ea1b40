// `npx tsx bench/overlap-profile.ts --db postgres://…/name [--runs 10] [--explain]`: the compose
// check (`findSimilar`, what `POST /api/v1/similar` runs) on an existing seeded database, in-process,
// for a few drafts and readers: total time p50/p95 and the time of each of its queries, so the
// slowest part is seen; `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of each query once.
// Post vectors missing from the database are computed first (the background job's work).
// Prints the machine's load average with the figures: the machine may be shared.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CompiledQuery, Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { loadPrincipal } from '../src/server/auth/sessions.js';
import type { Database } from '../src/server/db/schema.js';
import { refreshPostVectors } from '../src/server/overlap/semantic/store.js';
import { findSimilar, type SimilarInput } from '../src/server/overlap/similarity.js';

const { values: args } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '10' }, explain: { type: 'boolean', default: false } } });
if (!args.db) throw new Error('--db postgres://… (a database seeded by npm run seed:large)');

let log: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
const pool = new pg.Pool({ connectionString: args.db, max: 10, options: '-c jit=off' });
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event: LogEvent) => {
    if (event.level === 'query') log.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  },
});

const DRAFTS: Record<string, SimilarInput> = {
  'Nigerian shelters draft (title words, areas)': {
    title: 'Minimum standards and staff training for victim shelters',
    body: 'We propose minimum standards for shelters and a training course for shelter staff, with a referral procedure for adults and children, in cooperation with NGOs.',
    regions: ['011'], countries: ['NG'], areas: ['victim_protection'], themes: ['protection'],
  },
  'Thai draft (paraphrase, no areas)': {
    title: 'Checks on boats and fish factories', body: 'Inspectors go aboard boats and into processing plants to find workers held by debt.', regions: [], countries: ['TH'], areas: [], themes: [],
  },
  'Nigerian draft, no shared words, no areas': {
    title: 'Care rules and staff courses for safe houses', body: 'Written rules on admission, counselling and length of stay in residential centres, and a course for the carers.', regions: [], countries: ['NG'], areas: [], themes: [],
  },
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
try {
  let refreshed = 0, k = 0;
  while ((k = await refreshPostVectors(db, 2000)) > 0) refreshed += k;
  const posts = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(`${Number(posts.n).toLocaleString('en-US')} posts (${refreshed} vectors computed first); load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const email of ['organizer@demo.test', 'cso@demo.test']) {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const actor = (await loadPrincipal(db, user.id))!;
    for (const [name, draft] of Object.entries(DRAFTS)) {
      for (let i = 0; i < 3; i++) await findSimilar(db, actor, draft);
      const totals: number[] = [];
      const perQuery = new Map<string, number[]>();
      let found = 0;
      for (let i = 0; i < Number(args.runs); i++) {
        log = [];
        const t0 = performance.now();
        found = (await findSimilar(db, actor, draft)).length;
        totals.push(performance.now() - t0);
        for (const q of log) perQuery.set(q.sql, [...(perQuery.get(q.sql) ?? []), q.ms]);
      }
      totals.sort((a, b) => a - b);
      console.log(`\n${name}, as ${email}: p50 ${pct(totals, 50).toFixed(1)} ms, p95 ${pct(totals, 95).toFixed(1)} ms (${totals.length} runs, ${found} suggestions; load ${loadavg()[0]!.toFixed(1)})`);
      for (const [text, times] of perQuery) {
        times.sort((a, b) => a - b);
        console.log(`  ${pct(times, 50).toFixed(1).padStart(7)} ms  ${text.replace(/\s+/g, ' ').slice(0, 150)}`);
      }
      if (args.explain) {
        log = [];
        await findSimilar(db, actor, draft);
        for (const q of log) {
          const plan = await db.executeQuery(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql.trim()}`, [...q.parameters]));
          console.log(`\n--- ${q.sql.replace(/\s+/g, ' ').slice(0, 200)}\n${plan.rows.map((r) => (r as { 'QUERY PLAN': string })['QUERY PLAN']).join('\n')}`);
        }
      }
    }
  }
} finally {
  await db.destroy();
}
