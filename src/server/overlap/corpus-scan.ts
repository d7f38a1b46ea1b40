// The whole-corpus scan of the organizers' board: every post compared with the posts that share a
// blocking key with it (post_vectors.keys: country, or a regional programme's sub-region × a
// specific thesaurus concept or a vector band; text.ts says where each post looks), never with
// every post. One pass reads the posts' stored features page by page, files them
// in buckets by key, and scores each post against the candidates that share most keys with it, with
// the same scoring as the compose check (similarity.ts). The pairs above the board threshold replace
// the stored ones and every post is marked compared at its revision, so the background job
// (scan-job.ts) then only has new and edited posts to do.
// Memory: the features of every unhidden post at once (about 2 KB a post: 200 MB at 100,000), in
// this one process for the length of the scan; nothing shared lives here between scans.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { BOARD_THRESHOLD, orderedPair } from './board.js';
import { refreshPostVectors } from './semantic/store.js';
import { partsOfKeys, searchKeys } from './semantic/text.js';
import { combine, featuresOfRow, featureTexts, scoreParts, trigrams, type FeatureRow, type Features, type Reason } from './similarity.js';

/** Buckets holding more posts than this say too little to block on (a very common concept in a big country). */
const MAX_BUCKET = 1000;
/** Bucket entries visited per post at most, smallest buckets (the most specific keys) first. */
const MAX_VISITS = 4000;
/** Candidates scored per post: those sharing the most keys with it. */
const CANDIDATES_PER_POST = 40;
/** Pairs kept per post at most (the board shows the strongest). */
const PAIRS_PER_POST = 10;
const PAGE = 5000;

export interface CorpusScanResult {
  posts: number;
  vectorsComputed: number;
  comparisons: number;
  pairs: number;
  seconds: { vectors: number; read: number; compare: number; write: number; total: number };
}

export async function scanCorpus(db: Kysely<Database>, options: { threshold?: number; log?: (line: string) => void } = {}): Promise<CorpusScanResult> {
  const threshold = options.threshold ?? BOARD_THRESHOLD;
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  let vectorsComputed = 0;
  for (let n; (n = await refreshPostVectors(db, 2000)) > 0; ) {
    vectorsComputed += n;
    if (vectorsComputed % 20_000 < 2000) log(`vectors: ${vectorsComputed} computed`);
  }
  const t1 = performance.now();

  // Read every unhidden post's features, page by page (keyset on id).
  const posts: (Features & { revision: number; keys: string[] })[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .selectFrom('posts as p')
      .innerJoin('post_vectors as v', 'v.post_id', 'p.id')
      .select([
        'p.id', 'p.organization_id', 'p.kind', 'p.title', 'p.countries', 'p.geo', 'p.areas', 'p.themes', 'p.exploitation', 'p.starts_on', 'p.ends_on', 'p.budget_amount',
        'p.revision', 'v.concepts', 'v.keys',
        ...featureTexts(),
      ])
      .where('p.hidden_at', 'is', null)
      // Drafts are nobody's business but their writers' until published.
      .where('p.published_at', 'is not', null)
      .where('p.id', '>', after)
      .orderBy('p.id')
      .limit(PAGE)
      .execute();
    for (const row of rows) posts.push({ ...featuresOfRow(row as FeatureRow), revision: row.revision, keys: row.keys });
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  const t2 = performance.now();
  log(`read ${posts.length} posts in ${((t2 - t1) / 1000).toFixed(1)} s`);

  // Buckets: key → indexes of the posts filed under it.
  const buckets = new Map<string, number[]>();
  posts.forEach((post, i) => {
    for (const key of post.keys) {
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const titleGrams = posts.map((p) => trigrams(p.title));
  const found = new Map<string, { score: number; reasons: Reason[] }>();
  const counts = new Map<number, number>();
  let comparisons = 0;
  for (let i = 0; i < posts.length; i++) {
    counts.clear();
    // Where this post looks (text.ts searchKeys): its own buckets and those of the regional
    // programmes covering it (or, for a regional post, of the countries it covers).
    const own = searchKeys(posts[i]!.geo, partsOfKeys(posts[i]!.keys))
      .map((key) => buckets.get(key))
      .filter((b): b is number[] => b !== undefined && b.length > 0 && b.length <= MAX_BUCKET && !(b.length === 1 && b[0] === i))
      .sort((x, y) => x.length - y.length);
    let visits = 0;
    for (const bucket of own) {
      if (visits + bucket.length > MAX_VISITS) break;
      visits += bucket.length;
      for (const j of bucket) if (j !== i) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    const candidates = [...counts].sort((x, y) => y[1] - x[1]).slice(0, CANDIDATES_PER_POST);
    const kept: { j: number; score: number; reasons: Reason[] }[] = [];
    for (const [j] of candidates) {
      // Each unordered pair once: scored from the side with the lower index.
      if (j < i && found.has(pairKey(posts, i, j))) continue;
      comparisons++;
      // Reasons are worded only for the pairs kept (most pairs compared are not).
      const score = combine(scoreParts(posts[i]!, posts[j]!, [titleGrams[i]!, titleGrams[j]!], false).parts);
      if (score >= threshold) kept.push({ j, score, reasons: scoreParts(posts[i]!, posts[j]!, [titleGrams[i]!, titleGrams[j]!]).reasons });
    }
    for (const k of kept.sort((x, y) => y.score - x.score).slice(0, PAIRS_PER_POST)) {
      const key = pairKey(posts, i, k.j);
      const previous = found.get(key);
      if (!previous || previous.score < k.score) found.set(key, { score: k.score, reasons: k.reasons });
    }
    if (i > 0 && i % 20_000 === 0) log(`compared ${i} posts`);
  }
  const t3 = performance.now();

  // Replace the stored pairs and mark every post compared at its revision.
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('overlap_pairs').execute();
    const rows = [...found].map(([key, v]) => {
      const [a, b] = key.split('|') as [string, string];
      return { post_a: a, post_b: b, score: v.score, reasons: JSON.stringify(v.reasons) };
    });
    for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('overlap_pairs').values(rows.slice(i, i + 1000)).execute();
    for (let i = 0; i < posts.length; i += 5000) {
      await tx
        .insertInto('overlap_scans')
        .values(posts.slice(i, i + 5000).map((p) => ({ post_id: p.id!, revision: p.revision })))
        .onConflict((oc) => oc.column('post_id').doUpdateSet((eb) => ({ revision: eb.ref('excluded.revision'), scanned_at: new Date() })))
        .execute();
    }
  });
  const t4 = performance.now();
  const s = (ms: number) => Math.round(ms / 100) / 10;
  return { posts: posts.length, vectorsComputed, comparisons, pairs: found.size, seconds: { vectors: s(t1 - t0), read: s(t2 - t1), compare: s(t3 - t2), write: s(t4 - t3), total: s(t4 - t0) } };
}

function pairKey(posts: Features[], i: number, j: number): string {
  const [a, b] = orderedPair(posts[i]!.id!, posts[j]!.id!);
  return `${a}|${b}`;
}
