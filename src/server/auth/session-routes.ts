// Sign in, sign out, who am I, change my password.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { audit } from '../audit/audit-log.js';
import { fieldError, problems } from '../http/problem.js';
import { assertUnderLimit, hit, type Limit } from '../http/rate-limit.js';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.js';
import { clearSessionCookie, loadPrincipal, meOf, requireActor, setSessionCookie, SESSION_COOKIE } from './sessions.js';
import { MeSchema, PasswordSchema } from './schemas.js';
import { hasTotp, secondFactorInvalid, secondFactorRequired, useRecoveryCode, useTotp } from '../network/second-factor.js';

// Failed sign-ins are counted per account (whether or not it exists, so the answer tells nothing)
// and per address; past the limit, sign-in is refused for the rest of the window.
export const SIGN_IN_LIMITS = {
  perAccount: { bucket: 'sign-in-failures:account', max: 5, windowSeconds: 15 * 60 } satisfies Limit,
  perIp: { bucket: 'sign-in-failures:ip', max: 30, windowSeconds: 15 * 60 } satisfies Limit,
};

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
      await assertUnderLimit(db, SIGN_IN_LIMITS.perAccount, email);
      await assertUnderLimit(db, SIGN_IN_LIMITS.perIp, request.ip);

      const user = await db.selectFrom('users').select(['id', 'password_hash']).where(db.fn('lower', ['email']), '=', email).executeTakeFirst();
      const passwordOk = await verifyPassword(user?.password_hash ?? null, request.body.password);
      const principal = passwordOk && user ? await loadPrincipal(db, user.id) : null;

      if (!principal) {
        await hit(db, SIGN_IN_LIMITS.perAccount, email);
        await hit(db, SIGN_IN_LIMITS.perIp, request.ip);
        await audit(db, { actorUserId: null, action: 'session.sign_in_failed', ip: request.ip, details: { email } });
        // One answer for unknown email, wrong password and inactive account: nothing to enumerate.
        throw problems.unauthenticated('The email or password is not correct, or the account is not active.');
      }

      // Issue 12: with TOTP on, the password alone is not enough; wrong codes count like wrong passwords.
      if (await hasTotp(db, principal.id)) {
        const { totp, recoveryCode } = request.body;
        if (!totp && !recoveryCode) throw secondFactorRequired();
        const ok = totp ? await useTotp(db, principal.id, totp) : await useRecoveryCode(db, principal.id, recoveryCode!);
        if (!ok) {
          await hit(db, SIGN_IN_LIMITS.perAccount, email);
          await hit(db, SIGN_IN_LIMITS.perIp, request.ip);
          await audit(db, { actorUserId: null, action: 'session.sign_in_second_factor_failed', ip: request.ip, details: { email } });
          throw secondFactorInvalid();
        }
        if (!totp) await audit(db, { actorUserId: principal.id, action: 'totp.recovery_code_used', targetType: 'user', targetId: principal.id, ip: request.ip });
      }

      // Rotate: whatever session the browser brought is ended, and a fresh id is issued.
      if (request.session) await sessions.revoke(request.session.idHash);
      const { token, csrfToken } = await sessions.create(principal.id, request);
      setSessionCookie(reply, app.config.session, token);
      await audit(db, { actorUserId: principal.id, action: 'session.sign_in', targetType: 'user', targetId: principal.id, ip: request.ip });
      return meOf(principal, csrfToken);
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
    return meOf(actor, request.session!.csrfToken);
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
