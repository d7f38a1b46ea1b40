// The semantic blocking keys changed (overlap/semantic/text.ts): country posts are filed under their
// countries only, and regional programmes under their sub-regions. Every stored row is marked stale,
// so the board's background job (and the demo loader) recompute them in batches; the old keys keep
// serving the compose check until then.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await (db as Kysely<{ post_vectors: { revision: number } }>).updateTable('post_vectors').set({ revision: -1 }).execute();
}

export async function down(): Promise<void> {
  // Nothing to undo: stale rows are simply recomputed.
}
