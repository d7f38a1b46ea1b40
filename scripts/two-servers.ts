// `npm run two-servers -- [--servers 2] [--port 8080]`: runs N Virtual Forum app servers on
// 127.0.0.1 over one PostgreSQL (DATABASE_URL, required) behind nginx from Debian's package
// (`apt-get install nginx`), started as an ordinary process with a config made from
// deploy/nginx.conf.template. Ctrl-C stops them all. No Docker needed; compose.yaml does the same
// with containers.
//
// Also a module: startBehindNginx() is used by the two-server test and by `npm run bench`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../src/server/testing/free-port.js';

const root = path.resolve(import.meta.dirname, '..');

export interface Cluster {
  /** The load balancer's address. */
  url: string;
  /** Each app server, directly. */
  servers: { url: string; pid: number }[];
  stop(): Promise<void>;
}

export function nginxBinary(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    if (spawnSync(candidate, ['-v']).status === 0) return candidate;
  }
  return null;
}

async function waitFor(url: string, child: ChildProcess, what: string, seconds = 180): Promise<void> {
  for (let i = 0; i < seconds * 5; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer at ${url}`);
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * Starts `servers` app servers (the real server, `src/server/main.ts`, or `bench/server.ts` for the
 * bench) with VF_TRUST_PROXY=1 over `databaseUrl`, then nginx in front of them on `port`.
 */
export async function startBehindNginx(options: { databaseUrl: string; servers?: number; port?: number; entry?: string; env?: Record<string, string>; log?: (line: string) => void }): Promise<Cluster> {
  const nginx = nginxBinary();
  if (!nginx) throw new Error('nginx is not installed (apt-get install nginx)');
  const log = options.log ?? console.log;
  const count = options.servers ?? 2;
  const entry = options.entry ?? 'src/server/main.ts';
  const children: ChildProcess[] = [];
  const servers: Cluster['servers'] = [];
  const prefix = mkdtempSync(path.join(tmpdir(), 'vf-nginx-'));
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(prefix, { recursive: true, force: true });
  };
  try {
    // One server first, so that only one runs the migrations and the demo loading; then the rest.
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', entry], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: options.databaseUrl, HOST: '127.0.0.1', PORT: String(port), VF_TRUST_PROXY: '1', LOG_LEVEL: 'warn', ...options.env },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitFor(`${url}/healthz`, child, `app server ${i + 1}`);
      servers.push({ url, pid: child.pid! });
      log(`app server ${i + 1} at ${url} (pid ${child.pid})`);
    }
    const listen = options.port ?? (await freePort());
    for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(prefix, dir));
    const config = readFileSync(path.join(root, 'deploy/nginx.conf.template'), 'utf8')
      .replaceAll('@PREFIX@', prefix)
      .replaceAll('@LISTEN@', `127.0.0.1:${listen}`)
      .replaceAll('@UPSTREAMS@', servers.map((s) => `server ${new URL(s.url).host};`).join('\n    '));
    writeFileSync(path.join(prefix, 'nginx.conf'), config);
    const balancer = spawn(nginx, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(balancer);
    const url = `http://127.0.0.1:${listen}`;
    await waitFor(`${url}/healthz`, balancer, 'nginx', 30);
    log(`nginx at ${url} in front of ${servers.length} app servers`);
    return { url, servers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { servers: { type: 'string', default: '2' }, port: { type: 'string', default: '8080' } } });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl?.startsWith('postgres')) {
    console.error('two-servers: set DATABASE_URL to a PostgreSQL database (the app servers share it)');
    process.exit(2);
  }
  const cluster = await startBehindNginx({ databaseUrl, servers: Number(values.servers), port: Number(values.port) });
  console.log(`Open ${cluster.url}/ — Ctrl-C stops nginx and the app servers.`);
  const quit = () => void cluster.stop().then(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
