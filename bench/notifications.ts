// Notifications under `npm run bench` (issue 11), printed as figures, never asserted in tests:
//   - fan-out: one post followed by 2,000 people gets a comment through the real route; the time
//     until every notification is stored (they are written in the comment's own transaction, so
//     the answer means they are stored) and how many rows were written;
//   - the live stream: the added resident memory (RSS) of a real server process holding 1,000 idle
//     SSE connections (GET /api/v1/me/stream), per 1,000 clients;
//   - across servers, on PostgreSQL: two real server processes (A and B) on one database; every one
//     of the 2,000 followers holds a live stream on B; one comment through A. The time until A's
//     answer (every notification stored, in the comment's own transaction), and until the first and
//     the last of B's streams has its `notification` event (LISTEN/NOTIFY between the servers).
// Goals: fan-out to 2,000 people under 2 s; 1,000 SSE clients under 150 MB of added memory.
//
//   npx tsx bench/notifications.ts [--followers 2000] [--clients 1000] [--pg-url postgres://…] [--ports 4210,4211]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { freePort } from '../src/server/testing/free-port.js';

const root = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'vienna-2008-demo';

export interface FanOutResult {
  followers: number;
  ms: number;
  rows: number;
}

/** One comment on a post followed by `followers` people, on a fresh embedded database with the demo data. */
export async function benchFanOut(followers = 2000): Promise<FanOutResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vf-bench-fanout-'));
  const config = { ...loadConfig({ VF_DATA_DIR: dir, VF_DEMO: '1', LOG_LEVEL: 'silent' }), webDir: null };
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  const app = await buildApp({ ...config, database: { kind: 'pglite', dataDir: null } }, { database, backgroundJobs: false, logger: false });
  try {
    const db = app.db;
    const iom = await db.selectFrom('users').select('organization_id').where('email', '=', 'io@demo.test').executeTakeFirstOrThrow();
    const signIn = async (email: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
      const cookie = String(res.headers['set-cookie'] ?? '').split(';')[0]!;
      return { cookie, csrf: (res.json() as { csrfToken: string }).csrfToken };
    };
    const gov = await signIn('government@demo.test');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/posts',
      headers: { cookie: gov.cookie, 'x-csrf-token': gov.csrf },
      payload: { kind: 'ta_request', audience: 'all', title: 'Fan-out: shelter standards', body: 'We need help drafting standard operating procedures.', regions: ['002'], areas: ['victim_protection'] },
    });
    const postId = (created.json() as { id: string }).id;
    // 2,000 active members of a full-tier organization, each following the post.
    for (let i = 0; i < followers; i += 500) {
      const users = await db
        .insertInto('users')
        .values(Array.from({ length: Math.min(500, followers - i) }, (_, k) => ({ organization_id: iom.organization_id, email: `follower.${i + k}@bench.test`, name: `Follower ${i + k}`, title: null, role: 'member' as const, status: 'active' as const, password_hash: null })))
        .returning('id')
        .execute();
      await db.insertInto('post_follows').values(users.map((u) => ({ user_id: u.id, post_id: postId, following: true }))).execute();
    }
    await db.deleteFrom('notifications').execute();
    const cso = await signIn('cso@demo.test');
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: `/api/v1/posts/${postId}/comments`, headers: { cookie: cso.cookie, 'x-csrf-token': cso.csrf }, payload: { body: 'We run two shelters there.' } });
    const ms = performance.now() - t0;
    if (res.statusCode !== 201) throw new Error(`comment answered ${res.statusCode}: ${res.body}`);
    const { n } = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('post_id', '=', postId).executeTakeFirstOrThrow();
    return { followers, ms, rows: Number(n) };
  } finally {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SseResult {
  clients: number;
  opened: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  mbPer1000: number;
}

const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) / 1024;

/** A real server process (bench/server.ts, embedded database, demo data) holding `clients` idle streams. */
export async function benchSseMemory(clients = 1000, fixedPort?: number): Promise<SseResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vf-bench-sse-'));
  const port = fixedPort ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], { cwd: root, env: { ...process.env, VF_DATA_DIR: dir, DATABASE_URL: '', VF_DEMO: '1', PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const streams: http.ClientRequest[] = [];
  try {
    let up = false;
    for (let i = 0; i < 1200 && !up; i++) {
      up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 100));
    }
    if (!up) throw new Error('bench server did not start');
    const session = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'cso@demo.test', password: PASSWORD }) });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
    const open = () =>
      new Promise<boolean>((resolve) => {
        const req = http.get(`${url}/api/v1/me/stream`, { headers: { cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
          if (res.statusCode !== 200) return resolve(false);
          res.once('data', () => resolve(true));
        });
        req.on('error', () => resolve(false));
        streams.push(req);
      });
    // Warm the route first (code paths, pools), then measure from there.
    const warm = await Promise.all(Array.from({ length: 10 }, open));
    await new Promise((r) => setTimeout(r, 1000));
    const rssBeforeMb = rssMb(child.pid!);
    let opened = warm.filter(Boolean).length;
    for (let i = 0; i < clients; i += 100) opened += (await Promise.all(Array.from({ length: Math.min(100, clients - i) }, open))).filter(Boolean).length;
    await new Promise((r) => setTimeout(r, 2000));
    const rssAfterMb = rssMb(child.pid!);
    return { clients, opened: opened - warm.filter(Boolean).length, rssBeforeMb, rssAfterMb, mbPer1000: ((rssAfterMb - rssBeforeMb) / clients) * 1000 };
  } finally {
    for (const s of streams) s.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CrossServerResult {
  followers: number;
  streams: number;
  storedMs: number;
  firstMs: number;
  lastMs: number;
  received: number;
}

async function waitUp(url: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bench server ${url} did not start`);
}

function startServer(port: number, env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts'], { cwd: root, env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Two server processes on one fresh PostgreSQL database (demo data): `followers` people follow a
 * post, each with a live stream on server B; a comment goes through server A.
 */
export async function benchCrossServer(pgUrl: string, followers = 2000, ports?: [number, number]): Promise<CrossServerResult> {
  const name = `vf_bench_notif_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'vf-bench-cross-'));
  const env = { VF_DATA_DIR: dir, DATABASE_URL: url.toString(), VF_DEMO: '1' };
  // Migrations and demo data once, here, before the two servers start on the database.
  const config = { ...loadConfig({ ...env, LOG_LEVEL: 'silent' }), webDir: null };
  const setup = await buildApp(config, { backgroundJobs: false, logger: false });
  const [portA, portB] = ports ?? [await freePort(), await freePort()];
  const servers = [startServer(portA, env), startServer(portB, env)];
  const streams: http.ClientRequest[] = [];
  try {
    const db = setup.db;
    const a = `http://127.0.0.1:${portA}`;
    const b = `http://127.0.0.1:${portB}`;
    await Promise.all([waitUp(a), waitUp(b)]);
    const signIn = async (email: string) => {
      const res = await fetch(`${a}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const gov = await signIn('government@demo.test');
    const created = await fetch(`${a}/api/v1/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: gov.cookie, 'x-csrf-token': gov.csrf },
      body: JSON.stringify({ kind: 'ta_request', audience: 'all', title: 'Fan-out across servers: shelter standards', body: 'We need help drafting standard operating procedures.', regions: ['002'], areas: ['victim_protection'] }),
    });
    const postId = ((await created.json()) as { id: string }).id;
    const iom = await db.selectFrom('users').select('organization_id').where('email', '=', 'io@demo.test').executeTakeFirstOrThrow();
    const cookies: string[] = [];
    const fakeRequest = { ip: '127.0.0.1', headers: {} } as never;
    for (let i = 0; i < followers; i += 500) {
      const users = await db
        .insertInto('users')
        .values(Array.from({ length: Math.min(500, followers - i) }, (_, k) => ({ organization_id: iom.organization_id, email: `follower.${i + k}@bench.test`, name: `Follower ${i + k}`, title: null, role: 'member' as const, status: 'active' as const, password_hash: null })))
        .returning('id')
        .execute();
      await db.insertInto('post_follows').values(users.map((u) => ({ user_id: u.id, post_id: postId, following: true }))).execute();
      for (const u of users) cookies.push(`vf_session=${(await setup.sessions.create(u.id, fakeRequest)).token}`);
    }
    await db.deleteFrom('notifications').execute();

    // Every follower's stream on B; each resolves its promise at its first `notification` event.
    let t0 = 0;
    const arrivals: number[] = [];
    const open = (cookie: string) =>
      new Promise<boolean>((resolve) => {
        const req = http.get(`${b}/api/v1/me/stream`, { headers: { cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
          if (res.statusCode !== 200) return resolve(false);
          let buffer = '';
          let counted = false;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            if (buffer.includes('event: unread')) resolve(true);
            if (!counted && t0 && buffer.includes('event: notification')) {
              counted = true;
              arrivals.push(performance.now() - t0);
            }
            if (buffer.length > 10_000) buffer = buffer.slice(-2_000);
          });
        });
        req.on('error', () => resolve(false));
        streams.push(req);
      });
    let opened = 0;
    for (let i = 0; i < cookies.length; i += 100) opened += (await Promise.all(cookies.slice(i, i + 100).map(open))).filter(Boolean).length;
    await new Promise((r) => setTimeout(r, 1000));

    const cso = await signIn('cso@demo.test');
    t0 = performance.now();
    const res = await fetch(`${a}/api/v1/posts/${postId}/comments`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cso.cookie, 'x-csrf-token': cso.csrf }, body: JSON.stringify({ body: 'We run two shelters there.' }) });
    const storedMs = performance.now() - t0;
    if (res.status !== 201) throw new Error(`comment answered ${res.status}: ${await res.text()}`);
    for (let waited = 0; arrivals.length < opened && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const sorted = [...arrivals].sort((x, y) => x - y);
    return { followers, streams: opened, storedMs, firstMs: sorted[0] ?? NaN, lastMs: sorted.at(-1) ?? NaN, received: arrivals.length };
  } finally {
    for (const s of streams) s.destroy();
    for (const child of servers) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
    await setup.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchNotifications(options: { followers?: number; clients?: number; pgUrl?: string; ports?: [number, number] } = {}): Promise<void> {
  console.log('\n## Notifications (issue 11)');
  const fan = await benchFanOut(options.followers ?? 2000);
  console.log(`fan-out: one comment on a post followed by ${fan.followers} people: ${fan.rows} notifications stored in ${fan.ms.toFixed(0)} ms (embedded PGlite, the comment's own transaction; goal under 2,000 ms)`);
  const sse = await benchSseMemory(options.clients ?? 1000, options.ports?.[0]);
  console.log(`live stream: ${sse.opened} idle SSE clients on one server: RSS ${sse.rssBeforeMb.toFixed(0)} → ${sse.rssAfterMb.toFixed(0)} MB, ${sse.mbPer1000.toFixed(1)} MB per 1,000 clients (goal under 150 MB)`);
  if (options.pgUrl) {
    const cross = await benchCrossServer(options.pgUrl, options.followers ?? 2000, options.ports);
    console.log(
      `across servers (PostgreSQL, two server processes): one comment through A on a post followed by ${cross.followers} people: A answered (every notification stored) in ${cross.storedMs.toFixed(0)} ms (goal under 2,000 ms); ` +
        `${cross.received} of ${cross.streams} live streams on B had it, the first after ${cross.firstMs.toFixed(0)} ms, the last after ${cross.lastMs.toFixed(0)} ms`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { followers: { type: 'string', default: '2000' }, clients: { type: 'string', default: '1000' }, 'pg-url': { type: 'string' }, ports: { type: 'string' } } });
  const ports = values.ports ? (values.ports.split(',').map(Number) as [number, number]) : undefined;
  await benchNotifications({ followers: Number(values.followers), clients: Number(values.clients), ...(values['pg-url'] ? { pgUrl: values['pg-url'] } : {}), ...(ports ? { ports } : {}) });
}
