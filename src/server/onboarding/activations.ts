// Activating an account from a mailed link, and resetting a forgotten password.
// None of these routes acts on the session's authority (the link, or nothing, is the authority),
// so they take no CSRF token: a browser with a stale session must still be able to use a link.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../audit/audit-log.js';
import { MeSchema, PasswordSchema } from '../auth/schemas.js';
import { trimStrings, lowerCaseField, objectAt } from '../http/form-input.js';
import { consume, type Limit } from '../http/rate-limit.js';
import { enqueueMail } from '../mail/outbox.js';
import { passwordReset, passwordResetNoAccount } from '../mail/messages.js';
import { checkLink, issueLink, redeemLink } from './links.js';

// Reset requests send mail to whatever address is typed in: limited per sender and per address,
// so the form can be used neither to flood a mailbox nor to probe many addresses.
export const RESET_LIMITS = {
  perIp: { bucket: 'password-resets:ip', max: 10, windowSeconds: 3600 } satisfies Limit,
  perEmail: { bucket: 'password-resets:email', max: 3, windowSeconds: 3600 } satisfies Limit,
};

const LinkQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const LinkStatus = Type.Object({ status: Type.Literal('usable') });
const CHECK_DESCRIPTION =
  'Whether a mailed link can still be used, without using it: 200 if it can, otherwise the same problem the redemption would give (404 link-unknown, 410 link-used or link-expired). The page asks this when it opens, so a spent link says so before any password is typed. The token stays out of the logs (the query is redacted).';

const LinkBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  password: PasswordSchema,
});

/**
 * Turns queued password-reset requests into mails, one request per transaction, taken with SKIP
 * LOCKED so several servers share the queue. Only an account that could sign in gets a working
 * link (a suspended one must not be revived this way). Every request goes through the same steps
 * whatever the address (issue 10): look the address up, mint and store a token (for an address
 * without an active account one that belongs to nobody, so it can never be redeemed), queue one
 * mail to the address (the reset link, or a notice that there is no active account), write one
 * audit entry. So the pass after the request does the same work, and the same mail delivery, on
 * both paths. Run by every pass of the mail sender; returns how many it handled.
 */
export async function prepareResetMails(app: FastifyInstance): Promise<number> {
  let handled = 0;
  // Tokens that belong to nobody serve no one once expired.
  await app.db.deleteFrom('tokens').where('user_id', 'is', null).where('expires_at', '<', new Date()).execute();
  for (;;) {
    const mailed = await app.db.transaction().execute(async (tx) => {
      const queued = await tx.selectFrom('password_reset_requests').select(['id', 'email', 'ip']).orderBy('requested_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
      if (!queued) return null;
      await tx.deleteFrom('password_reset_requests').where('id', '=', queued.id).execute();
      const user = await tx
        .selectFrom('users as u')
        .innerJoin('organizations as o', 'o.id', 'u.organization_id')
        .select(['u.id', 'u.name', 'u.email', 'u.status', 'o.status as org_status'])
        .where((eb) => eb(eb.fn('lower', ['u.email']), '=', queued.email))
        .executeTakeFirst();
      const mayReset = user !== undefined && user.status === 'active' && user.org_status === 'active';
      const link = await issueLink(tx, app.config.publicUrl, mayReset ? user.id : null, 'password_reset');
      const message = mayReset ? passwordReset({ name: user.name, link }) : passwordResetNoAccount({ applyLink: `${app.config.publicUrl}/apply` });
      await enqueueMail(tx, { to: user?.email ?? queued.email, ...message });
      await audit(tx, { actorUserId: null, action: 'password.reset_requested', targetType: 'user', ...(user ? { targetId: user.id } : {}), ip: queued.ip, details: { linkSent: mayReset } });
      return mayReset;
    });
    if (mailed === null) return handled;
    handled++;
  }
}

export const activationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;
  app.mail.addPreparer(() => prepareResetMails(app));

  const statusRoutes = [
    { url: '/api/v1/activations/status', purpose: 'activation', summary: 'Check an activation link without using it' },
    { url: '/api/v1/password-resets/status', purpose: 'password_reset', summary: 'Check a password reset link without using it' },
  ] as const;
  for (const { url, purpose, summary } of statusRoutes) {
    app.get(
      url,
      { schema: { tags: ['onboarding'], summary, description: CHECK_DESCRIPTION, querystring: LinkQuery, response: { 200: LinkStatus } } },
      async (request, reply) => {
        // Never cached: the answer changes once the link is used.
        reply.header('cache-control', 'no-store');
        return checkLink(db, purpose, request.query.token);
      },
    );
  }

  app.post(
    '/api/v1/activations',
    { config: { csrf: false }, schema: { tags: ['onboarding'], summary: 'Activate an account with the mailed link', body: LinkBody, response: { 200: MeSchema } } },
    async (request, reply) => redeemLink(app, request, reply, { purpose: 'activation', ...request.body }),
  );

  app.post(
    '/api/v1/password-resets',
    {
      config: { csrf: false },
      preValidation: async (request) => {
        request.body = trimStrings(request.body) as typeof request.body;
        lowerCaseField(objectAt(request.body), 'email');
      },
      schema: {
        tags: ['onboarding'],
        summary: 'Ask for a password reset link',
        body: Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }) }),
        response: { 202: Type.Object({ status: Type.Literal('requested') }) },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      await consume(db, RESET_LIMITS.perIp, request.ip);
      await consume(db, RESET_LIMITS.perEmail, email);
      // The same work for every address, whether or not it has an account: the request is queued as
      // typed and answered. Whether a link is sent is decided afterwards (prepareResetMails), so
      // neither the answer nor its timing tells who has an account.
      await db.insertInto('password_reset_requests').values({ email, ip: request.ip }).execute();
      app.mail.kick();
      return reply.code(202).send({ status: 'requested' as const });
    },
  );

  app.post(
    '/api/v1/password-resets/confirm',
    { config: { csrf: false }, schema: { tags: ['onboarding'], summary: 'Choose a new password with the mailed link', body: LinkBody, response: { 200: MeSchema } } },
    async (request, reply) => redeemLink(app, request, reply, { purpose: 'password_reset', ...request.body }),
  );
};
