// Overlap detection and matching under `npm run bench`: on the seeded database (100,000 posts on
// PostgreSQL), latency at one client and throughput at ten of
//   - POST /api/v1/similar (the compose form's check) as a partial-tier user,
//   - GET /api/v1/posts/:id/similar and GET /api/v1/posts/:id/matches,
//   - GET /api/v1/me/requests-to-answer,
// and the organizers' board scan: how long comparing one post with all others takes.
import autocannon from 'autocannon';

interface Session {
  cookie: string;
  csrf: string;
}

export async function signInFor(url: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'vienna-2008-demo' }) });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: csrfToken };
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function once(url: string, session: Session, call: Call): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}${call.path}`, {
    method: call.method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(call.body ? { 'content-type': 'application/json' } : {}) },
    body: call.body ? JSON.stringify(call.body) : undefined,
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${call.method} ${call.path} answered ${res.status}`);
  return performance.now() - t0;
}

async function latency(url: string, session: Session, call: Call, durationMs: number) {
  const times: number[] = [];
  const end = Date.now() + durationMs;
  while (Date.now() < end) times.push(await once(url, session, call));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), n: times.length };
}

async function throughput(url: string, session: Session, call: Call, durationS: number): Promise<number> {
  const result = await autocannon({
    url: `${url}${call.path}`,
    method: call.method,
    connections: 10,
    duration: durationS,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: call.body ? JSON.stringify(call.body) : undefined,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${call.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

/** A compose-form draft in the seeded vocabulary. */
const DRAFT = {
  kind: 'project_idea',
  title: 'Minimum standards and staff training for victim shelters',
  body: 'We propose minimum standards for shelters and a training course for shelter staff, with a referral procedure for adults and children, in cooperation with NGOs.',
  regions: ['011'],
  countries: ['NG'],
  areas: ['victim_protection'],
  themes: ['protection'],
};

export async function benchOverlap(url: string, options: { seconds: number; partialUser: string; providerUser: string; organizer: string }) {
  const partial = await signInFor(url, options.partialUser);
  const provider = await signInFor(url, options.providerUser);
  const get = async <T>(session: Session, path: string) => (await (await fetch(`${url}${path}`, { headers: { cookie: session.cookie } })).json()) as T;
  // A post and an open request the partial-tier user may see.
  const visible = await get<{ items: { id: string }[] }>(partial, '/api/v1/posts?limit=1&kind=project_idea');
  const request = await get<{ items: { id: string }[] }>(partial, '/api/v1/posts?limit=1&kind=ta_request&status=open');
  const calls: [string, Session, Call][] = [
    ['POST /similar (compose check)', partial, { method: 'POST', path: '/api/v1/similar', body: DRAFT }],
    ['GET /posts/:id/similar', partial, { method: 'GET', path: `/api/v1/posts/${visible.items[0]!.id}/similar` }],
    ['GET /posts/:id/matches', partial, { method: 'GET', path: `/api/v1/posts/${request.items[0]!.id}/matches` }],
    ['GET /me/requests-to-answer', provider, { method: 'GET', path: '/api/v1/me/requests-to-answer' }],
  ];
  console.log(`\n### Overlap and matching (${options.partialUser}; requests to answer as ${options.providerUser})`);
  console.log('| endpoint | p50 ms | p95 ms | p99 ms | req/s @10 |');
  console.log('|---|---:|---:|---:|---:|');
  const rows: Record<string, unknown>[] = [];
  for (const [name, session, call] of calls) {
    await latency(url, session, call, 1000); // warm-up
    const lat = await latency(url, session, call, (options.seconds * 1000) / 2);
    const rps = await throughput(url, session, call, options.seconds);
    rows.push({ name, ...lat, rps });
    console.log(`| ${name} | ${lat.p50.toFixed(1)} | ${lat.p95.toFixed(1)} | ${lat.p99.toFixed(1)} | ${rps.toFixed(0)} |`);
  }

  // The board: each visit compares a batch of new or edited posts with all others.
  const organizer = await signInFor(url, options.organizer);
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/overlaps/scan`, { method: 'POST', headers: { cookie: organizer.cookie, 'x-csrf-token': organizer.csrf, 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`POST /api/v1/overlaps/scan answered ${res.status}`);
  const scan = (await res.json()) as { scanned: number; pending: number };
  const ms = performance.now() - t0;
  const board = await get<{ clusters: unknown[] }>(organizer, '/api/v1/overlaps');
  console.log(`\nBoard scan: one batch compared ${scan.scanned} posts with all others in ${ms.toFixed(0)} ms (${(ms / Math.max(1, scan.scanned)).toFixed(1)} ms per post); ${scan.pending} posts still to compare; ${board.clusters.length} clusters so far.`);
  return rows;
}
