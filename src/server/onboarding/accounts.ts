// Small shared pieces of account creation: who already has an address, and telling a duplicate
// address (the unique index on lower(email)) apart from every other database failure.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The account using `email` (already lower-cased), whatever its status. */
export function accountByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'status', 'organization_id'])
    .where(db.fn('lower', ['email']), '=', email)
    .executeTakeFirst();
}

/** True for PostgreSQL's unique_violation, raised by both pg and PGlite with the same code. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '23505';
