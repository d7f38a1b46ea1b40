// The audit log: what is recorded, who may read it, and its pages.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/tokens.js';
import { applicationBody, applyAndApprove, freshEmail, lastMailTo, onboard, STRONG_PASSWORD } from '../testing/accounts-fixtures.js';
import { createTestApp, tokenFrom, type TestApp, type TestClient } from '../testing/test-app.js';
import { audit } from './audit-log.js';
import { AUDIT_PAGE_SIZE } from './routes.js';

interface AuditEvent {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string; organization: { id: string; name: string } | null } | null;
  action: string;
  kind: string | null;
  sentence: string;
  target: { type: string; id: string; name: string; url: string | null } | null;
  related: { type: string; id: string; name: string; url: string | null } | null;
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

describe('the audit log as sentences with names', () => {
  it('names the person with their organization, and what was touched, with a link', async () => {
    const [a, b] = await t.app.db.selectFrom('posts').select(['id', 'title']).orderBy('created_at').limit(2).execute();
    const helena = await t.app.db.selectFrom('users as u').innerJoin('organizations as o', 'o.id', 'u.organization_id').select(['u.id', 'o.name as org']).where('u.email', '=', 'organizer@demo.test').executeTakeFirstOrThrow();
    await audit(t.app.db, { actorUserId: helena.id, action: 'overlap.marked_related', targetType: 'post', targetId: a!.id, details: { postA: a!.id, postB: b!.id } });
    await audit(t.app.db, { actorUserId: helena.id, action: 'post.hidden', targetType: 'post', targetId: '00000000-0000-4000-8000-000000000000' });
    const hidden = (await events('post.hidden'))[0];
    const overlap = (await events('overlap.marked_related'))[0];
    expect(overlap!.sentence).toBe(`Helena Berger (${helena.org}) marked ${a!.title} and ${b!.title} as related`);
    expect(overlap!.target).toEqual({ type: 'post', id: a!.id, name: a!.title, url: `/posts/${a!.id}` });
    expect(overlap!.related).toEqual({ type: 'post', id: b!.id, name: b!.title, url: `/posts/${b!.id}` });
    expect(overlap!.kind).toBe('exchange');
    expect(hidden!.sentence).toBe(`Helena Berger (${helena.org}) hid the post (no longer on the Forum)`);

    const approved = (await events('application.approved'))[0]!;
    expect(approved.sentence).toMatch(/^Helena Berger \(.+\) approved the application of .+$/);
    expect(approved.target!.url).toMatch(/^\/organizations\/[0-9a-f-]{36}$/);
    const suspended = (await events('account.suspended'))[0]!;
    expect(suspended.target).toMatchObject({ type: 'user', name: expect.stringMatching(/\(.+\)$/), url: `/organizer/audit?actor=${suspended.targetId}` });
  });

  it('reads a code it does not know as a sentence, not as the code', async () => {
    await sql`insert into audit_events (action, details) values ('meeting.confirmed_anyway', '{}'::jsonb)`.execute(t.app.db);
    const event = (await events('meeting.confirmed_anyway'))[0]!;
    expect(event.sentence).toBe('Someone who was not signed in: meeting confirmed anyway');
    expect(event.kind).toBeNull();
  });
});

describe('filtering the audit log', () => {
  const all = async (query: string) => {
    const res = await organizer.get(`/api/v1/audit?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as AuditEvent[];
  };

  it('by person, organization, kind and dates, together with action and cursor', async () => {
    const expert = await t.app.db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', 'expert@demo.test').executeTakeFirstOrThrow();
    const byExpert = await all(`actor=${expert.id}`);
    expect(byExpert.length).toBeGreaterThan(0);
    expect(byExpert.every((e) => e.actor?.id === expert.id)).toBe(true);

    const io = await t.app.db.selectFrom('users').select('organization_id').where('email', '=', 'io@demo.test').executeTakeFirstOrThrow();
    const byOrg = await all(`organization=${io.organization_id}`);
    expect(byOrg.some((e) => e.action === 'account.invited')).toBe(true);
    expect(byOrg.every((e) => e.actor?.organization?.id === io.organization_id || (e.targetType === 'organization' && e.targetId === io.organization_id))).toBe(true);

    const security = await all('kind=security');
    expect(security.length).toBeGreaterThan(0);
    expect(security.every((e) => e.kind === 'security')).toBe(true);
    expect(await all('kind=security&action=application.approved')).toEqual([]);
    expect((await all('kind=security&action=session.sign_in')).every((e) => e.action === 'session.sign_in')).toBe(true);

    // The bulk events of 2020-01-01: the day is inclusive at both ends, and pages by cursor.
    const day = await organizer.get('/api/v1/audit?from=2020-01-01&to=2020-01-01');
    expect(day.json().items.every((e: AuditEvent) => e.at.startsWith('2020-01-01'))).toBe(true);
    const second = await organizer.get(`/api/v1/audit?from=2020-01-01&to=2020-01-01&cursor=${day.json().nextCursor}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().items.length).toBeGreaterThan(0);
    expect(await all('from=2019-12-30&to=2019-12-31')).toEqual([]);
    expect((await all('from=2020-01-02')).some((e) => e.action === 'test.bulk')).toBe(false);
    expect((await all('to=2019-12-31')).length).toBe(0);
  });

  it('refuses bad values with a sentence per field', async () => {
    const cases: [string, string, RegExp][] = [
      ['from=2026-02-30', 'from', /YYYY-MM-DD/],
      ['to=yesterday', 'to', /YYYY-MM-DD/],
      ['from=2026-05-02&to=2026-05-01', 'to', /same day as the start date or later/],
      ['kind=everything', 'kind', /Sign-in and security/],
      ['actor=42', 'actor', /person/],
      ['organization=unodc', 'organization', /organization/],
    ];
    for (const [query, field, detail] of cases) {
      for (const path of ['/api/v1/audit', '/api/v1/audit.csv']) {
        const res = await organizer.get(`${path}?${query}`);
        expect(res.statusCode, `${path}?${query}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const body = res.json();
        expect(body.errors[0]).toMatchObject({ field, detail: expect.stringMatching(detail) });
        expect(body.detail).not.toMatch(/pattern|anyOf|querystring/);
      }
    }
  });
});

describe('the audit log as CSV', () => {
  it('has the same filters, sentences and names, and neutralizes formulas', async () => {
    await sql`insert into audit_events (action, details) values ('=HYPERLINK("https://evil.test")', '{}'::jsonb)`.execute(t.app.db);
    const [a, b] = await t.app.db.selectFrom('posts').select('id').orderBy('created_at').limit(2).execute();
    const helena = await t.app.db.selectFrom('users').select('id').where('email', '=', 'organizer@demo.test').executeTakeFirstOrThrow();
    await audit(t.app.db, { actorUserId: helena.id, action: 'overlap.marked_related', targetType: 'post', targetId: a!.id, details: { postA: a!.id, postB: b!.id } });
    const res = await organizer.get('/api/v1/audit.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="virtual-forum-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith('\uFEFFat,what,kind,action,person,person_email,organization,target_type,target_id,target_name,ip,details\r\n')).toBe(true);
    expect(res.body).toContain(`"'=HYPERLINK(""https://evil.test"")"`);
    expect(res.body).not.toMatch(/,=HYPERLINK/);
    const overlapLine = res.body.split('\r\n').find((line) => line.includes(',overlap.marked_related,'));
    expect(overlapLine).toMatch(/^[^,]+,"Helena Berger \(.+\) marked .+ and .+ as related","Posts, overlaps and the public page",overlap\.marked_related,Helena Berger,organizer@demo\.test,/);

    const filtered = (await organizer.get('/api/v1/audit.csv?kind=applications')).body.trim().split('\r\n').slice(1);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((line) => /,Applications to join,application\./.test(line))).toBe(true);
  });

  it('is for organizers only', async () => {
    expect((await t.client().get('/api/v1/audit.csv')).statusCode).toBe(401);
    expect((await (await t.signIn('io@demo.test')).get('/api/v1/audit.csv')).statusCode).toBe(403);
    expect((await (await t.signIn('io@demo.test')).get('/api/v1/audit/choices')).statusCode).toBe(403);
  });

  it('offers the people who appear in the log, the organizations and the kinds as filter choices', async () => {
    const body = (await organizer.get('/api/v1/audit/choices')).json();
    expect(body.people.some((p: { name: string }) => p.name === 'Helena Berger')).toBe(true);
    expect(body.organizations.length).toBeGreaterThan(3);
    expect(body.kinds.map((k: { code: string }) => k.code)).toEqual(['security', 'accounts', 'applications', 'organizations', 'moderation', 'exchange']);
  });
});
