// Applying, vetting, activating, and resetting a forgotten password, end to end through the API.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256 } from '../auth/tokens.js';
import { applicationBody, applyAndApprove, freshEmail, freshIp, lastMailTo, mailsTo, onboard, rowCounts, STRONG_PASSWORD } from '../testing/accounts-fixtures.js';
import { createTestApp, tokenFrom, type TestApp, type TestClient } from '../testing/test-app.js';
import { APPLICATION_LIMITS } from './applications.js';
import { RESET_LIMITS } from './activations.js';

let t: TestApp;
let organizer: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  organizer = await t.signIn('organizer@demo.test');
});
afterAll(async () => t?.close());

describe('the whole onboarding path', () => {
  it('goes from application to an activated, signed-in focal point who can sign in again', async () => {
    const email = freshEmail('naptip');
    const body = applicationBody({ email: `  ${email.toUpperCase()} `, name: '  Ministry of Justice, Anti-Trafficking Unit (test) ', category: 'government', country: 'ng' });
    const applicant = t.client();
    applicant.ip = freshIp();
    const applied = await applicant.post('/api/v1/applications', body);
    expect(applied.statusCode).toBe(202);
    expect(applied.json()).toEqual({ status: 'received' });

    const receipt = await lastMailTo(t, email, 'review your application');
    expect(receipt.subject).toMatch(/received your application/);
    expect(receipt.text).toContain('Vienna Forum to Fight Human Trafficking (UNODC, UN.GIFT)');

    const queue = await organizer.get('/api/v1/applications?status=pending');
    expect(queue.statusCode).toBe(200);
    const application = queue.json().items.find((a: { focalPoint: { email: string } }) => a.focalPoint.email === email);
    expect(application).toMatchObject({
      status: 'pending',
      organization: { name: 'Ministry of Justice, Anti-Trafficking Unit (test)', category: 'government', country: 'NG', website: 'https://catw.example.org' },
      focalPoint: { name: 'Aurora Santos', title: 'Programme director', email },
      decidedAt: null,
      decisionReason: null,
      emailKnown: false,
    });

    const approved = await organizer.post(`/api/v1/applications/${application.id}/approve`);
    expect(approved.statusCode).toBe(200);
    const { organizationId, userId } = approved.json();
    expect(approved.json().application).toMatchObject({ id: application.id, status: 'approved', decidedAt: expect.any(String), emailKnown: true });
    const user = await t.app.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ organization_id: organizationId, role: 'focal_point', status: 'pending', password_hash: null, email });

    const mail = await lastMailTo(t, email, '/activate?token=');
    expect(mail.text).toContain(`${t.config.publicUrl}/activate?token=`);
    // Whom to ask for a new link if this one expires: the organizers' address (VF_ORGANIZERS_EMAIL).
    expect(mail.text).toContain(`If it has expired, please write to the organizers\nat ${t.config.mail.organizersEmail} for a new one.`);
    const token = tokenFrom(mail.text);
    // Only the hash is kept, and the link lasts 72 hours.
    const stored = await t.app.db.selectFrom('tokens').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(token));
    expect(stored.purpose).toBe('activation');
    expect(stored.expires_at.getTime() - Date.now()).toBeGreaterThan(71.9 * 3_600_000);
    expect(stored.expires_at.getTime() - Date.now()).toBeLessThan(72.1 * 3_600_000);

    const newcomer = t.client();
    const activated = await newcomer.post('/api/v1/activations', { token, password: STRONG_PASSWORD });
    expect(activated.statusCode).toBe(200);
    expect(activated.json()).toMatchObject({ id: userId, email, role: 'focal_point', tier: 'full', organization: { id: organizationId, category: 'government', country: 'NG' } });
    const me = await newcomer.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: userId, tier: 'full' });

    const again = await t.client().post('/api/v1/session', { email, password: STRONG_PASSWORD });
    expect(again.statusCode).toBe(200);
    const actions = (await t.app.db.selectFrom('audit_events').select('action').where('target_id', 'in', [application.id, userId]).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['application.submitted', 'application.approved', 'account.activated', 'session.sign_in']));
  });

  it('gives a civil-society focal point the partial tier', async () => {
    const { client } = await onboard(t, organizer, { category: 'civil_society' });
    expect((await client.get('/api/v1/me')).json()).toMatchObject({ tier: 'partial', organization: { category: 'civil_society' } });
  });

  it('refuses to decide an application twice', async () => {
    const { applicationId } = await applyAndApprove(t, organizer);
    const again = await organizer.post(`/api/v1/applications/${applicationId}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/application-decided');
    expect((await organizer.post(`/api/v1/applications/${applicationId}/reject`, { reason: 'Changed our mind.' })).statusCode).toBe(409);
  });

  it('answers 404 for an application that does not exist', async () => {
    expect((await organizer.post('/api/v1/applications/00000000-0000-4000-8000-000000000000/approve')).statusCode).toBe(404);
    expect((await organizer.post('/api/v1/applications/not-an-id/approve')).statusCode).toBe(404);
  });
});

describe('rejection', () => {
  it('mails the reason to the applicant and records the decision', async () => {
    const body = applicationBody();
    const applicant = t.client();
    applicant.ip = freshIp();
    await applicant.post('/api/v1/applications', body);
    const { id } = await t.app.db.selectFrom('applications').select('id').where('focal_point_email', '=', body.focalPoint.email).executeTakeFirstOrThrow();
    const before = await rowCounts(t);
    const short = await organizer.post(`/api/v1/applications/${id}/reject`, { reason: '  no ' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect(await rowCounts(t)).toEqual(before);

    const reason = 'The Forum is for organizations working against trafficking; your activities are in another field.';
    const res = await organizer.post(`/api/v1/applications/${id}/reject`, { reason });
    expect(res.statusCode).toBe(200);
    expect(res.json().application).toMatchObject({ id, status: 'rejected', decisionReason: reason, decidedAt: expect.any(String) });
    const mail = await lastMailTo(t, body.focalPoint.email, reason);
    expect(mail.text).toContain('UNODC, UN.GIFT');
    expect((await organizer.get('/api/v1/applications?status=rejected')).json().items.map((a: { id: string }) => a.id)).toContain(id);
    expect(await t.app.db.selectFrom('users').select('id').where('email', '=', body.focalPoint.email).executeTakeFirst()).toBeUndefined();
  });
});

describe('an address that already has an account', () => {
  it('gets the same answer on applying, shows as known to organizers, and cannot be approved', async () => {
    const known = applicationBody({ email: 'cso@demo.test' });
    const unknown = applicationBody({ email: freshEmail() });
    const a = t.client();
    a.ip = freshIp();
    const b = t.client();
    b.ip = freshIp();
    const knownRes = await a.post('/api/v1/applications', known);
    const unknownRes = await b.post('/api/v1/applications', unknown);
    expect(knownRes.statusCode).toBe(unknownRes.statusCode);
    expect(knownRes.body).toBe(unknownRes.body);
    expect(knownRes.headers['content-type']).toBe(unknownRes.headers['content-type']);

    const items = (await organizer.get('/api/v1/applications')).json().items as { id: string; emailKnown: boolean; focalPoint: { email: string } }[];
    const application = items.find((i) => i.focalPoint.email === 'cso@demo.test')!;
    expect(application.emailKnown).toBe(true);
    const before = await rowCounts(t);
    const res = await organizer.post(`/api/v1/applications/${application.id}/approve`);
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('/problems/email-in-use');
    expect(await rowCounts(t)).toEqual(before);
    const row = await t.app.db.selectFrom('applications').select('status').where('id', '=', application.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });
});

describe('the application form', () => {
  it('names every invalid field, in plain words, and stores nothing', async () => {
    const before = await rowCounts(t);
    const c = t.client();
    c.ip = freshIp();
    const res = await c.post('/api/v1/applications', {
      organization: { name: 'X', category: 'church', country: 'XX', website: 'ftp://files.example.org' },
      focalPoint: { name: ' ', email: 'not-an-address' },
      motivation: 'Please.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const errors = res.json().errors as { field: string; pointer: string; detail: string }[];
    const fields = errors.map((e) => e.field).sort();
    expect(fields).toEqual([
      'focalPoint.email',
      'focalPoint.name',
      'focalPoint.title',
      'motivation',
      'organization.category',
      'organization.country',
      'organization.name',
      'organization.website',
    ]);
    expect(errors.find((e) => e.field === 'organization.country')).toMatchObject({ pointer: '#/organization/country', detail: expect.stringContaining('two-letter code') });
    expect(errors.find((e) => e.field === 'focalPoint.title')!.detail).toBe('is required');
    expect(errors.find((e) => e.field === 'motivation')!.detail).toBe('must be at least 20 characters long');
    expect(await rowCounts(t)).toEqual(before);
  });

  it.each([
    ['a three-letter code', { country: 'AUT' }, 'organization.country'],
    ['a lower-case unknown code', { country: 'zz' }, 'organization.country'],
    ['a javascript: address', { website: 'javascript:alert(1)' }, 'organization.website'],
    ['a name that is only spaces around one letter', { name: '   A   ' }, 'organization.name'],
    ['a name over 200 characters', { name: 'N'.repeat(201) }, 'organization.name'],
  ])('refuses %s', async (_label, change, field) => {
    const body = applicationBody();
    Object.assign(body.organization, change);
    const c = t.client();
    c.ip = freshIp();
    const before = await rowCounts(t);
    const res = await c.post('/api/v1/applications', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('accepts an empty website as none, and stores tidied values', async () => {
    const body = applicationBody({ country: ' at ' });
    body.organization.website = '';
    body.motivation = `   ${body.motivation}   `;
    const c = t.client();
    c.ip = freshIp();
    expect((await c.post('/api/v1/applications', body)).statusCode).toBe(202);
    const row = await t.app.db.selectFrom('applications').selectAll().where('focal_point_email', '=', body.focalPoint.email).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ organization_country: 'AT', organization_website: null, motivation: body.motivation.trim() });
  });

  it('limits applications per address with 429 and Retry-After', async () => {
    const c = t.client();
    c.ip = freshIp();
    for (let i = 0; i < APPLICATION_LIMITS.perIp.max; i++) {
      expect((await c.post('/api/v1/applications', applicationBody())).statusCode).toBe(202);
    }
    const before = await rowCounts(t);
    const limited = await c.post('/api/v1/applications', applicationBody());
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().type).toBe('/problems/too-many-requests');
    expect(await rowCounts(t)).toEqual(before);
    const elsewhere = t.client();
    elsewhere.ip = freshIp();
    expect((await elsewhere.post('/api/v1/applications', applicationBody())).statusCode).toBe(202);
  });
});

describe('who may see and decide applications', () => {
  it('answers 401 when signed out and 403 to a participant', async () => {
    expect((await t.client().get('/api/v1/applications')).statusCode).toBe(401);
    const participant = await t.signIn('io@demo.test');
    const res = await participant.get('/api/v1/applications?status=pending');
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('/problems/forbidden');
    const { id } = await t.app.db.selectFrom('applications').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect((await participant.post(`/api/v1/applications/${id}/approve`)).statusCode).toBe(403);
    expect((await participant.post(`/api/v1/applications/${id}/reject`, { reason: 'Not for you to decide.' })).statusCode).toBe(403);
    expect((await t.client().post(`/api/v1/applications/${id}/approve`)).statusCode).toBe(401);
  });

  it('refuses an approval without the CSRF token and changes nothing', async () => {
    const body = applicationBody();
    const c = t.client();
    c.ip = freshIp();
    await c.post('/api/v1/applications', body);
    const { id } = await t.app.db.selectFrom('applications').select('id').where('focal_point_email', '=', body.focalPoint.email).executeTakeFirstOrThrow();
    const before = await rowCounts(t);
    const res = await organizer.post(`/api/v1/applications/${id}/approve`, {}, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('/problems/csrf-token-invalid');
    expect(await rowCounts(t)).toEqual(before);
    expect((await t.app.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('pending');
  });
});

describe('activation links', () => {
  it('refuses an unknown link with 404', async () => {
    const res = await t.client().post('/api/v1/activations', { token: 'no-such-token-anywhere', password: STRONG_PASSWORD });
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('/problems/link-unknown');
  });

  it('refuses a used link with 410, and a second activation changes nothing', async () => {
    const { token } = await onboard(t, organizer);
    const before = await rowCounts(t);
    const res = await t.client().post('/api/v1/activations', { token, password: 'another strong passphrase 77' });
    expect(res.statusCode).toBe(410);
    expect(res.json().type).toBe('/problems/link-used');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuses an expired link with 410', async () => {
    const { token, userId } = await applyAndApprove(t, organizer);
    await t.app.db.updateTable('tokens').set({ expires_at: sql<Date>`now() - interval '1 minute'` }).where('token_hash', '=', sha256(token)).execute();
    const res = await t.client().post('/api/v1/activations', { token, password: STRONG_PASSWORD });
    expect(res.statusCode).toBe(410);
    expect(res.json().type).toBe('/problems/link-expired');
    expect((await t.app.db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirstOrThrow()).status).toBe('pending');
  });

  it('refuses weak and short passwords on the password field, and the link still works afterwards', async () => {
    const { token, userId, email } = await applyAndApprove(t, organizer).then((r) => ({ ...r, email: r.body.focalPoint.email }));
    const before = await rowCounts(t);
    const c = t.client();
    const weak = await c.post('/api/v1/activations', { token, password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([expect.objectContaining({ field: 'password', detail: expect.stringContaining('common') })]);
    const personal = await c.post('/api/v1/activations', { token, password: email });
    expect(personal.statusCode).toBe(400);
    expect(personal.json().errors[0].field).toBe('password');
    const short = await c.post('/api/v1/activations', { token, password: 'Sh0rt!' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ field: 'password', detail: 'must be at least 12 characters long' })]);
    expect(await rowCounts(t)).toEqual(before);
    const user = await t.app.db.selectFrom('users').select(['status', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
    expect(user).toEqual({ status: 'pending', password_hash: null });
    expect((await c.post('/api/v1/activations', { token, password: STRONG_PASSWORD })).statusCode).toBe(200);
  });

  it('signs out whatever session the browser had before activating', async () => {
    const { token } = await applyAndApprove(t, organizer);
    const c = await t.signIn('media@demo.test');
    const old = c.cookie;
    const res = await c.post('/api/v1/activations', { token, password: STRONG_PASSWORD }, { csrf: false });
    expect(res.statusCode).toBe(200);
    const stale = t.client();
    stale.cookie = old;
    expect((await stale.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('answers the same for known and unknown addresses and sends a link only to the account holder', async () => {
    const a = t.client();
    a.ip = freshIp();
    const b = t.client();
    b.ip = freshIp();
    const unknownEmail = freshEmail('nobody');
    const known = await a.post('/api/v1/password-resets', { email: ' Academia@Demo.test ' });
    const unknown = await b.post('/api/v1/password-resets', { email: unknownEmail });
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(known.json()).toEqual({ status: 'requested' });
    // The unknown address gets the notice that it has no active account, with no link in it.
    const notices = await mailsTo(t, unknownEmail);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('there is no active account with this address');
    expect(notices[0]!.text).not.toContain('token=');
    const mail = await lastMailTo(t, 'academia@demo.test', '/reset-password?token=');
    expect(mail.text).toContain(`${t.config.publicUrl}/reset-password?token=`);
    expect(mail.subject).toBe(notices[0]!.subject);
    const requested = await t.app.db.selectFrom('audit_events').selectAll().where('action', '=', 'password.reset_requested').execute();
    expect(requested.map((r) => r.details)).toEqual(expect.arrayContaining([{ linkSent: true }, { linkSent: false }]));
    expect(requested).toHaveLength(2);
    const stored = await t.app.db.selectFrom('tokens').selectAll().where('token_hash', '=', sha256(tokenFrom(mail.text))).executeTakeFirstOrThrow();
    expect(stored.purpose).toBe('password_reset');
    expect(stored.expires_at.getTime() - Date.now()).toBeLessThan(3_600_000 + 60_000);
  });

  it('does the same work for a known and an unknown address: one queued request each, the mail made afterwards (issue 10)', async () => {
    const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(t.app.db)).rows.map((r) => r.name);
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (name) => [name, Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(t.app.db)).rows[0]!.n)] as const)));
    const delta = (after: Record<string, number>, before: Record<string, number>) => Object.fromEntries(tables.flatMap((name) => (after[name] !== before[name] ? [[name, after[name]! - before[name]!]] : [])));
    // The mail sender's pass is held back, to see what the request itself did.
    const kick = vi.spyOn(t.app.mail, 'kick').mockImplementation(() => {});
    const unknownEmail = freshEmail('no-such-person');
    try {
      const ask = async (email: string) => {
        const c = t.client();
        c.ip = freshIp();
        const before = await counts();
        const res = await c.post('/api/v1/password-resets', { email });
        return { res, changed: delta(await counts(), before) };
      };
      const known = await ask('Expert@Demo.test');
      const unknown = await ask(unknownEmail);
      expect(known.res.statusCode).toBe(202);
      expect(unknown.res.statusCode).toBe(202);
      expect(known.res.body).toBe(unknown.res.body);
      expect(Object.keys(known.res.headers).sort()).toEqual(Object.keys(unknown.res.headers).sort());
      // Row for row the same writes: the queued request and the rate-limit counters, no link, no mail, no audit entry yet.
      expect(known.changed).toEqual(unknown.changed);
      expect(known.changed).toMatchObject({ password_reset_requests: 1 });
      expect(Object.keys(known.changed).sort()).toEqual(['password_reset_requests', 'rate_limit_counters']);
      expect(kick).toHaveBeenCalledTimes(2);
      const queued = await t.app.db.selectFrom('password_reset_requests').select('email').orderBy('requested_at').execute();
      expect(queued.map((q) => q.email)).toEqual(['expert@demo.test', unknownEmail]);
    } finally {
      kick.mockRestore();
    }
    // The sender's pass then sends the link to the account holder only, and the queue keeps no address.
    await t.app.mail.deliverDue();
    expect((await mailsTo(t, unknownEmail)).map((m) => m.text.includes('token='))).toEqual([false]);
    expect((await lastMailTo(t, 'expert@demo.test', '/reset-password?token=')).text).toContain(`${t.config.publicUrl}/reset-password?token=`);
    expect(await t.app.db.selectFrom('password_reset_requests').select('id').execute()).toEqual([]);
  });

  it('does the same work afterwards too: the mail pass writes the same rows and delivers one mail for a known and an unknown address (issue 10)', async () => {
    const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(t.app.db)).rows.map((r) => r.name);
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (name) => [name, Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(t.app.db)).rows[0]!.n)] as const)));
    const delta = (after: Record<string, number>, before: Record<string, number>) => Object.fromEntries(tables.flatMap((name) => (after[name] !== before[name] ? [[name, after[name]! - before[name]!]] : [])));
    const kick = vi.spyOn(t.app.mail, 'kick').mockImplementation(() => {});
    const unknownEmail = freshEmail('never-registered');
    try {
      await t.app.mail.deliverDue();
      // One request, then the mail sender's pass alone: what does the pass write and send?
      const pass = async (email: string) => {
        const c = t.client();
        c.ip = freshIp();
        expect((await c.post('/api/v1/password-resets', { email })).statusCode).toBe(202);
        const before = await counts();
        const unowned = await t.app.db.selectFrom('tokens').select('id').where('user_id', 'is', null).execute();
        const sent = await t.app.mail.deliverDue();
        const unownedAfter = await t.app.db.selectFrom('tokens').select('id').where('user_id', 'is', null).execute();
        return { sent, changed: delta(await counts(), before), unownedTokens: unownedAfter.length - unowned.length };
      };
      const known = await pass('media@demo.test');
      const unknown = await pass(unknownEmail);
      // Row for row the same: the request leaves the queue, one token, one mail, one audit entry; one mail delivered.
      expect(known.changed).toEqual({ audit_events: 1, mail_outbox: 1, password_reset_requests: -1, tokens: 1 });
      expect(unknown.changed).toEqual(known.changed);
      expect(known.sent).toBe(1);
      expect(unknown.sent).toBe(1);
      // The unknown address's token belongs to nobody, so it can never be redeemed.
      expect(known.unownedTokens).toBe(0);
      expect(unknown.unownedTokens).toBe(1);
    } finally {
      kick.mockRestore();
    }
    // Such a token could never be redeemed even if it were known: redemption joins the account.
    const token = 'unowned-reset-token-for-the-test';
    await t.app.db.insertInto('tokens').values({ token_hash: sha256(token), purpose: 'password_reset', user_id: null, expires_at: new Date(Date.now() + 3_600_000) }).execute();
    const res = await t.client().post('/api/v1/password-resets/confirm', { token, password: STRONG_PASSWORD }, { csrf: false });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ type: expect.stringContaining('link-unknown') });
    // And only reset tokens may belong to nobody.
    await expect(t.app.db.insertInto('tokens').values({ token_hash: sha256(`${token}-2`), purpose: 'activation', user_id: null, expires_at: new Date() }).execute()).rejects.toThrow();
  });

  it('sets the new password, signs out every other session and signs this browser in', async () => {
    const elsewhere = await t.signIn('academia@demo.test');
    const token = tokenFrom((await lastMailTo(t, 'academia@demo.test', 'token=')).text);
    const c = t.client();
    const weak = await c.post('/api/v1/password-resets/confirm', { token, password: 'qwertyuiop123' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('password');
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(200);

    const res = await c.post('/api/v1/password-resets/confirm', { token, password: 'copper meadow violin 4417' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: 'academia@demo.test', tier: 'partial' });
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email: 'academia@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email: 'academia@demo.test', password: 'copper meadow violin 4417' })).statusCode).toBe(200);
    const reused = await t.client().post('/api/v1/password-resets/confirm', { token, password: 'another fresh phrase 5521' });
    expect(reused.statusCode).toBe(410);
    expect(reused.json().type).toBe('/problems/link-used');
    expect(await t.app.db.selectFrom('audit_events').select('id').where('action', '=', 'password.reset').execute()).toHaveLength(1);
  });

  it('refuses an expired reset link, and an activation link used as a reset link', async () => {
    const c = t.client();
    c.ip = freshIp();
    await c.post('/api/v1/password-resets', { email: 'media@demo.test' });
    const token = tokenFrom((await lastMailTo(t, 'media@demo.test', 'token=')).text);
    await t.app.db.updateTable('tokens').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('token_hash', '=', sha256(token)).execute();
    const expired = await c.post('/api/v1/password-resets/confirm', { token, password: STRONG_PASSWORD });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().type).toBe('/problems/link-expired');

    const { token: activation } = await applyAndApprove(t, organizer);
    const wrongKind = await c.post('/api/v1/password-resets/confirm', { token: activation, password: STRONG_PASSWORD });
    expect(wrongKind.statusCode).toBe(404);
    expect(wrongKind.json().type).toBe('/problems/link-unknown');
  });

  it('sends no link to an account that is not active yet', async () => {
    const { body } = await applyAndApprove(t, organizer);
    const email = body.focalPoint.email;
    const mailsBefore = (await mailsTo(t, email)).length;
    const c = t.client();
    c.ip = freshIp();
    expect((await c.post('/api/v1/password-resets', { email })).statusCode).toBe(202);
    // Only the notice that there is no active account (the same work as for any address), no link.
    const added = (await mailsTo(t, email)).slice(mailsBefore);
    expect(added).toHaveLength(1);
    expect(added[0]!.text).toContain('there is no active account with this address');
    expect(added[0]!.text).not.toContain('token=');
  });

  it('limits requests per address', async () => {
    const email = freshEmail('limited');
    for (let i = 0; i < RESET_LIMITS.perEmail.max; i++) {
      const c = t.client();
      c.ip = freshIp();
      expect((await c.post('/api/v1/password-resets', { email })).statusCode).toBe(202);
    }
    const c = t.client();
    c.ip = freshIp();
    const limited = await c.post('/api/v1/password-resets', { email });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('checking a link when its page opens, without using it (issue 13)', () => {
  const status = (path: string, token: string) => t.client().get(`${path}?token=${encodeURIComponent(token)}`);

  it('says a fresh link is usable, changes nothing, and the link still works afterwards', async () => {
    const { token, body } = await applyAndApprove(t, organizer);
    const before = await rowCounts(t);
    const res = await status('/api/v1/activations/status', token);
    expect(res.statusCode).toBe(200);
    // Nothing about the account: the holder of the link learns only that it can be used.
    expect(res.json()).toEqual({ status: 'usable' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain(body.focalPoint.email);
    expect(await rowCounts(t)).toEqual(before);
    expect((await t.app.db.selectFrom('tokens').select('used_at').where('token_hash', '=', sha256(token)).executeTakeFirstOrThrow()).used_at).toBeNull();
    expect((await t.client().post('/api/v1/activations', { token, password: STRONG_PASSWORD })).statusCode).toBe(200);
  });

  it('says at once that a link was used, has expired or is unknown, with the same problems as using it', async () => {
    const { token: used, email } = await onboard(t, organizer);
    const usedRes = await status('/api/v1/activations/status', used);
    expect(usedRes.statusCode).toBe(410);
    expect(usedRes.json().type).toBe('/problems/link-used');
    expect(usedRes.body).not.toContain(email);

    const { token: old } = await applyAndApprove(t, organizer);
    await t.app.db.updateTable('tokens').set({ expires_at: sql<Date>`now() - interval '1 minute'` }).where('token_hash', '=', sha256(old)).execute();
    const expired = await status('/api/v1/activations/status', old);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().type).toBe('/problems/link-expired');

    const unknown = await status('/api/v1/activations/status', 'no-such-token-anywhere');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().type).toBe('/problems/link-unknown');
    // A link of the other kind is not a reset link.
    const { token: activation } = await applyAndApprove(t, organizer);
    const wrongKind = await status('/api/v1/password-resets/status', activation);
    expect(wrongKind.statusCode).toBe(404);
    expect(wrongKind.json().type).toBe('/problems/link-unknown');
    expect((await t.client().get('/api/v1/activations/status')).statusCode).toBe(400);
  });

  it('checks reset links the same way: usable until used, then used', async () => {
    const c = t.client();
    c.ip = freshIp();
    await c.post('/api/v1/password-resets', { email: 'brazil@demo.test' });
    const token = tokenFrom((await lastMailTo(t, 'brazil@demo.test', 'token=')).text);
    expect((await status('/api/v1/password-resets/status', token)).json()).toEqual({ status: 'usable' });
    expect((await c.post('/api/v1/password-resets/confirm', { token, password: 'pebble harbour lantern 8812' })).statusCode).toBe(200);
    const after = await status('/api/v1/password-resets/status', token);
    expect(after.statusCode).toBe(410);
    expect(after.json().type).toBe('/problems/link-used');
  });
});
