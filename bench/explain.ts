// `npx tsx bench/explain.ts [--email cso@demo.test] [--q "victim shelter"]`: EXPLAIN (ANALYZE,
// BUFFERS) of the queries behind the list, search, counts, facets, detail and the donor view, as
// the app builds them, on the configured database (DATABASE_URL). Prints the time of each and the
// indexes the planner chose; `--full` prints whole plans.
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../src/server/db/schema.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { loadPrincipal } from '../src/server/auth/sessions.js';
import { explainQueries } from '../src/server/exchange/post-queries.js';
import { fundingProjectsQuery } from '../src/server/donors/funding.js';
import { statisticsQueries } from '../src/server/statistics/statistics.js';

const { values } = parseArgs({ options: { email: { type: 'string', default: 'cso@demo.test' }, q: { type: 'string', default: 'victim shelter' }, full: { type: 'boolean', default: false } } });
const database = await openDatabase(loadConfig().database);
const db = database.db;
try {
  const user = await db.selectFrom('users').select('id').where('email', '=', values.email!).executeTakeFirstOrThrow();
  const actor = (await loadPrincipal(db, user.id))!;
  // Query builders compile alone; raw SQL compiles against the database.
  const queries: Record<string, { compile(db: Kysely<Database>): CompiledQuery<unknown> }> = {
    ...explainQueries(db, actor, values.q!),
    'donor view page': fundingProjectsQuery(db, actor, {}).select(['p.id']).orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(51),
    'donor view count': fundingProjectsQuery(db, actor, {}).select(sql<number>`count(*)`.as('n')),
    ...Object.fromEntries(Object.entries(statisticsQueries(db, actor)).map(([name, query]) => [`statistics: ${name}`, query])),
  };
  for (const [name, query] of Object.entries(queries)) {
    const compiled = query.compile(db);
    // Twice: the first run reads the pages into the cache; the second is what a warm server sees.
    await db.executeQuery(CompiledQuery.raw(compiled.sql, [...compiled.parameters]));
    const explained = await db.executeQuery(CompiledQuery.raw(`explain (analyze, buffers, format json) ${compiled.sql}`, [...compiled.parameters]));
    const plan = (explained.rows[0] as { 'QUERY PLAN': [{ 'Execution Time': number; 'Planning Time': number; Plan: unknown }] })['QUERY PLAN'][0];
    const json = JSON.stringify(plan.Plan);
    const indexes = [...new Set([...json.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]))];
    const seq = [...new Set([...json.matchAll(/"Node Type":"Seq Scan","Parallel Aware":\w+,"Async Capable":\w+,"Relation Name":"([^"]+)"/g)].map((m) => m[1]))];
    const hit = [...json.matchAll(/"Shared Hit Blocks":(\d+)/g)].map((m) => Number(m[1]));
    console.log(`${name}: ${plan['Execution Time'].toFixed(1)} ms (+${plan['Planning Time'].toFixed(1)} planning), buffers hit ${hit[0] ?? 0}; indexes ${indexes.join(', ') || 'none'}${seq.length ? `; sequential scans of ${seq.join(', ')}` : ''}`);
    if (values.full) {
      const text = await db.executeQuery(CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]));
      console.log(text.rows.map((r) => (r as { 'QUERY PLAN': string })['QUERY PLAN']).join('\n'));
    }
  }
} finally {
  await database.close();
}
