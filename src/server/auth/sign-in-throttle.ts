// Sign-in throttling (README "Security and reliability"): fixed windows per account and source,
// per source and per account from unusual sources (src/server/http/rate-limit.ts), plus growing
// delays between attempts that have not ended in a sign-in. Everything lives in the database, so
// every app server behind a load balancer applies the same limits and delays; nothing is kept in
// process memory.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { hitInOrder, retryAfterSeconds, type Limit } from '../http/rate-limit.js';

/**
 * Growing delays. The first five attempts in a row are free (typos happen); after the fifth that
 * did not end in a sign-in, the next attempt on the same key must wait 1 minute, and each further
 * one waits twice as long as the one before: 1, 2, 4, 8, 16, 32 minutes, then 1 hour between
 * attempts for as long as the guessing goes on. A sign-in clears the key's streak; a streak with no
 * attempt for a day starts again from zero. An attempt made before its time is refused (429) and
 * does not lengthen the wait.
 */
export const BACKOFF = { freeAttempts: 5, firstDelaySeconds: 60, maxDelaySeconds: 3600, forgetAfterHours: 24 } as const;

export interface Backoff {
  bucket: string;
}

/** The keys delays apply to: an account at one source address, and an account from sources it does not usually use. */
export const BACKOFF_BUCKETS = {
  perAccountAndSource: { bucket: 'sign-in-backoff:account-source' } satisfies Backoff,
  perAccount: { bucket: 'sign-in-backoff:account' } satisfies Backoff,
};

/** Seconds the next attempt must wait after `attempts` attempts in a row without a sign-in. */
export function delayAfter(attempts: number): number {
  if (attempts < BACKOFF.freeAttempts) return 0;
  return Math.min(BACKOFF.firstDelaySeconds * 2 ** (attempts - BACKOFF.freeAttempts), BACKOFF.maxDelaySeconds);
}

class Refused extends Error {
  constructor(
    readonly retryAfter: number,
    /** The window limit that refused the attempt (none when a delay did). */
    readonly limit: Limit | null = null,
  ) {
    super('sign-in attempt refused');
  }
}

/** Claims the next attempt on one backoff key, or throws Refused with the seconds left to wait. */
async function claim(tx: Transaction<Database>, backoff: Backoff, key: string): Promise<void> {
  await tx
    .insertInto('sign_in_backoff')
    .values({ bucket: backoff.bucket, key, failures: 0, not_before: sql<Date>`now()`, last_attempt_at: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(['bucket', 'key']).doNothing())
    .execute();
  // The row lock makes concurrent attempts on the same key take their turns: each sees the delay the one before set.
  const row = await tx
    .selectFrom('sign_in_backoff')
    .select([
      'failures',
      sql<number>`extract(epoch from (not_before - now()))::float8`.as('wait'),
      sql<boolean>`last_attempt_at < now() - make_interval(hours => ${BACKOFF.forgetAfterHours})`.as('forgotten'),
    ])
    .where('bucket', '=', backoff.bucket)
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.wait > 0) throw new Refused(Math.max(1, Math.ceil(row.wait)));
  const attempts = (row.forgotten ? 0 : row.failures) + 1;
  await tx
    .updateTable('sign_in_backoff')
    .set({ failures: attempts, last_attempt_at: sql<Date>`now()`, not_before: sql<Date>`now() + make_interval(secs => ${delayAfter(attempts)})` })
    .where('bucket', '=', backoff.bucket)
    .where('key', '=', key)
    .execute();
}

/**
 * Reserves one sign-in attempt in every window counter and every backoff key, in one transaction,
 * all or nothing and always in the same order (so concurrent attempts cannot deadlock, and the
 * first counter's row lock makes attempts with the same key take turns). Returns null when the
 * attempt may go ahead, or the seconds to wait when a limit or a delay refuses it (then nothing
 * is counted).
 */
export async function reserveSignInAttempt(
  db: Kysely<Database>,
  windows: readonly (readonly [Limit, string])[],
  delays: readonly (readonly [Backoff, string])[],
): Promise<{ retryAfter: number; limit: Limit | null } | null> {
  try {
    await db.transaction().execute(async (tx) => {
      const over = await hitInOrder(tx, windows);
      if (over) throw new Refused(retryAfterSeconds(over), over);
      for (const [backoff, key] of delays) await claim(tx, backoff, key);
    });
    return null;
  } catch (error) {
    if (error instanceof Refused) return { retryAfter: error.retryAfter, limit: error.limit };
    throw error;
  }
}

/** A sign-in ends the streaks of the keys its attempt was counted in. */
export async function clearBackoff(db: Kysely<Database>, delays: readonly (readonly [Backoff, string])[]): Promise<void> {
  for (const [backoff, key] of delays) {
    await db.deleteFrom('sign_in_backoff').where('bucket', '=', backoff.bucket).where('key', '=', key).execute();
  }
}

/** Streaks nobody has added to for a day and whose wait is over are of no use; dropped by the housekeeping timer. */
export async function pruneBackoff(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('sign_in_backoff')
    .where('last_attempt_at', '<', sql<Date>`now() - make_interval(hours => ${BACKOFF.forgetAfterHours})`)
    .where('not_before', '<', sql<Date>`now()`)
    .execute();
}
