// notify(): writes the notifications of one event inside the caller's transaction, so a change
// that rolls back tells nobody, and announces them to every app server with one NOTIFY (which
// PostgreSQL, and PGlite, deliver only when that transaction commits).
// Recipients are worked out here, through the access module: everyone named, minus the one who
// acted, minus those who unfollowed the post, minus anyone who may not see the post or meeting
// concerned (`canSeePost`, `canSeeMeeting`). Shown, streamed or mailed later, each notification is
// checked again against the recipient's visibility at that moment (queries.ts).
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { DEFAULT_MODES, type DeliveryMode, type NotificationKind, type NotificationSubjectType } from '../../shared/notifications.js';
import { canSeeMeeting, canSeePost, tierOf, type Actor, type MeetingFacts, type PostFacts } from '../access/index.js';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The one channel every app server listens on. */
export const LIVE_CHANNEL = 'vf_live';

export interface Recipients {
  users?: readonly string[];
  /** Every active member of these organizations. */
  organizations?: readonly string[];
  /** The focal points of these organizations. */
  focalPointsOf?: readonly string[];
  /** Everyone who follows this post (explicitly, or as a member of its or a co-authoring organization). */
  followersOf?: string;
  /** The organizers (their queue). */
  organizers?: boolean;
}

export interface NotifyInput {
  kind: NotificationKind;
  /** Who acted (never told of their own action); null for the Forum itself (jobs). */
  actorId: string | null;
  recipients: Recipients;
  /** The post concerned: the tier wall, following and the grouping of the page go by it. */
  postId?: string | null;
  /** A second post named (an overlap's other post): only those who may see both are told. */
  relatedPostId?: string | null;
  /** The meeting concerned: only those who may see it are told. */
  meetingId?: string | null;
  subject: { type: NotificationSubjectType; id: string; title?: string | null };
  /** Path of the exact place, e.g. /posts/<id>#offer-<id>. */
  url: string;
  details?: Record<string, unknown>;
  /** People told of the same event under another kind (a reply's author is not also told "comment"). */
  exclude?: readonly string[];
  /** The route already mails this event itself to those who want it at once (meetings, co-authors, partnership requests): no second mail. */
  mailedElsewhere?: boolean;
}

/** Live messages between servers: a batch of notifications, or a change on a post page. */
export type LiveMessage = { t: 'n'; b: string } | { t: 'p'; id: string; change: string };

interface Candidate {
  id: string;
  role: Actor['role'];
  organization_id: string;
  category: Actor['category'];
}

const actorOf = (c: Candidate): Actor => ({ id: c.id, role: c.role, tier: tierOf(c.category, c.role), organizationId: c.organization_id, category: c.category });

/** The post's facts as the access rules read them. */
export async function postFacts(db: Db, postId: string): Promise<PostFacts | null> {
  const row = await db
    .selectFrom('posts as p')
    .select(['p.kind', 'p.audience', 'p.organization_id', 'p.hidden_at', 'p.published_at'])
    .select(sql<string[] | null>`(select array_agg(pc.organization_id::text) from post_coauthors pc where pc.post_id = p.id)`.as('coauthors'))
    .where('p.id', '=', postId)
    .executeTakeFirst();
  return row ? { kind: row.kind, audience: row.audience, organizationId: row.organization_id, hidden: row.hidden_at !== null, draft: row.published_at === null, coauthors: row.coauthors ?? [] } : null;
}

export async function meetingFacts(db: Db, meetingIds: readonly string[]): Promise<Map<string, MeetingFacts>> {
  const result = new Map<string, MeetingFacts>();
  if (meetingIds.length === 0) return result;
  const meetings = await db.selectFrom('meetings').select(['id', 'proposer_id', 'status']).where('id', 'in', meetingIds).execute();
  const invitees = await db.selectFrom('meeting_invitees').select(['meeting_id', 'user_id', 'organization_id']).where('meeting_id', 'in', meetingIds).execute();
  for (const m of meetings) {
    const mine = invitees.filter((i) => i.meeting_id === m.id);
    result.set(m.id, {
      proposerId: m.proposer_id,
      status: m.status,
      invitedUserIds: mine.flatMap((i) => (i.user_id ? [i.user_id] : [])),
      invitedOrganizationIds: mine.flatMap((i) => (i.organization_id ? [i.organization_id] : [])),
    });
  }
  return result;
}

/** Writes one event's notifications; resolves with the users told. */
export async function notify(db: Db, input: NotifyInput): Promise<string[]> {
  const r = input.recipients;
  const postId = input.postId ?? null;
  const candidates = (await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.role', 'u.organization_id', 'o.category'])
    .where('u.status', '=', 'active')
    .where('o.status', '=', 'active')
    .where((eb) => {
      const any: Expression<SqlBool>[] = [eb.lit(false)];
      if (r.users?.length) any.push(eb('u.id', 'in', [...r.users]));
      if (r.organizations?.length) any.push(eb('u.organization_id', 'in', [...r.organizations]));
      if (r.focalPointsOf?.length) any.push(eb.and([eb('u.role', '=', 'focal_point'), eb('u.organization_id', 'in', [...r.focalPointsOf])]));
      if (r.organizers) any.push(eb('u.role', '=', 'organizer'));
      if (r.followersOf) {
        const post = r.followersOf;
        any.push(eb.exists(eb.selectFrom('post_follows as f').select('f.user_id').whereRef('f.user_id', '=', 'u.id').where('f.post_id', '=', post).where('f.following', '=', true)));
        any.push(eb.exists(eb.selectFrom('posts as p').select('p.id').where('p.id', '=', post).whereRef('p.organization_id', '=', 'u.organization_id')));
        any.push(eb.exists(eb.selectFrom('post_coauthors as pc').select('pc.post_id').where('pc.post_id', '=', post).whereRef('pc.organization_id', '=', 'u.organization_id')));
      }
      return eb.or(any);
    })
    .$if(postId !== null, (q) =>
      // Unfollowing stops everything about that post.
      q.where(({ not, exists, selectFrom }) => not(exists(selectFrom('post_follows as uf').select('uf.user_id').whereRef('uf.user_id', '=', 'u.id').where('uf.post_id', '=', postId!).where('uf.following', '=', false)))),
    )
    .execute()) as Candidate[];

  const excluded = new Set([...(input.exclude ?? []), ...(input.actorId ? [input.actorId] : [])]);
  const facts = postId ? await postFacts(db, postId) : null;
  if (postId && !facts) return [];
  const related = input.relatedPostId ? await postFacts(db, input.relatedPostId) : null;
  if (input.relatedPostId && !related) return [];
  const meeting = input.meetingId ? (await meetingFacts(db, [input.meetingId])).get(input.meetingId) : undefined;
  if (input.meetingId && !meeting) return [];
  const told = candidates.filter((c) => {
    if (excluded.has(c.id)) return false;
    const actor = actorOf(c);
    if (facts && !canSeePost(actor, facts)) return false;
    if (related && !canSeePost(actor, related)) return false;
    if (meeting && !canSeeMeeting(actor, meeting)) return false;
    return true;
  });
  if (told.length === 0) return [];

  const modes = await deliveryModes(db, told.map((c) => c.id), input.kind);
  // A reminder someone turned off is not worth keeping even in the app.
  const rows = told.filter((c) => !(input.kind === 'meeting_reminder' && modes.get(c.id) === 'off'));
  if (rows.length === 0) return [];
  const batch = crypto.randomUUID();
  const details = JSON.stringify(input.details ?? {});
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('notifications')
      .values(
        rows.slice(i, i + 1000).map((c) => {
          const mode = modes.get(c.id)!;
          return {
            user_id: c.id,
            kind: input.kind,
            batch,
            actor_id: input.actorId,
            post_id: postId,
            meeting_id: input.meetingId ?? null,
            related_post_id: input.relatedPostId ?? null,
            subject_type: input.subject.type,
            subject_id: input.subject.id,
            subject_title: input.subject.title ?? null,
            url: input.url,
            details,
            mail_mode: mode,
            mail_status: mode === 'off' ? 'off' : input.mailedElsewhere && mode === 'immediately' ? 'sent' : 'pending',
          };
        }),
      )
      .execute();
  }
  await announce(db, { t: 'n', b: batch });
  return rows.map((c) => c.id);
}

/** Each user's e-mail mode for a kind: their choice, or the default. */
export async function deliveryModes(db: Db, userIds: readonly string[], kind: NotificationKind): Promise<Map<string, DeliveryMode>> {
  const chosen = new Map<string, DeliveryMode>();
  for (let i = 0; i < userIds.length; i += 1000) {
    const rows = await db.selectFrom('notification_preferences').select(['user_id', 'mode']).where('kind', '=', kind).where('user_id', 'in', userIds.slice(i, i + 1000)).execute();
    for (const row of rows) chosen.set(row.user_id, row.mode);
  }
  return new Map(userIds.map((id) => [id, chosen.get(id) ?? DEFAULT_MODES[kind]]));
}

/** Tells open pages of a post that it changed (a new comment, an offer decided); sent on commit. */
export async function postChanged(db: Db, postId: string, change: string): Promise<void> {
  await announce(db, { t: 'p', id: postId, change });
}

async function announce(db: Db, message: LiveMessage): Promise<void> {
  await sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(message)})`.execute(db);
}

/** Follows a post automatically (commenting, offering); an explicit unfollow stays as it is. */
export async function autoFollow(db: Db, userId: string, postId: string): Promise<void> {
  await db.insertInto('post_follows').values({ user_id: userId, post_id: postId, following: true }).onConflict((oc) => oc.columns(['user_id', 'post_id']).doNothing()).execute();
}

/** Does this user follow the post: their explicit choice, else their organization's (or co-authored) post. */
export async function isFollowing(db: Db, actor: Actor, postId: string): Promise<boolean> {
  const explicit = await db.selectFrom('post_follows').select('following').where('user_id', '=', actor.id).where('post_id', '=', postId).executeTakeFirst();
  if (explicit) return explicit.following;
  const own = await db
    .selectFrom('posts as p')
    .select('p.id')
    .where('p.id', '=', postId)
    .where((eb) => eb.or([eb('p.organization_id', '=', actor.organizationId), eb.exists(eb.selectFrom('post_coauthors as pc').select('pc.post_id').whereRef('pc.post_id', '=', 'p.id').where('pc.organization_id', '=', actor.organizationId))]))
    .executeTakeFirst();
  return Boolean(own);
}
