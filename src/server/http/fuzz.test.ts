// The fuzz test of issue 10: for every route in the OpenAPI document (/api/docs/json), signed out
// and signed in (as an organizer and as a partial-tier user), fast-check sends values built from
// the route's own schema mixed with hostile ones (NUL, lone surrogates, huge and non-finite
// numbers, dates out of range, deep nesting, long and odd text, wrong types) in path parameters,
// query and body. No answer may be a 5xx; every error must be application/problem+json; an answer
// that refuses (4xx) must have changed nothing in the database; and no answer to the partial-tier
// user may hold text of a full-tier post. Fixed seed, bounded runs: the same requests every time,
// on PGlite and PostgreSQL.
// No route is left out. Routes that sign in or out or change a password get a fresh session of
// their own for each case (and a changed password is put back), so they cannot end or lock the
// run's session; the live event stream is read until its first event, then closed, and must let go
// of its connection. A guard fails if any documented route was not fuzzed, or if a route the app
// serves under /api/ is missing from the document.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo-accounts.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

const SEED = 20_261_202;
const RUNS_PER_ROUTE = Number(process.env.VF_FUZZ_RUNS ?? 4);

interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: Schema }[];
  body: Schema | null;
  /** Answers text/event-stream (it never ends by itself): read until its first event, then closed. */
  streams: boolean;
}

/** Tables whose rows a refused request may legitimately touch: sessions, throttling, the audit trail, mail. */
const BOOKKEEPING = new Set(['sessions', 'rate_limit_counters', 'sign_in_backoff', 'audit_events', 'mail_outbox', 'kysely_migration', 'kysely_migration_lock', 'meta']);
/**
 * Routes that sign in, sign out or change a password: each case runs on a fresh session of its own
 * (a changed password is put back afterwards), so the run's own session is never ended or replaced.
 */
const OWN_SESSION = new Set(['POST /api/v1/session', 'DELETE /api/v1/session', 'POST /api/v1/me/password', 'PUT /api/v1/me/password', 'DELETE /api/v1/me/sessions/{id}']);
/** A new password the strength check accepts. */
const STRONG_PASSWORD = 'Violet harbour lanterns 2026';

const deep = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const HOSTILE: unknown[] = [
  'a\u0000b', '\u0000', 'a\ud800b', '\udfff', 'x'.repeat(100_000), 'Line\r\nBcc: x@example.org', '1e309', '-1e309', 'NaN', '-1', '0', '99999999999999999999',
  '0000-01-01', '9999-12-31', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', "'; drop table posts; --", '../../etc/passwd', '%', '%00', '\\', '{}', '[]',
  '😀'.repeat(300), ' ', '', 'true', 1e308, -1e308, 2 ** 63, -(2 ** 63), 0.5, -1, 0, true, false, null, [], {}, [null], { __proto__: { polluted: true } },
  deep(40), deep(2000), Array.from({ length: 2000 }, (_, i) => i), 'not-a-uuid', '00000000-0000-0000-0000-000000000000',
];

const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);

let idPool: string[] = [];
/** Words only the full tier may read (title, body, comment of a full-audience post). */
const RESTRICTED = ['Quillfeather7741', 'Marbleglen2290', 'Saffronwick5513'];

/** A value the schema would accept (or nearly), so a hostile one elsewhere gets past the first check. */
function plausible(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => plausible(s, depth)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.constantFrom(...idPool);
      if (schema.format === 'date') return fc.constantFrom('2026-05-20', '2026-06-01');
      if (schema.format === 'date-time') return fc.constantFrom('2026-05-20T09:00:00Z', '2026-05-20T10:00:00Z');
      if (schema.format === 'email') return fc.constantFrom('someone@example.org', 'government@demo.test');
      return fc.string({ minLength: 0, maxLength: Math.min(schema.maxLength ?? 30, 30) });
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.max(schema.minimum ?? 0, -1000), max: Math.min(schema.maximum ?? 100, 1000) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(plausible(schema.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 3 || !schema.properties) return fc.constant({});
      const keys = Object.keys(schema.properties);
      // Password fields sometimes get the right (demo) password or a strong new one, so sign-in and the password changes also succeed.
      const field = (k: string) => (/password/i.test(k) ? fc.oneof(fc.constantFrom(DEMO_PASSWORD, STRONG_PASSWORD), value(schema.properties![k]!, depth + 1)) : value(schema.properties![k]!, depth + 1));
      return fc.record(Object.fromEntries(keys.map((k) => [k, field(k)])), { requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)) });
    }
    default:
      return fc.constantFrom('x', 1, null);
  }
}
const value = (schema: Schema, depth = 0): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: plausible(schema, depth) }, { weight: 1, arbitrary: hostile });

/** Path and query text for any value; a lone surrogate has no UTF-8 form, so its would-be bytes are sent. */
function urlText(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
  return s.replace(/[\s\S]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%ED%A0%80';
    }
  });
}

/** Header text for any value: what an HTTP client could send (no control characters, Latin-1 only). */
const headerText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? '').slice(0, 8_000).replace(/[^\t\x20-\x7e\xa0-\xff]/g, '?');

type OpenApi = { paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema: Schema }> }; responses?: Record<string, { content?: Record<string, unknown> }> }>> };
function operationsOf(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        streams: Object.values(op.responses ?? {}).some((r) => Boolean(r.content?.['text/event-stream'])),
      });
    }
  }
  return ops;
}
const keyOf = (op: { method: string; path: string }) => `${op.method} ${op.path}`;

/** The routes the app serves (Fastify's route tree), as `METHOD /path/{param}`; HEAD and OPTIONS left out. */
function servedRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const depth = at / 4;
    const match = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 4))!;
    stack.length = depth;
    stack.push(match[1]!);
    for (const method of (match[2] ?? '').split(', ').filter((m) => m && m !== 'HEAD' && m !== 'OPTIONS')) {
      routes.push(`${method} ${stack.join('').replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
  }
  return routes;
}

let t: TestApp;
let operations: Operation[];
let tables: string[];
/** Cases sent per role and route, for the guard. */
const fuzzed = new Map<string, Map<string, number>>();
let nextIp = 0;

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/**
 * One request. A streaming route is read until its first event (or its end, for a refusal), then
 * closed; the server must then let go of the stream.
 */
async function send(c: TestClient, op: Operation, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  if (!op.streams) return c.request(op.method as never, url, op.method === 'GET' || op.method === 'DELETE' ? undefined : (body ?? {}));
  const before = t.app.live.connections;
  const res = await t.app.inject({ method: op.method as never, url, headers: { ...headers, ...(c.cookie ? { cookie: c.cookie } : {}) }, remoteAddress: c.ip, payloadAsStream: true });
  const stream = res.stream();
  stream.setEncoding('utf8');
  const text = await new Promise<string>((resolve, reject) => {
    let got = '';
    const done = () => {
      clearTimeout(timer);
      resolve(got);
    };
    const timer = setTimeout(done, 10_000);
    stream.on('data', (chunk: string) => {
      got += chunk;
      if (/^event: \w+$/m.test(got) && got.endsWith('\n\n')) done();
    });
    stream.on('end', done);
    stream.on('error', reject);
  });
  (res.raw.res as unknown as { destroy(): void }).destroy();
  stream.destroy();
  if (res.statusCode === 200) expect(text, `${op.method} ${url}: the stream sent its first event`).toMatch(/^event: unread$/m);
  // Closed by the client: the server lets go of it.
  for (let i = 0; i < 100 && t.app.live.connections > before; i++) await new Promise((r) => setTimeout(r, 10));
  expect(t.app.live.connections, `${op.method} ${url}: the closed stream is still held`).toBe(before);
  return { statusCode: res.statusCode, headers: res.headers, body: text };
}

async function fingerprint(): Promise<string> {
  const parts = tables.map((name) => sql`select ${name} as t, count(*)::text as n, coalesce(max(xmin::text::bigint), 0)::text as x from ${sql.table(name)}`);
  const rows = await sql<{ t: string; n: string; x: string }>`${sql.join(parts, sql` union all `)}`.execute(t.database.db);
  return rows.rows.map((r) => `${r.t}:${r.n}:${r.x}`).sort().join(' ');
}

beforeAll(async () => {
  t = await createTestApp();
  operations = operationsOf((await t.app.inject('/api/docs/json')).json() as OpenApi);
  const gov = await t.signIn('government@demo.test');
  const post = (await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Fuzz target request', body: 'A request to aim at.', regions: ['150'], audience: 'all' })).json().id as string;
  const ids = await sql<{ id: string }>`
    (select id::text from posts limit 2) union all (select id::text from organizations limit 2) union all (select id::text from meetings limit 1)
    union all (select id::text from events limit 1) union all (select id::text from offers limit 1) union all (select id::text from documents limit 1)
    union all (select id::text from comments limit 1) union all (select id::text from pledges limit 1) union all (select id::text from partnership_requests limit 1)`.execute(t.database.db);
  // A post for the full tier only, with text a partial-tier user must never see, in any answer.
  const restricted = await gov.post('/api/v1/posts', { kind: 'project_idea', title: `Confidential ${RESTRICTED[0]}`, body: `Witness protection details ${RESTRICTED[1]}.`, regions: ['150'], audience: 'full' });
  expect(restricted.statusCode, restricted.body).toBe(201);
  await gov.post(`/api/v1/posts/${restricted.json().id as string}/comments`, { body: `Internal note ${RESTRICTED[2]}` });
  idPool = [post, restricted.json().id as string, ...ids.rows.map((r) => r.id), '00000000-0000-4000-8000-000000000000'];
  const listed = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.database.db);
  tables = listed.rows.map((r) => r.table_name).filter((n) => !BOOKKEEPING.has(n)).sort();
}, 120_000);
afterAll(async () => t?.close());

interface Role {
  who: string;
  /** The account the role signs in as; null: signed out. */
  email: string | null;
}
const SIGNED_OUT: Role = { who: 'signed out', email: null };
const ORGANIZER: Role = { who: 'organizer', email: 'organizer@demo.test' };
const PARTIAL: Role = { who: 'partial tier', email: 'cso@demo.test' };

/** A client of the role on a fresh session of its own, from an address of its own. */
async function clientOf(role: Role): Promise<TestClient> {
  if (!role.email) return t.client();
  const c = t.client();
  c.ip = `10.77.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;
  const res = await c.post('/api/v1/session', { email: role.email, password: DEMO_PASSWORD });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${role.email} failed: ${res.statusCode} ${res.body}`);
  return c;
}

/** The role's password as stored, to put back after a case that changed it. */
async function passwordOf(role: Role): Promise<{ password_hash: string | null; password_changed_at: Date | null } | null> {
  if (!role.email) return null;
  return (await t.database.db.selectFrom('users').select(['password_hash', 'password_changed_at']).where('email', '=', role.email).executeTakeFirst()) ?? null;
}

async function fuzz(role: Role): Promise<number> {
  const { who } = role;
  let sent = 0;
  const counts = new Map<string, number>();
  fuzzed.set(who, counts);
  let c = await clientOf(role);
  const stillSignedIn = async () => {
    if (role.email && (await c.get('/api/v1/me')).statusCode === 401) c = await clientOf(role);
  };
  for (const op of operations) {
    const ownSession = OWN_SESSION.has(keyOf(op));
    const paramArbs = Object.fromEntries(op.params.map((p) => [`${p.in}:${p.name}`, p.in === 'path' ? value(p.schema) : fc.option(value(p.schema), { nil: undefined })]));
    // The stream takes no documented parameters: it gets hostile query parameters and headers (Last-Event-ID resumes).
    const streamArbs = op.streams
      ? { query: fc.array(fc.tuple(fc.constantFrom('lastEventId', 'last-event-id', 'cursor', 'since', 'x'), hostile), { maxLength: 3 }), lastEventId: fc.option(fc.oneof(hostile, fc.integer(), fc.constantFrom('1', '0', '9007199254740993', '1e3'))), accept: fc.option(fc.oneof(fc.constant('text/event-stream'), hostile)) }
      : {};
    const arb = fc.record({ params: fc.record(paramArbs), body: op.body ? fc.oneof({ weight: 4, arbitrary: value(op.body) }, { weight: 1, arbitrary: hostile }) : fc.constant(undefined), stream: fc.record(streamArbs) });
    let before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(arb, async ({ params, body, stream }) => {
        let url = op.path;
        const query: string[] = [];
        for (const [key, v] of Object.entries(params)) {
          const [place, name] = key.split(':') as [string, string];
          if (place === 'path') url = url.replace(`{${name}}`, urlText(v) || '%20');
          else if (v !== undefined) query.push(`${name}=${urlText(v)}`);
        }
        const headers: Record<string, string> = {};
        if (op.streams) {
          const s = stream as { query: [string, unknown][]; lastEventId: unknown; accept: unknown };
          for (const [name, v] of s.query) query.push(`${name}=${urlText(v)}`);
          if (s.lastEventId !== null) headers['last-event-id'] = headerText(s.lastEventId);
          if (s.accept !== null) headers.accept = headerText(s.accept);
        }
        if (query.length) url += `?${query.join('&')}`;
        // Sign-in, sign-out and password changes: a session of their own, and the password as it was afterwards.
        const password = ownSession ? await passwordOf(role) : null;
        const caller = ownSession ? await clientOf(role) : c;
        if (ownSession) before = await fingerprint();
        const res = await send(caller, op, url, body, headers);
        sent++;
        counts.set(keyOf(op), (counts.get(keyOf(op)) ?? 0) + 1);
        const label = `${who} ${op.method} ${url.slice(0, 200)} ${JSON.stringify(headers).slice(0, 200)} ${JSON.stringify(body)?.slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, label).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type'], label).toContain('application/problem+json');
          const after = await fingerprint();
          expect(after, `${label}: a refused request changed the database`).toBe(before);
        }
        if (who === 'partial tier') {
          for (const secret of RESTRICTED) expect(res.body.includes(secret), `${label}: restricted text in the answer`).toBe(false);
        }
        if (ownSession) {
          const now = await passwordOf(role);
          if (password && now && now.password_hash !== password.password_hash) {
            await t.database.db.updateTable('users').set(password).where('email', '=', role.email!).execute();
          }
          // A password change signs out the role's other sessions, the run's own among them.
          await stillSignedIn();
        } else if (res.statusCode === 401 && role.email) c = await clientOf(role);
        if (res.statusCode < 400 || ownSession) {
          // Work queued by the answer (a password-reset request becomes a link and a mail) is done before the next baseline.
          await t.app.mail.deliverDue();
          before = await fingerprint();
        }
      }),
      { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
    );
  }
  return sent;
}

describe('fuzzing every route', () => {
  it('finds the routes in the OpenAPI document, the live stream among them, and every route the app serves under /api/ is there', async () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.some((o) => o.path === '/api/v1/posts/{id}/revisions/{from}/diff/{to}')).toBe(true);
    expect(operations.filter((o) => o.streams).map(keyOf)).toEqual(['GET /api/v1/me/stream']);
    const documented = new Set(operations.map(keyOf));
    const served = servedRoutes(t.app.printRoutes({ commonPrefix: false })).filter((r) => r.split(' ')[1]!.startsWith('/api/') && !r.split(' ')[1]!.startsWith('/api/docs'));
    expect(served.length).toBeGreaterThan(100);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('never answers 5xx, always problem+json, and a refusal changes nothing: signed out', async () => {
    const sent = await fuzz(SIGNED_OUT);
    expect(sent).toBeGreaterThanOrEqual(operations.length * RUNS_PER_ROUTE);
  }, 900_000);

  it('the same, signed in as an organizer (who may call almost every route)', async () => {
    const sent = await fuzz(ORGANIZER);
    expect(sent).toBeGreaterThanOrEqual(operations.length * RUNS_PER_ROUTE);
  }, 900_000);

  it('the same, signed in as a partial-tier user (civil society), and no answer holds full-tier text', async () => {
    // The words are there to be found: the organizer reads them.
    const organizer = await t.signIn('organizer@demo.test');
    const seen = (await organizer.get(`/api/v1/posts/${idPool[1]!}`)).body + (await organizer.get(`/api/v1/posts/${idPool[1]!}/comments`)).body;
    for (const secret of RESTRICTED) expect(seen).toContain(secret);
    const sent = await fuzz(PARTIAL);
    expect(sent).toBeGreaterThanOrEqual(operations.length * RUNS_PER_ROUTE);
  }, 900_000);

  it('every read, with every known id in its path, shows a partial-tier user no full-tier text (and a full-tier user finds it)', async () => {
    /** GETs every route once without parameters and once per known id (the full-tier post's among them); returns the restricted words found. */
    const sweep = async (c: TestClient, who: string) => {
      const found = new Set<string>();
      const swept = new Map<string, number>();
      fuzzed.set(`sweep: ${who}`, swept);
      for (const op of operations) {
        if (op.method !== 'GET') continue;
        const pathParams = op.params.filter((p) => p.in === 'path').map((p) => p.name);
        const urls = pathParams.length ? idPool.map((id) => pathParams.reduce((u, name) => u.replace(`{${name}}`, id), op.path)) : [op.path];
        for (const url of urls) {
          const res = await send(c, op, url, undefined);
          swept.set(keyOf(op), (swept.get(keyOf(op)) ?? 0) + 1);
          expect(res.statusCode, `${who} GET ${url} -> ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
          for (const secret of RESTRICTED) if (res.body.includes(secret)) found.add(`${secret} in ${op.path}`);
        }
      }
      return [...found];
    };
    expect(await sweep(await t.signIn('cso@demo.test'), 'partial tier')).toEqual([]);
    // The sweep can see the words where they are allowed: as a full-tier reader, in the post, its comments and lists.
    const full = await sweep(await t.signIn('io@demo.test'), 'full tier');
    for (const secret of RESTRICTED) expect(full.some((f) => f.startsWith(secret)), `${secret} found by the full-tier sweep`).toBe(true);
  }, 900_000);

  it('guard: every documented route was fuzzed for every role, and every GET swept, with nothing left out', () => {
    for (const role of [SIGNED_OUT, ORGANIZER, PARTIAL]) {
      const counts = fuzzed.get(role.who) ?? new Map<string, number>();
      const short = operations.map(keyOf).filter((k) => (counts.get(k) ?? 0) < RUNS_PER_ROUTE);
      expect(short, `routes not fuzzed ${RUNS_PER_ROUTE} times ${role.who}`).toEqual([]);
    }
    for (const who of ['partial tier', 'full tier']) {
      const swept = fuzzed.get(`sweep: ${who}`) ?? new Map<string, number>();
      expect(operations.filter((o) => o.method === 'GET' && !swept.has(keyOf(o))).map(keyOf), `GET routes not swept as ${who}`).toEqual([]);
    }
  });
});
