// The server as a process: start-up on the embedded database, demo data loaded once, a clean
// shutdown that finishes requests in flight, and nothing written lost across restarts or a crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgres, usingPostgres } from './testing/test-app.js';
import { freePort } from './testing/free-port.js';

const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
// On the PostgreSQL run the same process tests use a scratch database on that server.
let databaseEnv: Record<string, string> = { DATABASE_URL: '', VF_DEMO: '' };
let dropDatabase = async () => {};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vf-lifecycle-'));
  if (usingPostgres()) {
    const scratch = await createScratchPostgres();
    databaseEnv = { DATABASE_URL: scratch.url, VF_DEMO: '1' };
    dropDatabase = scratch.drop;
  }
});
afterAll(async () => {
  await dropDatabase();
  await rm(dataDir, { recursive: true, force: true });
});


interface Running {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

async function start(): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', VF_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...databaseEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { url, child, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become healthy');
}

async function signIn(url: string, email: string, password: string): Promise<{ status: number; cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = res.ok ? ((await res.json()) as { csrfToken: string }) : { csrfToken: '' };
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

async function changePassword(url: string, session: { cookie: string; csrf: string }, from: string, to: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/me/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify({ currentPassword: from, newPassword: to }),
  });
  return res.status;
}

// Each test starts real server processes (tsx, migrations, demo data): on a busy 2-core machine
// that alone can take most of the default 30 s, so these get a minute.
describe('server process', { timeout: 60_000 }, () => {
  it('starts with demo data, shuts down cleanly on SIGTERM finishing a request in flight, and keeps what was written', async () => {
    const first = await start();
    const session = await signIn(first.url, 'media@demo.test', 'vienna-2008-demo');
    expect(session.status).toBe(200);
    expect(await changePassword(first.url, session, 'vienna-2008-demo', 'amber quartz meadow 17')).toBe(204);

    // A sign-in (argon2 verification takes tens of milliseconds) is in flight when SIGTERM arrives.
    const inFlight = signIn(first.url, 'cso@demo.test', 'vienna-2008-demo');
    await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(await first.exited).toBe(0);

    const second = await start();
    expect((await signIn(second.url, 'media@demo.test', 'amber quartz meadow 17')).status).toBe(200);
    expect((await signIn(second.url, 'media@demo.test', 'vienna-2008-demo')).status).toBe(401);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('loses nothing that was acknowledged when the process is killed outright', async () => {
    const first = await start();
    const session = await signIn(first.url, 'academia@demo.test', 'vienna-2008-demo');
    expect(await changePassword(first.url, session, 'vienna-2008-demo', 'copper lantern harbour 58')).toBe(204);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start();
    expect((await signIn(second.url, 'academia@demo.test', 'copper lantern harbour 58')).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
