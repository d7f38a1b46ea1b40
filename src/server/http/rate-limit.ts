// Fixed-window counters in the database, so every app server behind a load balancer counts the
// same attempts. Used for sign-in throttling and for the public forms.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { problems } from './problem.js';

export interface Limit {
  bucket: string;
  max: number;
  windowSeconds: number;
}

function windowStart(limit: Limit, now = Date.now()): Date {
  const size = limit.windowSeconds * 1000;
  return new Date(Math.floor(now / size) * size);
}

function retryAfter(limit: Limit, now = Date.now()): number {
  return Math.max(1, Math.ceil((windowStart(limit, now).getTime() + limit.windowSeconds * 1000 - now) / 1000));
}

/** How many hits `key` has in the current window. */
export async function hits(db: Kysely<Database>, limit: Limit, key: string): Promise<number> {
  const row = await db
    .selectFrom('rate_limit_counters')
    .select('count')
    .where('bucket', '=', limit.bucket)
    .where('key', '=', key)
    .where('window_start', '=', windowStart(limit))
    .executeTakeFirst();
  return row?.count ?? 0;
}

/** Counts one hit for `key`; returns the count including it. */
export async function hit(db: Kysely<Database>, limit: Limit, key: string): Promise<number> {
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ bucket: limit.bucket, key, window_start: windowStart(limit), count: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'key', 'window_start']).doUpdateSet({ count: sql`rate_limit_counters.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

/**
 * Counts one hit in each of `counters` in the order given, inside the caller's transaction, and
 * returns the first limit the hit exceeds (the caller then rolls back, so nothing is counted) or
 * null. Counted in one transaction and one order, the first counter's row lock serializes
 * concurrent callers with the same key, so they reach the later counters in the same order too;
 * counted one by one, two limits of equal size could each refuse a different caller and let fewer
 * through than the limit allows. Used by sign-in (auth/sign-in-throttle.ts).
 */
export async function hitInOrder(trx: Transaction<Database>, counters: readonly (readonly [Limit, string])[]): Promise<Limit | null> {
  for (const [limit, key] of counters) if ((await hit(trx, limit, key)) > limit.max) return limit;
  return null;
}

/** Gives one hit back (an attempt that turned out legitimate), never below zero. */
export async function unhit(db: Kysely<Database>, limit: Limit, key: string): Promise<void> {
  await db
    .updateTable('rate_limit_counters')
    .set({ count: sql`greatest(count - 1, 0)` })
    .where('bucket', '=', limit.bucket)
    .where('key', '=', key)
    .where('window_start', '=', windowStart(limit))
    .execute();
}

/** Seconds until the current window of `limit` ends. */
export const retryAfterSeconds = (limit: Limit): number => retryAfter(limit);

/** Throws 429 when `key` has already used up its window. */
export async function assertUnderLimit(db: Kysely<Database>, limit: Limit, key: string): Promise<void> {
  if ((await hits(db, limit, key)) >= limit.max) throw problems.tooManyRequests(retryAfter(limit));
}

/** Counts a hit and throws 429 if it goes over the limit. */
export async function consume(db: Kysely<Database>, limit: Limit, key: string): Promise<void> {
  if ((await hit(db, limit, key)) > limit.max) throw problems.tooManyRequests(retryAfter(limit));
}

/** Old windows are of no use; dropped now and then by the housekeeping timer. */
export async function pruneCounters(db: Kysely<Database>, olderThanSeconds = 86_400): Promise<void> {
  await db.deleteFrom('rate_limit_counters').where('window_start', '<', new Date(Date.now() - olderThanSeconds * 1000)).execute();
}
