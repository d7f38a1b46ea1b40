// Your account: the password change ends other sessions; a session signed out from one server is
// signed out on another; TOTP enrolment, sign-in with a code (once), a recovery code used once,
// throttling of wrong codes; the profile's e-mail setting; logos and photos checked by content and
// stripped of metadata; my offers.
import { TOTP, Secret } from 'otpauth';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { DEMO_PASSWORD } from '../demo/demo-accounts.js';
import { STRONG_PASSWORD } from '../testing/accounts-fixtures.js';
import { IMAGE_BYTES_LIMIT } from './image-routes.js';
import { createTestApp, TestClient, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });

describe('password and sessions', () => {
  it('changes the password given the current one, and ends every other session', async () => {
    const a = await t.signIn('academia@demo.test');
    const b = await t.signIn('academia@demo.test');
    const wrong = await a.put('/api/v1/me/password', { currentPassword: 'not it at all', newPassword: STRONG_PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    expect((await b.get('/api/v1/me')).statusCode).toBe(200);
    expect((await a.put('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: STRONG_PASSWORD })).statusCode).toBe(204);
    expect((await a.get('/api/v1/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email: 'academia@demo.test', password: STRONG_PASSWORD })).statusCode).toBe(200);
  });

  it('lists sessions and signs one out, which holds on another app server over the same database', async () => {
    const here = await t.signIn('media@demo.test');
    const there = await t.signIn('media@demo.test');
    const other = await buildApp(t.config, { database: t.database, backgroundJobs: false, logger: false });
    try {
      const onOther = new TestClient(other);
      onOther.cookie = there.cookie;
      onOther.csrfToken = there.csrfToken;
      expect((await onOther.get('/api/v1/me')).statusCode).toBe(200);
      const list = (await here.get('/api/v1/me/sessions')).json().items as { id: string; current: boolean; device: string; network: string | null }[];
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.filter((s) => s.current)).toHaveLength(1);
      expect(list[0]!.network).toBe('127.0.0.0/24');
      // The session behind `there` is the newest that is not this one.
      const mine = new Set(list.filter((s) => !s.current).map((s) => s.id));
      for (const id of mine) expect((await here.delete(`/api/v1/me/sessions/${id}`)).statusCode).toBe(204);
      expect((await onOther.get('/api/v1/me')).statusCode).toBe(401);
      expect((await here.get('/api/v1/me')).statusCode).toBe(200);
      // Someone else's session id is unknown to me.
      const someone = await t.signIn('tdh@demo.test');
      const theirs = (await someone.get('/api/v1/me/sessions')).json().items[0].id;
      expect((await here.delete(`/api/v1/me/sessions/${theirs}`)).statusCode).toBe(404);
      expect((await someone.get('/api/v1/me')).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('two-step sign-in (TOTP)', () => {
  it('enrols, asks for a code at sign-in, takes each code and recovery code once, and throttles wrong codes', async () => {
    const email = 'expert@demo.test';
    const me = await t.signIn(email);
    const started = (await me.post('/api/v1/me/totp')).json();
    expect(started.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Virtual%20Forum:expert%40demo\.test\?/);
    expect(new URL(started.otpauthUrl).searchParams.get('secret')).toBe(started.secret);
    // The QR code is an SVG image of exactly that URI (and not of any other).
    expect(started.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(started.qrCode.split(',')[1], 'base64').toString();
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toBe(await QRCode.toString(started.otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    expect(svg).not.toBe(await QRCode.toString(started.otpauthUrl.replace(started.secret, 'JBSWY3DPEHPK3PXP'), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    expect((await me.post('/api/v1/me/totp/confirm', { code: '000000' })).statusCode).toBe(400);
    const confirmed = await me.post('/api/v1/me/totp/confirm', { code: codeAt(started.secret, Date.now()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect((await me.get('/api/v1/me/profile')).json().twoFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });

    const signIn = (extra: Record<string, string>) => t.client().post('/api/v1/session', { email, password: DEMO_PASSWORD, ...extra });
    const bare = await signIn({});
    expect(bare.statusCode).toBe(401);
    expect(bare.json().type).toBe('/problems/second-factor-required');
    // The code used to confirm is spent; the next one works, once.
    expect((await signIn({ totp: codeAt(started.secret, Date.now()) })).json().type).toBe('/problems/second-factor-invalid');
    const next = codeAt(started.secret, Date.now() + 30_000);
    expect((await signIn({ totp: next })).statusCode).toBe(200);
    expect((await signIn({ totp: next })).statusCode).toBe(401);
    // A recovery code works once.
    expect((await signIn({ recoveryCode: recoveryCodes[0]!.toUpperCase() })).statusCode).toBe(200);
    expect((await signIn({ recoveryCode: recoveryCodes[0]! })).statusCode).toBe(401);
    expect((await me.get('/api/v1/me/profile')).json().twoFactor.recoveryCodesLeft).toBe(9);
    // Wrong codes count like wrong passwords: soon every attempt is refused, even a right one.
    let status = 0;
    for (let i = 0; i < 8 && status !== 429; i++) status = (await signIn({ totp: '123456' })).statusCode;
    expect(status).toBe(429);
    expect((await signIn({ recoveryCode: recoveryCodes[1]! })).statusCode).toBe(429);
  });

  it('turns off only with a valid code', async () => {
    const me = await t.signIn('manpower@demo.test');
    const { secret } = (await me.post('/api/v1/me/totp')).json();
    expect((await me.post('/api/v1/me/totp/confirm', { code: codeAt(secret, Date.now()) })).statusCode).toBe(200);
    expect((await me.request('DELETE', '/api/v1/me/totp', { code: '999999' })).statusCode).toBe(400);
    expect((await me.request('DELETE', '/api/v1/me/totp', { code: codeAt(secret, Date.now() + 30_000) })).statusCode).toBe(204);
    expect((await t.client().post('/api/v1/session', { email: 'manpower@demo.test', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });
});

describe('profile, photos and my work', () => {
  it('shows the e-mail in the directory only once the person allows it; bad input changes nothing', async () => {
    const me = await t.signIn('business@demo.test');
    const reader = await t.signIn('cso@demo.test');
    const find = async () => (await reader.get('/api/v1/directory/people?q=Claire')).json().items[0];
    expect((await find()).email).toBeNull();
    const bad = await me.patch('/api/v1/me/profile', { showEmail: true, timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('timeZone');
    expect((await find()).email).toBeNull();
    const ok = await me.patch('/api/v1/me/profile', { showEmail: true, timeZone: 'Europe/Paris', languages: ['fr', 'en'], expertise: 'Hotel staff training' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await find()).toMatchObject({ email: 'business@demo.test', languages: ['fr', 'en'], expertise: 'Hotel staff training' });
  });

  it('accepts real images only, resized and without metadata, served with a long cache', async () => {
    const me = await t.signIn('tdh@demo.test');
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3366aa' } }).jpeg().withExif({ IFD0: { Copyright: 'secret-location-marker' } }).toBuffer();
    expect(png.includes('secret-location-marker')).toBe(true);
    const upload = (body: Buffer, type: string) => t.app.inject({ method: 'PUT', url: '/api/v1/me/photo', payload: body, headers: { 'content-type': type, cookie: me.cookie!, 'x-csrf-token': me.csrfToken! } });
    const fake = await upload(Buffer.from('%PDF-1.4 not an image at all'), 'image/png');
    expect(fake.statusCode).toBe(415);
    const res = await upload(png, 'image/png'); // the declared type is wrong; the content decides
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ width: 256, height: 256 });
    const image = await me.get(res.json().url);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.headers['cache-control']).toContain('max-age=31536000');
    expect(image.rawPayload.includes('secret-location-marker')).toBe(false);
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect((await me.get('/api/v1/me/profile')).json().photoUrl).toBe(res.json().url);
    // Logos: the focal point of the organization, nobody else.
    const orgId = (await me.get('/api/v1/me')).json().organization.id;
    const logo = (client: TestClient) => t.app.inject({ method: 'PUT', url: `/api/v1/organizations/${orgId}/logo`, payload: png, headers: { 'content-type': 'image/jpeg', cookie: client.cookie!, 'x-csrf-token': client.csrfToken! } });
    expect((await logo(await t.signIn('cso@demo.test'))).statusCode).toBe(403);
    expect((await logo(me)).statusCode).toBe(200);
  });

  it('refuses an image over the size limit with a problem, and keeps the photo there was', async () => {
    const me = await t.signIn('tdh@demo.test');
    const before = (await me.get('/api/v1/me/profile')).json().photoUrl;
    const tooBig = Buffer.concat([await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000000' } }).png().toBuffer(), Buffer.alloc(IMAGE_BYTES_LIMIT)]);
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/me/photo', payload: tooBig, headers: { 'content-type': 'image/png', cookie: me.cookie!, 'x-csrf-token': me.csrfToken! } });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/\w+ \w+/);
    expect((await me.get('/api/v1/me/profile')).json().photoUrl).toBe(before);
  });

  it("lists my organization's offers and pledges as {items, nextCursor}", async () => {
    const io = await t.signIn('io@demo.test');
    const orgId = (await io.get('/api/v1/me')).json().organization.id;
    const expected = Number((await t.app.db.selectFrom('offers').select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', orgId).executeTakeFirstOrThrow()).n);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await io.get(`/api/v1/me/offers?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    const pledges = (await io.get('/api/v1/me/pledges')).json();
    expect(pledges).toMatchObject({ items: expect.any(Array), nextCursor: null });
  });
});
