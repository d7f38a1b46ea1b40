// The directory, members, invitations, and switching accounts and organizations off and on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEmail, lastMailTo, mailsTo, onboard, rowCounts, STRONG_PASSWORD } from '../testing/accounts-fixtures.js';
import { createTestApp, tokenFrom, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let organizer: TestClient;
const orgIdOf = async (email: string) =>
  (await t.app.db.selectFrom('users').select('organization_id').where('email', '=', email).executeTakeFirstOrThrow()).organization_id;
const userIdOf = async (email: string) => (await t.app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestApp();
  organizer = await t.signIn('organizer@demo.test');
});
afterAll(async () => t?.close());

/** A focal point invites someone; returns the invitee's email and mailed token. */
async function invite(by: TestClient, organizationId: string, role: 'member' | 'focal_point' = 'member') {
  const email = freshEmail('invitee');
  const res = await by.post(`/api/v1/organizations/${organizationId}/invitations`, { name: 'Nadia Karim', title: 'Caseworker', email, role });
  expect(res.statusCode, res.body).toBe(202);
  return { email, token: tokenFrom((await lastMailTo(t, email, '/activate?token=')).text) };
}

describe('the directory', () => {
  it('lists organizations with their tier to every participant, and their status only to organizers', async () => {
    expect((await t.client().get('/api/v1/organizations')).statusCode).toBe(401);
    const participant = await t.signIn('media@demo.test');
    const res = await participant.get('/api/v1/organizations');
    expect(res.statusCode).toBe(200);
    const naptip = res.json().items.find((o: { name: string }) => o.name.includes('NAPTIP'));
    expect(naptip).toEqual({ id: expect.any(String), name: expect.any(String), category: 'government', country: 'NG', website: null, tier: 'full', isDemo: true });
    const asOrganizer = (await organizer.get('/api/v1/organizations')).json().items.find((o: { id: string }) => o.id === naptip.id);
    expect(asOrganizer.status).toBe('active');
    const one = await participant.get(`/api/v1/organizations/${naptip.id}`);
    expect(one.json()).toEqual(naptip);
    expect((await participant.get('/api/v1/organizations/not-an-id')).statusCode).toBe(404);
    expect((await participant.get('/api/v1/organizations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('members and invitations', () => {
  it('shows members to the focal point of that organization and to organizers only', async () => {
    const iom = await orgIdOf('io@demo.test');
    const focal = await t.signIn('io@demo.test');
    const res = await focal.get(`/api/v1/organizations/${iom}/members`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: 'member.io@demo.test', role: 'member', status: 'active', activatedAt: expect.any(String), title: 'Project assistant' })]),
    );
    expect((await organizer.get(`/api/v1/organizations/${iom}/members`)).statusCode).toBe(200);
    expect((await (await t.signIn('cso@demo.test')).get(`/api/v1/organizations/${iom}/members`)).statusCode).toBe(403);
    expect((await (await t.signIn('member.io@demo.test')).get(`/api/v1/organizations/${iom}/members`)).statusCode).toBe(403);
  });

  it('lets a focal point invite a member, who activates from the mail and is signed in', async () => {
    const iom = await orgIdOf('io@demo.test');
    const focal = await t.signIn('io@demo.test');
    const { email, token } = await invite(focal, iom);
    const mail = await lastMailTo(t, email, 'token=');
    expect(mail.text).toContain('Marta Silva has invited you');
    expect(mail.text).toContain(`${t.config.publicUrl}/activate?token=`);
    const listed = (await focal.get(`/api/v1/organizations/${iom}/members`)).json().items.find((m: { email: string }) => m.email === email);
    expect(listed).toMatchObject({ status: 'pending', role: 'member', activatedAt: null });

    const invitee = t.client();
    const res = await invitee.post('/api/v1/activations', { token, password: STRONG_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email, role: 'member', tier: 'full', organization: { id: iom } });
    const audit = await t.app.db.selectFrom('audit_events').selectAll().where('action', '=', 'account.invited').where('target_id', '=', listed.id).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(await userIdOf('io@demo.test'));
  });

  it('answers an invitation of an address that already has an account the same way, creates nothing, and tells that address', async () => {
    const iom = await orgIdOf('io@demo.test');
    const focal = await t.signIn('io@demo.test');
    const before = await rowCounts(t);
    const fresh = await focal.post(`/api/v1/organizations/${iom}/invitations`, { name: 'New Person', title: 'Officer', email: freshEmail(), role: 'member' });
    const users = (await rowCounts(t)).users;
    const existing = await focal.post(`/api/v1/organizations/${iom}/invitations`, { name: 'Tom Hughes', title: 'Editor', email: 'MEDIA@demo.test', role: 'focal_point' });
    expect(existing.statusCode).toBe(fresh.statusCode);
    expect(existing.body).toBe(fresh.body);
    expect(existing.json()).toEqual({ status: 'invited' });
    expect((await rowCounts(t)).users).toBe(users);
    expect(users).toBe(before.users + 1);
    const note = await lastMailTo(t, 'media@demo.test', 'already has an account');
    expect(note.text).not.toContain('token=');
  });

  it('sends a fresh link when a pending invitee is invited again, and the earlier link stops working', async () => {
    const iom = await orgIdOf('io@demo.test');
    const focal = await t.signIn('io@demo.test');
    const { email, token: first } = await invite(focal, iom);
    const users = (await rowCounts(t)).users;
    const again = await focal.post(`/api/v1/organizations/${iom}/invitations`, { name: 'Nadia Karim', title: 'Caseworker', email, role: 'member' });
    expect(again.statusCode).toBe(202);
    expect((await rowCounts(t)).users).toBe(users);
    const second = tokenFrom((await lastMailTo(t, email, '/activate?token=')).text);
    expect(second).not.toBe(first);

    const stale = await t.client().post('/api/v1/activations', { token: first, password: STRONG_PASSWORD });
    expect(stale.statusCode).toBe(410);
    const fresh = await t.client().post('/api/v1/activations', { token: second, password: STRONG_PASSWORD });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ email, organization: { id: iom } });
  });

  it('names every invalid field of an invitation and changes nothing', async () => {
    const iom = await orgIdOf('io@demo.test');
    const focal = await t.signIn('io@demo.test');
    const before = await rowCounts(t);
    const res = await focal.post(`/api/v1/organizations/${iom}/invitations`, { name: '', email: 'nope', role: 'organizer' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'role', 'title']);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('does not let a focal point manage another organization, nor a member manage their own', async () => {
    const iom = await orgIdOf('io@demo.test');
    const other = await t.signIn('tdh@demo.test');
    const plainMember = await t.signIn('member.io@demo.test');
    const focal = await t.signIn('io@demo.test');
    const before = await rowCounts(t);
    const res = await other.post(`/api/v1/organizations/${iom}/invitations`, { name: 'Intruder', title: 'None', email: freshEmail(), role: 'focal_point' });
    expect(res.statusCode).toBe(403);
    const member = await userIdOf('member.io@demo.test');
    expect((await other.post(`/api/v1/users/${member}/deactivate`)).statusCode).toBe(403);
    expect((await plainMember.post(`/api/v1/organizations/${iom}/invitations`, { name: 'Friend', title: 'None', email: freshEmail(), role: 'member' })).statusCode).toBe(403);
    expect((await plainMember.post(`/api/v1/users/${await userIdOf('io@demo.test')}/deactivate`)).statusCode).toBe(403);
    // Nor suspend: that is for organizers.
    expect((await focal.post(`/api/v1/users/${member}/suspend`)).statusCode).toBe(403);
    expect(await rowCounts(t)).toEqual(before);
    expect((await plainMember.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('deactivation', () => {
  it('ends the account’s live session at once, and reactivation lets it sign in again', async () => {
    const iom = await orgIdOf('io@demo.test');
    const focal = await t.signIn('io@demo.test');
    const { email, token } = await invite(focal, iom);
    const victim = t.client();
    expect((await victim.post('/api/v1/activations', { token, password: STRONG_PASSWORD })).statusCode).toBe(200);
    const id = await userIdOf(email);

    const noCsrf = await focal.post(`/api/v1/users/${id}/deactivate`, {}, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect((await victim.get('/api/v1/me')).statusCode).toBe(200);

    const res = await focal.post(`/api/v1/users/${id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, email, status: 'deactivated' });
    expect((await victim.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email, password: STRONG_PASSWORD })).statusCode).toBe(401);

    const back = await focal.post(`/api/v1/users/${id}/reactivate`);
    expect(back.json()).toMatchObject({ status: 'active' });
    // The old session stays ended; signing in works again.
    expect((await victim.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email, password: STRONG_PASSWORD })).statusCode).toBe(200);
    const actions = (await t.app.db.selectFrom('audit_events').select('action').where('target_id', '=', id).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['account.deactivated', 'account.reactivated']));
  });

  it('does not let anyone deactivate themselves', async () => {
    const focal = await t.signIn('io@demo.test');
    expect((await focal.post(`/api/v1/users/${await userIdOf('io@demo.test')}/deactivate`)).statusCode).toBe(403);
  });
});

describe('suspension of an account', () => {
  it('ends the live session at once, cannot be undone by the focal point, and reinstatement restores sign-in', async () => {
    const member = await t.signIn('member.io@demo.test');
    const id = await userIdOf('member.io@demo.test');
    const res = await organizer.post(`/api/v1/users/${id}/suspend`, { reason: 'Shared confidential entries outside the Forum.' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('suspended');
    expect((await member.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email: 'member.io@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(401);

    const focal = await t.signIn('io@demo.test');
    const sneaky = await focal.post(`/api/v1/users/${id}/reactivate`);
    expect(sneaky.statusCode).toBe(409);
    expect(sneaky.json().type).toBe('/problems/account-suspended');

    const reinstated = await organizer.post(`/api/v1/users/${id}/reinstate`);
    expect(reinstated.json().status).toBe('active');
    expect((await t.client().post('/api/v1/session', { email: 'member.io@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(200);
    const audit = await t.app.db.selectFrom('audit_events').selectAll().where('action', '=', 'account.suspended').where('target_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ reason: 'Shared confidential entries outside the Forum.' });
  });

  it('gives back the status the account had: a deactivated account stays deactivated, a pending one pending', async () => {
    const iom = await orgIdOf('io@demo.test');
    const focal = await t.signIn('io@demo.test');
    const { email: leaverEmail } = await invite(focal, iom);
    const { email: pendingEmail } = await invite(focal, iom);
    const members = (await focal.get(`/api/v1/organizations/${iom}/members`)).json().items as { id: string; email: string }[];
    const leaver = members.find((m) => m.email === leaverEmail)!.id;
    const pending = members.find((m) => m.email === pendingEmail)!.id;
    expect((await focal.post(`/api/v1/users/${leaver}/deactivate`)).json().status).toBe('deactivated');

    for (const [id, before] of [[leaver, 'deactivated'], [pending, 'pending']] as const) {
      expect((await organizer.post(`/api/v1/users/${id}/suspend`, { reason: 'Checking the record.' })).json().status).toBe('suspended');
      expect((await organizer.post(`/api/v1/users/${id}/reinstate`)).json().status).toBe(before);
      // Suspending again after reinstatement starts from the status given back.
      expect((await organizer.post(`/api/v1/users/${id}/suspend`, { reason: 'Again.' })).json().status).toBe('suspended');
      expect((await organizer.post(`/api/v1/users/${id}/reinstate`)).json().status).toBe(before);
    }
  });
});

describe('suspension of an organization', () => {
  it('ends every member’s session at once, hides it from the directory, and reinstatement lets them sign in again', async () => {
    const focalPoint = await onboard(t, organizer, { name: 'Shelter Network (suspension test)' });
    const orgId = focalPoint.organizationId;
    const { email: memberEmail, token } = await invite(focalPoint.client, orgId);
    const member = t.client();
    expect((await member.post('/api/v1/activations', { token, password: STRONG_PASSWORD })).statusCode).toBe(200);

    const res = await organizer.post(`/api/v1/organizations/${orgId}/suspend`, { reason: 'Under review.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: orgId, status: 'suspended' });
    expect((await focalPoint.client.get('/api/v1/me')).statusCode).toBe(401);
    expect((await member.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email: memberEmail, password: STRONG_PASSWORD })).statusCode).toBe(401);
    const participant = await t.signIn('cso@demo.test');
    expect((await participant.get('/api/v1/organizations')).json().items.map((o: { id: string }) => o.id)).not.toContain(orgId);
    expect((await participant.get(`/api/v1/organizations/${orgId}`)).statusCode).toBe(404);
    expect((await organizer.get(`/api/v1/organizations/${orgId}`)).json().status).toBe('suspended');
    // A reset link is not a way back in while suspended.
    const resetRequest = t.client();
    resetRequest.ip = '10.88.0.1';
    await resetRequest.post('/api/v1/password-resets', { email: memberEmail });
    expect((await mailsTo(t, memberEmail)).filter((m) => m.text.includes('reset-password'))).toHaveLength(0);

    const back = await organizer.post(`/api/v1/organizations/${orgId}/reinstate`);
    expect(back.json().status).toBe('active');
    expect((await t.client().post('/api/v1/session', { email: memberEmail, password: STRONG_PASSWORD })).statusCode).toBe(200);
    expect((await t.client().post('/api/v1/session', { email: focalPoint.email, password: STRONG_PASSWORD })).statusCode).toBe(200);
  });

  it('is for organizers only, and never of their own organization', async () => {
    const iom = await orgIdOf('io@demo.test');
    expect((await (await t.signIn('io@demo.test')).post(`/api/v1/organizations/${iom}/suspend`)).statusCode).toBe(403);
    expect((await t.client().post(`/api/v1/organizations/${iom}/suspend`)).statusCode).toBe(401);
    const own = await orgIdOf('organizer@demo.test');
    expect((await organizer.post(`/api/v1/organizations/${own}/suspend`)).statusCode).toBe(403);
    expect((await organizer.get('/api/v1/me')).statusCode).toBe(200);
  });
});
