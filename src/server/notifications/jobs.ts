// Scheduled work on many app servers, in one small runner with one lock discipline: each job is a
// row of scheduled_jobs; a server runs a job only after taking its lease (an UPDATE that succeeds on
// one server only), and sets when it is next due. A server that dies mid-run loses the lease when it
// expires. Each job is itself safe to run twice: its rows are claimed with FOR UPDATE SKIP LOCKED
// and marked in the same transaction that writes the mail to the outbox.
// Jobs: sending the mail outbox, notification mail (immediate), daily and weekly digests, meeting
// reminders, saved searches, and the overlap scan (which also takes its advisory lock inside, shared
// with the organizers' "compare now"). Each job runs on its own, so a long overlap scan never holds
// up the mail. Why our own runner and not pg-boss or graphile-worker: README, "Scheduled jobs".
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DeliveryMode, NotificationItem, NotificationKind } from '../../shared/notifications.js';
import { loadPrincipal } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { checkSavedSearches, SAVED_SEARCH_INTERVAL_MS } from '../donors/saved-search-job.js';
import { partsIn, zonedToUtc } from '../event/time.js';
import { enqueueMail } from '../mail/outbox.js';
import { OVERLAP_SCAN_INTERVAL_MS, overlapScanRound } from '../overlap/scan-job.js';
import { digestMail, immediateMail, type MailLinks } from './messages.js';
import { deliveryModes, notify } from './notify.js';
import { settingsOf, timeZoneOf, unsubscribeToken, type UnsubscribeScope } from './preferences.js';
import { serializeNotification, visibleNotifications } from './queries.js';

/** Digests go out from this local hour on (the person's time zone). */
export const DIGEST_HOUR = 7;
/** Weekly digests on this local weekday. */
export const WEEKLY_DAY = 'Mon';
const LEASE_SECONDS = 300;
const TICK_MS = 5_000;

export interface Job {
  name: string;
  /** How long after a run the job is next due. */
  everyMs: number | ((app: FastifyInstance) => number);
  run(app: FastifyInstance, signal: AbortSignal): Promise<unknown>;
}

/** Every scheduled job, in the order a tick offers them. */
export const JOBS: Job[] = [
  // The outbox: mail written by any server is sent (and retried) here; `app.mail.kick()` still sends at once after a write.
  { name: 'mail-outbox', everyMs: (app) => app.config.mail.pollIntervalMs, run: (app) => app.mail.deliverDue() },
  { name: 'notification-mail', everyMs: 10_000, run: (app) => sendImmediateMail(app.db, app.config.publicUrl) },
  { name: 'notification-digests', everyMs: 5 * 60_000, run: (app) => sendDigests(app.db, app.config.publicUrl) },
  { name: 'meeting-reminders', everyMs: 60_000, run: (app) => remindMeetings(app.db) },
  { name: 'saved-searches', everyMs: SAVED_SEARCH_INTERVAL_MS, run: (app) => checkSavedSearches(app.db, app.config.publicUrl) },
  { name: 'overlap-scan', everyMs: OVERLAP_SCAN_INTERVAL_MS, run: (app, signal) => overlapScanRound(app, signal) },
];

/**
 * Makes sure each job has its row in scheduled_jobs (one statement; rows already there are left as
 * they are). Done once when a server's runner starts, which also covers a job added by a later
 * deploy; a tick only tries the claims.
 */
export async function ensureJobRows(db: Kysely<Database>, jobs: Job[] = JOBS): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('scheduled_jobs')
    .values(jobs.map((job) => ({ name: job.name })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * Runs every job that is due and whose lease this server takes; resolves with the names it ran.
 * Writes no job rows: a job whose row is missing is simply not claimed (`ensureJobRows` adds it).
 */
export async function runDueJobs(app: FastifyInstance, owner = OWNER, jobs: Job[] = JOBS, signal: AbortSignal = new AbortController().signal): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const claimed = await app.db
      .updateTable('scheduled_jobs')
      .set({ locked_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, locked_by: owner })
      .where('name', '=', job.name)
      .where('run_after', '<=', sql<Date>`now()`)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
      .returning('name')
      .executeTakeFirst();
    if (!claimed) continue;
    let error: string | null = null;
    try {
      await job.run(app, signal);
      ran.push(job.name);
    } catch (e) {
      error = String((e as Error).message ?? e).slice(0, 500);
      app.log.warn({ err: e, job: job.name }, 'scheduled job failed');
    }
    await app.db
      .updateTable('scheduled_jobs')
      .set({ locked_until: null, locked_by: null, last_finished_at: new Date(), last_error: error, run_after: sql`now() + make_interval(secs => ${everyMs(app, job) / 1000})` })
      .where('name', '=', job.name)
      .where('locked_by', '=', owner)
      .execute();
  }
  return ran;
}

const OWNER = `${hostname()}:${process.pid}`;
const everyMs = (app: FastifyInstance, job: Job) => (typeof job.everyMs === 'function' ? job.everyMs(app) : job.everyMs);

/**
 * This server's share of the scheduled work: the jobs' rows are ensured once at the start (again at
 * the next tick if the database could not be reached), then every few seconds (or at the mail poll
 * interval, if shorter), each job not already running here is offered to `runDueJobs`, which runs
 * it only if it is due and this server takes its lease. Resolves once the rows are ensured (or the
 * first attempt failed); the ticks need not wait for it.
 */
export function startScheduledJobs(app: FastifyInstance, jobs: Job[] = JOBS): Promise<void> {
  const running = new Map<string, Promise<unknown>>();
  const stopping = new AbortController();
  let ensured: Promise<boolean> | null = null;
  const ensure = () =>
    (ensured ??= ensureJobRows(app.db, jobs).then(
      () => true,
      (error: unknown) => {
        app.log.warn({ err: error }, 'could not add the scheduled jobs\' rows; trying again at the next tick');
        ensured = null;
        return false;
      },
    ));
  const started = ensure();
  const tick = () => {
    void ensure().then((ready) => {
      if (ready) claim();
    });
  };
  const claim = () => {
    for (const job of jobs) {
      if (running.has(job.name) || stopping.signal.aborted) continue;
      const run = runDueJobs(app, OWNER, [job], stopping.signal)
        .then((ran) => {
          if (ran.length && job.name !== 'mail-outbox') app.mail.kick();
        })
        .catch((error: unknown) => app.log.warn({ err: error, job: job.name }, 'scheduled job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }
  };
  const timer = setInterval(tick, Math.min(TICK_MS, app.config.mail.pollIntervalMs));
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    // A job in progress stops at its next safe point (the overlap scan after the post in hand).
    stopping.abort();
    await Promise.all(running.values());
  });
  return started.then(() => undefined);
}

async function linksFor(db: Kysely<Database>, publicUrl: string, userId: string, scope: UnsubscribeScope, what: string): Promise<MailLinks & { headers: Record<string, string> }> {
  const token = await unsubscribeToken(db, userId, scope);
  const oneClick = `${publicUrl}/api/v1/notifications/unsubscribe?token=${token}`;
  return {
    base: publicUrl,
    preferences: `${publicUrl}/notifications/preferences`,
    unsubscribe: `${publicUrl}/unsubscribe?token=${token}`,
    unsubscribeWhat: what,
    // RFC 8058: a mail client may POST to this URL to unsubscribe with one click.
    headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

const KIND_WORDS = (kind: NotificationKind) => `this kind of news (${kind.replace(/_/g, ' ')})`;

/**
 * Mails each pending "immediately" notification: one mail each, written only if the recipient may
 * still see what it is about (otherwise it is withheld) and still wants it mailed at once.
 */
export async function sendImmediateMail(db: Kysely<Database>, publicUrl: string): Promise<number> {
  let mailed = 0;
  for (;;) {
    const done = await db.transaction().execute(async (tx) => {
      const due = await tx
        .selectFrom('notifications')
        .select(['id', 'user_id', 'kind'])
        .where('mail_status', '=', 'pending')
        .where('mail_mode', '=', 'immediately')
        .orderBy('seq')
        .limit(50)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return null;
      for (const userId of new Set(due.map((d) => d.user_id))) {
        const mine = due.filter((d) => d.user_id === userId);
        const principal = await loadPrincipal(tx, userId);
        const visible = principal ? await visibleNotifications(tx, principal).where('n.id', 'in', mine.map((d) => d.id)).execute() : [];
        const shown = new Set(visible.map((v) => v.id));
        const withheld = mine.filter((d) => !shown.has(d.id)).map((d) => d.id);
        if (withheld.length) await tx.updateTable('notifications').set({ mail_status: 'withheld' }).where('id', 'in', withheld).execute();
        for (const row of visible) {
          const kind = row.kind as NotificationKind;
          // The choice as it is now: off, or moved to a digest since this was written.
          const mode = (await deliveryModes(tx, [userId], kind)).get(userId)!;
          if (mode !== 'immediately') {
            await tx.updateTable('notifications').set(mode === 'off' ? { mail_status: 'off', mail_mode: mode } : { mail_mode: mode }).where('id', '=', row.id).execute();
            continue;
          }
          const links = await linksFor(tx, publicUrl, userId, kind, KIND_WORDS(kind));
          await enqueueMail(tx, { to: principal!.email, ...immediateMail(principal!.name, serializeNotification(row), links), headers: links.headers });
          await tx.updateTable('notifications').set({ mail_status: 'sent', mailed_at: new Date() }).where('id', '=', row.id).execute();
          mailed++;
        }
      }
      return due.length;
    });
    if (done === null) return mailed;
  }
}

/**
 * The times each digest was last scheduled, at or before `now`, in the person's time zone: the
 * daily one at 07:00 today (or yesterday, before 07:00), the weekly one at 07:00 on the last Monday.
 */
export function lastDigestTimes(now: Date, timeZone: string): { today: string; daily: Date; weekly: Date } {
  const local = partsIn(now, timeZone);
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(now);
  const pastHour = local.minutes >= DIGEST_HOUR * 60;
  const sinceMonday = (WEEKDAYS.indexOf(weekday) - WEEKDAYS.indexOf(WEEKLY_DAY) + 7) % 7;
  const hour = `${String(DIGEST_HOUR).padStart(2, '0')}:00`;
  return {
    today: local.date,
    daily: zonedToUtc(pastHour ? local.date : addDays(local.date, -1), hour, timeZone),
    weekly: zonedToUtc(addDays(local.date, -(sinceMonday === 0 && !pastHour ? 7 : sinceMonday)), hour, timeZone),
  };
}

/**
 * Which digests are due for a person now. A digest is due once its scheduled time has passed with
 * something still waiting that arrived before it: a notification waits for the first digest time
 * after it arrived, never longer. So the first weekly digest of someone who never had one goes out
 * on the first Monday after their first weekly notification; a Monday on which no server ran (or
 * none reached this person) is caught up at the next tick; and a notification arriving on a
 * Wednesday waits for Monday, not sent at once as if a digest were overdue.
 */
export function digestsDue(now: Date, timeZone: string, oldestWaiting: { daily?: Date | null; weekly?: Date | null }): { today: string; due: ('daily' | 'weekly')[] } {
  const last = lastDigestTimes(now, timeZone);
  const due = (['daily', 'weekly'] as const).filter((period) => {
    const oldest = oldestWaiting[period];
    return oldest != null && oldest.getTime() < last[period].getTime();
  });
  return { today: last.today, due };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** 'YYYY-MM-DD' plus some days (calendar arithmetic, no time zone involved). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Sends daily and weekly digests that are due; one mail per person and period, never twice. */
export async function sendDigests(db: Kysely<Database>, publicUrl: string, now = new Date()): Promise<number> {
  let sent = 0;
  const users = await db.selectFrom('notifications').select('user_id').distinct().where('mail_status', '=', 'pending').where('mail_mode', 'in', ['daily', 'weekly']).execute();
  for (const { user_id: userId } of users) {
    sent += await db.transaction().execute(async (tx) => {
      await settingsOf(tx, userId);
      const settings = await tx.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).forUpdate().skipLocked().executeTakeFirst();
      if (!settings) return 0; // another server has this person in hand
      const waiting = await tx
        .selectFrom('notifications')
        .select(['mail_mode', sql<Date>`min(created_at)`.as('oldest')])
        .where('user_id', '=', userId)
        .where('mail_status', '=', 'pending')
        .where('mail_mode', 'in', ['daily', 'weekly'])
        .groupBy('mail_mode')
        .execute();
      const oldest = Object.fromEntries(waiting.map((w) => [w.mail_mode, new Date(w.oldest)]));
      const { today, due } = digestsDue(now, await timeZoneOf(tx, userId), oldest);
      let mails = 0;
      for (const period of due) {
        const pending = await tx.selectFrom('notifications').select(['id', 'kind']).where('user_id', '=', userId).where('mail_status', '=', 'pending').where('mail_mode', '=', period).execute();
        if (pending.length === 0) continue;
        const principal = await loadPrincipal(tx, userId);
        const visible = principal ? await visibleNotifications(tx, principal).where('n.id', 'in', pending.map((p) => p.id)).orderBy('n.seq').execute() : [];
        // Only kinds still chosen for this digest.
        const prefs = new Map<string, DeliveryMode>();
        for (const kind of new Set(visible.map((v) => v.kind))) prefs.set(kind, (await deliveryModes(tx, [userId], kind as NotificationKind)).get(userId)!);
        const items: NotificationItem[] = visible.filter((v) => prefs.get(v.kind) === period).map(serializeNotification);
        const included = new Set(items.map((i) => i.id));
        const left = pending.filter((p) => !included.has(p.id));
        for (const p of left) {
          const mode = prefs.get(p.kind);
          const stillVisible = visible.some((v) => v.id === p.id);
          await tx.updateTable('notifications').set(!stillVisible ? { mail_status: 'withheld' } : mode === 'off' ? { mail_status: 'off', mail_mode: 'off' } : { mail_mode: mode ?? period }).where('id', '=', p.id).execute();
        }
        if (items.length && principal) {
          const links = await linksFor(tx, publicUrl, userId, period, `${period} digests`);
          await enqueueMail(tx, { to: principal.email, ...digestMail(principal.name, period, items, links), headers: links.headers });
          await tx.updateTable('notifications').set({ mail_status: 'sent', mailed_at: new Date() }).where('id', 'in', [...included]).execute();
          mails++;
        }
        await tx.updateTable('notification_settings').set(period === 'daily' ? { daily_digest_on: today } : { weekly_digest_on: today }).where('user_id', '=', userId).execute();
      }
      return mails;
    });
  }
  return sent;
}

/** One hour before a confirmed meeting, each participant is reminded (once per confirmed time). */
export async function remindMeetings(db: Kysely<Database>, now = new Date()): Promise<number> {
  const soon = await db
    .selectFrom('meetings as m')
    .innerJoin('meeting_slots as s', 's.id', 'm.confirmed_slot_id')
    .select(['m.id', 'm.proposer_id', 's.id as slot_id', 's.starts_at'])
    .where('m.status', '=', 'confirmed')
    .where('s.starts_at', '>', now)
    .where('s.starts_at', '<=', new Date(now.getTime() + 3_600_000))
    .execute();
  let reminded = 0;
  for (const meeting of soon) {
    reminded += await db.transaction().execute(async (tx) => {
      const key = `meeting_reminder:${meeting.id}:${meeting.starts_at.toISOString()}`;
      const fresh = await tx.insertInto('notification_once').values({ key }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
      if (!fresh) return 0;
      const invited = await tx.selectFrom('meeting_invitees').select('user_id').where('meeting_id', '=', meeting.id).where('user_id', 'is not', null).execute();
      const answeredYes = await tx.selectFrom('meeting_answers').select('user_id').where('slot_id', '=', meeting.slot_id).where('answer', '=', 'yes').execute();
      const users = [meeting.proposer_id, ...invited.map((i) => i.user_id!), ...answeredYes.map((a) => a.user_id)];
      const told = await notify(tx, { kind: 'meeting_reminder', actorId: null, recipients: { users }, meetingId: meeting.id, subject: { type: 'meeting', id: meeting.id }, url: `/meetings/${meeting.id}` });
      return told.length;
    });
  }
  return reminded;
}
