import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * Brings the schema up to date. Kysely's migrator takes a lock in the database, so several app
 * servers starting at once run each migration exactly once.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  // Features are built on parallel branches, each with its own numbered migration that touches only
  // its own tables; a database that already ran a later number must still take an earlier one that
  // arrives with a merge, so the order is by name but unapplied gaps are allowed.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of every migration this build knows. `GET /healthz` checks the database has them all. */
// In the order Kysely runs them: by name (branches may add numbers below the newest, see allowUnorderedMigrations).
export const knownMigrations = (): string[] => Object.keys(migrations).sort();
