// Counts of a search or filtered list, brought up to date instead of recounted (issue 15).
//
// Counting every match of a search with its facets is the costliest part of a list (up to 10,001
// posts per count). Under a real mix of reads and writes every new post moved the data version
// and every count started again from nothing. But a new post can only add: the counts at the new
// version are the old counts plus the counts over the posts added since, with the same filters
// and the same visibility rule. The database logs which posts each change touched, under the
// version it made (migration 0059); this module keeps, per database and per (visibility class,
// filters), the latest counts it knows with their version, and on a newer version counts only the
// posts added since. Anything else in between (an edit, hiding, an audience change, a delete of an
// older post, a gap in the log) means counting afresh: never stale, and the tier wall is the same
// filter in both paths.
//
// Each step runs in one REPEATABLE READ transaction, so the version, the log and the counts are
// read from one snapshot: a count tagged with version v includes exactly the posts of version v.
// Nothing shared lives here: every app server keeps its own and only ever saves work.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/** Entries kept per database; the least recently used goes first. */
const MAX_ENTRIES = 2000;
/** Beyond this many changes since, reading the log costs more than it saves: count afresh. */
const MAX_CHANGES = 500;

export type CountSource = 'full' | 'added' | 'same';

interface Known<T> {
  version: bigint;
  value: T;
}

const byDatabase = new WeakMap<Kysely<Database>, Map<string, Known<unknown>>>();

export interface UpToDateSteps<T> {
  /** Count from nothing. */
  full: (tx: Transaction<Database>) => Promise<T>;
  /** The known value plus what the posts with these ids (added since) contribute. */
  add: (tx: Transaction<Database>, known: T, addedIds: string[]) => Promise<T>;
}

/**
 * The value for `key` at the database's current version: the known one if nothing changed, the
 * known one plus the posts added since if only posts were added, else counted afresh.
 */
export async function upToDate<T>(db: Kysely<Database>, key: string, steps: UpToDateSteps<T>): Promise<{ value: T; source: CountSource; version: bigint }> {
  let entries = byDatabase.get(db);
  if (!entries) byDatabase.set(db, (entries = new Map()));
  const known = entries.get(key) as Known<T> | undefined;

  const result = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const row = await tx.selectFrom('meta').select('value').where('key', '=', 'posts_version').executeTakeFirst();
      const version = BigInt(row?.value ?? '0');
      if (known && known.version === version) return { value: known.value, source: 'same' as const, version };
      const added = known && known.version < version ? await addedSince(tx, known.version, version) : null;
      if (known && added) return { value: await steps.add(tx, known.value, added), source: 'added' as const, version };
      return { value: await steps.full(tx), source: 'full' as const, version };
    });

  // Keep the newest: a slow count that started earlier must not replace a later one.
  const current = entries.get(key);
  if (!current || current.version <= result.version) {
    entries.delete(key);
    entries.set(key, { version: result.version, value: result.value });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return result;
}

/**
 * The ids of the posts added between two versions, if adding them is all that happened: every
 * version in between is in the log, and any edit or delete touched only posts added in between.
 * Null otherwise.
 */
async function addedSince(tx: Transaction<Database>, from: bigint, to: bigint): Promise<string[] | null> {
  if (to - from > MAX_CHANGES) return null;
  const log = await tx
    .selectFrom('post_changes')
    .select(['op', sql<string[]>`ids::text[]`.as('ids')])
    .where('version', '>', from.toString())
    .where('version', '<=', to.toString())
    .orderBy('version')
    .execute();
  if (BigInt(log.length) !== to - from) return null;
  const added = new Set<string>();
  for (const change of log) {
    if (change.op === 'insert') for (const id of change.ids) added.add(id);
    else if (!change.ids.every((id) => added.has(id))) return null;
  }
  return [...added];
}
