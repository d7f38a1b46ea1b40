// The audit log: what is recorded, who may read it, and its pages.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/tokens.js';
import { applicationBody, applyAndApprove, freshEmail, lastMailTo, onboard, STRONG_PASSWORD } from '../testing/accounts-fixtures.js';
import { createTestApp, tokenFrom, type TestApp, type TestClient } from '../testing/test-app.js';
import { AUDIT_PAGE_SIZE } from './routes.js';

interface AuditEvent {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

let t: TestApp;
let organizer: TestClient;
const ORGANIZER_IP = '10.20.0.1';
const secrets: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  organizer = t.client();
  organizer.ip = ORGANIZER_IP;
  expect((await organizer.post('/api/v1/session', { email: 'organizer@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(200);
});
afterAll(async () => t?.close());

async function events(action: string): Promise<AuditEvent[]> {
  const res = await organizer.get(`/api/v1/audit?action=${encodeURIComponent(action)}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('what the audit log records', () => {
  it('records sign-ins, failures, decisions, invitations, suspensions and password changes with actor and ip', async () => {
    const stranger = t.client();
    stranger.ip = '10.20.0.2';
    const wrongPassword = 'not-the-password-9134';
    secrets.push(wrongPassword);
    expect((await stranger.post('/api/v1/session', { email: 'cso@demo.test', password: wrongPassword })).statusCode).toBe(401);

    const approved = await applyAndApprove(t, organizer);
    secrets.push(approved.token);
    const rejectedBody = applicationBody();
    const applicant = t.client();
    applicant.ip = '10.20.0.3';
    await applicant.post('/api/v1/applications', rejectedBody);
    const rejected = await t.app.db.selectFrom('applications').select('id').where('focal_point_email', '=', rejectedBody.focalPoint.email).executeTakeFirstOrThrow();
    expect((await organizer.post(`/api/v1/applications/${rejected.id}/reject`, { reason: 'Outside the Forum’s scope.' })).statusCode).toBe(200);

    const focal = t.client();
    focal.ip = '10.20.0.4';
    await focal.post('/api/v1/session', { email: 'io@demo.test', password: 'vienna-2008-demo' });
    const inviteeEmail = freshEmail('audited');
    const iom = (await focal.get('/api/v1/me')).json().organization.id;
    expect((await focal.post(`/api/v1/organizations/${iom}/invitations`, { name: 'Olu Ade', title: 'Officer', email: inviteeEmail, role: 'member' })).statusCode).toBe(202);
    const invitee = await t.app.db.selectFrom('users').select('id').where('email', '=', inviteeEmail).executeTakeFirstOrThrow();
    secrets.push(tokenFrom((await lastMailTo(t, inviteeEmail, 'token=')).text));

    const memberId = (await t.app.db.selectFrom('users').select('id').where('email', '=', 'member.io@demo.test').executeTakeFirstOrThrow()).id;
    expect((await organizer.post(`/api/v1/users/${memberId}/suspend`, { reason: 'Test of the audit log.' })).statusCode).toBe(200);
    expect((await organizer.post(`/api/v1/users/${memberId}/reinstate`)).statusCode).toBe(200);

    const changer = t.client();
    changer.ip = '10.20.0.5';
    await changer.post('/api/v1/session', { email: 'expert@demo.test', password: 'vienna-2008-demo' });
    const newPassword = 'saffron kettle orbit 3381';
    secrets.push(newPassword);
    expect((await changer.post('/api/v1/me/password', { currentPassword: 'vienna-2008-demo', newPassword })).statusCode).toBe(204);

    const signIn = (await events('session.sign_in')).find((e) => e.ip === ORGANIZER_IP)!;
    expect(signIn.actor).toMatchObject({ email: 'organizer@demo.test', name: 'Helena Berger' });
    expect((await events('session.sign_in_failed'))[0]).toMatchObject({ actor: null, ip: '10.20.0.2', details: { email: 'cso@demo.test' } });
    expect((await events('application.approved'))[0]).toMatchObject({ actor: { email: 'organizer@demo.test' }, ip: ORGANIZER_IP, targetType: 'application', targetId: approved.applicationId });
    expect((await events('application.rejected'))[0]).toMatchObject({ actor: { email: 'organizer@demo.test' }, ip: ORGANIZER_IP, targetId: rejected.id, details: { reason: 'Outside the Forum’s scope.' } });
    expect((await events('application.submitted')).find((e) => e.targetId === rejected.id)).toMatchObject({ actor: null, ip: '10.20.0.3' });
    expect((await events('account.invited'))[0]).toMatchObject({ actor: { email: 'io@demo.test' }, ip: '10.20.0.4', targetType: 'user', targetId: invitee.id });
    expect((await events('account.suspended'))[0]).toMatchObject({ actor: { email: 'organizer@demo.test' }, ip: ORGANIZER_IP, targetId: memberId, details: { reason: 'Test of the audit log.' } });
    expect((await events('account.reinstated'))[0]).toMatchObject({ actor: { email: 'organizer@demo.test' }, targetId: memberId });
    expect((await events('password.changed'))[0]).toMatchObject({ actor: { email: 'expert@demo.test' }, ip: '10.20.0.5' });
  });

  it('records activations and password resets, and never holds a password or a token', async () => {
    const onboarded = await onboard(t, organizer);
    secrets.push(onboarded.token, STRONG_PASSWORD);
    const requester = t.client();
    requester.ip = '10.20.0.6';
    await requester.post('/api/v1/password-resets', { email: onboarded.email });
    const resetToken = tokenFrom((await lastMailTo(t, onboarded.email, '/reset-password?token=')).text);
    const resetPassword = 'walnut cinder pavilion 2209';
    secrets.push(resetToken, resetPassword);
    expect((await requester.post('/api/v1/password-resets/confirm', { token: resetToken, password: resetPassword })).statusCode).toBe(200);

    expect((await events('account.activated'))[0]).toMatchObject({ actor: { email: onboarded.email }, targetId: onboarded.userId });
    expect((await events('password.reset_requested'))[0]).toMatchObject({ actor: null, ip: '10.20.0.6', targetId: onboarded.userId });
    expect((await events('password.reset'))[0]).toMatchObject({ actor: { email: onboarded.email }, ip: '10.20.0.6' });

    const everything = JSON.stringify(await t.app.db.selectFrom('audit_events').selectAll().execute());
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(sha256(secret));
    }
  });
});

describe('reading the audit log', () => {
  it('is for organizers only', async () => {
    expect((await t.client().get('/api/v1/audit')).statusCode).toBe(401);
    const res = await (await t.signIn('io@demo.test')).get('/api/v1/audit');
    expect(res.statusCode).toBe(403);
  });

  it('pages newest first by cursor without repeating or skipping events that share a timestamp', async () => {
    // 130 events within three microseconds of each other: a millisecond cursor would lose some.
    await sql`
      insert into audit_events (at, action, details)
      select timestamptz '2020-01-01 00:00:00+00' + (i % 3) * interval '1 microsecond', 'test.bulk', jsonb_build_object('i', i)
      from generate_series(1, 130) as i`.execute(t.app.db);
    const expected = (await t.app.db.selectFrom('audit_events').select('id').where('action', '=', 'test.bulk').orderBy('at', 'desc').orderBy('id', 'desc').execute()).map((r) => r.id);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json(): { items: AuditEvent[]; nextCursor: string | null } } = await organizer.get(`/api/v1/audit?action=test.bulk${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.statusCode).toBe(200);
      const body = page.json();
      sizes.push(body.items.length);
      seen.push(...body.items.map((e) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 30]);
    expect(seen).toEqual(expected);
  });

  it('lists every action newest first when not filtered', async () => {
    const items = (await organizer.get('/api/v1/audit')).json().items as AuditEvent[];
    expect(items).toHaveLength(AUDIT_PAGE_SIZE);
    const times = items.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('refuses a cursor it did not give out', async () => {
    for (const bad of ['garbage', Buffer.from('2020-02-30T00:00:00.000000Z|00000000-0000-4000-8000-000000000000').toString('base64url'), Buffer.from("x|1'; drop table users").toString('base64url')]) {
      const res = await organizer.get(`/api/v1/audit?cursor=${bad}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('cursor');
    }
  });
});
