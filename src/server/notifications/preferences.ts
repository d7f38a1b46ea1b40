// E-mail preferences per kind, the person's time zone, and the signed one-click unsubscribe links.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { DEFAULT_MODES, NOTIFICATION_KINDS, isNotificationKind, type DeliveryMode, type NotificationKind } from '../../shared/notifications.js';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The first IANA zone of a country (ISO 3166-1), from the ICU data Node ships; UTC if none. */
export function countryTimeZone(country: string): string {
  try {
    const locale = new Intl.Locale(`und-${country.trim().toUpperCase()}`) as Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
    return (locale.getTimeZones?.() ?? locale.timeZones)?.[0] ?? 'UTC';
  } catch {
    return 'UTC';
  }
}

export interface Preferences {
  timeZone: string;
  kinds: Record<NotificationKind, DeliveryMode>;
}

/** The settings row, created on first need (with its unsubscribe key). */
export async function settingsOf(db: Db, userId: string) {
  await db.insertInto('notification_settings').values({ user_id: userId }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  return db.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
}

export async function timeZoneOf(db: Db, userId: string): Promise<string> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('notification_settings as s', 's.user_id', 'u.id')
    .select(['s.time_zone', 'o.country'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row?.time_zone ?? countryTimeZone(row?.country ?? '');
}

export async function readPreferences(db: Db, userId: string): Promise<Preferences> {
  const rows = await db.selectFrom('notification_preferences').select(['kind', 'mode']).where('user_id', '=', userId).execute();
  const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
  return {
    timeZone: await timeZoneOf(db, userId),
    kinds: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, chosen.get(k) ?? DEFAULT_MODES[k]])) as Record<NotificationKind, DeliveryMode>,
  };
}

export async function writePreference(db: Db, userId: string, kind: NotificationKind, mode: DeliveryMode): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, kind, mode })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ mode }))
    .execute();
}

const sign = (key: string, userId: string, kind: string) => createHmac('sha256', key).update(`${userId}:${kind}`).digest('base64url');

/** What one unsubscribe link turns off: one kind, or every kind now sent as a daily or weekly digest. */
export type UnsubscribeScope = NotificationKind | 'daily' | 'weekly';
const isScope = (value: string): value is UnsubscribeScope => value === 'daily' || value === 'weekly' || isNotificationKind(value);

/** A link token that turns one kind (or one digest) off for one person, with no sign-in (RFC 8058 one-click). */
export async function unsubscribeToken(db: Db, userId: string, kind: UnsubscribeScope): Promise<string> {
  const settings = await settingsOf(db, userId);
  return `${userId}.${kind}.${sign(settings.unsubscribe_key, userId, kind)}`;
}

/** The person and kind a token names, if its signature holds. */
export async function readUnsubscribeToken(db: Db, token: string): Promise<{ userId: string; kind: UnsubscribeScope } | null> {
  const [userId, kind, signature] = token.split('.');
  if (!userId || !kind || !signature || !isScope(kind) || !/^[0-9a-f-]{36}$/.test(userId)) return null;
  const settings = await db.selectFrom('notification_settings').select('unsubscribe_key').where('user_id', '=', userId).executeTakeFirst();
  if (!settings) return null;
  const expected = Buffer.from(sign(settings.unsubscribe_key, userId, kind));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { userId, kind } : null;
}

/** Turns off what an unsubscribe link names; mail not yet sent for it is not sent. */
export async function unsubscribe(db: Db, userId: string, scope: UnsubscribeScope): Promise<NotificationKind[]> {
  const prefs = await readPreferences(db, userId);
  const kinds = scope === 'daily' || scope === 'weekly' ? NOTIFICATION_KINDS.filter((k) => prefs.kinds[k] === scope) : [scope];
  for (const kind of kinds) await writePreference(db, userId, kind, 'off');
  if (kinds.length) await db.updateTable('notifications').set({ mail_status: 'off' }).where('user_id', '=', userId).where('kind', 'in', kinds).where('mail_status', '=', 'pending').execute();
  return kinds;
}
