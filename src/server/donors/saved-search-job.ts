// Announcing new posts to the owners of saved searches. Driven entirely by the database, so
// nothing is lost when a process stops and nothing is sent twice when several run:
// - each saved search remembers when it was last checked; a check looks at posts created since
//   then (minus an overlap, for posts whose transaction was still open at the last check; "created"
//   meaning published: a draft counts from the moment it is published), and
//   never at posts older than the search itself;
// - every post announced is recorded in saved_search_hits (unique per search and post) in the same
//   transaction that writes the mail to the outbox and moves last_checked_at forward; either all
//   of it commits or none of it does;
// - the search row is locked with SKIP LOCKED, so two servers never check the same search at once;
// - what matches is decided as the owner stands at that moment: their account and organization
//   must be active, and the posts are those `visiblePosts` lets them see (a partial-tier owner is
//   never told of a full-audience post); their own organization's posts are not announced.
import { sql, type Kysely } from 'kysely';
import { loadPrincipal } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { visiblePosts } from '../exchange/post-queries.js';
import type { ListPostsFilters } from '../exchange/post-schemas.js';
import { enqueueMail } from '../mail/outbox.js';
import { fundingProjectsQuery, type FundingFilters } from './funding.js';
import { savedSearchMatches } from './messages.js';
import { deliveryModes, notify } from '../notifications/notify.js';

/** Longer than any transaction that creates a post. */
const OVERLAP_SECONDS = 600;
/** At most this many posts in one mail; the rest are announced by the next check. */
const MAX_PER_MAIL = 20;
const BATCH = 100;
export const SAVED_SEARCH_INTERVAL_MS = 60_000;

export interface CheckResult {
  checked: number;
  mails: number;
  posts: number;
}

/** Checks every saved search once. Safe to run from any number of processes at the same time. */
export async function checkSavedSearches(db: Kysely<Database>, publicUrl: string): Promise<CheckResult> {
  const result: CheckResult = { checked: 0, mails: 0, posts: 0 };
  const started = new Date();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // Walk the searches in id order, each at most once per run.
    const ids = await db.selectFrom('saved_searches').select('id').where('id', '>', after).where('last_checked_at', '<', started).orderBy('id').limit(BATCH).execute();
    if (ids.length === 0) return result;
    after = ids.at(-1)!.id;
    for (const { id } of ids) {
      const sent = await checkOne(db, publicUrl, id);
      if (sent === null) continue;
      result.checked++;
      if (sent > 0) {
        result.mails++;
        result.posts += sent;
      }
    }
  }
}

/** One saved search in one transaction; resolves with how many posts were announced, or null if skipped. */
async function checkOne(db: Kysely<Database>, publicUrl: string, id: string): Promise<number | null> {
  return db.transaction().execute(async (tx) => {
    const search = await tx.selectFrom('saved_searches').selectAll().where('id', '=', id).forUpdate().skipLocked().executeTakeFirst();
    if (!search) return null;
    const { now } = await sql<{ now: Date }>`select now() as now`.execute(tx).then((r) => r.rows[0]!);
    const owner = await loadPrincipal(tx, search.user_id);
    let announced = 0;
    if (owner) {
      const since = new Date(Math.max(search.last_checked_at.getTime() - OVERLAP_SECONDS * 1000, search.created_at.getTime()));
      const filters = search.filters as Record<string, unknown>;
      const base = search.scope === 'funding' ? fundingProjectsQuery(tx, owner, filters as FundingFilters) : visiblePosts(tx, owner, filters as ListPostsFilters);
      const candidates = await base
        .innerJoin('organizations as o', 'o.id', 'p.organization_id')
        .select(['p.id', 'p.title', 'o.name as org_name'])
        // New means newly published (a draft published today is news, however long it was written).
        .where('p.published_at', 'is not', null)
        .where('p.published_at', '>', since)
        .where('p.published_at', '>', search.created_at)
        .where('p.hidden_at', 'is', null)
        .where('p.organization_id', '<>', owner.organizationId)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('saved_search_hits as h').select('h.post_id').where('h.saved_search_id', '=', search.id).whereRef('h.post_id', '=', 'p.id'))))
        .orderBy('p.published_at')
        .orderBy('p.id')
        .limit(MAX_PER_MAIL)
        .execute();
      if (candidates.length > 0) {
        const inserted = await tx
          .insertInto('saved_search_hits')
          .values(candidates.map((c) => ({ saved_search_id: search.id, post_id: c.id })))
          .onConflict((oc) => oc.doNothing())
          .returning('post_id')
          .execute();
        const fresh = new Set(inserted.map((r) => r.post_id));
        const posts = candidates.filter((c) => fresh.has(c.id));
        if (posts.length > 0) {
          // Each post is a notification (the bell, the stream, digests); the mail below goes at once
          // only to an owner who wants saved searches immediately (the default).
          for (const p of posts) {
            await notify(tx, { kind: 'saved_search', actorId: null, recipients: { users: [owner.id] }, postId: p.id, subject: { type: 'post', id: p.id }, url: `/posts/${p.id}`, details: { searchName: search.name, organization: p.org_name }, mailedElsewhere: true });
          }
        }
        if (posts.length > 0 && (await deliveryModes(tx, [owner.id], 'saved_search')).get(owner.id) === 'immediately') {
          await enqueueMail(tx, {
            to: owner.email,
            ...savedSearchMatches({
              name: owner.name,
              searchName: search.name,
              posts: posts.map((p) => ({ title: p.title, organization: p.org_name, link: `${publicUrl}/posts/${p.id}` })),
              manageLink: `${publicUrl}/funding#saved-searches`,
            }),
          });
          announced = posts.length;
        }
      }
      // A full mail may leave more for the next run: check again from the same point.
      if (candidates.length === MAX_PER_MAIL) return announced;
    }
    await tx.updateTable('saved_searches').set({ last_checked_at: now }).where('id', '=', search.id).execute();
    return announced;
  });
}
