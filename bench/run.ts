// `npm run bench`: seeds a database with generated posts, starts the real server on it, and
// measures list, search and detail as a signed-in partial-tier user — latency at one client and
// throughput at ten — beside a ceiling route of the same server returning a pre-built body of the
// same size. Runs on the embedded database and on PostgreSQL, and prints figures and ratios.
//
//   npm run bench                      PostgreSQL 100,000 posts, embedded 20,000 posts
//   npm run bench -- --posts 20000 --embedded-posts 5000 --seconds 5
//   npm run bench -- --only postgres   (or --only embedded)
//   npm run bench -- --no-notifications   (skips issue 11's fan-out and SSE memory figures)
//   npm run bench -- --only postgres --posts 1000000     the million-post run (quiet machine; hours)
//   npm run bench -- --only embedded --embedded-posts 20000   PGlite at 20,000 posts, with the soak
//   npm run bench -- --posts 2000 --embedded-posts 2000 --seconds 1 --soak-seconds 8 --soak-connections 10   a smoke run
// Each run prints the seeding time and the database's size, the endpoint table, overlap and
// matching (POST /similar, requests to answer), the mixed soak (which includes both) at one server
// and, on PostgreSQL with nginx installed, at two servers behind nginx, and the statistics right
// after a change for each kind of reader.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort } from '../src/server/testing/free-port.js';
import { benchNotifications } from './notifications.js';
import { benchOverlap, signInFor } from './overlap.js';
import { soak, type SoakResult } from './soak.js';
import { nginxBinary, startBehindNginx } from '../scripts/two-servers.js';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    'embedded-posts': { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string' },
    // Issue 15: the mixed soak (80% reads, 20% writes) at one server and through nginx at two.
    'soak-seconds': { type: 'string', default: '120' },
    'soak-connections': { type: 'string', default: '50' },
    'no-soak': { type: 'boolean', default: false },
    // Issue 11: notification fan-out to 2,000 followers and memory per 1,000 SSE clients (embedded database).
    'no-notifications': { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const seconds = Number(args.seconds);
const root = path.resolve(import.meta.dirname, '..');
const PARTIAL_USER = 'cso@demo.test';

interface Target {
  name: string;
  posts: number;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}


function seed(target: Target): void {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-large.ts', '--posts', String(target.posts)], { cwd: root, env: { ...process.env, ...target.env }, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`seeding ${target.name} failed`);
  console.log(`seeded ${target.name} with ${target.posts} posts in ${((Date.now() - started) / 1000).toFixed(1)} s; database size ${databaseSize(target)}`);
}

/** The seeded database's size on disk (issue 15 asks for it beside the seeding time). */
function databaseSize(target: Target): string {
  if (target.env.DATABASE_URL) {
    const r = spawnSync('psql', [target.env.DATABASE_URL, '-Atc', 'select pg_size_pretty(pg_database_size(current_database()))'], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : 'unknown (psql not found)';
  }
  const r = spawnSync('du', ['-sh', target.env.VF_DATA_DIR!], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split(/\s/)[0]! : 'unknown';
}

async function startServer(target: Target): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], {
    cwd: root,
    env: { ...process.env, ...target.env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('bench server did not start');
}

// Words of the seeds' domain (as in scripts/seed-large.ts): two of them make a search that
// matches a realistic share of the posts; there are enough pairs that hardly any repeats.
const SEARCH_WORDS = [
  'victim', 'shelter', 'labour', 'inspection', 'border', 'police', 'training', 'prosecution', 'child', 'migrant', 'data', 'research', 'awareness',
  'campaign', 'legislation', 'referral', 'identification', 'recruitment', 'supply', 'chain', 'prevention', 'protection', 'cooperation',
  'reintegration', 'hotline', 'judges', 'prosecutors', 'community', 'domestic', 'servitude', 'begging', 'organ', 'forced', 'exploitation',
];
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
const randomQuery = () => `${pick(SEARCH_WORDS)} ${pick(SEARCH_WORDS)} ${pick(SEARCH_WORDS)}`;
/** A "Load more" cursor from a random moment of the last two years (the generated posts' span). */
const randomCursor = () =>
  Buffer.from(JSON.stringify({ at: new Date(Date.now() - Math.random() * 2 * 365 * 86_400_000).toISOString(), id: crypto.randomUUID() })).toString('base64url');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** An endpoint: one URL, or a new one for every request (to measure past the caches). */
type Endpoint = string | (() => string);
const urlOf = (endpoint: Endpoint) => (typeof endpoint === 'string' ? endpoint : endpoint());

/** Sequential requests from one client: exact latency percentiles. */
async function latency(endpoint: Endpoint, cookie: string, durationMs: number) {
  const times: number[] = [];
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    const t0 = performance.now();
    const url = urlOf(endpoint);
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), n: times.length };
}

async function throughput(endpoint: Endpoint, cookie: string, connections: number, durationS: number): Promise<number> {
  const url = urlOf(endpoint);
  const options: autocannon.Options = { url, connections, duration: durationS, headers: { cookie } };
  if (typeof endpoint !== 'string') {
    options.requests = [
      {
        setupRequest: (request) => {
          const next = new URL(endpoint());
          return { ...request, path: next.pathname + next.search };
        },
      },
    ];
  }
  const result = await autocannon(options);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

async function benchTarget(target: Target) {
  seed(target);
  const { url, child } = await startServer(target);
  try {
    const signIn = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: PARTIAL_USER, password: 'vienna-2008-demo' }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const first = (await (await fetch(`${url}/api/v1/posts?limit=1`, { headers: { cookie } })).json()) as { items: { id: string }[]; total: number };
    const endpoints = {
      list: `${url}/api/v1/posts?limit=20`,
      search: `${url}/api/v1/posts?q=${encodeURIComponent('victim shelter')}&limit=20`,
      'filtered list': `${url}/api/v1/posts?region=002&area=victim_protection&limit=20`,
      detail: `${url}/api/v1/posts/${first.items[0]!.id}`,
      // Past the caches: every request asks for something no request asked before.
      'list, uncached (a page from a random point: "Load more")': () => `${url}/api/v1/posts?limit=20&cursor=${randomCursor()}`,
      'search, uncached (another query each time)': () => `${url}/api/v1/posts?q=${encodeURIComponent(randomQuery())}&limit=20`,
      statistics: `${url}/api/v1/statistics`,
      'donor view': `${url}/api/v1/funding/projects?limit=20`,
    };
    console.log(`\n## ${target.name}: ${target.posts} posts; ${PARTIAL_USER} (partial tier) sees ${first.total}`);
    console.log('| endpoint | bytes | p50 ms | p95 ms | p99 ms | req/s @10 | ceiling req/s @10 | ratio to ceiling |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    const rows: Record<string, unknown>[] = [];
    for (const [name, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
      const bytes = (await (await fetch(urlOf(endpoint), { headers: { cookie } })).arrayBuffer()).byteLength;
      const ceiling = `${url}/bench/ceiling?bytes=${bytes}`;
      await latency(endpoint, cookie, 1000); // warm-up
      const lat = await latency(endpoint, cookie, (seconds * 1000) / 2);
      const rps = await throughput(endpoint, cookie, 10, seconds);
      const ceilingRps = await throughput(ceiling, cookie, 10, seconds);
      const row = { name, bytes, ...lat, rps, ceilingRps, ratio: rps / ceilingRps };
      rows.push(row);
      console.log(`| ${name} | ${bytes} | ${lat.p50.toFixed(1)} | ${lat.p95.toFixed(1)} | ${lat.p99.toFixed(1)} | ${rps.toFixed(0)} | ${ceilingRps.toFixed(0)} | ${(rps / ceilingRps).toFixed(2)} |`);
    }
    const plans = (await (await fetch(`${url}/bench/explain?email=${PARTIAL_USER}&q=${encodeURIComponent('victim shelter')}`)).json()) as Record<string, unknown>;
    console.log('\nIndexes the planner chose:');
    for (const [name, plan] of Object.entries(plans)) {
      const indexes = [...JSON.stringify(plan).matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]);
      console.log(`- ${name}: ${indexes.length ? [...new Set(indexes)].join(', ') : 'no index (sequential scan)'}`);
    }
    await benchOverlap(url, { seconds, partialUser: PARTIAL_USER, providerUser: 'io@demo.test', organizer: 'organizer@demo.test' });
    if (args['no-soak']) await statisticsAfterChange(url);
    else {
      const soakSeconds = Number(args['soak-seconds']);
      const connections = Number(args['soak-connections']);
      console.log(`\n### Mixed soak, one server: ${connections} connections, ${soakSeconds} s`);
      const one = await soak({ urls: [url], connections, seconds: soakSeconds, pids: [child.pid!] });
      await statisticsAfterChange(url);
      if (target.env.DATABASE_URL && nginxBinary()) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
        const cluster = await startBehindNginx({ databaseUrl: target.env.DATABASE_URL, servers: 2, entry: 'bench/server.ts', env: { VF_DEMO: '1' } });
        try {
          console.log(`\n### Mixed soak, two servers behind nginx: ${connections} connections, ${soakSeconds} s`);
          const two = await soak({ urls: [cluster.url], connections, seconds: soakSeconds, pids: cluster.servers.map((s) => s.pid) });
          printScaling(one, two);
        } finally {
          await cluster.stop();
        }
      } else if (target.env.DATABASE_URL) {
        console.log('nginx is not installed (apt-get install nginx): no two-server run.');
      }
    }
    return rows;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

/**
 * Statistics right after a change, for each kind of reader: every round writes a post (which moves
 * the data versions, so no cached answer is served) and then asks each reader's statistics once.
 */
async function statisticsAfterChange(url: string, rounds = 7) {
  const readers = { organizer: 'organizer@demo.test', 'full tier': 'io@demo.test', 'partial tier': PARTIAL_USER, 'partial tier (business)': 'business@demo.test' };
  const sessions = await Promise.all(Object.entries(readers).map(async ([role, email]) => [role, await signInFor(url, email)] as const));
  const writer = await signInFor(url, 'io@demo.test');
  const times = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    const res = await fetch(`${url}/api/v1/posts`, {
      method: 'POST',
      headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'project_info', title: `Statistics bench change ${round}`, body: 'A change before the statistics are asked.', regions: ['150'], countries: [], areas: ['prevention_awareness'], themes: [] }),
    });
    if (!res.ok) throw new Error(`POST /api/v1/posts answered ${res.status}: ${await res.text()}`);
    for (const [role, session] of sessions) {
      const t0 = performance.now();
      const answer = await fetch(`${url}/api/v1/statistics`, { headers: { cookie: session.cookie } });
      await answer.arrayBuffer();
      if (!answer.ok) throw new Error(`statistics for ${role} answered ${answer.status}`);
      (times.get(role) ?? times.set(role, []).get(role)!).push(performance.now() - t0);
    }
  }
  console.log(`\n### Statistics after a change (${rounds} changes, each reader asks once after each)`);
  console.log('| reader | median ms | max ms |');
  console.log('|---|---:|---:|');
  for (const [role, list] of times) {
    list.sort((a, b) => a - b);
    console.log(`| ${role} | ${list[Math.floor(list.length / 2)]!.toFixed(1)} | ${list[list.length - 1]!.toFixed(1)} |`);
  }
}

function printScaling(one: SoakResult, two: SoakResult) {
  console.log('| setup | req/s | p50 ms | p95 ms | 5xx | RSS MB at the end |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(`| one server | ${one.rps.toFixed(0)} | ${one.p50.toFixed(1)} | ${one.p95.toFixed(1)} | ${one.status5xx} | ${one.rssMb?.map((r) => r.toFixed(0)).join(' / ')} |`);
  console.log(`| two servers behind nginx | ${two.rps.toFixed(0)} | ${two.p50.toFixed(1)} | ${two.p95.toFixed(1)} | ${two.status5xx} | ${two.rssMb?.map((r) => r.toFixed(0)).join(' / ')} |`);
  console.log(`scaling factor (two servers / one): ${(two.rps / one.rps).toFixed(2)}`);
}

async function postgresTarget(): Promise<Target | null> {
  const admin = new pg.Client({ connectionString: args['pg-url'] });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL not reachable at ${args['pg-url']} (${(error as Error).message}); skipping it.`);
    return null;
  }
  const name = `vf_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(args['pg-url']!);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    posts: Number(args.posts),
    env: { DATABASE_URL: url.toString(), VF_DEMO: '1' },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: args['pg-url'] });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function embeddedTarget(): Target {
  const dir = mkdtempSync(path.join(tmpdir(), 'vf-bench-'));
  return { name: 'embedded PGlite', posts: Number(args['embedded-posts']), env: { VF_DATA_DIR: dir, DATABASE_URL: '', VF_DEMO: '1' }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const targets: Target[] = [];
if (args.only !== 'embedded') {
  const t = await postgresTarget();
  if (t) targets.push(t);
}
if (args.only !== 'postgres') targets.push(embeddedTarget());
for (const target of targets) {
  try {
    await benchTarget(target);
  } finally {
    await target.cleanup();
  }
}
// The cross-server figures need PostgreSQL (two server processes on one database); skipped when it is not reachable.
if (!args['no-notifications']) await benchNotifications(args.only !== 'embedded' && (await postgresReachable(args['pg-url'])) ? { pgUrl: args['pg-url'] } : {});
console.log('\nGoals (issue 3, PostgreSQL at 100,000 posts): search p95 under 50 ms at one client; list at 10 clients at least 0.25 of the ceiling.');
console.log('Goals (issue 15): soak p95 < 100 ms, zero 5xx, RSS < 300 MB, at least 200 req/s; uncached list and detail at least 0.5 of the ceiling; searches, donor view, requests to answer and /similar p95 < 50 ms; statistics after a change < 100 ms.');
console.log('Goals (issue 11): fan-out of one event to 2,000 followers under 2 s; 1,000 idle SSE clients under 150 MB of added memory.');
