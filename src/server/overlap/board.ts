// The organizers' board of possible overlaps. Comparing every post with every other on each request
// would not scale to 100,000 posts, so each post is compared once per revision (with the same
// candidate search the compose form uses) and the pairs above the board threshold are kept in
// `overlap_pairs`; a board request first brings a bounded number of new or edited posts up to
// date, then groups the stored pairs into clusters (connected components). State lives in the
// database only, so any app server can serve the board and concurrent scans agree.
import { notify } from '../notifications/notify.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { refreshPostVectors } from './semantic/store.js';
import { findSimilar, type Reason } from './similarity.js';

/** A pair must score at least this to be shown on the board (stricter than while writing: organizers want few false alarms). */
export const BOARD_THRESHOLD = 0.35;
/** Posts compared per board request at most, so a request stays short on a large database. */
export const SCAN_BATCH = 25;

export const orderedPair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

/** The ids of posts marked against `postId` (either verdict): never suggested for it again. */
export async function markedAgainst(db: Kysely<Database>, postId: string): Promise<Map<string, 'related' | 'not_duplicate'>> {
  const rows = await db
    .selectFrom('overlap_marks')
    .select(['post_a', 'post_b', 'mark'])
    .where((eb) => eb.or([eb('post_a', '=', postId), eb('post_b', '=', postId)]))
    .execute();
  return new Map(rows.map((r) => [r.post_a === postId ? r.post_b : r.post_a, r.mark]));
}

function staleQuery(db: Kysely<Database>) {
  return db
    .selectFrom('posts as p')
    .leftJoin('overlap_scans as s', 's.post_id', 'p.id')
    .where('p.hidden_at', 'is', null)
    // A draft is compared once it is published (it then has no scan at its revision yet).
    .where('p.published_at', 'is not', null)
    .where((eb) => eb.or([eb('s.post_id', 'is', null), eb('s.revision', '<>', eb.ref('p.revision'))]));
}

/** How many unhidden posts still need comparing (new, or edited since their last scan). */
export async function pendingScans(db: Kysely<Database>): Promise<number> {
  return (await staleQuery(db).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

/** The next posts to compare, newest first, and how many wait in all. */
async function stalePosts(db: Kysely<Database>, limit: number) {
  const query = staleQuery(db);
  const [rows, count] = await Promise.all([
    query.select(['p.id', 'p.kind', 'p.title', 'p.body', 'p.regions', 'p.countries', 'p.areas', 'p.themes', 'p.revision']).orderBy('p.created_at', 'desc').limit(limit).execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, pending: count.n };
}

/** Compares up to `batch` posts that are new or changed with all others; returns how many remain. */
export async function scanForOverlaps(db: Kysely<Database>, organizer: Actor, batch = SCAN_BATCH, signal?: AbortSignal): Promise<{ scanned: number; pending: number }> {
  // Posts saved by a path that does not store their vectors (imports, bulk loads) get them first.
  await refreshPostVectors(db, Math.max(batch, 200));
  const { rows, pending } = await stalePosts(db, batch);
  let scanned = 0;
  for (const post of rows) {
    // A stopping server finishes the post in hand, not the whole batch.
    if (signal?.aborted) break;
    scanned++;
    const found = await findSimilar(db, organizer, { ...post, postId: post.id }, { limit: 10, threshold: BOARD_THRESHOLD });
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('overlap_pairs').where((eb) => eb.or([eb('post_a', '=', post.id), eb('post_b', '=', post.id)])).execute();
      if (found.length > 0) {
        await tx
          .insertInto('overlap_pairs')
          .values(
            found.map((c) => {
              const [a, b] = orderedPair(post.id, c.id);
              return { post_a: a, post_b: b, score: c.score, reasons: JSON.stringify(c.reasons.filter((r) => r.code !== 'same_organization')) };
            }),
          )
          .onConflict((oc) => oc.columns(['post_a', 'post_b']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), reasons: eb.ref('excluded.reasons'), found_at: new Date() })))
          .execute();
      }
      for (const c of found) await tellOwners(tx, post.id, c.id, c.reasons.filter((r) => r.code !== 'same_organization'));
      await tx
        .insertInto('overlap_scans')
        .values({ post_id: post.id, revision: post.revision })
        .onConflict((oc) => oc.column('post_id').doUpdateSet({ revision: post.revision, scanned_at: new Date() }))
        .execute();
    });
  }
  return { scanned, pending: Math.max(0, pending - scanned) };
}

export interface BoardPair {
  a: string;
  b: string;
  score: number;
  reasons: Reason[];
}

/** Connected components over the open pairs (not marked, neither post hidden), biggest score first. */
export async function boardClusters(db: Kysely<Database>, options: { threshold?: number; limit?: number } = {}) {
  const threshold = options.threshold ?? BOARD_THRESHOLD;
  const pairs = await db
    .selectFrom('overlap_pairs as o')
    .innerJoin('posts as pa', 'pa.id', 'o.post_a')
    .innerJoin('posts as pb', 'pb.id', 'o.post_b')
    .leftJoin('overlap_marks as m', (join) => join.onRef('m.post_a', '=', 'o.post_a').onRef('m.post_b', '=', 'o.post_b'))
    .select(['o.post_a', 'o.post_b', 'o.score', 'o.reasons', 'pa.organization_id as org_a', 'pb.organization_id as org_b'])
    .where('m.post_a', 'is', null)
    .where('pa.hidden_at', 'is', null)
    .where('pb.hidden_at', 'is', null)
    .where('pa.published_at', 'is not', null)
    .where('pb.published_at', 'is not', null)
    .where('o.score', '>=', threshold)
    .orderBy('o.score', 'desc')
    .limit(2000)
    .execute();

  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const p of pairs) {
    for (const id of [p.post_a, p.post_b]) if (!parent.has(id)) parent.set(id, id);
    const ra = find(p.post_a);
    const rb = find(p.post_b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const clusters = new Map<string, { postIds: Set<string>; pairs: BoardPair[]; top: number; organizations: Set<string> }>();
  for (const p of pairs) {
    const root = find(p.post_a);
    const cluster = clusters.get(root) ?? { postIds: new Set<string>(), pairs: [], top: 0, organizations: new Set<string>() };
    cluster.organizations.add(p.org_a).add(p.org_b);
    cluster.postIds.add(p.post_a).add(p.post_b);
    cluster.pairs.push({ a: p.post_a, b: p.post_b, score: p.score, reasons: p.reasons as Reason[] });
    cluster.top = Math.max(cluster.top, p.score);
    clusters.set(root, cluster);
  }
  // Posts of different organizations first (that is where efforts can be combined), then by score:
  // one organization's own related posts do not fill the board.
  return [...clusters.values()].sort((x, y) => Number(y.organizations.size > 1) - Number(x.organizations.size > 1) || y.top - x.top).slice(0, options.limit ?? 50);
}

const REASON_WORDS: Record<string, (values: string[]) => string> = {
  same_country: (v) => `same country: ${v.join(', ')}`,
  same_region: (v) => `same region: ${v.join(', ')}`,
  similar_title: () => 'similar title',
  shared_terms: (v) => `both about ${v.join(', ')}`,
  shared_areas: (v) => `shared areas: ${v.map((x) => x.replace(/_/g, ' ')).join(', ')}`,
  shared_themes: (v) => `shared themes: ${v.map((x) => x.replace(/_/g, ' ')).join(', ')}`,
};

/**
 * Tells the owners of both posts of a pair above the board threshold, once per pair, with the
 * reasons in words: each side is told about its own post, and only if it may see the other one.
 */
async function tellOwners(tx: Transaction<Database>, postId: string, otherId: string, reasons: Reason[]): Promise<void> {
  const [a, b] = orderedPair(postId, otherId);
  const fresh = await tx.insertInto('notification_once').values({ key: `overlap:${a}:${b}` }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
  if (!fresh) return;
  const owners = await tx.selectFrom('posts').select(['id', 'organization_id', 'author_id']).where('id', 'in', [a, b]).execute();
  // Two posts of one organization are its own business, not news.
  if (owners.length < 2 || owners[0]!.organization_id === owners[1]!.organization_id) return;
  const words = reasons.map((r) => REASON_WORDS[r.code]?.(r.values) ?? null).filter((w): w is string => Boolean(w));
  for (const mine of owners) {
    const other = owners.find((o) => o.id !== mine.id)!;
    await notify(tx, { kind: 'overlap_found', actorId: null, recipients: { users: [mine.author_id], focalPointsOf: [mine.organization_id] }, postId: mine.id, relatedPostId: other.id, subject: { type: 'post', id: mine.id }, url: `/posts/${other.id}`, details: { reasons: words } });
  }
}
