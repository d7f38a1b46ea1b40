// Sessions: a random id in an httpOnly cookie, its SHA-256 in the database. Every request looks
// its session up afresh, so sign-out, suspension and timeouts take effect at once on every server.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Me, OrganizationCategory, Role } from '../../shared/participants.js';
import { tierOf, type Actor } from '../access/index.js';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { randomToken, sha256 } from './tokens.js';

export const SESSION_COOKIE = 'vf_session';
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_AFTER_MS = 60_000;

export interface SessionInfo {
  idHash: string;
  csrfToken: string;
}

/** The signed-in user with what GET /api/v1/me shows. */
export interface Principal extends Actor {
  name: string;
  email: string;
  organization: { id: string; name: string; category: OrganizationCategory; country: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Principal | null;
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    /** false on the few routes that take no CSRF token (sign-in, which rotates the session). */
    csrf?: boolean;
  }
}

export function meOf(principal: Principal, csrfToken: string): Me {
  return {
    id: principal.id,
    name: principal.name,
    email: principal.email,
    role: principal.role,
    tier: principal.tier,
    csrfToken,
    organization: principal.organization,
  };
}

/** Loads an active user (in an active organization) as a Principal. */
export async function loadPrincipal(db: Kysely<Database>, userId: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.name', 'u.email', 'u.role', 'o.id as org_id', 'o.name as org_name', 'o.category', 'o.country'])
    .where('u.id', '=', userId)
    .where('u.status', '=', 'active')
    .where('o.status', '=', 'active')
    .executeTakeFirst();
  return row ? principalOf(row) : null;
}

function principalOf(row: { id: string; name: string; email: string; role: Role; org_id: string; org_name: string; category: OrganizationCategory; country: string }): Principal {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    tier: tierOf(row.category, row.role),
    organizationId: row.org_id,
    category: row.category,
    organization: { id: row.org_id, name: row.org_name, category: row.category, country: row.country.trim() },
  };
}

export class SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: AppConfig['session'],
  ) {}

  async create(userId: string, request: FastifyRequest): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = new Date();
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: sha256(token),
        user_id: userId,
        csrf_token: csrfToken,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + this.config.absoluteHours * 3_600_000),
        ip: request.ip,
        user_agent: request.headers['user-agent']?.slice(0, 300) ?? null,
      })
      .execute();
    return { token, csrfToken };
  }

  /** The session behind a cookie value, with its user, if it is live. */
  async find(token: string): Promise<{ session: SessionInfo; principal: Principal } | null> {
    const idHash = sha256(token);
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select(['s.csrf_token', 's.last_seen_at', 'u.id', 'u.name', 'u.email', 'u.role', 'o.id as org_id', 'o.name as org_name', 'o.category', 'o.country'])
      .where('s.id_hash', '=', idHash)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', sql<Date>`now()`)
      .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${this.config.idleMinutes})`)
      .where('u.status', '=', 'active')
      .where('o.status', '=', 'active')
      .executeTakeFirst();
    if (!row) return null;
    if (Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      await this.db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id_hash', '=', idHash).execute();
    }
    return { session: { idHash, csrfToken: row.csrf_token }, principal: principalOf(row) };
  }

  async revoke(idHash: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: new Date() }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
  }

  /** Ends every session of these users (suspension, deactivation, password change). */
  async revokeUsers(db: Kysely<Database>, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await db.updateTable('sessions').set({ revoked_at: new Date() }).where('revoked_at', 'is', null).where('user_id', 'in', userIds).execute();
  }

  /** Ends every session of every member of an organization (suspension). */
  async revokeOrganization(db: Kysely<Database>, organizationId: string): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('revoked_at', 'is', null)
      .where('user_id', 'in', (qb) => qb.selectFrom('users').select('id').where('organization_id', '=', organizationId))
      .execute();
  }

  async prune(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now() - interval '7 days'`).execute();
  }
}

function cookieSecure(config: AppConfig['session'], request: FastifyRequest): boolean {
  return config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure;
}

export function setSessionCookie(reply: FastifyReply, config: AppConfig['session'], token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(config, reply.request),
    maxAge: config.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig['session']): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure(config, reply.request) });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the session on every request and refuses state changes that lack the CSRF token. */
export function registerSessionHooks(app: FastifyInstance, sessions: SessionStore): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await sessions.find(token);
    if (!found) return;
    request.actor = found.principal;
    request.session = found.session;
  });

  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.session) return;
    if (request.routeOptions.config.csrf === false) return;
    if (request.headers['x-csrf-token'] !== request.session.csrfToken) throw problems.csrf();
  });
}

/** For handlers that need a signed-in user. */
export function requireActor(request: FastifyRequest): Principal {
  if (!request.actor) throw problems.unauthenticated();
  return request.actor;
}
