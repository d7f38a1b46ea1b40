// Every kind of notification the issue lists beyond offers and comments (notifications.test.ts),
// end to end through the real routes: who is told (the right people only, never the one who acted),
// never across the tier wall, and mails written by routes themselves following each person's
// e-mail preferences with a one-click unsubscribe. Projects (partnership requests and decisions,
// co-authors added and removed, status changes), pledges, meetings (invitation, answer,
// confirmation with the room, change, cancellation, reminder), applications and reports (the
// organizers' queue), members joining (to focal points), report decisions, overlaps.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationItem } from '../../shared/notifications.js';
import { checkSavedSearches } from '../donors/saved-search-job.js';
import { zonedToUtc } from '../event/time.js';
import { applicationBody, freshEmail, freshIp, lastMailTo, STRONG_PASSWORD } from '../testing/accounts-fixtures.js';
import { createTestApp, tokenFrom, type TestApp, type TestClient } from '../testing/test-app.js';
import { digestsDue, remindMeetings, sendDigests } from './jobs.js';

let t: TestApp;
let gov: TestClient, io: TestClient, memberIo: TestClient, ilo: TestClient, cso: TestClient, tdh: TestClient, business: TestClient, organizer: TestClient;
const user: Record<string, { id: string; organization: { id: string } }> = {};

/** The addresses told of this kind (since the last reset), sorted. */
const told = async (kind: string, postId?: string, relatedPostId?: string) =>
  (
    await t.app.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.email')
      .where('n.kind', '=', kind)
      .$if(postId !== undefined, (q) => q.where('n.post_id', '=', postId!))
      .$if(relatedPostId !== undefined, (q) => q.where('n.related_post_id', '=', relatedPostId!))
      .orderBy('u.email')
      .execute()
  ).map((r) => r.email);
const items = async (c: TestClient) => ((await c.get('/api/v1/me/notifications')).json() as { items: NotificationItem[] }).items;

const seen = new Set<string>();
/** Mails written since the last call. */
async function newMails() {
  const fresh = (await t.mails()).filter((m) => !seen.has(m.raw));
  for (const m of fresh) seen.add(m.raw);
  return fresh;
}

beforeAll(async () => {
  t = await createTestApp();
  const emails = ['government@demo.test', 'io@demo.test', 'member.io@demo.test', 'ilo@demo.test', 'cso@demo.test', 'tdh@demo.test', 'business@demo.test', 'organizer@demo.test'];
  const clients = await Promise.all(emails.map((e) => t.signIn(e)));
  [gov, io, memberIo, ilo, cso, tdh, business, organizer] = clients as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  for (const [i, c] of clients.entries()) user[emails[i]!] = (await c.get('/api/v1/me')).json();
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await t.app.db.deleteFrom('notifications').execute();
  await newMails();
});

async function create(c: TestClient, body: Record<string, unknown>) {
  const res = await c.post('/api/v1/posts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; revision: number };
}
const idea = (title: string, audience: 'all' | 'full' = 'all') => ({ kind: 'project_idea', title, body: 'A network of community shelters with trained staff.', regions: ['011'], areas: ['victim_protection'], audience });

describe('projects', () => {
  it('partnership requests go to the lead organization, decisions to the requester; mails follow preferences', async () => {
    const post = await create(cso, idea('Reintegration through employer partnerships'));
    const asked = await tdh.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'implementing_partner', message: 'We run child protection programmes in the region.' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(await told('partnership_request')).toEqual(['cso@demo.test']);
    const mail = (await newMails()).filter((m) => m.to === 'cso@demo.test');
    expect(mail).toHaveLength(1);
    // A route's own mail carries the one-click unsubscribe for its kind, like every notification mail.
    expect(mail[0]!.raw).toMatch(/^List-Unsubscribe:\s+<[^>]+\/api\/v1\/notifications\/unsubscribe\?token=/m);
    expect(mail[0]!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(mail[0]!.text).toContain('/notifications/preferences');

    // The requester wants decisions in the daily digest: told in the app, not mailed now.
    await tdh.put('/api/v1/me/notification-preferences', { kinds: { partnership_decided: 'daily' } });
    expect((await cso.post(`/api/v1/partnership-requests/${asked.json().id}/accept`, { note: 'Welcome.' })).statusCode).toBe(200);
    expect(await told('partnership_decided')).toEqual(['tdh@demo.test']);
    expect((await items(tdh))[0]).toMatchObject({ kind: 'partnership_decided', details: { status: 'accepted' }, url: `/posts/${post.id}#partnership-requests` });
    expect((await newMails()).filter((m) => m.to === 'tdh@demo.test')).toEqual([]);
    const row = await t.app.db.selectFrom('notifications').select(['mail_mode', 'mail_status']).where('user_id', '=', user['tdh@demo.test']!.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ mail_mode: 'daily', mail_status: 'pending' });
    await tdh.put('/api/v1/me/notification-preferences', { kinds: { partnership_decided: 'immediately' } });
  });

  it('a route’s own mail goes only to those the notification reached: not to someone who unfollowed the post', async () => {
    const post = await create(cso, idea('Unfollowed: employer partnerships'));
    expect((await cso.delete(`/api/v1/posts/${post.id}/follow`)).json()).toEqual({ following: false });
    await newMails();
    expect((await tdh.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'implementing_partner', message: 'We can help.' })).statusCode).toBe(201);
    expect(await told('partnership_request')).toEqual([]);
    expect((await newMails()).filter((m) => m.to === 'cso@demo.test')).toEqual([]);
    // Following again: told, and mailed.
    expect((await cso.put(`/api/v1/posts/${post.id}/follow`)).json()).toEqual({ following: true });
    expect((await ilo.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'implementing_partner', message: 'So can we.' })).statusCode).toBe(201);
    expect(await told('partnership_request')).toEqual(['cso@demo.test']);
    expect((await newMails()).filter((m) => m.to === 'cso@demo.test')).toHaveLength(1);
  });

  it('co-authors added and removed: the focal points of that organization only; off means no mail', async () => {
    const post = await create(io, idea('Joint labour inspection programme'));
    expect((await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: user['ilo@demo.test']!.organization.id })).statusCode).toBe(201);
    expect(await told('coauthor_added')).toEqual(['ilo@demo.test']);
    expect((await newMails()).map((m) => m.to)).toEqual(['ilo@demo.test']);
    // A co-author follows the project unless they chose otherwise, as its post page says.
    expect(((await ilo.get(`/api/v1/posts/${post.id}`)).json() as { following: boolean }).following).toBe(true);

    expect((await io.delete(`/api/v1/posts/${post.id}/coauthors/${user['ilo@demo.test']!.organization.id}`)).statusCode).toBe(204);
    expect((await items(ilo)).map((i) => [i.kind, i.details.removed ?? false])).toEqual([
      ['coauthor_added', true],
      ['coauthor_added', false],
    ]);

    await ilo.put('/api/v1/me/notification-preferences', { kinds: { coauthor_added: 'off' } });
    await newMails();
    expect((await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: user['ilo@demo.test']!.organization.id })).statusCode).toBe(201);
    expect((await newMails()).filter((m) => m.to === 'ilo@demo.test')).toEqual([]);
    await ilo.put('/api/v1/me/notification-preferences', { kinds: { coauthor_added: 'immediately' } });
  });

  it('status changes reach followers and partners, never a partial-tier follower of a full-audience project', async () => {
    const open = await create(cso, idea('Status: shelters in Ghana'));
    await gov.put(`/api/v1/posts/${open.id}/follow`);
    expect((await cso.post(`/api/v1/posts/${open.id}/status`, { status: 'drafting' })).statusCode).toBe(200);
    expect(await told('project_status')).toEqual(['government@demo.test']);
    expect((await items(gov))[0]).toMatchObject({ kind: 'project_status', details: { status: 'drafting' }, subject: { title: 'Status: shelters in Ghana' } });

    const full = await create(io, idea('Status: restricted witness programme', 'full'));
    await gov.put(`/api/v1/posts/${full.id}/follow`);
    // A follow row written behind the API's back still tells a partial-tier organization nothing.
    await t.app.db.insertInto('post_follows').values({ user_id: user['cso@demo.test']!.id, post_id: full.id, following: true }).execute();
    await t.app.db.deleteFrom('notifications').execute();
    expect((await io.post(`/api/v1/posts/${full.id}/status`, { status: 'drafting' })).statusCode).toBe(200);
    // IOM's other member follows its organization's post; the one who acted is not told.
    expect(await told('project_status')).toEqual(['government@demo.test', 'member.io@demo.test']);
    expect(JSON.stringify(await items(cso))).not.toContain('witness');
  });
});

describe('pledges', () => {
  it('a new pledge and its changes reach the project organization only', async () => {
    const project = await create(io, { kind: 'pipeline_project', title: 'Pledges: shelter network for survivors', body: 'Shelters and case management.', countries: ['NG'], areas: ['victim_protection'], audience: 'full', budget: { amount: '500000', currency: 'EUR' }, fundingSought: '400000' });
    const pledged = await gov.post(`/api/v1/posts/${project.id}/pledges`, { amount: '150000', currency: 'EUR' });
    expect(pledged.statusCode, pledged.body).toBe(201);
    expect(await told('pledge')).toEqual(['io@demo.test', 'member.io@demo.test']);
    expect((await items(memberIo))[0]).toMatchObject({ kind: 'pledge', url: `/posts/${project.id}#funding`, actor: { name: 'Emeka Okafor' } });
    await t.app.db.deleteFrom('notifications').execute();
    expect((await gov.post(`/api/v1/pledges/${pledged.json().id}/confirm`)).statusCode).toBe(200);
    expect(await told('pledge')).toEqual(['io@demo.test', 'member.io@demo.test']);
    expect((await items(io))[0]!.details).toMatchObject({ status: 'confirmed' });
    // Nobody else, and never the partial tier, hears of it.
    for (const c of [cso, business, ilo]) expect(await items(c)).toEqual([]);
  });
});

describe('meetings', () => {
  it('invitation, answer, confirmation with the room, change, reminder and cancellation reach the right people', async () => {
    const event = ((await gov.get('/api/v1/events')).json().items as { id: string; name: string; startsOn: string }[]).find((e) => e.name.startsWith('Vienna Forum follow-up'))!;
    const start = zonedToUtc(event.startsOn, '15:00', 'Europe/Vienna');
    const slot = { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
    const res = await gov.post('/api/v1/meetings', { eventId: event.id, mode: 'in_person', topic: 'Referral standards', invitees: { userIds: [user['io@demo.test']!.id, user['cso@demo.test']!.id] }, slots: [slot] });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json() as { id: string; slots: { id: string }[] };
    expect(await told('meeting_invitation')).toEqual(['cso@demo.test', 'io@demo.test']);
    // The route's own mail, with the one-click unsubscribe for its kind.
    const invitations = (await newMails()).filter((mail) => mail.to === 'cso@demo.test' && mail.text.includes('Referral standards'));
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.raw).toMatch(/^List-Unsubscribe:\s+<[^>]+\/api\/v1\/notifications\/unsubscribe\?token=/m);
    expect(invitations[0]!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect((await items(cso))[0]).toMatchObject({ kind: 'meeting_invitation', subject: { type: 'meeting', title: 'Referral standards' }, url: `/meetings/${m.id}`, postId: null });

    expect((await cso.put(`/api/v1/meetings/${m.id}/answers`, { answers: [{ slotId: m.slots[0]!.id, answer: 'yes' }] })).statusCode).toBe(200);
    // The answer goes to the proposer only.
    expect(await told('meeting_answer')).toEqual(['government@demo.test']);

    const confirmed = await gov.post(`/api/v1/meetings/${m.id}/confirm`, { slotId: m.slots[0]!.id });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const room = (confirmed.json() as { room: { name: string } }).room.name;
    expect(await told('meeting_confirmed')).toEqual(['cso@demo.test', 'io@demo.test']);
    expect((await items(io))[0]).toMatchObject({ kind: 'meeting_confirmed', details: { room } });

    expect((await gov.patch(`/api/v1/meetings/${m.id}`, { topic: 'Referral standards and hotlines' })).statusCode).toBe(200);
    expect(await told('meeting_changed')).toEqual(['cso@demo.test', 'io@demo.test']);

    // One hour before: each participant is reminded once, unless they turned reminders off.
    await io.put('/api/v1/me/notification-preferences', { kinds: { meeting_reminder: 'off' } });
    const before = new Date(start.getTime() - 30 * 60_000);
    await remindMeetings(t.app.db, before);
    await remindMeetings(t.app.db, before);
    expect(await told('meeting_reminder')).toEqual(['cso@demo.test', 'government@demo.test']);
    await io.put('/api/v1/me/notification-preferences', { kinds: { meeting_reminder: 'immediately' } });

    expect((await cso.post(`/api/v1/meetings/${m.id}/cancel`, { reason: 'Clash' })).statusCode).toBe(403);
    expect((await gov.post(`/api/v1/meetings/${m.id}/cancel`, { reason: 'Clash with the plenary' })).statusCode).toBe(200);
    expect(await told('meeting_cancelled')).toEqual(['cso@demo.test', 'io@demo.test']);
    // Someone not invited hears of none of it.
    for (const c of [ilo, business, memberIo]) expect(JSON.stringify(await items(c))).not.toContain('Referral standards');
  });
});

describe('the account and the organizers’ queue', () => {
  it('a new application reaches the organizers only', async () => {
    const applicant = t.client();
    applicant.ip = freshIp();
    const body = applicationBody({ name: 'Anti-Trafficking Unit (notifications test)', category: 'government', country: 'ng' });
    expect((await applicant.post('/api/v1/applications', body)).statusCode).toBe(202);
    expect(await told('application_received')).toEqual(['organizer@demo.test']);
    expect((await items(organizer))[0]).toMatchObject({ kind: 'application_received', subject: { type: 'application', title: 'Anti-Trafficking Unit (notifications test)' }, url: '/organizer/applications' });
  });

  it('a member joining reaches the focal points of that organization only', async () => {
    const email = freshEmail('joiner');
    const invited = await io.post(`/api/v1/organizations/${user['io@demo.test']!.organization.id}/invitations`, { name: 'Nadia Karim', title: 'Caseworker', email, role: 'member' });
    expect(invited.statusCode, invited.body).toBe(202);
    const token = tokenFrom((await lastMailTo(t, email, '/activate?token=')).text);
    expect((await t.client().post('/api/v1/activations', { token, password: STRONG_PASSWORD })).statusCode).toBe(200);
    expect(await told('member_joined')).toEqual(['io@demo.test']);
    expect((await items(io))[0]).toMatchObject({ kind: 'member_joined', subject: { type: 'user', title: 'Nadia Karim' }, url: '/organization' });
  });

  it('a report reaches the organizers, its outcome the reporter; both mails follow their preferences', async () => {
    const post = await create(gov, { kind: 'ta_request', title: 'Reported: shelter procedures', body: 'We need help drafting standard operating procedures.', regions: ['002'], areas: ['victim_protection'], audience: 'all' });
    const reported = await cso.post('/api/v1/reports', { target: { type: 'post', id: post.id }, reason: 'spam' });
    expect(reported.statusCode, reported.body).toBe(201);
    expect(await told('report_received')).toEqual(['organizer@demo.test']);
    expect((await newMails()).map((m) => m.to)).toEqual(['organizer@demo.test']);

    expect((await organizer.post(`/api/v1/reports/${reported.json().id}/resolve`, { action: 'dismiss' })).statusCode).toBe(200);
    expect(await told('report_decided')).toEqual(['cso@demo.test']);
    expect((await items(cso))[0]).toMatchObject({ kind: 'report_decided', subject: { type: 'report', title: 'your report of a post' }, url: '/reports' });
    const outcome = (await newMails()).filter((m) => m.to === 'cso@demo.test');
    expect(outcome).toHaveLength(1);
    expect(outcome[0]!.raw).toMatch(/^List-Unsubscribe:\s+<[^>]+unsubscribe\?token=/m);

    // Both turned off: no mail at all, still in the app.
    await organizer.put('/api/v1/me/notification-preferences', { kinds: { report_received: 'off' } });
    await tdh.put('/api/v1/me/notification-preferences', { kinds: { report_decided: 'off' } });
    const again = await tdh.post('/api/v1/reports', { target: { type: 'post', id: post.id }, reason: 'spam' });
    expect(again.statusCode).toBe(201);
    expect((await organizer.post(`/api/v1/reports/${again.json().id}/resolve`, { action: 'dismiss' })).statusCode).toBe(200);
    expect(await newMails()).toEqual([]);
    expect(await told('report_decided')).toEqual(['cso@demo.test', 'tdh@demo.test']);
    await organizer.put('/api/v1/me/notification-preferences', { kinds: { report_received: 'immediately' } });
    await tdh.put('/api/v1/me/notification-preferences', { kinds: { report_decided: 'immediately' } });
  });
});

describe('overlaps', () => {
  const draft = (title: string, audience: 'all' | 'full') => ({
    kind: 'project_idea',
    title,
    body: 'Minimum standards for child-friendly shelters in Lagos and a training course for shelter caseworkers, with a referral procedure for children.',
    countries: ['NG'],
    areas: ['victim_protection'],
    themes: ['protection'],
    audience,
  });
  const scan = async () => {
    while (((await organizer.post('/api/v1/overlaps/scan')).json() as { pending: number }).pending > 0);
  };

  it('tells the owners of both posts, with the reasons in words; never about a post one may not see', async () => {
    await scan();
    await t.app.db.deleteFrom('notifications').execute();
    const a = await create(cso, draft('Child-friendly shelter standards and caseworker training in Lagos', 'all'));
    const b = await create(ilo, draft('Child-friendly shelter standards and training of caseworkers for Lagos', 'all'));
    await scan();
    expect(await told('overlap_found', a.id, b.id)).toEqual(['cso@demo.test']);
    expect(await told('overlap_found', b.id, a.id)).toEqual(['ilo@demo.test']);
    const mine = (await items(cso)).find((i) => i.kind === 'overlap_found' && i.details.otherPostId === b.id)!;
    expect(mine).toMatchObject({ subject: { id: a.id }, url: `/posts/${b.id}`, details: { otherTitle: 'Child-friendly shelter standards and training of caseworkers for Lagos' } });
    expect((mine.details.reasons as string[]).length).toBeGreaterThan(0);
    expect((mine.details.reasons as string[]).join(' ')).toMatch(/same country: NG|shared areas: victim protection|similar title/);

    // A full-audience near duplicate: its owner hears of the open post, the partial-tier owner of nothing.
    await t.app.db.deleteFrom('notifications').execute();
    const hidden = await create(io, draft('Child-friendly shelter standards and caseworker training for Lagos', 'full'));
    await scan();
    expect(await told('overlap_found', hidden.id, a.id)).toEqual(['io@demo.test']);
    const csoSide = await t.app.db.selectFrom('notifications').select('id').where('user_id', '=', user['cso@demo.test']!.id).where('related_post_id', '=', hidden.id).execute();
    expect(csoSide).toEqual([]);
    expect(JSON.stringify(await items(cso))).not.toContain(hidden.id);
  });
});

describe('when digests go out', () => {
  const lagos = 'Africa/Lagos'; // UTC+1, no summer time
  const at = (iso: string) => new Date(iso);
  it('a weekly digest missed on its Monday (no server running) is due at the next tick, and only once', () => {
    // Waiting since the Sunday; Tuesday 10:00 in Lagos, the Monday 07:00 passed without a digest.
    expect(digestsDue(at('2030-03-12T09:00:00Z'), lagos, { weekly: at('2030-03-10T12:00:00Z') }).due).toEqual(['weekly']);
    // Sent (nothing older waits any more): not due again until next Monday.
    expect(digestsDue(at('2030-03-12T09:00:00Z'), lagos, { weekly: null }).due).toEqual([]);
  });

  it('someone who never had a weekly digest gets the first on the first Monday after their first weekly notification', () => {
    // The first weekly notification arrives on Wednesday 2030-03-13: not mailed on the Wednesday or the Saturday...
    const wednesday = at('2030-03-13T10:00:00Z');
    expect(digestsDue(at('2030-03-13T10:05:00Z'), lagos, { weekly: wednesday }).due).toEqual([]);
    expect(digestsDue(at('2030-03-16T09:00:00Z'), lagos, { weekly: wednesday }).due).toEqual([]);
    // ...nor on the Monday before 07:00 in Lagos, but from 07:00 on, not a week later.
    expect(digestsDue(at('2030-03-18T05:59:00Z'), lagos, { weekly: wednesday }).due).toEqual([]);
    expect(digestsDue(at('2030-03-18T06:00:00Z'), lagos, { weekly: wednesday }).due).toEqual(['weekly']);
  });

  it('a daily digest goes out at 07:00 local with what arrived before; later news waits for the next morning', () => {
    // Arrived at 15:00 Lagos: not mailed that afternoon, but at 07:00 the next day.
    const afternoon = at('2030-03-13T14:00:00Z');
    expect(digestsDue(at('2030-03-13T14:05:00Z'), lagos, { daily: afternoon }).due).toEqual([]);
    expect(digestsDue(at('2030-03-14T05:59:00Z'), lagos, { daily: afternoon }).due).toEqual([]);
    expect(digestsDue(at('2030-03-14T06:00:00Z'), lagos, { daily: afternoon, weekly: afternoon }).due).toEqual(['daily']);
    // In another zone, its own 07:00 (Vienna in summer time, UTC+2).
    expect(digestsDue(at('2030-07-02T04:59:00Z'), 'Europe/Vienna', { daily: at('2030-07-01T12:00:00Z') }).due).toEqual([]);
    expect(digestsDue(at('2030-07-02T05:00:00Z'), 'Europe/Vienna', { daily: at('2030-07-01T12:00:00Z') }).due).toEqual(['daily']);
  });

  it('a first weekly digest goes out through sendDigests on the Monday, not before, gathering what waited', async () => {
    const govId = user['government@demo.test']!.id;
    await gov.put('/api/v1/me/notification-preferences', { kinds: { comment: 'weekly' }, timeZone: 'Africa/Lagos' });
    try {
      const post = await create(gov, { kind: 'ta_request', title: 'First weekly: referral data', body: 'We need help with referral data.', regions: ['002'], areas: ['victim_protection'], audience: 'all' });
      await t.app.db.updateTable('notifications').set({ mail_status: 'sent' }).where('mail_status', '=', 'pending').execute();
      // Never had a digest.
      await t.app.db.updateTable('notification_settings').set({ weekly_digest_on: null, daily_digest_on: null }).where('user_id', '=', govId).execute();
      await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'One.' });
      await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'Two.' });
      // Both arrived on Wednesday 2031-03-12 (the test pins the time; the job reads it from the rows).
      await sql`update notifications set created_at = ${at('2031-03-12T10:00:00Z')} where user_id = ${govId} and mail_status = 'pending'`.execute(t.app.db);
      const weeklyMails = async () => (await newMails()).filter((m) => m.to === 'government@demo.test' && m.subject.includes('weekly digest'));
      await sendDigests(t.app.db, t.config.publicUrl, at('2031-03-15T09:00:00Z'));
      await sendDigests(t.app.db, t.config.publicUrl, at('2031-03-17T05:30:00Z'));
      expect(await weeklyMails()).toEqual([]);
      await sendDigests(t.app.db, t.config.publicUrl, at('2031-03-17T06:05:00Z'));
      await sendDigests(t.app.db, t.config.publicUrl, at('2031-03-17T06:10:00Z'));
      const weekly = await weeklyMails();
      expect(weekly).toHaveLength(1);
      expect(weekly[0]!.text.match(/commented on "First weekly: referral data"/g)).toHaveLength(2);
    } finally {
      await gov.put('/api/v1/me/notification-preferences', { kinds: { comment: 'daily' } });
      await t.app.db.updateTable('notification_settings').set({ time_zone: null }).where('user_id', '=', govId).execute();
    }
  });

  it('goes out through sendDigests on the Tuesday, gathering what waited', async () => {
    const govId = user['government@demo.test']!.id;
    await gov.put('/api/v1/me/notification-preferences', { kinds: { comment: 'weekly' } });
    try {
      const post = await create(gov, { kind: 'ta_request', title: 'Weekly: referral data', body: 'We need help with referral data.', regions: ['002'], areas: ['victim_protection'], audience: 'all' });
      await t.app.db.updateTable('notifications').set({ mail_status: 'sent' }).where('mail_status', '=', 'pending').execute();
      await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'One.' });
      await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'Two.' });
      const last = { weekly_digest_on: '2030-03-04', daily_digest_on: '2030-03-12' };
      await t.app.db.insertInto('notification_settings').values({ user_id: govId, ...last }).onConflict((oc) => oc.column('user_id').doUpdateSet(last)).execute();
      expect(await sendDigests(t.app.db, t.config.publicUrl, new Date('2030-03-12T09:00:00Z'))).toBeGreaterThan(0);
      expect(await sendDigests(t.app.db, t.config.publicUrl, new Date('2030-03-12T10:00:00Z'))).toBe(0);
      const weekly = (await newMails()).filter((m) => m.to === 'government@demo.test' && m.subject.includes('weekly digest'));
      expect(weekly).toHaveLength(1);
      expect(weekly[0]!.text.match(/commented on "Weekly: referral data"/g)).toHaveLength(2);
    } finally {
      await gov.put('/api/v1/me/notification-preferences', { kinds: { comment: 'daily' } });
    }
  });
});

describe('saved searches', () => {
  it('a match becomes a saved_search notification for its owner only, never a post beyond their tier', async () => {
    const saved = await tdh.post('/api/v1/saved-searches', { name: 'Nigeria shelters', scope: 'funding', filters: { region: ['002'], area: ['victim_protection'], country: [] } });
    expect(saved.statusCode, saved.body).toBe(201);
    await checkSavedSearches(t.app.db, t.config.publicUrl);
    await t.app.db.deleteFrom('notifications').execute();
    const project = (title: string, audience: 'all' | 'full') => ({ kind: 'pipeline_project', title, body: 'Shelters and case management.', countries: ['NG'], areas: ['victim_protection'], budget: { amount: '300000', currency: 'EUR' }, audience });
    const hidden = await create(io, project('Saved search: confidential shelter programme', 'full'));
    const open = await create(io, project('Saved search: open shelter network', 'all'));
    await checkSavedSearches(t.app.db, t.config.publicUrl);
    expect(await told('saved_search')).toEqual(['tdh@demo.test']);
    const mine = (await items(tdh)).filter((i) => i.kind === 'saved_search');
    expect(mine.map((i) => i.subject.id)).toEqual([open.id]);
    expect(mine[0]).toMatchObject({ url: `/posts/${open.id}`, details: { searchName: 'Nigeria shelters' } });
    expect(JSON.stringify(await items(tdh))).not.toContain(hidden.id);
  });
});
