// Builds the whole app in-process for a test file, on a fresh database of its own:
// PGlite in memory by default, or a new database on the PostgreSQL server named by
// TEST_DATABASE_URL (dropped again afterwards). Every integration test runs on both.
// Within `npm test` / `npm run test:pg` that database is a copy of a template built once per run
// (global-setup.ts, template-database.ts), already migrated and, unless the file asks for
// `demo: false`, holding the demo data; outside such a run it is built from scratch.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, type AppConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { DEMO_PASSWORD } from '../demo/demo-accounts.js';
import { isFresh, readTemplateArchive, type TemplateSet } from './template-database.js';

export const usingPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL);

/** The run's template databases, if this run built them and they are fresh enough to use. */
function templates(): TemplateSet | null {
  let provided: TemplateSet | undefined;
  try {
    provided = inject('vfTemplates');
  } catch {
    return null; // not inside a Vitest run with the global setup
  }
  if (!provided || provided.kind !== (usingPostgres() ? 'postgres' : 'pglite') || !isFresh(provided)) return null;
  return provided;
}

/** A fresh database on the configured PostgreSQL server: empty, or a copy of `template`. */
export async function createScratchPostgres(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `vf_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  config: AppConfig;
  database: DatabaseHandle;
  /** A client with its own cookie jar; sign it in with `signIn`. */
  client(): TestClient;
  /** Signs in a demo (or any) account and returns its client. */
  signIn(email: string, password?: string): Promise<TestClient>;
  /** Delivers the outbox and returns the mails written to the mail folder so far. */
  mails(): Promise<{ to: string; subject: string; text: string; raw: string }[]>;
  close(): Promise<void>;
}

/**
 * A database of its own for a test file that opens one directly: a copy of the migrated template
 * (with the demo data if `demo`), or, outside a run with templates, a new empty one. PostgreSQL
 * databases are dropped again when closed.
 */
export async function openTestDatabase(options: { demo?: boolean; poolSize?: number } = {}): Promise<DatabaseHandle> {
  const available = templates();
  const template = available ? (options.demo ? available.demo : available.empty) : undefined;
  if (usingPostgres()) {
    const scratch = await createScratchPostgres(template);
    const handle = await openDatabase({ kind: 'postgres', url: scratch.url, ...(options.poolSize ? { poolSize: options.poolSize } : {}) });
    return { ...handle, close: async () => { await handle.close(); await scratch.drop(); } };
  }
  return openDatabase({ kind: 'pglite', dataDir: null }, template ? { loadDataDir: await readTemplateArchive(template) } : {});
}

export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vf-test-'));
  let dropDatabase: (() => Promise<void>) | null = null;
  const env: NodeJS.ProcessEnv = { VF_DATA_DIR: dataDir, VF_DEMO: '1', LOG_LEVEL: 'silent' };
  // The template to start from: the one holding what buildApp would otherwise load.
  const demo = overrides.demo ?? true;
  const available = templates();
  const template = available ? (demo ? available.demo : available.empty) : undefined;
  if (usingPostgres()) {
    const scratch = await createScratchPostgres(template);
    env.DATABASE_URL = scratch.url;
    dropDatabase = scratch.drop;
  }
  const base = loadConfig(env);
  const config: AppConfig = {
    ...base,
    database: base.database.kind === 'pglite' ? { kind: 'pglite', dataDir: null } : base.database,
    webDir: null,
    ...overrides,
  };
  // buildApp still migrates and loads the demo as at every start; on a copy of the template both
  // find their work done.
  const database = await openDatabase(config.database, template && config.database.kind === 'pglite' ? { loadDataDir: await readTemplateArchive(template) } : {});
  const app = await buildApp(config, { database, backgroundJobs: false, logger: false });

  const client = () => new TestClient(app);
  return {
    app,
    config,
    database,
    client,
    async signIn(email, password = DEMO_PASSWORD) {
      const c = client();
      const res = await c.post('/api/v1/session', { email, password });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
      return c;
    },
    async mails() {
      await app.mail.deliverDue();
      const files = (await readdir(config.mail.dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
      return Promise.all(
        files.map(async (f) => {
          const raw = await readFile(path.join(config.mail.dir, f), 'utf8');
          return { ...parseEml(raw), raw };
        }),
      );
    },
    async close() {
      await app.close();
      await database.close();
      if (dropDatabase) await dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Just enough of RFC 5322 / quoted-printable to read the mails our own server writes. */
export function parseEml(raw: string): { to: string; subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const header = (name: string) => head.match(new RegExp(`^${name}: (.*(?:\\n[ \\t].*)*)`, 'mi'))?.[1]?.replace(/\n[ \t]/g, ' ') ?? '';
  let text = rest.join('\n\n');
  if (/quoted-printable/i.test(head)) {
    text = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    text = Buffer.from(text, 'latin1').toString('utf8');
  }
  return { to: header('To'), subject: header('Subject'), text };
}

/** Pulls the token out of the first link in a mail that carries `token=`. */
export const tokenFrom = (text: string): string => {
  const match = text.match(/[?&]token=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no token link in mail:\n${text}`);
  return match[1];
};

export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  /** The client's apparent address, to test per-IP limits. */
  ip = '127.0.0.1';

  constructor(private readonly app: FastifyInstance) {}

  async request(method: InjectOptions['method'], url: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.csrf !== false) headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({ method, url, headers, remoteAddress: this.ip, ...(body === undefined ? {} : { payload: body as object }) });
    const setCookie = res.cookies.find((c) => c.name === 'vf_session');
    if (setCookie) this.cookie = setCookie.value ? `vf_session=${setCookie.value}` : null;
    if (res.statusCode === 200 && String(res.headers['content-type'] ?? '').includes('json')) {
      const json = res.json() as { csrfToken?: unknown };
      if (json && typeof json.csrfToken === 'string') this.csrfToken = json.csrfToken;
    }
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown, options?: { csrf?: boolean }) => this.request('POST', url, body ?? {}, options);
  patch = (url: string, body?: unknown, options?: { csrf?: boolean }) => this.request('PATCH', url, body ?? {}, options);
  put = (url: string, body?: unknown, options?: { csrf?: boolean }) => this.request('PUT', url, body ?? {}, options);
  delete = (url: string, options?: { csrf?: boolean }) => this.request('DELETE', url, undefined, options);
}
