// Single-use links sent by mail: activation (after approval or invitation) and password reset.
// The token travels only in the mail; the database keeps its SHA-256, so a leaked table holds no
// usable link. Redemption is one function for both purposes, so the checks cannot drift apart.
import { notify } from '../notifications/notify.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Me, UserStatus } from '../../shared/participants.js';
import { audit, type AuditAction } from '../audit/audit-log.js';
import { hashPassword, passwordWeakness } from '../auth/passwords.js';
import { loadPrincipal, meOf, setSessionCookie } from '../auth/sessions.js';
import { randomToken, sha256 } from '../auth/tokens.js';
import type { Database, TokenPurpose } from '../db/schema.js';
import { fieldError, Problem, problems } from '../http/problem.js';

interface PurposeRules {
  /** The web app page that takes the token. */
  page: string;
  validHours: number;
  /** The only account status for which the link works (an activation link of a deactivated invitee does nothing). */
  userStatus: UserStatus;
  auditAction: AuditAction;
  /** A reset is what someone does who fears their password is known: every session ends. */
  endsOtherSessions: boolean;
}

const PURPOSES: Record<TokenPurpose, PurposeRules> = {
  activation: { page: '/activate', validHours: 72, userStatus: 'pending', auditAction: 'account.activated', endsOtherSessions: false },
  password_reset: { page: '/reset-password', validHours: 1, userStatus: 'active', auditAction: 'password.reset', endsOtherSessions: true },
};

const linkProblems = {
  unknown: () => new Problem(404, 'link-unknown', 'Link not recognised', 'This link is not valid. Please check that you copied all of it from the mail.'),
  used: () => problems.gone('link-used', 'This link has already been used. Sign in, or ask for a new link.'),
  expired: () => problems.gone('link-expired', 'This link has expired. Please ask for a new one.'),
};

/**
 * Creates a single-use token for `userId` and returns the link to mail. `null` (reset tokens only)
 * stores a token that belongs to nobody and can never be redeemed: the reset mail pass does the
 * same work for an address without an account as for one with (issue 10).
 */
export async function issueLink(tx: Transaction<Database>, publicUrl: string, userId: string | null, purpose: TokenPurpose): Promise<string> {
  if (userId === null && purpose !== 'password_reset') throw new Error('only reset tokens may belong to nobody');
  const token = randomToken();
  const rules = PURPOSES[purpose];
  await tx
    .insertInto('tokens')
    .values({ token_hash: sha256(token), purpose, user_id: userId, expires_at: new Date(Date.now() + rules.validHours * 3_600_000) })
    .execute();
  return `${publicUrl}${rules.page}?token=${token}`;
}

/**
 * The link behind `token` if it can still be used, else the problem that says why not (unknown,
 * used, expired). Reads only: opening the page of a link asks this before showing the form, so a
 * spent link says so at once, and the redemption below asks it again before writing anything.
 * It tells the link's holder nothing they did not have: not the address, not the name.
 */
async function liveLink(db: Kysely<Database>, purpose: TokenPurpose, token: string) {
  const rules = PURPOSES[purpose];
  const link = await db
    .selectFrom('tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['t.id', 't.used_at', 'u.id as user_id', 'u.email', 'u.name', 'u.status', 'o.status as org_status'])
    // The database clock decides expiry, the same clock the final update checks against.
    .select(sql<boolean>`t.expires_at <= now()`.as('expired'))
    .where('t.token_hash', '=', sha256(token))
    .where('t.purpose', '=', purpose)
    .executeTakeFirst();
  if (!link) throw linkProblems.unknown();
  if (link.used_at) throw linkProblems.used();
  if (link.expired) throw linkProblems.expired();
  // Suspended, deactivated, already activated, or the organization suspended: the link is spent.
  if (link.status !== rules.userStatus || link.org_status !== 'active') throw linkProblems.used();
  return link;
}

/** Answers whether a link can still be used, without using it (the page asks before showing its form). */
export async function checkLink(db: Kysely<Database>, purpose: TokenPurpose, token: string): Promise<{ status: 'usable' }> {
  await liveLink(db, purpose, token);
  return { status: 'usable' };
}

/**
 * Uses a link to set the account's password, makes the account active and signs the browser in.
 * Order of checks: the link first (a dead link should not invite password attempts), then the
 * password, then everything is written in one transaction that re-checks the link.
 */
export async function redeemLink(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { purpose: TokenPurpose; token: string; password: string },
): Promise<Me> {
  const { db } = app;
  const rules = PURPOSES[input.purpose];
  const link = await liveLink(db, input.purpose, input.token);

  const weakness = passwordWeakness(input.password, [link.email, link.name]);
  if (weakness) throw problems.validation([fieldError('password', weakness)]);
  const passwordHash = await hashPassword(input.password);

  await db.transaction().execute(async (tx) => {
    // Conditional update: of two requests racing with one link, exactly one gets the row.
    const claimed = await tx
      .updateTable('tokens')
      .set({ used_at: new Date() })
      .where('id', '=', link.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw linkProblems.used();
    const updated = await tx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        password_changed_at: new Date(),
        status: 'active',
        activated_at: sql<Date>`coalesce(activated_at, now())`,
      })
      .where('id', '=', link.user_id)
      .where('status', '=', rules.userStatus)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw linkProblems.used();
    // Any other unused link of the same kind for this account is spent too: one link sets one password.
    await tx.updateTable('tokens').set({ used_at: new Date() }).where('user_id', '=', link.user_id).where('purpose', '=', input.purpose).where('used_at', 'is', null).execute();
    if (rules.endsOtherSessions) await app.sessions.revokeUsers(tx, [link.user_id]);
    await audit(tx, { actorUserId: link.user_id, action: rules.auditAction, targetType: 'user', targetId: link.user_id, ip: request.ip });
    if (input.purpose === 'activation') {
      // The organization's focal points hear that a member joined.
      const member = await tx.selectFrom('users').select(['organization_id', 'name']).where('id', '=', link.user_id).executeTakeFirstOrThrow();
      await notify(tx, { kind: 'member_joined', actorId: link.user_id, recipients: { focalPointsOf: [member.organization_id] }, subject: { type: 'user', id: link.user_id, title: member.name }, url: '/organization' });
    }
  });

  // Signed in with a fresh session id; whatever session the browser brought ends.
  if (request.session) await app.sessions.revoke(request.session.idHash);
  const principal = await loadPrincipal(db, link.user_id);
  if (!principal) throw linkProblems.used();
  const { token, csrfToken } = await app.sessions.create(principal.id, request);
  setSessionCookie(reply, app.config.session, token);
  return meOf(principal, csrfToken);
}
