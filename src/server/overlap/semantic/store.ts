// Stores each post's semantic signal (post_vectors, migration 0012) when the post is saved, and
// brings stale rows up to date (posts written by the demo loader, the IATI import, a status change
// of the project lifecycle, or before this table existed): the board's background scan and the
// demo loader call `refreshPostVectors`, so every post has its row within a scan round.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { geoOf } from '../../exchange/post-model.js';
import { blockingKeys, blockingParts, conceptsOf, embed, searchKeys } from './text.js';

export interface PostText {
  title: string;
  body: string;
  regions: string[];
  countries: string[];
}

export interface SemanticFeatures {
  vector: Float32Array | null;
  concepts: string[];
  /** The keys it is filed under (stored in post_vectors.keys). */
  keys: string[];
  /** The keys under which its candidates are looked for (text.ts, searchKeys). */
  searchKeys: string[];
}

/** Vector, concepts and blocking keys of a post or a draft. */
export function semanticFeatures(post: PostText): SemanticFeatures {
  const vector = embed(post.title, post.body);
  const concepts = conceptsOf(post.title, post.body);
  const geo = geoOf(post.regions, post.countries.map((c) => c.toUpperCase()));
  return { vector, concepts, keys: blockingKeys(geo, concepts, vector), searchKeys: searchKeys(geo, blockingParts(concepts, vector)) };
}

/** Six decimals are plenty for a cosine and keep the stored arrays small. */
const stored = (v: Float32Array | null) => (v ? Array.from(v, (x) => Math.round(x * 1e6) / 1e6) : null);

/** Writes one post's row (inside the transaction that saves the post). */
export async function storePostVectors(db: Kysely<Database>, postId: string, revision: number, post: PostText): Promise<void> {
  const f = semanticFeatures(post);
  const values = { revision, vector: stored(f.vector), concepts: f.concepts, keys: f.keys, computed_at: new Date() };
  await db
    .insertInto('post_vectors')
    .values({ post_id: postId, ...values })
    .onConflict((oc) => oc.column('post_id').doUpdateSet(values))
    .execute();
}

/** Computes the rows of up to `limit` posts that have none or a stale one; returns how many. */
export async function refreshPostVectors(db: Kysely<Database>, limit = 1000): Promise<number> {
  const rows = await db
    .selectFrom('posts as p')
    .leftJoin('post_vectors as v', 'v.post_id', 'p.id')
    .select(['p.id', 'p.revision', 'p.title', 'p.body', 'p.regions', 'p.countries'])
    .where((eb) => eb.or([eb('v.post_id', 'is', null), eb('v.revision', '<>', eb.ref('p.revision'))]))
    .limit(limit)
    .execute();
  if (rows.length === 0) return 0;
  const values = rows.map((r) => {
    const f = semanticFeatures(r);
    return { post_id: r.id, revision: r.revision, vector: stored(f.vector), concepts: f.concepts, keys: f.keys, computed_at: new Date() };
  });
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insertInto('post_vectors')
      .values(values.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('post_id').doUpdateSet((eb) => ({
          revision: eb.ref('excluded.revision'),
          vector: eb.ref('excluded.vector'),
          concepts: eb.ref('excluded.concepts'),
          keys: eb.ref('excluded.keys'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
  return rows.length;
}

/** Posts with no row or a stale one. */
export async function staleVectorCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('posts as p')
    .leftJoin('post_vectors as v', 'v.post_id', 'p.id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => eb.or([eb('v.post_id', 'is', null), eb('v.revision', '<>', eb.ref('p.revision'))]))
    .executeTakeFirstOrThrow();
  return row.n;
}
