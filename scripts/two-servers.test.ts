// Two app servers behind a real nginx (Debian's package) over one PostgreSQL: what one server
// knows, the other knows at once, because nothing shared lives in a process. Needs PostgreSQL
// (TEST_DATABASE_URL, as `npm run test:pg` sets it) and nginx; without them it is skipped, saying why.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxBinary, startBehindNginx, type Cluster } from './two-servers.js';

const adminUrl = process.env.TEST_DATABASE_URL;
const missing = !adminUrl ? 'TEST_DATABASE_URL is not set' : !nginxBinary() ? 'nginx is not installed' : null;
if (missing) console.warn(`two-servers.test.ts skipped: ${missing}`);

const name = `vf_two_servers_${process.pid}`;
let cluster: Cluster;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface Answer {
  status: number;
  upstream: string | null;
  body: Record<string, unknown>;
  cookie: string | null;
}
async function call(base: string, method: string, path: string, options: { cookie?: string; csrf?: string; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}), ...(options.body ? { 'content-type': 'application/json' } : {}) },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, upstream: res.headers.get('x-upstream'), body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null };
}

describe.skipIf(missing !== null)('two app servers behind nginx', () => {
  beforeAll(async () => {
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    cluster = await startBehindNginx({ databaseUrl: url.toString(), servers: 2, env: { VF_DEMO: '1' }, log: () => {} });
  }, 600_000);
  afterAll(async () => {
    await cluster?.stop();
    if (!missing) await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  }, 60_000);

  it('spreads requests over both servers, with no sticky sessions', async () => {
    const upstreams = new Set<string>();
    for (let i = 0; i < 6; i++) upstreams.add((await call(cluster.url, 'GET', '/healthz')).upstream ?? '');
    expect([...upstreams].sort()).toEqual(cluster.servers.map((s) => new URL(s.url).host).sort());
  });

  it('keeps a session made through the balancer valid on each server, CSRF included', async () => {
    const signIn = await call(cluster.url, 'POST', '/api/v1/session', { body: { email: 'cso@demo.test', password: 'vienna-2008-demo' } });
    expect(signIn.status).toBe(200);
    const cookie = signIn.cookie!;
    const csrf = signIn.body.csrfToken as string;
    for (const server of cluster.servers) {
      const me = await call(server.url, 'GET', '/api/v1/me', { cookie });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe('cso@demo.test');
    }
    // A post written on one server is listed by the other at once (cached pages follow the data version in the database).
    const [a, b] = cluster.servers as [Cluster['servers'][0], Cluster['servers'][0]];
    const before = await call(b.url, 'GET', '/api/v1/posts?limit=5', { cookie });
    const created = await call(a.url, 'POST', '/api/v1/posts', { cookie, csrf, body: { kind: 'project_idea', title: 'Written on server A', body: 'Shared training material.', regions: ['150'], countries: [], areas: ['prevention_awareness'], themes: [] } });
    expect(created.status).toBe(201);
    const after = await call(b.url, 'GET', '/api/v1/posts?limit=5', { cookie });
    expect((after.body.items as { id: string }[])[0]!.id).toBe(created.body.id);
    expect(after.body.total).toBe((before.body.total as number) + 1);
    // Signing out on B ends the session on A too.
    expect((await call(b.url, 'DELETE', '/api/v1/session', { cookie, csrf })).status).toBe(204);
    expect((await call(a.url, 'GET', '/api/v1/me', { cookie })).status).toBe(401);
  });

  it('counts failed sign-ins for one account across both servers', async () => {
    const email = `nobody.${process.pid}@example.org`;
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await call(cluster.url, 'POST', '/api/v1/session', { body: { email, password: 'wrong password' } });
      expect(res.status).toBe(401);
      seen.add(res.upstream ?? '');
    }
    expect(seen.size).toBe(2);
    // The sixth, on either server, is refused: the counter is one row in PostgreSQL.
    for (const server of cluster.servers) expect((await call(server.url, 'POST', '/api/v1/session', { body: { email, password: 'wrong password' } })).status).toBe(429);
  });
});
