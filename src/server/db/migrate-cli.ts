// `npm run migrate`: brings the configured database (DATABASE_URL, or the embedded one) up to date.
import { loadConfig } from '../config.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const config = loadConfig();
const handle = await openDatabase(config.database);
try {
  const applied = await migrateToLatest(handle.db as never);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
} finally {
  await handle.close();
}
