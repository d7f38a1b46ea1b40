// Reading notifications back, always through the recipient's visibility as it is now: a post
// that became restricted or hidden, a meeting they were taken off, or their organization's
// suspension, and nothing of it reaches them, not even its title.
// Lists use the SQL twins (`visiblePostsFilter`, `visibleMeetingsFilter`); the stream checks one
// batch in memory with `canSeePost`/`canSeeMeeting` (the pairs are proven to agree elsewhere).
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { NotificationItem, NotificationKind, NotificationSubjectType } from '../../shared/notifications.js';
import { canSeeMeeting, canSeePost, visibleMeetingsFilter, visiblePostsFilter, type Actor, type MeetingFacts } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { problems } from '../http/problem.js';

type Eb = ExpressionBuilder<Database & { n: Database['notifications']; p: Database['posts']; m: Database['meetings'] }, 'n' | 'p' | 'm'>;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('posts as p', 'p.id', 'n.post_id')
    .leftJoin('meetings as m', 'm.id', 'n.meeting_id')
    .leftJoin('posts as rp', 'rp.id', 'n.related_post_id')
    .leftJoin('users as au', 'au.id', 'n.actor_id')
    .leftJoin('organizations as ao', 'ao.id', 'au.organization_id')
    .select([
      'n.id', 'n.seq', 'n.user_id', 'n.kind', 'n.created_at', 'n.read_at', 'n.post_id', 'n.meeting_id', 'n.subject_type', 'n.subject_id', 'n.subject_title', 'n.url', 'n.details',
      'p.title as post_title', 'p.kind as post_kind', 'p.audience as post_audience', 'p.organization_id as post_org', 'p.hidden_at as post_hidden_at', 'p.published_at as post_published_at',
      sql<string[] | null>`(select array_agg(pc.organization_id::text) from post_coauthors pc where pc.post_id = n.post_id)`.as('post_coauthors'),
      'n.related_post_id', 'rp.title as related_title', 'rp.kind as related_kind', 'rp.audience as related_audience', 'rp.organization_id as related_org', 'rp.hidden_at as related_hidden_at', 'rp.published_at as related_published_at',
      sql<string[] | null>`(select array_agg(pc.organization_id::text) from post_coauthors pc where pc.post_id = n.related_post_id)`.as('related_coauthors'),
      'm.topic as meeting_topic', 'au.name as actor_name', 'ao.id as actor_org_id', 'ao.name as actor_org',
      // Issue 12: the organizations taking part in the conversation a `message` notification is about.
      sql<string[] | null>`(select array_agg(co.organization_id::text) from conversation_organizations co where n.subject_type = 'conversation' and co.conversation_id::text = n.subject_id)`.as('conversation_orgs'),
    ]);
}
export type NotificationRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** The recipient may still see what the notification is about. */
export function visibleNotificationsFilter(actor: Actor) {
  return (eb: Eb): Expression<SqlBool> =>
    eb.and([
      eb.or([eb('n.post_id', 'is', null), visiblePostsFilter(actor)(eb as never)]),
      eb.or([eb('n.meeting_id', 'is', null), visibleMeetingsFilter(actor)(eb as never)]),
      eb.or([eb('n.related_post_id', 'is', null), eb.exists(eb.selectFrom('posts as p').select('p.id').whereRef('p.id', '=', 'n.related_post_id' as never).where(visiblePostsFilter(actor) as never) as never)]),
      // A conversation's news reaches only members of an organization still taking part in it.
      eb.or([
        eb('n.subject_type', '!=', 'conversation'),
        sql<boolean>`exists (select 1 from conversation_organizations co where co.conversation_id::text = n.subject_id and co.organization_id = ${actor.organizationId})`,
      ]),
    ]);
}

/** The same check in memory, for one row already read (the stream). */
export function canSeeNotification(actor: Actor, row: NotificationRow, meetings: Map<string, MeetingFacts>): boolean {
  if (row.post_id) {
    if (!row.post_kind || !row.post_audience || !row.post_org) return false;
    if (!canSeePost(actor, { kind: row.post_kind, audience: row.post_audience, organizationId: row.post_org, hidden: row.post_hidden_at !== null, draft: row.post_published_at === null, coauthors: row.post_coauthors ?? [] })) return false;
  }
  if (row.related_post_id) {
    if (!row.related_kind || !row.related_audience || !row.related_org) return false;
    if (!canSeePost(actor, { kind: row.related_kind, audience: row.related_audience, organizationId: row.related_org, hidden: row.related_hidden_at !== null, draft: row.related_published_at === null, coauthors: row.related_coauthors ?? [] })) return false;
  }
  if (row.meeting_id) {
    const m = meetings.get(row.meeting_id);
    if (!m || !canSeeMeeting(actor, m)) return false;
  }
  if (row.subject_type === 'conversation' && !(row.conversation_orgs ?? []).includes(actor.organizationId)) return false;
  return true;
}

export function serializeNotification(row: NotificationRow): NotificationItem {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    actor: row.actor_name ? { name: row.actor_name, organization: row.actor_org ?? '', organizationId: row.actor_org_id ?? null } : null,
    subject: { type: row.subject_type as NotificationSubjectType, id: row.subject_id, title: row.post_title ?? row.meeting_topic ?? row.subject_title ?? '' },
    postId: row.post_id,
    url: row.url,
    details: row.related_post_id ? { ...row.details, otherPostId: row.related_post_id, otherTitle: row.related_title ?? '' } : row.details,
  };
}

/** A user's notifications they may still see. */
export function visibleNotifications(db: Kysely<Database>, actor: Actor) {
  return baseQuery(db).where('n.user_id', '=', actor.id).where(visibleNotificationsFilter(actor) as never);
}

const encodeCursor = (seq: number) => Buffer.from(String(seq)).toString('base64url');
function decodeCursor(raw: string): number {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const seq = Number(text);
  if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(seq)) throw problems.badRequest('invalid-cursor', 'The cursor is not one this server gave out. Start again from the first page.');
  return seq;
}

export async function listNotifications(db: Kysely<Database>, actor: Actor, options: { unread?: boolean; cursor?: string; limit?: number }) {
  const limit = options.limit ?? 30;
  let query = visibleNotifications(db, actor);
  if (options.unread) query = query.where('n.read_at', 'is', null);
  if (options.cursor) query = query.where('n.seq', '<', decodeCursor(options.cursor));
  const rows = await query.orderBy('n.seq', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map(serializeNotification),
    nextCursor: rows.length > limit && page.length ? encodeCursor(page.at(-1)!.seq) : null,
    unread: await unreadCount(db, actor),
  };
}

export async function unreadCount(db: Kysely<Database>, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('notifications as n')
    .leftJoin('posts as p', 'p.id', 'n.post_id')
    .leftJoin('meetings as m', 'm.id', 'n.meeting_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('n.user_id', '=', actor.id)
    .where('n.read_at', 'is', null)
    .where(visibleNotificationsFilter(actor) as never)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Rows of one batch for these users (the stream), or notifications after a sequence number (resume).
 * Only for recipients whose account and organization are active now: a stream's principal is
 * refreshed at each heartbeat, and a suspension since then must already stop everything.
 */
export function rowsOfBatch(db: Kysely<Database>, batch: string, userIds: readonly string[]) {
  return baseQuery(db)
    .where('n.batch', '=', batch)
    .where('n.user_id', 'in', [...userIds])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('users as ru')
          .innerJoin('organizations as ro', 'ro.id', 'ru.organization_id')
          .select('ru.id')
          .whereRef('ru.id', '=', 'n.user_id')
          .where('ru.status', '=', 'active')
          .where('ro.status', '=', 'active'),
      ),
    )
    .execute();
}

export function rowsAfter(db: Kysely<Database>, actor: Actor, seq: number) {
  return visibleNotifications(db, actor).where('n.seq', '>', seq).orderBy('n.seq').limit(100).execute();
}
