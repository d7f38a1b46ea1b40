// Opens the database: PGlite in-process (stored in a data folder, or in memory for tests),
// or a PostgreSQL server when a connection URL is given. Both speak the same SQL and run the
// same migrations; nothing else in the code base knows which one it is talking to.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | null } // null: in memory
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseConfig['kind'];
  close(): Promise<void>;
  /**
   * LISTEN on a channel: `onMessage` gets each payload NOTIFY sends on it, from any connection,
   * after that connection's transaction commits. PostgreSQL: one dedicated connection per call
   * (reconnecting if it drops); PGlite: the same process. Resolves with a function that stops.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** PGlite only: the whole data folder as a tar archive (tests restore their template from it). */
  dumpDataDir?: () => Promise<Blob>;
}

export interface OpenOptions {
  /** PGlite only: start from this data folder (a `dumpDataDir` archive) instead of an empty database. */
  loadDataDir?: Blob;
}

// The same JavaScript types from both drivers: int8 (counts, sums) as numbers, since every count
// here fits in 2^53; numeric as strings, to keep every digit of an amount; date as 'YYYY-MM-DD'
// strings, since a calendar date has no time zone to be shifted by.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DATE_OID = 1082;
const asIs = (value: string) => value;
const PARSERS: Record<number, (value: string) => unknown> = { [INT8_OID]: Number, [NUMERIC_OID]: asIs, [DATE_OID]: asIs };

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * Runs every parameterized query as a named prepared statement. The same few query shapes run
 * on every request; PostgreSQL then parses them once per connection and, once a generic plan is
 * as good, stops re-planning them, which was most of the cost of a list (plans took 2 ms, execution
 * 0.6 ms). DDL and parameterless statements go through unchanged.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      const query = (text: string, values: readonly unknown[]) =>
        values.length > 0 && PREPARABLE.test(text)
          ? client.query({ name: `q${createHash('sha1').update(text).digest('base64url')}`, text, values: [...values] })
          : client.query(text, [...values]);
      return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
    },
    end: () => pool.end(),
  };
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      // Just-in-time compilation pays off for long analytic queries; every query here is short, and
      // compiling one took longer than running it (counts over tens of thousands of rows: +100 ms).
      options: '-c jit=off',
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its server connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return { db, kind: 'postgres', close: () => db.destroy(), listen: (channel, onMessage) => listenPostgres(config.url, channel, onMessage) };
  }

  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir ?? 'memory://', {
    extensions: { pg_trgm, btree_gist },
    parsers: PARSERS,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: () => db.destroy(),
    dumpDataDir: () => pglite.dumpDataDir('none'),
    listen: async (channel, onMessage) => {
      const stop = await pglite.listen(channel, onMessage);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
  };
}

/** A dedicated connection that LISTENs; if it drops, it reconnects after a second and listens again. */
async function listenPostgres(url: string, channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === channel) onMessage(m.payload ?? '');
    });
    const reconnect = () => {
      if (stopped || client !== c) return;
      client = null;
      void c.end().catch(() => {});
      retry = setTimeout(() => void connect().catch(reconnect), 1000);
      retry.unref();
    };
    c.on('error', reconnect);
    c.on('end', reconnect);
    client = c;
    await c.connect();
    await c.query(`listen ${channel}`);
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
