// Keeps the organizers' overlap board up to date in the background: every so often one app server
// (whichever takes the database advisory lock; the others skip that round) compares the next batch
// of new or edited posts with all others. Nothing is kept in memory: what still needs comparing is
// read from overlap_scans, so a process may stop at any time and another carries on.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
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

/** One round: compares a batch if this process gets the lock; returns how many posts it compared. */
export async function overlapScanRound(app: FastifyInstance, signal?: AbortSignal): Promise<number> {
  return app.db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtext('virtual-forum:overlap-scan')) as locked`.execute(conn);
    if (!rows[0]?.locked) return 0;
    try {
      if ((await pendingScans(conn)) > CORPUS_SCAN_ABOVE && !signal?.aborted) {
        const result = await scanCorpus(conn, { log: (line) => app.log.info(`overlap corpus scan: ${line}`) });
        app.log.info({ overlapScan: result }, 'overlap corpus scan done');
        return result.posts;
      }
      return (await scanForOverlaps(conn, BOARD_VIEW, SCAN_BATCH, signal)).scanned;
    } finally {
      await sql`select pg_advisory_unlock(hashtext('virtual-forum:overlap-scan'))`.execute(conn);
    }
  });
}

/** A first round soon after start (so a fresh demo's board fills within a minute), then every 30 s. */
export function startOverlapScans(app: FastifyInstance): void {
  let running: Promise<unknown> | null = null;
  const stopping = new AbortController();
  const round = () => {
    if (running || stopping.signal.aborted) return;
    running = overlapScanRound(app, stopping.signal)
      .catch((error: unknown) => app.log.warn({ err: error }, 'overlap scan failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(round, 5_000);
  const timer = setInterval(round, OVERLAP_SCAN_INTERVAL_MS);
  first.unref();
  timer.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
    // A round in progress stops after the post in hand, before the database closes.
    stopping.abort();
    await running;
  });
}
