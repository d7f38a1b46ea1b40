// Your account (issue 12): profile, password, sessions, second factor, your data and its deletion,
// and "my work" (offers your organization sent, pledges and interests).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { authorize, canSeePost } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { hashPassword, passwordWeakness, verifyPassword } from '../auth/passwords.js';
import { PasswordSchema } from '../auth/schemas.js';
import { clearSessionCookie, requireActor } from '../auth/sessions.js';
import { factsOf } from '../exchange/post-model.js';
import { findPost } from '../exchange/post-store.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { assertUnderLimit, hit } from '../http/rate-limit.js';
import { isUuid } from '../http/form-input.js';
import { SingleLine } from '../http/schema-helpers.js';
import { enqueueMail } from '../mail/outbox.js';
import { SIGN_IN_LIMITS } from '../auth/session-routes.js';
import { byTimeAndId, decodeCursor, encodeCursor } from './cursor.js';
import { imageUrl } from './directory-routes.js';
import { deletionRequestedMail } from './mail-texts.js';
import { hasTotp, issueRecoveryCodes, newSecret, qrCodeFor, stepOf, totpFor, useRecoveryCode, useTotp } from './second-factor.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const isLanguageCode = (code: string) => /^[a-z]{2,3}$/.test(code) && languageNames.of(code) !== undefined;
const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
const isTimeZone = (tz: string) => TIME_ZONES.has(tz) || tz === 'UTC';

const Profile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  languages: Type.Array(Type.String()),
  expertise: Type.String(),
  timeZone: Type.Union([Type.String(), Type.Null()]),
  showEmail: Type.Boolean({ description: 'Whether the directory shows your e-mail address (off by default).' }),
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  organization: Type.Object({ id: Type.String(), name: Type.String() }),
  twoFactor: Type.Object({ enabled: Type.Boolean(), recoveryCodesLeft: Type.Integer(), recommended: Type.Boolean({ description: 'Organizers and full-tier focal points are asked to turn it on.' }) }),
  deletionRequestedAt: Type.Union([Type.String(), Type.Null()]),
});
const ProfilePatch = Type.Object(
  {
    name: Type.Optional(SingleLine({ minLength: 2, maxLength: 200 })),
    title: Type.Optional(Type.Union([SingleLine({ maxLength: 200 }), Type.Null()])),
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { maxItems: 20, uniqueItems: true })),
    expertise: Type.Optional(Type.String({ maxLength: 1000 })),
    timeZone: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    showEmail: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const SessionItem = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  device: Type.String({ description: 'The browser and system, from its User-Agent.' }),
  network: Type.Union([Type.String(), Type.Null()], { description: "Approximate place: the IP address's network (/24 or /48)." }),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
});
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Paging = Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 500 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) });
const PostRef = Type.Union([Type.Object({ id: Type.String(), title: Type.String(), kind: Type.String(), status: Type.String() }), Type.Null()]);

/** A short name for a browser from its User-Agent (no library: only the broad family matters). */
export function deviceOf(ua: string | null): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : /curl|node|undici|lightMyRequest/i.test(ua) ? 'Program' : 'Browser';
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return system ? `${browser} on ${system}` : browser;
}

/** The network of an address: 203.0.113.7 → 203.0.113.0/24; IPv6 → its /48. */
export function networkOf(ip: string | null): string | null {
  if (!ip) return null;
  const v4 = ip.replace(/^::ffff:/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (ip.includes(':')) {
    const groups = ip.split('::')[0]!.split(':').filter(Boolean).slice(0, 3);
    while (groups.length < 3) groups.push('0');
    return `${groups.join(':')}::/48`;
  }
  return null;
}

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  async function profileOf(userId: string) {
    const row = await db
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['u.id', 'u.name', 'u.title', 'u.email', 'u.role', 'u.languages', 'u.expertise', 'u.time_zone', 'u.show_email', 'u.photo_id', 'o.id as org_id', 'o.name as org_name', 'o.category'])
      .where('u.id', '=', userId)
      .executeTakeFirstOrThrow();
    const [enabled, codes, deletion] = await Promise.all([
      hasTotp(db, userId),
      db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow(),
      db.selectFrom('deletion_requests').select('requested_at').where('user_id', '=', userId).where('completed_at', 'is', null).executeTakeFirst(),
    ]);
    const fullTier = ['government', 'intergovernmental'].includes(row.category);
    return {
      id: row.id,
      name: row.name,
      title: row.title,
      email: row.email,
      languages: row.languages,
      expertise: row.expertise,
      timeZone: row.time_zone,
      showEmail: row.show_email,
      photoUrl: imageUrl(row.photo_id),
      organization: { id: row.org_id, name: row.org_name },
      twoFactor: { enabled, recoveryCodesLeft: enabled ? Number(codes.n) : 0, recommended: row.role === 'organizer' || (row.role === 'focal_point' && fullTier) },
      deletionRequestedAt: deletion?.requested_at.toISOString() ?? null,
    };
  }

  app.get('/api/v1/me/profile', { schema: { tags: ['account'], summary: 'Your profile and account settings', response: { 200: Profile } } }, async (request) => profileOf(requireActor(request).id));

  app.patch(
    '/api/v1/me/profile',
    { schema: { tags: ['account'], summary: 'Change your name, title, languages, expertise, time zone, or whether your e-mail is shown', body: ProfilePatch, response: { 200: Profile } } },
    async (request) => {
      const actor = requireActor(request);
      const b = request.body;
      const errors: FieldError[] = [];
      b.languages?.forEach((code, i) => !isLanguageCode(code) && errors.push(fieldError(`languages.${i}`, `"${code}" is not an ISO 639 language code`)));
      if (b.timeZone && !isTimeZone(b.timeZone)) errors.push(fieldError('timeZone', 'is not a time zone name such as Europe/Vienna'));
      if (b.name !== undefined && b.name.trim().length < 2) errors.push(fieldError('name', 'must have at least 2 characters'));
      if (errors.length) throw problems.validation(errors);
      const set: Record<string, unknown> = {};
      if (b.name !== undefined) set.name = b.name.trim();
      if (b.title !== undefined) set.title = b.title?.trim() || null;
      if (b.languages !== undefined) set.languages = b.languages;
      if (b.expertise !== undefined) set.expertise = b.expertise.trim();
      if (b.timeZone !== undefined) set.time_zone = b.timeZone || null;
      if (b.showEmail !== undefined) set.show_email = b.showEmail;
      if (Object.keys(set).length) {
        await db.transaction().execute(async (tx) => {
          await tx.updateTable('users').set(set).where('id', '=', actor.id).execute();
          await audit(tx, { actorUserId: actor.id, action: 'profile.updated', targetType: 'user', targetId: actor.id, ip: request.ip, details: { fields: Object.keys(set) } });
        });
      }
      return profileOf(actor.id);
    },
  );

  app.put(
    '/api/v1/me/password',
    { schema: { tags: ['account'], summary: 'Change your password (give the current one); every other session ends', body: Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: PasswordSchema }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      // Guessing the current password from a stolen session is throttled like signing in.
      await assertUnderLimit(db, SIGN_IN_LIMITS.perAccount, actor.email.toLowerCase());
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, request.body.currentPassword))) {
        await hit(db, SIGN_IN_LIMITS.perAccount, actor.email.toLowerCase());
        throw problems.validation([fieldError('currentPassword', 'is not your current password')]);
      }
      const weakness = passwordWeakness(request.body.newPassword, [actor.email, actor.name]);
      if (weakness) throw problems.validation([fieldError('newPassword', weakness)]);
      const passwordHash = await hashPassword(request.body.newPassword);
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', actor.id).execute();
        await tx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', actor.id).where('id_hash', '!=', request.session!.idHash).where('revoked_at', 'is', null).execute();
        await audit(tx, { actorUserId: actor.id, action: 'password.changed', targetType: 'user', targetId: actor.id, ip: request.ip });
      });
      return reply.code(204).send(null);
    },
  );

  // ---- sessions
  const liveSessions = (userId: string) =>
    db
      .selectFrom('sessions')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${app.config.session.idleMinutes})`);

  app.get(
    '/api/v1/me/sessions',
    { schema: { tags: ['account'], summary: 'Where you are signed in', response: { 200: Type.Object({ items: Type.Array(SessionItem) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await liveSessions(actor.id).select(['id', 'id_hash', 'ip', 'user_agent', 'created_at', 'last_seen_at']).orderBy('last_seen_at', 'desc').execute();
      return {
        items: rows.map((r) => ({ id: r.id, current: r.id_hash === request.session!.idHash, device: deviceOf(r.user_agent), network: networkOf(r.ip), createdAt: r.created_at.toISOString(), lastSeenAt: r.last_seen_at.toISOString() })),
      };
    },
  );

  app.delete('/api/v1/me/sessions/:id', { schema: { tags: ['account'], summary: 'Sign out one session (this one too)', params: IdParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await liveSessions(actor.id).select(['id', 'id_hash']).where('id', '=', request.params.id).executeTakeFirst();
    if (!row) throw problems.notFound();
    await app.sessions.revoke(row.id_hash);
    await audit(db, { actorUserId: actor.id, action: 'session.revoked', targetType: 'user', targetId: actor.id, ip: request.ip, details: { session: row.id } });
    if (row.id_hash === request.session!.idHash) clearSessionCookie(reply, app.config.session);
    return reply.code(204).send(null);
  });

  app.delete('/api/v1/me/sessions', { schema: { tags: ['account'], summary: 'Sign out everywhere else', response: { 204: Type.Null() } } }, async (request, reply) => {
    const actor = requireActor(request);
    await db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', actor.id).where('id_hash', '!=', request.session!.idHash).where('revoked_at', 'is', null).execute();
    await audit(db, { actorUserId: actor.id, action: 'session.revoked', targetType: 'user', targetId: actor.id, ip: request.ip, details: { allOthers: true } });
    return reply.code(204).send(null);
  });

  // ---- second factor
  app.post(
    '/api/v1/me/totp',
    { schema: { tags: ['account'], summary: 'Start turning on two-step sign-in: a secret for your authenticator app', response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrCode: Type.String({ description: 'otpauthUrl as a QR code: an SVG image as a data: URL.' }) }) } } },
    async (request) => {
      const actor = requireActor(request);
      if (await hasTotp(db, actor.id)) throw problems.conflict('totp-already-on', 'Two-step sign-in is already on. Turn it off first to set up a new authenticator.');
      const secret = newSecret();
      await db.insertInto('user_totp').values({ user_id: actor.id, secret }).onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, confirmed_at: null, last_step: null })).execute();
      const otpauthUrl = totpFor(secret, actor.email).toString();
      return { secret, otpauthUrl, qrCode: await qrCodeFor(otpauthUrl) };
    },
  );

  app.post(
    '/api/v1/me/totp/confirm',
    { schema: { tags: ['account'], summary: 'Finish turning on two-step sign-in with a code from the app; answers your recovery codes (shown once)', body: Type.Object({ code: Type.String({ maxLength: 20 }) }), response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const pending = await db.selectFrom('user_totp').select(['secret', 'confirmed_at']).where('user_id', '=', actor.id).executeTakeFirst();
      if (!pending || pending.confirmed_at) throw problems.conflict('totp-not-started', 'Start with POST /api/v1/me/totp: there is no authenticator waiting to be confirmed.');
      await assertUnderLimit(db, SIGN_IN_LIMITS.perAccount, actor.email.toLowerCase());
      const step = stepOf(pending.secret, request.body.code);
      if (step === null) {
        await hit(db, SIGN_IN_LIMITS.perAccount, actor.email.toLowerCase());
        throw problems.validation([fieldError('code', 'is not the current code of your authenticator app')]);
      }
      return db.transaction().execute(async (tx) => {
        await tx.updateTable('user_totp').set({ confirmed_at: new Date(), last_step: step }).where('user_id', '=', actor.id).execute();
        const recoveryCodes = await issueRecoveryCodes(tx, actor.id);
        await audit(tx, { actorUserId: actor.id, action: 'totp.enabled', targetType: 'user', targetId: actor.id, ip: request.ip });
        return { recoveryCodes };
      });
    },
  );

  app.delete(
    '/api/v1/me/totp',
    { schema: { tags: ['account'], summary: 'Turn two-step sign-in off (give a current code or a recovery code)', body: Type.Object({ code: Type.String({ maxLength: 40 }) }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!(await hasTotp(db, actor.id))) throw problems.conflict('totp-not-on', 'Two-step sign-in is not on.');
      await assertUnderLimit(db, SIGN_IN_LIMITS.perAccount, actor.email.toLowerCase());
      const ok = (await useTotp(db, actor.id, request.body.code)) || (await useRecoveryCode(db, actor.id, request.body.code));
      if (!ok) {
        await hit(db, SIGN_IN_LIMITS.perAccount, actor.email.toLowerCase());
        throw problems.validation([fieldError('code', 'is not a current code of your authenticator app or an unused recovery code')]);
      }
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('user_totp').where('user_id', '=', actor.id).execute();
        await tx.deleteFrom('recovery_codes').where('user_id', '=', actor.id).execute();
        await audit(tx, { actorUserId: actor.id, action: 'totp.disabled', targetType: 'user', targetId: actor.id, ip: request.ip });
      });
      return reply.code(204).send(null);
    },
  );

  // ---- your data
  app.get('/api/v1/me/data', { schema: { tags: ['account'], summary: 'Everything the Forum holds about you, as JSON (a download)' } }, async (request, reply) => {
    const actor = requireActor(request);
    const [user, posts, comments, offers, messages, reports, sessions, auditEvents] = await Promise.all([
      db.selectFrom('users').select(['id', 'email', 'name', 'title', 'role', 'status', 'languages', 'expertise', 'time_zone', 'show_email', 'created_at', 'activated_at', 'password_changed_at']).where('id', '=', actor.id).executeTakeFirstOrThrow(),
      db.selectFrom('posts').select(['id', 'kind', 'title', 'body', 'status', 'audience', 'created_at', 'updated_at']).where('author_id', '=', actor.id).orderBy('created_at').execute(),
      db.selectFrom('comments').select(['id', 'post_id', 'body', 'created_at', 'edited_at']).where('author_id', '=', actor.id).orderBy('created_at').execute(),
      db.selectFrom('offers').select(['id', 'post_id', 'summary', 'body', 'status', 'created_at']).where('author_id', '=', actor.id).orderBy('created_at').execute(),
      db.selectFrom('conversation_messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id').select(['m.id', 'c.subject', 'm.body', 'm.created_at', 'm.edited_at']).where('m.author_id', '=', actor.id).orderBy('m.created_at').execute(),
      db.selectFrom('reports').select(['id', 'target_type', 'target_id', 'reason', 'detail', 'created_at']).where('reporter_id', '=', actor.id).orderBy('created_at').execute(),
      db.selectFrom('sessions').select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent', 'revoked_at']).where('user_id', '=', actor.id).orderBy('created_at').execute(),
      db.selectFrom('audit_events').select(['at', 'action', 'target_type', 'target_id', 'ip']).where('actor_user_id', '=', actor.id).orderBy('at').execute(),
    ]);
    await audit(db, { actorUserId: actor.id, action: 'account.data_exported', targetType: 'user', targetId: actor.id, ip: request.ip });
    void reply.header('content-disposition', 'attachment; filename="virtual-forum-my-data.json"').header('cache-control', 'no-store');
    return { exportedAt: new Date().toISOString(), account: user, organization: actor.organization, posts, comments, offers, conversationMessages: messages, reports, sessions, activity: auditEvents };
  });

  app.post(
    '/api/v1/me/deletion-request',
    { schema: { tags: ['account'], summary: 'Ask the organizers to delete your account and personal data', body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }), response: { 202: Type.Object({ requestedAt: Type.String() }) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const existing = await db.selectFrom('deletion_requests').select('requested_at').where('user_id', '=', actor.id).where('completed_at', 'is', null).executeTakeFirst();
      if (existing) return reply.code(202).send({ requestedAt: existing.requested_at.toISOString() });
      const row = await db.transaction().execute(async (tx) => {
        const created = await tx.insertInto('deletion_requests').values({ user_id: actor.id, note: request.body.note?.trim() ?? '' }).returning('requested_at').executeTakeFirstOrThrow();
        const organizers = await tx.selectFrom('users').select(['name', 'email']).where('role', '=', 'organizer').where('status', '=', 'active').execute();
        for (const o of organizers) await enqueueMail(tx, { to: o.email, ...deletionRequestedMail({ organizerName: o.name, personName: actor.name, organizationName: actor.organization.name, link: `${app.config.publicUrl}/organizer/deletions` }) });
        await audit(tx, { actorUserId: actor.id, action: 'account.deletion_requested', targetType: 'user', targetId: actor.id, ip: request.ip });
        return created;
      });
      app.mail.kick();
      return reply.code(202).send({ requestedAt: row.requested_at.toISOString() });
    },
  );

  app.get(
    '/api/v1/deletion-requests',
    { schema: { tags: ['account'], summary: 'Open requests to delete an account (organizers)', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), user: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), organization: Type.String(), note: Type.String(), requestedAt: Type.String() })) }) } } },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'list', 'deletionRequest', {});
      const rows = await db
        .selectFrom('deletion_requests as d')
        .innerJoin('users as u', 'u.id', 'd.user_id')
        .innerJoin('organizations as o', 'o.id', 'u.organization_id')
        .select(['d.id', 'd.note', 'd.requested_at', 'u.id as user_id', 'u.name', 'u.email', 'o.name as org_name'])
        .where('d.completed_at', 'is', null)
        .orderBy('d.requested_at')
        .execute();
      return { items: rows.map((r) => ({ id: r.id, user: { id: r.user_id, name: r.name, email: r.email }, organization: r.org_name, note: r.note, requestedAt: r.requested_at.toISOString() })) };
    },
  );

  app.post(
    '/api/v1/deletion-requests/:id/complete',
    { schema: { tags: ['account'], summary: 'Delete the account: personal data erased, its writing kept as "former participant" (organizers)', params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      authorize(actor, 'complete', 'deletionRequest', {});
      const req = await db.selectFrom('deletion_requests').select(['id', 'user_id']).where('id', '=', request.params.id).where('completed_at', 'is', null).executeTakeFirst();
      if (!req) throw problems.notFound();
      await db.transaction().execute(async (tx) => {
        const now = new Date();
        // The person's writing stays (nothing a user wrote is lost); their name and details do not.
        await tx
          .updateTable('users')
          .set({ name: 'Former participant', title: null, email: `deleted-${req.user_id}@invalid`, password_hash: null, status: 'deactivated', languages: [], expertise: '', time_zone: null, show_email: false, photo_id: null, deleted_at: now })
          .where('id', '=', req.user_id)
          .execute();
        await tx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', req.user_id).where('revoked_at', 'is', null).execute();
        await tx.deleteFrom('user_totp').where('user_id', '=', req.user_id).execute();
        await tx.deleteFrom('recovery_codes').where('user_id', '=', req.user_id).execute();
        await tx.updateTable('deletion_requests').set({ completed_at: now, completed_by: actor.id }).where('id', '=', req.id).execute();
        await audit(tx, { actorUserId: actor.id, action: 'account.deleted', targetType: 'user', targetId: req.user_id, ip: request.ip });
      });
      return reply.code(204).send(null);
    },
  );

  // ---- my work
  app.get(
    '/api/v1/me/offers',
    {
      schema: {
        tags: ['account'],
        summary: 'Every offer your organization sent, with its status and the request',
        querystring: Paging,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), summary: Type.String(), status: Type.String(), createdAt: Type.String(), author: Type.Object({ id: Type.String(), name: Type.String() }), post: PostRef })), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const limit = request.query.limit ?? 30;
      const cursor = decodeCursor<{ at: string; id: string }>(request.query.cursor, byTimeAndId);
      let q = db
        .selectFrom('offers as f')
        .innerJoin('users as u', 'u.id', 'f.author_id')
        .select(['f.id', 'f.summary', 'f.status', 'f.created_at', 'f.post_id', 'u.id as author_id', 'u.name as author_name'])
        .where('f.organization_id', '=', actor.organizationId)
        .orderBy('f.created_at', 'desc')
        .orderBy('f.id', 'desc')
        .limit(limit + 1);
      if (cursor) q = q.where((eb) => eb.or([eb('f.created_at', '<', new Date(cursor.at)), eb.and([eb('f.created_at', '=', new Date(cursor.at)), eb('f.id', '<', cursor.id)])]));
      const rows = await q.execute();
      const page = rows.slice(0, limit);
      const items = [];
      for (const r of page) {
        const post = await findPost(db, r.post_id);
        // The request is named only while the reader may still see it.
        const visible = post && canSeePost(actor, factsOf(post));
        items.push({ id: r.id, summary: r.summary, status: r.status, createdAt: r.created_at.toISOString(), author: { id: r.author_id, name: r.author_name }, post: visible ? { id: post.id, title: post.title, kind: post.kind, status: post.status } : null });
      }
      const last = page.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
    },
  );

  app.get(
    '/api/v1/me/pledges',
    {
      schema: {
        tags: ['account'],
        summary: "Your organization's pledges and expressions of interest",
        querystring: Paging,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ type: Type.Union([Type.Literal('pledge'), Type.Literal('interest')]), id: Type.String(), amount: Type.Union([Type.String(), Type.Null()]), currency: Type.Union([Type.String(), Type.Null()]), status: Type.Union([Type.String(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), post: PostRef })),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const limit = request.query.limit ?? 30;
      // An item's id is a pledge's uuid or an interest's `post:organization` (two uuids).
      const cursor = decodeCursor<{ at: string; id: string }>(request.query.cursor, (c) => byTimeAndId({ ...c, id: String(c.id).split(':')[0] }) && String(c.id).split(':').length <= 2 && String(c.id).split(':').every(isUuid));
      const pledges = db
        .selectFrom('pledges')
        .select([sql<'pledge' | 'interest'>`'pledge'`.as('type'), sql<string>`id::text`.as('id'), sql<string | null>`amount::text`.as('amount'), sql<string | null>`currency`.as('currency'), sql<string | null>`status`.as('status'), sql<string | null>`conditions`.as('note'), 'created_at', 'post_id'])
        .where('organization_id', '=', actor.organizationId);
      const interests = db
        .selectFrom('funding_interests')
        .select([sql<'pledge' | 'interest'>`'interest'`.as('type'), sql<string>`post_id::text || ':' || organization_id::text`.as('id'), sql<string | null>`null`.as('amount'), sql<string | null>`null`.as('currency'), sql<string | null>`null`.as('status'), 'note', 'created_at', 'post_id'])
        .where('organization_id', '=', actor.organizationId);
      let q = db.selectFrom(pledges.unionAll(interests).as('x')).selectAll().orderBy('x.created_at', 'desc').orderBy('x.id', 'desc').limit(limit + 1);
      if (cursor) q = q.where((eb) => eb.or([eb('x.created_at', '<', new Date(cursor.at)), eb.and([eb('x.created_at', '=', new Date(cursor.at)), eb('x.id', '<', cursor.id)])]));
      const rows = await q.execute();
      const page = rows.slice(0, limit);
      const items = [];
      for (const r of page) {
        const post = await findPost(db, r.post_id);
        const visible = post && canSeePost(actor, factsOf(post));
        items.push({ type: r.type, id: r.id, amount: r.amount, currency: r.currency, status: r.status, note: r.note, createdAt: new Date(r.created_at).toISOString(), post: visible ? { id: post.id, title: post.title, kind: post.kind, status: post.status } : null });
      }
      const last = page.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: new Date(last.created_at).toISOString(), id: last.id }) : null };
    },
  );
};
