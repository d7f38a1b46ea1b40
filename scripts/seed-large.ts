// `npm run seed:large -- --posts 100000 [--seed 1]`: fills the configured database with generated
// organizations, posts, comments and offers for load and search testing (see src/server/demo/large-seed.ts).
// The database is the server's: DATABASE_URL selects PostgreSQL, otherwise the embedded PGlite under
// VF_DATA_DIR. Migrations run first and the demo accounts are loaded if missing. Everything written
// is flagged is_demo. Runs with the same seed generate the same content (with fresh ids).
import type { Kysely } from 'kysely';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seedLarge } from '../src/server/demo/large-seed.js';
import { loadDemoData } from '../src/server/demo/load-demo.js';

function usage(message?: string): never {
  if (message) console.error(`seed:large: ${message}`);
  console.error('usage: npm run seed:large -- [--posts N] [--seed S] [--batch B]');
  process.exit(2);
}

function parseArgs(argv: string[]): { posts: number; seed: number; batch: number } {
  const options = { posts: 10_000, seed: 1, batch: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const key = { '--posts': 'posts', '--seed': 'seed', '--batch': 'batch' }[flag] as keyof typeof options | undefined;
    if (flag === '--help' || flag === '-h') usage();
    if (!key) usage(`unknown option ${flag}`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isInteger(value) || value < (key === 'seed' ? 0 : 1)) usage(`${flag} needs a whole number, not "${raw ?? ''}"`);
    options[key] = value;
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const config = loadConfig();
const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${config.database.dataDir}`;
console.log(`seed:large: ${options.posts.toLocaleString('en-US')} posts, seed ${options.seed}, into ${where}`);

const database = await openDatabase(config.database);
try {
  const started = performance.now();
  await migrateToLatest(database.db as Kysely<unknown>);
  if (await loadDemoData(database.db)) console.log('demo organizations, accounts and exchange loaded');
  const stats = await seedLarge(database.db, {
    posts: options.posts,
    seed: options.seed,
    batchSize: options.batch,
    // PGlite runs one statement at a time; a PostgreSQL server works on a few batches while the next is generated.
    concurrency: database.kind === 'postgres' ? 4 : 1,
    log: (line) => console.log(line),
  });
  const rows = stats.organizations + stats.users + stats.posts + stats.revisions + stats.comments + stats.offers + stats.partners;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `done: ${stats.posts.toLocaleString('en-US')} posts (+${stats.revisions.toLocaleString('en-US')} revisions), ` +
      `${stats.comments.toLocaleString('en-US')} comments, ${stats.offers.toLocaleString('en-US')} offers, ${stats.partners} partner rows, ` +
      `${stats.organizations} new organizations and focal points`,
  );
  console.log(`total ${seconds.toFixed(1)} s (seeding ${stats.seconds.toFixed(1)} s): ${rows.toLocaleString('en-US')} rows, ${Math.round(rows / stats.seconds).toLocaleString('en-US')} rows/s, ${Math.round(stats.posts / stats.seconds).toLocaleString('en-US')} posts/s`);
} finally {
  await database.close();
}
