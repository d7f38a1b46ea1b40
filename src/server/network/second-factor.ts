// TOTP second factor (RFC 6238, via otpauth) with single-use recovery codes. A code is accepted
// once: the time step it belongs to is stored, so a code seen over someone's shoulder cannot be
// replayed in the same 30 seconds. Wrong codes count against the same limits as wrong passwords.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../access/index.js';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Database } from '../db/schema.js';
import { sha256 } from '../auth/tokens.js';
import { Problem } from '../http/problem.js';

type Db = Kysely<Database> | Transaction<Database>;
const ISSUER = 'Virtual Forum';
const RECOVERY_CODES = 10;

export const totpFor = (secret: string, label: string) => new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/**
 * The otpauth URI as a QR code for an authenticator app to scan: an SVG (made on the server, so the
 * web app carries no QR code library), as a `data:` URL an <img> can show. The key itself is still
 * shown as text beside it, for apps or people who cannot scan.
 */
export async function qrCodeFor(otpauthUrl: string): Promise<string> {
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export function newSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The time step a code belongs to (within one step of now either way), or null. */
export function stepOf(secret: string, code: string, now = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totpFor(secret, 'x').validate({ token: clean, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/** Accepts a TOTP code once: false if wrong or already used. */
export async function useTotp(db: Db, userId: string, code: string): Promise<boolean> {
  const row = await db.selectFrom('user_totp').select(['secret', 'last_step']).where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst();
  if (!row) return false;
  const step = stepOf(row.secret, code);
  if (step === null || (row.last_step !== null && step <= Number(row.last_step))) return false;
  // Conditional update: of two requests with the same code, only one wins.
  const updated = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

const normalizeRecovery = (code: string) => code.replace(/[\s-]+/g, '').toLowerCase();

export async function useRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const updated = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', sha256(normalizeRecovery(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Fresh recovery codes (shown once; only their hashes are kept), replacing any earlier ones. */
export async function issueRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(5).toString('hex');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db.insertInto('recovery_codes').values(codes.map((c) => ({ user_id: userId, code_hash: sha256(normalizeRecovery(c)) }))).execute();
  return codes;
}

export async function hasTotp(db: Db, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('user_totp').select('user_id').where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst());
}

export const secondFactorRequired = () =>
  new Problem(401, 'second-factor-required', 'A second factor is needed', 'This account has two-step sign-in on. Send the 6-digit code from your authenticator app as `totp`, or one of your recovery codes as `recoveryCode`.');
export const secondFactorInvalid = () =>
  new Problem(401, 'second-factor-invalid', 'The code is not correct', 'The code from your authenticator app (or the recovery code) is not correct, or was already used. Try the next code.');

// ---- who must have it (issue 12): organizers and full-tier focal points are asked to set it up at
// sign-in; with VF_REQUIRE_2FA=1 they must, and until they have, the API answers them nothing else.

/** Organizers and focal points of full-tier organizations are asked to turn two-step sign-in on. */
export const isAskedForSecondFactor = (actor: Pick<Actor, 'role' | 'tier'>) => actor.role === 'organizer' || (actor.role === 'focal_point' && actor.tier === 'full');

export async function secondFactorStatus(db: Db, actor: Pick<Actor, 'id' | 'role' | 'tier'>, required: boolean): Promise<{ enabled: boolean; setup: 'asked' | 'required' | null }> {
  const enabled = await hasTotp(db, actor.id);
  return { enabled, setup: enabled || !isAskedForSecondFactor(actor) ? null : required ? 'required' : 'asked' };
}

/** What someone who must set up two-step sign-in may still do: see who they are, set it up, sign out. */
const OPEN_WHILE_SETTING_UP = new Set(['GET /api/v1/me', 'POST /api/v1/session', 'DELETE /api/v1/session', 'POST /api/v1/me/totp', 'POST /api/v1/me/totp/confirm', 'GET /api/v1/me/profile']);

export const secondFactorSetupRequired = () =>
  new Problem(403, 'second-factor-setup-required', 'Two-step sign-in must be set up first', 'The Forum requires organizers and focal points of full-tier organizations to use two-step sign-in. Set it up on your account page (an authenticator app), then continue.');

/**
 * A hint for the web app, readable by its script: two-step set-up is pending for this browser's
 * user, so its first screen (web/boot/first-screen.ts) waits for the session before asking for a
 * page's data, instead of asking for data the API would refuse. Only a hint: the API refuses
 * whatever the cookie says.
 */
export const SETUP_PENDING_COOKIE = 'vf_2fa_setup';

/** With VF_REQUIRE_2FA=1, refuses every API call but OPEN_WHILE_SETTING_UP to those who must have it and do not yet. */
export function registerSecondFactorRequirement(app: FastifyInstance): void {
  if (!app.config.requireTwoFactor) return;
  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const actor = request.actor;
    const pending = !!actor && isAskedForSecondFactor(actor) && !(await hasTotp(app.db, actor.id));
    if (pending && !request.cookies[SETUP_PENDING_COOKIE]) void reply.setCookie(SETUP_PENDING_COOKIE, '1', { path: '/', sameSite: 'lax' });
    else if (!pending && request.cookies[SETUP_PENDING_COOKIE]) void reply.clearCookie(SETUP_PENDING_COOKIE, { path: '/', sameSite: 'lax' });
    if (!pending || OPEN_WHILE_SETTING_UP.has(`${request.method} ${request.routeOptions.url ?? ''}`)) return;
    throw secondFactorSetupRequired();
  });
}
