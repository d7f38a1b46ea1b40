import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../app.js';
import { createTestApp, usingPostgres, type TestApp } from '../testing/test-app.js';
import { SIGN_IN_LIMITS } from './session-routes.js';
import { delayAfter } from './sign-in-throttle.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('sign-in and sessions', () => {
  it('signs in a demo account and answers /me with the tier derived from the organization', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/session', { email: 'Government@Demo.test', password: 'vienna-2008-demo' });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ email: 'government@demo.test', role: 'focal_point', tier: 'full', organization: { category: 'government', country: 'NG' } });
    expect(me.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = res.cookies.find((k) => k.name === 'vf_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy(); // plain http here; src/server/http/errors.test.ts covers HTTPS
    const again = await c.get('/api/v1/me');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(me);
  });

  it.each([
    ['cso@demo.test', 'partial', 'civil_society'],
    ['business@demo.test', 'partial', 'private_sector'],
    ['academia@demo.test', 'partial', 'academia'],
    ['media@demo.test', 'partial', 'media'],
    ['expert@demo.test', 'partial', 'individual'],
    ['io@demo.test', 'full', 'intergovernmental'],
    ['organizer@demo.test', 'full', 'intergovernmental'],
  ])('%s is in the %s tier', async (email, tier, category) => {
    const c = await t.signIn(email);
    const me = (await c.get('/api/v1/me')).json();
    expect(me.tier).toBe(tier);
    expect(me.organization.category).toBe(category);
  });

  it('ignores a tier sent by the client', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/session', { email: 'cso@demo.test', password: 'vienna-2008-demo', tier: 'full', role: 'organizer' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tier: 'partial', role: 'focal_point' });
  });

  it('answers 401 problem details when signed out', async () => {
    const res = await t.client().get('/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/unauthenticated', status: 401, title: expect.any(String), detail: expect.any(String) });
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await t.client().post('/api/v1/session', { email: 'nobody@demo.test', password: 'whatever-password-1' });
    const wrong = await t.client().post('/api/v1/session', { email: 'media@demo.test', password: 'whatever-password-1' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ ...wrong.json(), instance: expect.any(String) });
    expect(unknown.body).toBe(wrong.body);
  });

  it('rotates the session id at sign-in and ends the old session', async () => {
    const c = await t.signIn('io@demo.test');
    const before = c.cookie!;
    const csrf = c.csrfToken!;
    await c.post('/api/v1/session', { email: 'io@demo.test', password: 'vienna-2008-demo' });
    expect(c.cookie).not.toBe(before);
    expect(c.csrfToken).not.toBe(csrf);
    const stale = t.client();
    stale.cookie = before;
    expect((await stale.get('/api/v1/me')).statusCode).toBe(401);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('signs out: the session is revoked server-side, not only the cookie cleared', async () => {
    const c = await t.signIn('academia@demo.test');
    const cookie = c.cookie!;
    const res = await c.delete('/api/v1/session');
    expect(res.statusCode).toBe(204);
    const replay = t.client();
    replay.cookie = cookie;
    expect((await replay.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('ends sessions that were idle too long or are past their absolute lifetime', async () => {
    const idle = await t.signIn('expert@demo.test');
    const old = await t.signIn('expert@demo.test');
    const db = t.app.db;
    const idleHash = (await db.selectFrom('sessions').select('id_hash').orderBy('created_at', 'desc').limit(2).execute()).map((r) => r.id_hash);
    await db.updateTable('sessions').set({ last_seen_at: sql`now() - interval '3 hours'` }).where('id_hash', '=', idleHash[1]!).execute();
    await db.updateTable('sessions').set({ expires_at: sql`now() - interval '1 second'` }).where('id_hash', '=', idleHash[0]!).execute();
    expect((await idle.get('/api/v1/me')).statusCode).toBe(401);
    expect((await old.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('keeps the session in the database, hashed', async () => {
    const c = await t.signIn('media@demo.test');
    const raw = c.cookie!.split('=')[1]!;
    const found = await t.app.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', raw).executeTakeFirst();
    expect(found).toBeUndefined();
    expect(await t.app.sessions.find(raw)).not.toBeNull();
  });
});

describe('CSRF protection', () => {
  it('refuses a state change made with the session cookie but without the token, and changes nothing', async () => {
    const c = await t.signIn('business@demo.test');
    const res = await c.delete('/api/v1/session', { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('/problems/csrf-token-invalid');
    expect((await c.get('/api/v1/me')).statusCode).toBe(200); // still signed in
  });

  it('refuses a wrong token', async () => {
    const c = await t.signIn('business@demo.test');
    c.csrfToken = 'not-the-token';
    expect((await c.delete('/api/v1/session')).statusCode).toBe(403);
  });
});

describe('sign-in throttling', () => {
  it('locks an account after repeated failures, even with the right password, and says when to retry', async () => {
    const c = t.client();
    c.ip = '10.9.0.1';
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.max; i++) {
      expect((await c.post('/api/v1/session', { email: 'tdh@demo.test', password: `wrong-password-${i}` })).statusCode).toBe(401);
    }
    const locked = await c.post('/api/v1/session', { email: 'tdh@demo.test', password: 'vienna-2008-demo' });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().type).toBe('/problems/too-many-requests');
  });

  it('limits failures per IP address across accounts', async () => {
    const c = t.client();
    c.ip = '10.9.0.2';
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.max; i++) {
      await c.post('/api/v1/session', { email: `ghost${i}@demo.test`, password: 'wrong-password-x' });
    }
    const res = await c.post('/api/v1/session', { email: 'osce@demo.test', password: 'vienna-2008-demo' });
    expect(res.statusCode).toBe(429);
    const elsewhere = t.client();
    elsewhere.ip = '10.9.0.3';
    expect((await elsewhere.post('/api/v1/session', { email: 'osce@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(200);
  });
});

describe('sign-in throttling under attack (issue 10)', () => {
  it('counts concurrent guesses atomically: fourteen at once get exactly five real checks', async () => {
    const c = t.client();
    c.ip = '10.9.1.1';
    const answers = await Promise.all(Array.from({ length: 14 }, (_, i) => c.post('/api/v1/session', { email: 'ilo@demo.test', password: `wrong-guess-${i}` })));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((code) => code === 401)).toHaveLength(SIGN_IN_LIMITS.perAccountAndSource.max);
    expect(codes.filter((code) => code === 429)).toHaveLength(14 - SIGN_IN_LIMITS.perAccountAndSource.max);
  });

  it("never locks a person out from their usual address because of someone else's guesses, yet keeps guessing slow", async () => {
    const owner = t.client();
    owner.ip = '10.9.2.1';
    expect((await owner.post('/api/v1/session', { email: 'moldova@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(200);
    const attacker = t.client();
    attacker.ip = '10.9.2.66';
    const tries = [];
    for (let i = 0; i < 7; i++) tries.push((await attacker.post('/api/v1/session', { email: 'moldova@demo.test', password: `guess-${i}` })).statusCode);
    expect(tries).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The attacker cannot continue from a fresh address either: the account's limit for unknown sources holds.
    const fresh = t.client();
    fresh.ip = '10.9.2.67';
    expect((await fresh.post('/api/v1/session', { email: 'moldova@demo.test', password: 'guess-x' })).statusCode).toBe(429);
    // The owner, from their usual address and with the right password, still gets in.
    const again = t.client();
    again.ip = '10.9.2.1';
    expect((await again.post('/api/v1/session', { email: 'moldova@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('refuses a wrong current password and a weak new one, then changes it and signs out other sessions', async () => {
    const a = await t.signIn('manpower@demo.test');
    const b = await t.signIn('manpower@demo.test');
    const wrong = await a.post('/api/v1/me/password', { currentPassword: 'nope-nope-nope', newPassword: 'correct horse battery staple 9' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const weak = await a.post('/api/v1/me/password', { currentPassword: 'vienna-2008-demo', newPassword: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ field: 'newPassword', detail: expect.stringContaining('common') });
    const ok = await a.post('/api/v1/me/password', { currentPassword: 'vienna-2008-demo', newPassword: 'lantern orchard glacier 42' });
    expect(ok.statusCode).toBe(204);
    expect((await a.get('/api/v1/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email: 'manpower@demo.test', password: 'lantern orchard glacier 42' })).statusCode).toBe(200);
    const audit = await t.app.db.selectFrom('audit_events').selectAll().where('action', '=', 'password.changed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('lantern');
  });
});

describe('the app shell', () => {
  it('answers /healthz once migrated', async () => {
    const res = await t.client().get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('sends security headers with a strict CSP', async () => {
    const res = await t.client().get('/healthz');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    // Errors carry them too.
    const missing = await t.client().get('/api/v1/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(csp);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers unknown API routes and malformed or oversized bodies with problem details', async () => {
    const c = t.client();
    const missing = await c.get('/api/v1/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().type).toBe('/problems/not-found');
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'x'.repeat(300_000), password: 'y' }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().status).toBe(413);
  });

  it('lists every invalid field in a validation problem', async () => {
    const res = await t.client().post('/api/v1/session', { email: { address: 'x' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.type).toBe('/problems/validation-error');
    expect(body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'email', detail: 'must be text' }),
      expect.objectContaining({ field: 'password', detail: 'is required', pointer: '#/password' }),
    ]));
  });
});

describe('growing delays between failed sign-ins (issue 10)', () => {
  /** As if `seconds` had passed for these keys: their delays run down and a new 15-minute window starts. */
  async function pass(email: string, ip: string, seconds: number) {
    await t.app.db
      .updateTable('sign_in_backoff')
      .set({ not_before: sql`not_before - make_interval(secs => ${seconds})`, last_attempt_at: sql`last_attempt_at - make_interval(secs => ${seconds})` })
      .where('key', 'in', [email, `${email} ${ip}`])
      .execute();
    await t.app.db.deleteFrom('rate_limit_counters').where('key', 'in', [email, ip, `${email} ${ip}`]).execute();
  }
  const attempt = async (ip: string, email: string, password: string) => {
    const c = t.client();
    c.ip = ip;
    return c.post('/api/v1/session', { email, password });
  };

  it('doubles the wait after each attempt past the fifth, from 1 minute up to 1 hour', () => {
    expect(Array.from({ length: 13 }, (_, i) => delayAfter(i + 1))).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it('slows each further attempt, holds back even the right password until the wait is over, and a sign-in starts again from zero', async () => {
    const email = 'thailand@demo.test';
    const ip = '10.9.4.1';
    for (let i = 0; i < 5; i++) expect((await attempt(ip, email, `wrong-${i}`)).statusCode).toBe(401);
    // A new window has begun, but the delay after the fifth failure has not run out.
    await pass(email, ip, 0);
    const first = await attempt(ip, email, 'wrong-5');
    expect(first.statusCode).toBe(429);
    expect(first.json().type).toBe('/problems/too-many-requests');
    expect(Number(first.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(60);

    await pass(email, ip, 60);
    expect((await attempt(ip, email, 'wrong-6')).statusCode).toBe(401);
    // The next wait is twice as long; refused attempts do not lengthen it.
    for (const password of ['wrong-7', 'vienna-2008-demo']) {
      const held = await attempt(ip, email, password);
      expect(held.statusCode).toBe(429);
      expect(Number(held.headers['retry-after'])).toBeGreaterThan(110);
      expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(120);
    }
    await pass(email, ip, 120);
    expect((await attempt(ip, email, 'wrong-8')).statusCode).toBe(401);
    expect(Number((await attempt(ip, email, 'wrong-9')).headers['retry-after'])).toBeGreaterThan(230);

    // Once the wait is over, the right password signs in and clears the streak.
    await pass(email, ip, 240);
    expect((await attempt(ip, email, 'vienna-2008-demo')).statusCode).toBe(200);
    expect(await t.app.db.selectFrom('sign_in_backoff').select('failures').where('key', 'in', [email, `${email} ${ip}`]).execute()).toEqual([]);
    expect((await attempt(ip, email, 'wrong-again')).statusCode).toBe(401);
    expect((await attempt(ip, email, 'wrong-again-2')).statusCode).toBe(401);
  });

  it("applies delays to guesses from new addresses too, yet the owner at their usual address is never held back by someone else's", async () => {
    const email = 'brazil@demo.test';
    expect((await attempt('10.9.5.1', email, 'vienna-2008-demo')).statusCode).toBe(200); // the owner's usual address
    // Guesses spread over many addresses share the account's delay.
    for (let i = 0; i < 5; i++) expect((await attempt(`10.9.5.${100 + i}`, email, `guess-${i}`)).statusCode).toBe(401);
    await t.app.db.deleteFrom('rate_limit_counters').where('key', 'like', `${email}%`).execute(); // a new window
    const elsewhere = await attempt('10.9.5.200', email, 'guess-5');
    expect(elsewhere.statusCode).toBe(429);
    expect(Number(elsewhere.headers['retry-after'])).toBeGreaterThan(50);
    // The owner, from the usual address, with the right password: straight in.
    expect((await attempt('10.9.5.1', email, 'vienna-2008-demo')).statusCode).toBe(200);
    // … and that did not clear the delay the guesses earned.
    expect((await attempt('10.9.5.201', email, 'guess-6')).statusCode).toBe(429);
  });

  it.runIf(usingPostgres())('holds on every app server: the delays are in the database, not in a process', async () => {
    const email = 'member.io@demo.test';
    const ip = '10.9.6.1';
    for (let i = 0; i < 5; i++) expect((await attempt(ip, email, `wrong-${i}`)).statusCode).toBe(401);
    await t.app.db.deleteFrom('rate_limit_counters').where('key', 'in', [email, ip, `${email} ${ip}`]).execute();
    const second = await buildApp(t.config, { backgroundJobs: false, logger: false });
    try {
      const res = await second.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: ip, payload: { email, password: 'vienna-2008-demo' } });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
    } finally {
      await second.close();
    }
  });
});
