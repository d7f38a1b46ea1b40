// `npx tsx bench/stats-roles.ts [--rounds 5]`: on the configured database (DATABASE_URL), the cost of
// the statistics right after a change, for each kind of reader (organizer, full tier, partial tier):
// each round writes a post (so every cached answer is stale) and then computes each reader's
// statistics afresh, as the first request after a change does.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { loadPrincipal } from '../src/server/auth/sessions.js';
import { statisticsFor } from '../src/server/statistics/statistics.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const READERS = { organizer: 'organizer@demo.test', 'full tier': 'io@demo.test', 'partial tier': 'cso@demo.test', 'partial tier (business)': 'business@demo.test' };
const database = await openDatabase(loadConfig().database);
const db = database.db;
try {
  const actors = await Promise.all(
    Object.entries(READERS).map(async ([role, email]) => {
      const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      return [role, (await loadPrincipal(db, user.id))!] as const;
    }),
  );
  const times = new Map<string, number[]>();
  for (let round = 0; round < Number(values.rounds); round++) {
    // A change: a post's status moves back and forth (bumps the posts version, moves the tallies).
    const post = await db.selectFrom('posts').select(['id', 'status']).where('kind', '=', 'ta_request').where('status', '=', 'open').limit(1).executeTakeFirstOrThrow();
    await db.updateTable('posts').set({ status: 'in_progress' }).where('id', '=', post.id).execute();
    await db.updateTable('posts').set({ status: post.status }).where('id', '=', post.id).execute();
    for (const [role, actor] of actors) {
      const t0 = performance.now();
      await statisticsFor(db, actor);
      (times.get(role) ?? times.set(role, []).get(role)!).push(performance.now() - t0);
    }
  }
  for (const [role, list] of times) {
    list.sort((a, b) => a - b);
    console.log(`statistics after a change, ${role}: median ${list[Math.floor(list.length / 2)]!.toFixed(1)} ms, max ${list[list.length - 1]!.toFixed(1)} ms (${list.length} rounds)`);
  }
} finally {
  await database.close();
}
