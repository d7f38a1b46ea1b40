// The mixed soak of issue 15: many connections at once, 80% reads (25% list pages from a random
// point, 22% searches with one or two words taken from real post titles, 23% post pages, 5%
// requests to answer, 5% POST /api/v1/similar, the compose form's check of a draft) and 20% writes
// (15% comments, 5% new posts), by six users of both tiers. Every write bumps the data version, so
// the answer cache helps little: this is what the database and the server do under real use.
//
// Reports p50/p95 overall and per kind of request, requests per second, every non-2xx answer
// (5xx counted apart) and the server's resident memory (RSS) at the end when its process id is
// known. Run alone against any server or load balancer:
//   npx tsx bench/soak.ts --url http://127.0.0.1:8080 [--url ...] [--connections 50] [--seconds 120] [--pid 1234]
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export const SOAK_USERS = ['cso@demo.test', 'academia@demo.test', 'business@demo.test', 'io@demo.test', 'government@demo.test', 'osce@demo.test'];

interface Session {
  email: string;
  cookie: string;
  csrf: string;
  postIds: string[];
  /** Has the user's organization an expertise profile (else requests to answer is an empty answer)? */
  hasProfile: boolean;
}

export interface SoakResult {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  status5xx: number;
  errors: number;
  byKind: Record<string, { n: number; p50: number; p95: number }>;
  rssMb: number[] | null;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/** One request over a keep-alive agent (one socket per connection, like a browser tab). */
function request(agent: http.Agent, base: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; text: string }> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function signIn(base: string, email: string): Promise<Session> {
  const res = await fetch(new URL('/api/v1/session', base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'vienna-2008-demo' }) });
  if (!res.ok) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { email, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: csrfToken, postIds: [], hasProfile: false };
}

/** Words of real post titles (four letters or more), as the searches' vocabulary. */
function titleWords(titles: string[]): string[] {
  const words = new Set<string>();
  for (const t of titles) for (const w of t.toLowerCase().split(/[^a-z]+/)) if (w.length >= 4 && !['with', 'from', 'that', 'this', 'into', 'their', 'have', 'will', 'what'].includes(w)) words.add(w);
  return [...words];
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
/** A "Load more" cursor from a random moment of the last two years (the generated posts' span). */
const randomCursor = () => Buffer.from(JSON.stringify({ at: new Date(Date.now() - Math.random() * 2 * 365 * 86_400_000).toISOString(), id: crypto.randomUUID() })).toString('base64url');

export async function soak(options: { urls: string[]; connections: number; seconds: number; pids?: number[]; log?: (line: string) => void }): Promise<SoakResult> {
  const log = options.log ?? console.log;
  const base = options.urls[0]!;
  const sessions: Session[] = [];
  for (const email of SOAK_USERS) sessions.push(await signIn(base, email));
  // What each user may open, and the words of the titles they see (the first pages of the list).
  const titles: string[] = [];
  for (const s of sessions) {
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await fetch(new URL(`/api/v1/posts?limit=100${cursor ? `&cursor=${cursor}` : ''}`, base), { headers: { cookie: s.cookie } });
      const list = (await res.json()) as { items: { id: string; title: string }[]; nextCursor: string | null };
      s.postIds.push(...list.items.map((i) => i.id));
      titles.push(...list.items.map((i) => i.title));
      cursor = list.nextCursor;
      if (!cursor) break;
    }
    const answer = await fetch(new URL('/api/v1/me/requests-to-answer', base), { headers: { cookie: s.cookie } });
    s.hasProfile = answer.ok && ((await answer.json()) as { hasProfile: boolean }).hasProfile;
  }
  // Requests to answer are asked by the users whose organization has an expertise profile (for the
  // others the answer is empty and costs nothing): measured where it does work.
  const answerers = sessions.filter((s) => s.hasProfile);
  if (!answerers.length) throw new Error('soak: none of the soak users has an expertise profile; requests to answer would measure nothing');
  const words = titleWords(titles);
  log(`soak: ${options.connections} connections, ${options.seconds} s, ${sessions.length} users (${answerers.length} with an expertise profile), ${words.length} title words, servers ${options.urls.join(', ')}`);

  const times: number[] = [];
  const byKind = new Map<string, number[]>();
  let non2xx = 0;
  let status5xx = 0;
  let errors = 0;
  const firstFailures: string[] = [];
  const end = Date.now() + options.seconds * 1000;
  const rssBefore = options.pids?.map(rssOf) ?? null;

  /** A draft in the compose form, in words of real titles: what POST /api/v1/similar checks. */
  const draft = () => ({
    kind: pick(['project_idea', 'project_info', 'ta_request']),
    title: `${pick(words)} ${pick(words)} and ${pick(words)}`,
    body: `We plan work on ${pick(words)}, ${pick(words)} and ${pick(words)} with ${pick(words)} partners.`,
    regions: [pick(['150', '002', '142', '019'])],
    countries: [],
    areas: [pick(['prevention_awareness', 'victim_protection', 'criminal_justice'])],
    themes: [],
  });
  const operation = (s: Session): { kind: string; method: string; path: string; body?: unknown; as?: Session } => {
    const r = Math.random();
    if (r < 0.25) {
      // A list page: the first page, or "Load more" from a random point; sometimes with a filter.
      const filter = Math.random() < 0.3 ? `&kind=${pick(['project_idea', 'project_info', 'ta_request', 'pipeline_project'])}` : '';
      return { kind: 'list', method: 'GET', path: `/api/v1/posts?limit=20${filter}${Math.random() < 0.7 ? `&cursor=${randomCursor()}` : ''}` };
    }
    if (r < 0.47) {
      const q = Math.random() < 0.5 ? pick(words) : `${pick(words)} ${pick(words)}`;
      return { kind: 'search', method: 'GET', path: `/api/v1/posts?limit=20&q=${encodeURIComponent(q)}` };
    }
    if (r < 0.7) return { kind: 'detail', method: 'GET', path: `/api/v1/posts/${pick(s.postIds)}` };
    if (r < 0.75) return { kind: 'requests to answer', method: 'GET', path: '/api/v1/me/requests-to-answer', as: pick(answerers) };
    if (r < 0.8) return { kind: 'similar (compose check)', method: 'POST', path: '/api/v1/similar', body: draft() };
    if (r < 0.95) return { kind: 'comment', method: 'POST', path: `/api/v1/posts/${pick(s.postIds)}/comments`, body: { body: `Thank you; we can share our training material on ${pick(words)} and ${pick(words)}.` } };
    return {
      kind: 'post',
      method: 'POST',
      path: '/api/v1/posts',
      body: {
        kind: 'project_idea',
        title: `Soak: ${pick(words)} ${pick(words)} cooperation`,
        body: `A project idea about ${pick(words)}, ${pick(words)} and ${pick(words)}, written by the load test.`,
        regions: ['150'],
        countries: [],
        areas: ['prevention_awareness'],
        themes: [],
      },
    };
  };

  let next = 0;
  const worker = async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (Date.now() < end) {
      const s = sessions[next % sessions.length]!;
      const url = options.urls[next % options.urls.length]!;
      next++;
      const op = operation(s);
      const who = op.as ?? s;
      const t0 = performance.now();
      try {
        const res = await request(agent, url, op.method, op.path, { cookie: who.cookie, 'x-csrf-token': who.csrf }, op.body);
        const ms = performance.now() - t0;
        times.push(ms);
        (byKind.get(op.kind) ?? byKind.set(op.kind, []).get(op.kind)!).push(ms);
        if (res.status < 200 || res.status >= 300) {
          non2xx++;
          if (res.status >= 500) status5xx++;
          if (firstFailures.length < 5) firstFailures.push(`${op.method} ${op.path} -> ${res.status} ${res.text.slice(0, 200)}`);
        }
      } catch (error) {
        errors++;
        if (firstFailures.length < 5) firstFailures.push(`${op.method} ${op.path} -> ${(error as Error).message}`);
      }
    }
    agent.destroy();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const kinds: SoakResult['byKind'] = {};
  for (const [kind, list] of byKind) {
    list.sort((a, b) => a - b);
    kinds[kind] = { n: list.length, p50: percentile(list, 50), p95: percentile(list, 95) };
  }
  const rssAfter = options.pids?.map(rssOf) ?? null;
  for (const f of firstFailures) log(`  failure: ${f}`);
  const result: SoakResult = {
    connections: options.connections,
    seconds: elapsed,
    requests: times.length,
    rps: times.length / elapsed,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx,
    status5xx,
    errors,
    byKind: kinds,
    rssMb: rssAfter,
  };
  log(
    `soak: ${result.requests} requests in ${elapsed.toFixed(0)} s = ${result.rps.toFixed(0)} req/s; p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms; ` +
      `non-2xx ${non2xx} (5xx ${status5xx}), errors ${errors}` +
      (rssAfter ? `; RSS ${rssBefore!.map((r) => r.toFixed(0)).join('/')} MB before, ${rssAfter.map((r) => r.toFixed(0)).join('/')} MB at the end` : ''),
  );
  log('| request | n | p50 ms | p95 ms |');
  log('|---|---:|---:|---:|');
  for (const [kind, k] of Object.entries(kinds)) log(`| ${kind} | ${k.n} | ${k.p50.toFixed(1)} | ${k.p95.toFixed(1)} |`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { url: { type: 'string', multiple: true }, connections: { type: 'string', default: '50' }, seconds: { type: 'string', default: '120' }, pid: { type: 'string', multiple: true } } });
  if (!values.url?.length) throw new Error('usage: tsx bench/soak.ts --url http://127.0.0.1:3000 [--connections 50] [--seconds 120] [--pid N]');
  await soak({ urls: values.url, connections: Number(values.connections), seconds: Number(values.seconds), ...(values.pid ? { pids: values.pid.map(Number) } : {}) });
}
