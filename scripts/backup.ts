// Backups of the Forum's database, and their restore (issue 15, "Running for real").
//
//   npm run backup -- --out forum.dump        write a backup of the configured database
//   npm run restore -- --from forum.dump      restore it into the configured database, which must be empty
//
// PostgreSQL (DATABASE_URL set): `pg_dump --format=custom` (a consistent snapshot, taken while the
// app servers keep running), restored with `pg_restore --single-transaction --exit-on-error` into a
// new, empty database (create it first: `createdb forum_restored`), then point DATABASE_URL at it.
// The client tools must be of the server's major version or newer (Debian: postgresql-client).
//
// Embedded PGlite (no DATABASE_URL): the data folder VF_DATA_DIR as one tar archive, written and read
// by PGlite itself. Stop the server first: PGlite is one process's database and must not be opened
// twice. Restore writes into a VF_DATA_DIR that does not exist yet or is empty.
//
// Restoring refuses a database that already has tables (or a non-empty data folder): a restore
// over live data would mix two states. scripts/backup.test.ts dumps a PostgreSQL database, restores
// it into a fresh one and checks that the app serves the same posts, statistics and sign-ins; it
// does the same for PGlite.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';

class Refused extends Error {}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new Refused(`${command} could not be started (${result.error.message}); install PostgreSQL's client tools (apt-get install postgresql-client)`);
  if (result.status !== 0) throw new Refused(`${command} failed with exit code ${result.status}`);
}

async function tablesIn(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')");
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function postsIn(config: ReturnType<typeof loadConfig>['database'], dataDirBlob?: Blob): Promise<number> {
  const handle = await openDatabase(config, dataDirBlob ? { loadDataDir: dataDirBlob } : {});
  try {
    const row = await handle.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await handle.close();
  }
}

/** The embedded database's folder (never the in-memory database, which has nothing to back up). */
function embeddedDir(database: { kind: 'pglite'; dataDir: string | null }): string {
  if (!database.dataDir) throw new Refused('the embedded database is in memory: nothing to back up or restore into');
  return database.dataDir;
}

export async function backup(out: string): Promise<string> {
  const { database } = loadConfig();
  const file = path.resolve(out);
  if (database.kind === 'postgres') {
    run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', file, '--dbname', database.url]);
    return `PostgreSQL database dumped to ${file}`;
  }
  const dataDir = embeddedDir(database);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) throw new Refused(`no embedded database in ${dataDir} (VF_DATA_DIR)`);
  const handle = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await writeFile(file, Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()));
  } finally {
    await handle.close();
  }
  return `embedded database in ${dataDir} archived to ${file}`;
}

export async function restore(from: string): Promise<string> {
  const { database } = loadConfig();
  const file = path.resolve(from);
  if (!existsSync(file)) throw new Refused(`no backup at ${file}`);
  if (database.kind === 'postgres') {
    const tables = await tablesIn(database.url);
    if (tables > 0) throw new Refused(`the target database already has ${tables} tables; restore into a new, empty database (createdb forum_restored) and point DATABASE_URL at it`);
    run('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '--dbname', database.url, file]);
    return `restored ${file} into the PostgreSQL database: ${await postsIn(database)} posts`;
  }
  const dataDir = embeddedDir(database);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Refused(`${dataDir} (VF_DATA_DIR) is not empty; restore into a new folder`);
  // PGlite writes the archive's folder into dataDir as it opens it.
  const posts = await postsIn({ kind: 'pglite', dataDir }, new Blob([await readFile(file)]));
  return `restored ${file} into the embedded database in ${dataDir}: ${posts} posts`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, from: { type: 'string' } } });
  try {
    if (positionals[0] === 'backup' && values.out) console.log(await backup(values.out));
    else if (positionals[0] === 'restore' && values.from) console.log(await restore(values.from));
    else throw new Refused('usage: npm run backup -- --out FILE | npm run restore -- --from FILE');
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    console.error(`${positionals[0] ?? 'backup'}: ${error.message}`);
    process.exit(1);
  }
}
