// Who must use two-step sign-in (issue 12): organizers and full-tier focal points are asked to set it
// up at sign-in; with VF_REQUIRE_2FA=1 they must, and until they have, the API answers them nothing
// but what setting it up needs. Members and partial-tier focal points are never asked.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { SETUP_PENDING_COOKIE } from './second-factor.js';

const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });

let required: TestApp;
let asked: TestApp;
beforeAll(async () => {
  [required, asked] = await Promise.all([createTestApp({ requireTwoFactor: true }), createTestApp()]);
});
afterAll(async () => {
  await Promise.all([required?.close(), asked?.close()]);
});

describe('VF_REQUIRE_2FA', () => {
  it('is read from the environment, off by default, and refused when not 1 or 0', () => {
    expect(loadConfig({}).requireTwoFactor).toBe(false);
    expect(loadConfig({ VF_REQUIRE_2FA: '1' }).requireTwoFactor).toBe(true);
    expect(() => loadConfig({ VF_REQUIRE_2FA: 'sometimes' })).toThrow(/VF_REQUIRE_2FA/);
  });

  it('without it, organizers and full-tier focal points are asked at sign-in, and nothing is refused', async () => {
    const organizer = asked.client();
    const res = await organizer.post('/api/v1/session', { email: 'organizer@demo.test', password: 'vienna-2008-demo' });
    expect(res.json().secondFactor).toEqual({ enabled: false, setup: 'asked' });
    expect((await organizer.get('/api/v1/posts')).statusCode).toBe(200);
    const io = await asked.signIn('io@demo.test'); // intergovernmental: full tier
    expect((await io.get('/api/v1/me')).json().secondFactor).toEqual({ enabled: false, setup: 'asked' });
    const cso = await asked.signIn('cso@demo.test'); // partial tier
    expect((await cso.get('/api/v1/me')).json().secondFactor).toEqual({ enabled: false, setup: null });
    const member = await asked.signIn('member.io@demo.test');
    expect((await member.get('/api/v1/me')).json().secondFactor).toEqual({ enabled: false, setup: null });
  });

  it('with it, an organizer without two-step sign-in may only set it up; then everything works and sign-in asks for the code', async () => {
    const organizer = await required.signIn('organizer@demo.test');
    const me = (await organizer.get('/api/v1/me')).json();
    expect(me.secondFactor).toEqual({ enabled: false, setup: 'required' });
    const refused = await organizer.get('/api/v1/posts');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: '/problems/second-factor-setup-required', status: 403 });
    expect(refused.json().detail).toMatch(/two-step sign-in/);
    expect((await organizer.get('/api/v1/deletion-requests')).statusCode).toBe(403);
    expect((await organizer.get('/api/v1/me/profile')).statusCode).toBe(200);

    // The web app's hint that set-up is pending (its first screen then asks for nothing refused).
    const hint = (res: Awaited<ReturnType<typeof organizer.get>>) => res.cookies.find((c) => c.name === SETUP_PENDING_COOKIE);
    expect(hint(await organizer.get('/api/v1/me'))?.value).toBe('1');

    const { secret } = (await organizer.post('/api/v1/me/totp')).json();
    expect((await organizer.post('/api/v1/me/totp/confirm', { code: codeAt(secret, Date.now()) })).statusCode).toBe(200);
    expect((await organizer.get('/api/v1/me')).json().secondFactor).toEqual({ enabled: true, setup: null });
    // Set up: a browser still holding the hint is told to drop it.
    const withHint = await required.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `${organizer.cookie!}; ${SETUP_PENDING_COOKIE}=1` } });
    expect(withHint.cookies.find((c) => c.name === SETUP_PENDING_COOKIE)?.value).toBe('');
    expect((await organizer.get('/api/v1/posts')).statusCode).toBe(200);

    const again = required.client();
    const first = await again.post('/api/v1/session', { email: 'organizer@demo.test', password: 'vienna-2008-demo' });
    expect(first.statusCode).toBe(401);
    expect(first.json().type).toBe('/problems/second-factor-required');
  });

  it('with it, a full-tier focal point is held too, but not a member or a partial-tier focal point; signing out still works', async () => {
    const io = await required.signIn('io@demo.test');
    expect((await io.get('/api/v1/posts')).statusCode).toBe(403);
    expect((await io.delete('/api/v1/session')).statusCode).toBe(204);
    for (const email of ['member.io@demo.test', 'cso@demo.test']) {
      const who = await required.signIn(email);
      expect((await who.get('/api/v1/posts')).statusCode, email).toBe(200);
    }
  });
});
