// The whole-corpus overlap scan, measured: `npx tsx bench/overlap-scan.ts [--posts 100000]`.
// Creates a fresh PostgreSQL database, seeds it with generated posts (scripts/seed-large.ts),
// then runs the board's whole-corpus scan (src/server/overlap/corpus-scan.ts) and prints its time
// by phase (computing the vectors of posts that have none, reading the features, comparing,
// writing the pairs), the comparisons made against every-pair, the memory for the vectors, and the
// latency of the compose check's semantic candidate query. Also run by `npm run bench -- --overlap-scan`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.js';
import type { Database } from '../src/server/db/schema.js';
import { scanCorpus } from '../src/server/overlap/corpus-scan.js';
import { findSimilar } from '../src/server/overlap/similarity.js';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    'pg-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
    /** An existing database seeded by an earlier run with --keep: skips seeding. */
    db: { type: 'string' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const name = args.db ?? `vf_overlap_bench_${Date.now()}`;
if (!/^[a-z0-9_]+$/.test(name)) throw new Error('--db: letters, digits and _ only');
const admin = new pg.Client({ connectionString: args['pg-url'] });
await admin.connect();
if (!args.db) await admin.query(`create database ${name}`);
const url = new URL(args['pg-url']!);
url.pathname = `/${name}`;
try {
  const started = Date.now();
  const seeded = args.db ? { status: 0 } : spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-large.ts', '--posts', args.posts!], { cwd: root, env: { ...process.env, DATABASE_URL: url.toString() }, stdio: 'inherit' });
  if (seeded.status !== 0) throw new Error('seeding failed');
  console.log(args.db ? `reusing database ${name}` : `seeded ${args.posts} posts in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  const db = handle.db as Kysely<Database>;
  try {
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await scanCorpus(db, { log: (line) => console.log(`  ${line}`) });
    const n = result.posts;
    console.log(`\n### Whole-corpus overlap scan (PostgreSQL, ${n.toLocaleString('en-US')} posts)`);
    console.log('| phase | seconds |\n|---|---:|');
    for (const [phase, s] of Object.entries(result.seconds)) console.log(`| ${phase} | ${s} |`);
    console.log(`\nvectors computed: ${result.vectorsComputed}; comparisons: ${result.comparisons.toLocaleString('en-US')} (every pair would be ${((n * (n - 1)) / 2).toLocaleString('en-US')}); pairs kept: ${result.pairs}`);
    const stored = await db.selectFrom('post_vectors').select((eb) => eb.fn.count<number>('post_id').as('n')).executeTakeFirstOrThrow();
    const size = await sqlSize(db);
    console.log(`memory for the vectors: ${n} × 100 float32 = ${((n * 400) / 1e6).toFixed(1)} MB in the scanning process (heap grew ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB for all features); post_vectors on disk ${size} for ${stored.n} rows`);

    // The compose check on this corpus (as an organizer: the widest view), in-process.
    const organizer = await db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'u.organization_id', 'o.category']).where('u.email', '=', 'organizer@demo.test').executeTakeFirstOrThrow();
    const actor = { id: organizer.id, role: 'organizer' as const, tier: 'full' as const, organizationId: organizer.organization_id, category: organizer.category };
    const draft = { title: 'Care rules and staff courses for safe houses', body: 'Written rules on admission, counselling and length of stay in residential centres, and a course for the carers.', regions: [], countries: ['NG'], areas: [], themes: [] };
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await findSimilar(db, actor, draft);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`findSimilar in-process (30 runs): p50 ${times[15]!.toFixed(1)} ms, p95 ${times[28]!.toFixed(1)} ms`);
  } finally {
    await handle.close();
  }
} finally {
  if (!args.keep && !args.db) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

async function sqlSize(db: Kysely<Database>): Promise<string> {
  const { sql } = await import('kysely');
  const r = await sql<{ size: string }>`select pg_size_pretty(pg_total_relation_size('post_vectors')) as size`.execute(db);
  return r.rows[0]!.size;
}
