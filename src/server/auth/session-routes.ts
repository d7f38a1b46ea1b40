// Sign in, sign out, who am I, change my password.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { audit } from '../audit/audit-log.js';
import { fieldError, problems } from '../http/problem.js';
import { unhit, type Limit } from '../http/rate-limit.js';
import { BACKOFF_BUCKETS, clearBackoff, reserveSignInAttempt, type Backoff } from './sign-in-throttle.js';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.js';
import { clearSessionCookie, loadPrincipal, meOf, requireActor, setSessionCookie, SESSION_COOKIE } from './sessions.js';
import { MeSchema, PasswordSchema } from './schemas.js';
import { hasTotp, secondFactorInvalid, secondFactorRequired, secondFactorStatus, useRecoveryCode, useTotp } from '../network/second-factor.js';

// Sign-in throttling (README "Security and reliability"). Every attempt is counted *before* the
// password is checked, atomically (INSERT ... ON CONFLICT ... RETURNING), so concurrent guesses
// cannot slip past the limit; a successful sign-in gives its count back. Counted per account and
// source address together, per source address, and per account from sources the account has not
// signed in from before. The last one keeps guessing from many addresses as slow as ever, while a
// person signing in from their usual address is never locked out by someone else's attempts.
// On top of the windows, growing delays (sign-in-throttle.ts, BACKOFF) per account and source and
// per account from unusual sources: after five attempts in a row without a sign-in, each further
// one waits twice as long, from 1 minute up to 1 hour.
// Counted whether or not the account exists, so the answer tells nothing.
export const SIGN_IN_LIMITS = {
  perAccountAndSource: { bucket: 'sign-in-attempts:account-source', max: 5, windowSeconds: 15 * 60 } satisfies Limit,
  perAccount: { bucket: 'sign-in-attempts:account', max: 5, windowSeconds: 15 * 60 } satisfies Limit,
  perIp: { bucket: 'sign-in-attempts:ip', max: 30, windowSeconds: 15 * 60 } satisfies Limit,
};
/** A source address the account signed in from within this many days counts as its usual one. */
const USUAL_SOURCE_DAYS = 90;

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, sessions } = app;

  app.post(
    '/api/v1/session',
    {
      config: { csrf: false },
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        body: Type.Object({
          email: Type.String({ maxLength: 320 }),
          password: Type.String({ maxLength: 1024 }),
          // Issue 12: the second factor, for accounts that have turned it on.
          totp: Type.Optional(Type.String({ maxLength: 20, description: 'The 6-digit code of your authenticator app (if two-step sign-in is on).' })),
          recoveryCode: Type.Optional(Type.String({ maxLength: 40, description: 'One of your recovery codes, instead of totp; each works once.' })),
        }),
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const user = await db.selectFrom('users').select(['id', 'password_hash']).where(db.fn('lower', ['email']), '=', email).executeTakeFirst();
      const usual = user
        ? Boolean(await db.selectFrom('sessions').select('user_id').where('user_id', '=', user.id).where('ip', '=', request.ip).where('created_at', '>', new Date(Date.now() - USUAL_SOURCE_DAYS * 86_400_000)).limit(1).executeTakeFirst())
        : false;
      // Reserve this attempt in every counter and every delay first, all or nothing (reserveSignInAttempt says
      // why); over any limit, or before a delay is over, the password is not even checked.
      const counted: [Limit, string][] = [[SIGN_IN_LIMITS.perAccountAndSource, `${email} ${request.ip}`], [SIGN_IN_LIMITS.perIp, request.ip]];
      const delayed: [Backoff, string][] = [[BACKOFF_BUCKETS.perAccountAndSource, `${email} ${request.ip}`]];
      if (!usual) {
        counted.push([SIGN_IN_LIMITS.perAccount, email]);
        delayed.push([BACKOFF_BUCKETS.perAccount, email]);
      }
      const refused = await reserveSignInAttempt(db, counted, delayed);
      if (refused) throw problems.tooManyRequests(refused.retryAfter);
      const giveBack = () => Promise.all(counted.map(([limit, key]) => unhit(db, limit, key)));

      const passwordOk = await verifyPassword(user?.password_hash ?? null, request.body.password);
      const principal = passwordOk && user ? await loadPrincipal(db, user.id) : null;

      if (!principal) {
        await audit(db, { actorUserId: null, action: 'session.sign_in_failed', ip: request.ip, details: { email } });
        // One answer for unknown email, wrong password and inactive account: nothing to enumerate.
        throw problems.unauthenticated('The email or password is not correct, or the account is not active.');
      }

      // Issue 12: with TOTP on, the password alone is not enough; wrong codes count like wrong passwords.
      if (await hasTotp(db, principal.id)) {
        const { totp, recoveryCode } = request.body;
        if (!totp && !recoveryCode) {
          // The password was right, so this was no guess: give the reservations back before asking.
          await giveBack();
          throw secondFactorRequired();
        }
        const ok = totp ? await useTotp(db, principal.id, totp) : await useRecoveryCode(db, principal.id, recoveryCode!);
        if (!ok) {
          // The attempt was counted before the password was checked; a wrong code keeps its count.
          await audit(db, { actorUserId: null, action: 'session.sign_in_second_factor_failed', ip: request.ip, details: { email } });
          throw secondFactorInvalid();
        }
        if (!totp) await audit(db, { actorUserId: principal.id, action: 'totp.recovery_code_used', targetType: 'user', targetId: principal.id, ip: request.ip });
      }

      // A successful sign-in is no guess: its reservations are given back, and its delays start again from zero.
      await giveBack();
      await clearBackoff(db, delayed);
      // Rotate: whatever session the browser brought is ended, and a fresh id is issued.
      if (request.session) await sessions.revoke(request.session.idHash);
      const { token, csrfToken } = await sessions.create(principal.id, request);
      setSessionCookie(reply, app.config.session, token);
      await audit(db, { actorUserId: principal.id, action: 'session.sign_in', targetType: 'user', targetId: principal.id, ip: request.ip });
      return { ...meOf(principal, csrfToken), secondFactor: await secondFactorStatus(db, principal, app.config.requireTwoFactor) };
    },
  );

  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign out', response: { 204: Type.Null() } } }, async (request, reply) => {
    if (request.session) {
      await sessions.revoke(request.session.idHash);
      await audit(db, { actorUserId: request.actor?.id ?? null, action: 'session.sign_out', ip: request.ip });
    }
    if (request.cookies[SESSION_COOKIE]) clearSessionCookie(reply, app.config.session);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/me', { schema: { tags: ['session'], summary: 'The signed-in user', response: { 200: MeSchema } } }, async (request) => {
    const actor = requireActor(request);
    return { ...meOf(actor, request.session!.csrfToken), secondFactor: await secondFactorStatus(db, actor, app.config.requireTwoFactor) };
  });

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['session'],
        summary: 'Change my password',
        body: Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: PasswordSchema }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, request.body.currentPassword))) {
        throw problems.validation([fieldError('currentPassword', 'is not your current password')]);
      }
      const weakness = passwordWeakness(request.body.newPassword, [actor.email, actor.name]);
      if (weakness) throw problems.validation([fieldError('newPassword', weakness)]);
      const passwordHash = await hashPassword(request.body.newPassword);
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', actor.id).execute();
        // Other browsers signed in as this user are signed out; this one stays.
        await tx
          .updateTable('sessions')
          .set({ revoked_at: new Date() })
          .where('user_id', '=', actor.id)
          .where('id_hash', '!=', request.session!.idHash)
          .where('revoked_at', 'is', null)
          .execute();
        await audit(tx, { actorUserId: actor.id, action: 'password.changed', targetType: 'user', targetId: actor.id, ip: request.ip });
      });
      return reply.code(204).send(null);
    },
  );
};
