// `npm run test:pg`: the whole Vitest suite on a real PostgreSQL server instead of embedded PGlite.
//
// 1. Finds the server: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres (an admin
//    connection that may create databases). If it cannot connect, it says so and exits 1: a run that
//    was meant to test PostgreSQL must fail, never quietly skip.
// 2. Checks that `npm run migrate` brings an empty database up to date (and that a second run is a
//    no-op), on a scratch database it creates and drops again.
// 3. Runs `vitest run` with TEST_DATABASE_URL set, so every test file gets a fresh database of its own
//    (src/server/testing/test-app.ts). Arguments after `--` go to Vitest; its exit code is ours.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { knownMigrations } from '../src/server/db/migrate.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_URL;
const root = path.resolve(import.meta.dirname, '..');

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function fail(message: string): never {
  console.error(`\ntest:pg: ${message}\n`);
  process.exit(1);
}

/** A short-lived connection to `url` (the admin database unless told otherwise). */
async function withClient<T>(work: (client: pg.Client) => Promise<T>, url = adminUrl): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A failure with a message for people; thrown so `finally` blocks still clean up. */
class CheckFailed extends Error {}

async function checkServer(): Promise<void> {
  try {
    const version = await withClient(async (c) => (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v);
    console.log(`test:pg: PostgreSQL ${version} at ${shown(adminUrl)}`);
  } catch (error) {
    fail(
      `cannot connect to PostgreSQL at ${shown(adminUrl)}: ${error instanceof Error ? error.message : String(error)}\n` +
        '  Start a server (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`) or set TEST_DATABASE_URL\n' +
        '  to an admin connection URL that may create databases.',
    );
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, capture: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Ctrl-C / CI cancellation reaches the child too, and we wait for it to finish.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1), output });
    });
  });
}

/** `npm run migrate` from empty, then again (must be a no-op), on a scratch database. */
async function checkMigrationsFromEmpty(): Promise<void> {
  const name = `vf_migrate_check_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withClient((c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const env = { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' };
  try {
    const started = Date.now();
    const first = await run('npm', ['run', '--silent', 'migrate'], env, true);
    if (first.code !== 0) throw new CheckFailed(`\`npm run migrate\` failed on an empty database (exit ${first.code}):\n${first.output}`);
    const second = await run('npm', ['run', '--silent', 'migrate'], env, true);
    if (second.code !== 0 || !/already up to date/i.test(second.output)) {
      throw new CheckFailed(`a second \`npm run migrate\` was not a no-op (exit ${second.code}):\n${second.output}`);
    }
    const applied = await withClient(
      async (c) => (await c.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name),
      url.toString(),
    );
    const missing = knownMigrations().filter((m) => !applied.includes(m));
    if (missing.length) throw new CheckFailed(`after \`npm run migrate\` these migrations are not recorded: ${missing.join(', ')}`);
    console.log(`test:pg: ${applied.length} migrations apply from empty (${Date.now() - started} ms), and a second run is a no-op`);
  } finally {
    await withClient((c) => c.query(`drop database if exists ${name} with (force)`)).catch((error: unknown) =>
      console.error(`test:pg: could not drop scratch database ${name}: ${String(error)}`),
    );
  }
}

async function main(): Promise<void> {
  await checkServer();
  await checkMigrationsFromEmpty();

  const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
  console.log(`test:pg: vitest run ${args.join(' ')}`.trimEnd());
  const { code } = await run(process.execPath, [vitest, 'run', ...args], { ...process.env, TEST_DATABASE_URL: adminUrl }, false);
  process.exit(code);
}

main().catch((error: unknown) =>
  fail(error instanceof CheckFailed ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
