// Keeps the organizers' overlap board up to date in the background: every so often (a job of the one
// scheduled-job runner, notifications/jobs.ts) one app server (whichever takes the database advisory
// lock, which the organizers' "compare now" takes too; the others skip that round) compares the next batch
// of new or edited posts with all others. Nothing is kept in memory: what still needs comparing is
// read from overlap_scans, so a process may stop at any time and another carries on.
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import type { Actor } from '../access/index.js';
import { pendingScans, scanForOverlaps, SCAN_BATCH } from './board.js';
import { scanCorpus } from './corpus-scan.js';

/** With more posts than this waiting (a first start on a big database, an import), one whole-corpus scan is faster than batches. */
export const CORPUS_SCAN_ABOVE = 500;

export const OVERLAP_SCAN_INTERVAL_MS = 30_000;

/**
 * The board shows every post to organizers, so the scan compares posts as an organizer sees them.
 * Used only to read; it never acts as anyone.
 */
const BOARD_VIEW: Actor = { id: '00000000-0000-0000-0000-000000000000', role: 'organizer', tier: 'full', organizationId: '00000000-0000-0000-0000-000000000000', category: 'intergovernmental' };

/** The one database lock every overlap scan takes, background round or organizer's trigger, on any server. */
const SCAN_LOCK = sql`hashtext('virtual-forum:overlap-scan')`;

/**
 * Runs `work` on one connection holding the scan lock, or returns `{ ran: false }` at once when
 * another session (this server or another) holds it. The lock is a session-level advisory lock,
 * so `work` may run its own transactions; it is released even when `work` fails.
 */
export async function withScanLock<T>(db: Kysely<Database>, work: (conn: Kysely<Database>) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${SCAN_LOCK}) as locked`.execute(conn);
    if (!rows[0]?.locked) return { ran: false as const };
    try {
      return { ran: true as const, value: await work(conn) };
    } finally {
      await sql`select pg_advisory_unlock(${SCAN_LOCK})`.execute(conn);
    }
  });
}

/** One round: compares a batch if this process gets the lock; returns how many posts it compared. */
export async function overlapScanRound(app: FastifyInstance, signal?: AbortSignal): Promise<number> {
  const round = await withScanLock(app.db, async (conn) => {
    if ((await pendingScans(conn)) > CORPUS_SCAN_ABOVE && !signal?.aborted) {
      const result = await scanCorpus(conn, { log: (line) => app.log.info(`overlap corpus scan: ${line}`) });
      app.log.info({ overlapScan: result }, 'overlap corpus scan done');
      return result.posts;
    }
    return (await scanForOverlaps(conn, BOARD_VIEW, SCAN_BATCH, signal)).scanned;
  });
  return round.ran ? round.value : 0;
}

/** How long an organizer's "compare now" waits for a scan in progress before saying so. */
export const MANUAL_SCAN_WAIT_MS = 10_000;
const MANUAL_SCAN_RETRY_MS = 200;

/**
 * The organizers' "compare now" (POST /api/v1/overlaps/scan): the next batch, under the same lock as
 * the background rounds, so two scans never run at once (concurrent scans deadlocked on the pairs
 * they both rewrote). While another scan holds the lock it asks again every 200 ms, holding no
 * connection in between, for up to 10 s; then it answers 409 `overlap-scan-running`.
 */
export async function manualOverlapScan(db: Kysely<Database>, organizer: Actor, waitMs = MANUAL_SCAN_WAIT_MS): Promise<{ scanned: number; pending: number }> {
  const until = Date.now() + waitMs;
  for (;;) {
    const round = await withScanLock(db, (conn) => scanForOverlaps(conn, organizer));
    if (round.ran) return round.value;
    if (Date.now() >= until) {
      throw new Problem(409, 'overlap-scan-running', 'A scan is running', 'Another scan is comparing posts right now. The board shows its results when it is done; try again in a minute.', {}, { 'retry-after': '60' });
    }
    await new Promise((resolve) => setTimeout(resolve, MANUAL_SCAN_RETRY_MS));
  }
}
