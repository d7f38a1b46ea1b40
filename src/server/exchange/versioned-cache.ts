// Results that are the same for everyone who sees the same posts (list pages, totals, facets,
// statistics) are cached per visibility class and query, tagged with a data version that the
// database itself bumps on every change (migration 0003 for posts), so a cached result is only
// ever served while nothing it depends on has changed: correct on any number of app servers,
// never stale. Each server keeps its own cache; nothing shared lives in it.
import type { Kysely } from 'kysely';
import { isOrganizer, type Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';

const MAX_ENTRIES = 1000;


export class VersionedCache<V> {
  // Promises, not values: concurrent requests for the same key share one computation
  // instead of each scanning every matching post at once.
  readonly #entries = new Map<string, Promise<V>>();

  /** At most this many entries; the least recently used goes first. */
  constructor(readonly maxEntries = MAX_ENTRIES) {}

  async postsVersion(db: Kysely<Database>): Promise<string> {
    const row = await db.selectFrom('meta').select('value').where('key', '=', 'posts_version').executeTakeFirst();
    return row?.value ?? '0';
  }

  /**
   * Who sees the same set of posts: organizers see all published posts; everyone else sees their
   * tier's share; each also sees their own organization's drafts and those it co-authors
   * (co-authorship bumps the posts version, migration 0052), so the organization is part of the key.
   */
  static visibilityKey(actor: Actor): string {
    return isOrganizer(actor) ? `organizer:${actor.organizationId}` : `${actor.tier}:${actor.organizationId}`;
  }

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      // Refresh its place: the map's order is least recently used first.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.#entries.set(key, value);
    // A failed computation is not remembered.
    value.catch(() => this.#entries.delete(key));
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }
}
