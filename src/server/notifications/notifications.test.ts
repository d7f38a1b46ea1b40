// Notifications (issue 11) through the real routes: offers, comments and replies, following,
// mark-read, preferences, the tier wall (partial tier, audience change, hiding, suspension),
// immediate mail with one-click unsubscribe, and digests that gather several notifications.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationItem } from '../../shared/notifications.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { notify } from './notify.js';
import { sendDigests, sendImmediateMail } from './jobs.js';

let t: TestApp;
let gov: TestClient, io: TestClient, cso: TestClient, business: TestClient, organizer: TestClient;
let ioId: string, csoId: string;

interface List {
  items: NotificationItem[];
  unread: number;
  nextCursor: string | null;
}
const list = async (c: TestClient, query = '') => (await c.get(`/api/v1/me/notifications${query}`)).json() as List;
const kindsOf = async (c: TestClient) => (await list(c)).items.map((i) => i.kind);
const request = (title: string, audience: 'all' | 'full' = 'all') => ({ kind: 'ta_request', title, body: 'We need help drafting standard operating procedures for shelters.', regions: ['002'], areas: ['victim_protection'], audience });
const meId = async (c: TestClient) => ((await c.get('/api/v1/me')).json() as { id: string }).id;

beforeAll(async () => {
  t = await createTestApp();
  [gov, io, cso, business, organizer] = (await Promise.all(['government@demo.test', 'io@demo.test', 'cso@demo.test', 'business@demo.test', 'organizer@demo.test'].map((e) => t.signIn(e)))) as TestClient[] as [TestClient, TestClient, TestClient, TestClient, TestClient];
  [ioId, csoId] = await Promise.all([meId(io), meId(cso)]);
  // Start every inbox empty (the demo data may have written some).
  await t.app.db.deleteFrom('notifications').execute();
});
afterAll(async () => t?.close());

describe('offers', () => {
  it('tells the requesting organization of an offer, and the offering one of its acceptance, with exact links', async () => {
    const post = (await gov.post('/api/v1/posts', request('Shelter procedures for Lagos'))).json() as { id: string };
    const offerRes = await io.post(`/api/v1/posts/${post.id}/offers`, { summary: 'Two trainers for a week', body: 'We can send two trainers.' });
    const offer = offerRes.json() as { id: string };
    const got = await list(gov);
    expect(got.unread).toBe(1);
    expect(got.items[0]).toMatchObject({
      kind: 'offer_received',
      readAt: null,
      actor: { name: 'Marta Silva', organization: 'International Organization for Migration (IOM)' },
      subject: { type: 'offer', id: offer.id, title: 'Shelter procedures for Lagos' },
      postId: post.id,
      url: `/posts/${post.id}#offer-${offer.id}`,
    });
    // Nobody is told of their own action.
    expect(await kindsOf(io)).toEqual([]);

    await gov.post(`/api/v1/offers/${offer.id}/accept`, {});
    expect((await list(io)).items[0]).toMatchObject({ kind: 'offer_accepted', actor: { name: 'Emeka Okafor' }, url: `/posts/${post.id}#offer-${offer.id}` });
  });

  it('declined and withdrawn offers are told to the other side', async () => {
    const post = (await gov.post('/api/v1/posts', request('Labour inspection training'))).json() as { id: string };
    const a = (await io.post(`/api/v1/posts/${post.id}/offers`, { summary: 'An inspection module', body: 'Module.' })).json() as { id: string };
    const b = (await cso.post(`/api/v1/posts/${post.id}/offers`, { summary: 'Survivor-informed review', body: 'Review.' })).json() as { id: string };
    await gov.post(`/api/v1/offers/${a.id}/decline`, {});
    await cso.post(`/api/v1/offers/${b.id}/withdraw`, {});
    expect((await list(io)).items[0]).toMatchObject({ kind: 'offer_declined', subject: { id: a.id } });
    expect((await list(gov)).items[0]).toMatchObject({ kind: 'offer_withdrawn', subject: { id: b.id }, actor: { name: 'Anouk de Vries' } });
  });
});

describe('comments, replies and following', () => {
  it("tells the post's organization and those who took part; a reply goes to the comment's author as a reply", async () => {
    const post = (await gov.post('/api/v1/posts', request('Referral mechanism for West Africa'))).json() as { id: string };
    await t.app.db.deleteFrom('notifications').execute();
    const first = (await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'We run two shelters there.' })).json() as { id: string };
    expect(await kindsOf(gov)).toEqual(['comment']);
    const reply = (await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'So do our partners.', parentId: first.id })).json() as { id: string };
    // The CSO commented, so it follows; it hears of the answer once, as a reply.
    expect((await list(cso)).items.map((i) => [i.kind, i.url])).toEqual([['reply', `/posts/${post.id}#comment-${reply.id}`]]);
    expect(await kindsOf(gov)).toEqual(['comment', 'comment']);
  });

  it('the post answer says whether I follow; unfollowing stops everything about the post, following again restores it', async () => {
    const post = (await gov.post('/api/v1/posts', request('Hotline for domestic workers'))).json() as { id: string };
    expect(((await gov.get(`/api/v1/posts/${post.id}`)).json() as { following: boolean }).following).toBe(true);
    expect(((await business.get(`/api/v1/posts/${post.id}`)).json() as { following: boolean }).following).toBe(false);
    expect((await business.put(`/api/v1/posts/${post.id}/follow`)).json()).toEqual({ following: true });
    expect(((await business.get(`/api/v1/posts/${post.id}`)).json() as { following: boolean }).following).toBe(true);

    expect((await gov.delete(`/api/v1/posts/${post.id}/follow`)).json()).toEqual({ following: false });
    await t.app.db.deleteFrom('notifications').execute();
    await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'We have a template.' });
    expect(await kindsOf(gov)).toEqual([]);
    expect(await kindsOf(business)).toEqual(['comment']);
    const offer = (await io.post(`/api/v1/posts/${post.id}/offers`, { summary: 'Our hotline template', body: 'Template.' })).json() as { id: string };
    expect(offer.id).toBeTruthy();
    expect(await kindsOf(gov)).toEqual([]);
    await gov.put(`/api/v1/posts/${post.id}/follow`);
    await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'And a training.' });
    expect(await kindsOf(gov)).toEqual(['comment']);
  });

  it('cannot follow a post one may not see (404, as if it did not exist)', async () => {
    const restricted = (await gov.post('/api/v1/posts', request('Restricted: witness protection', 'full'))).json() as { id: string };
    const res = await cso.put(`/api/v1/posts/${restricted.id}/follow`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('witness');
  });
});

describe('the tier wall', () => {
  it('never tells a partial-tier follower of a post they cannot see, and never names it', async () => {
    const restricted = (await gov.post('/api/v1/posts', request('Restricted: joint investigation team', 'full'))).json() as { id: string };
    // A partial-tier organization that follows everything it can: it cannot follow this, and a
    // follow row written behind the API's back still tells it nothing.
    await t.app.db.insertInto('post_follows').values({ user_id: csoId, post_id: restricted.id, following: true }).execute();
    await t.app.db.deleteFrom('notifications').execute();
    await io.post(`/api/v1/posts/${restricted.id}/comments`, { body: 'IOM can join.' });
    const offer = (await ioOffer(restricted.id)).id;
    expect(await kindsOf(gov)).toEqual(['offer_received', 'comment']);
    expect(await t.app.db.selectFrom('notifications').select('id').where('user_id', '=', csoId).execute()).toEqual([]);
    const body = JSON.stringify(await list(cso));
    expect(body).not.toContain('joint investigation');
    expect(body).not.toContain(offer);
  });

  it('after an audience change, hiding or suspension, earlier notifications vanish with their titles and counts', async () => {
    const post = (await gov.post('/api/v1/posts', request('Open at first: cross-border referral'))).json() as { id: string; revision: number };
    await cso.put(`/api/v1/posts/${post.id}/follow`);
    await t.app.db.deleteFrom('notifications').execute();
    await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'A first comment.' });
    expect((await list(cso)).unread).toBe(1);

    expect((await gov.patch(`/api/v1/posts/${post.id}`, { audience: 'full' })).statusCode).toBe(200);
    const after = await list(cso);
    expect(after).toMatchObject({ items: [], unread: 0 });
    expect(JSON.stringify(after)).not.toContain('cross-border');
    // Mail, too: the pending mail is withheld, not sent.
    await t.app.db.updateTable('notifications').set({ mail_mode: 'immediately' }).where('user_id', '=', csoId).execute();
    await sendImmediateMail(t.app.db, t.config.publicUrl);
    expect((await t.mails()).filter((m) => m.text.includes('cross-border'))).toEqual([]);
    expect(await t.app.db.selectFrom('notifications').select('mail_status').where('user_id', '=', csoId).execute()).toEqual([{ mail_status: 'withheld' }]);

    // Hiding: the full-tier IOM follows (it commented); once hidden, nothing of it reaches IOM.
    await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'Never delivered.' }).catch(() => null);
    await gov.post(`/api/v1/posts/${post.id}/comments`, { body: 'Thanks.' });
    expect((await list(io)).items.some((i) => i.postId === post.id)).toBe(true);
    await organizer.post(`/api/v1/posts/${post.id}/hide`, { reason: 'Under review' });
    expect(JSON.stringify(await list(io))).not.toContain('cross-border');
    // The posting organization still sees its own hidden post, and its notifications.
    expect((await list(gov)).items.length).toBeGreaterThan(0);
  });

  it('a suspended organization is told nothing and mailed nothing', async () => {
    const post = (await gov.post('/api/v1/posts', request('Victim compensation fund'))).json() as { id: string };
    await io.put(`/api/v1/posts/${post.id}/follow`);
    await t.app.db.deleteFrom('notifications').execute();
    await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'Before the suspension.' });
    await t.app.db.updateTable('notifications').set({ mail_mode: 'immediately' }).execute();
    const iom = await t.app.db.selectFrom('users').select('organization_id').where('id', '=', ioId).executeTakeFirstOrThrow();
    await t.app.db.updateTable('organizations').set({ status: 'suspended' }).where('id', '=', iom.organization_id).execute();
    try {
      await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'During the suspension.' });
      expect(await t.app.db.selectFrom('notifications').select('kind').where('user_id', '=', ioId).execute()).toHaveLength(1);
      await sendImmediateMail(t.app.db, t.config.publicUrl);
      expect((await t.mails()).filter((m) => m.to.includes('io@demo.test') && m.text.includes('Victim compensation'))).toEqual([]);
    } finally {
      await t.app.db.updateTable('organizations').set({ status: 'active' }).where('id', '=', iom.organization_id).execute();
    }
  });
});

async function ioOffer(postId: string) {
  return (await io.post(`/api/v1/posts/${postId}/offers`, { summary: 'An offer of help', body: 'Help.' })).json() as { id: string };
}

describe('notify() and the transaction', () => {
  it('a write that rolls back tells nobody', async () => {
    const post = (await gov.post('/api/v1/posts', request('Rolled back'))).json() as { id: string };
    await t.app.db.deleteFrom('notifications').execute();
    await expect(
      t.app.db.transaction().execute(async (tx) => {
        await notify(tx, { kind: 'comment', actorId: ioId, recipients: { followersOf: post.id }, postId: post.id, subject: { type: 'post', id: post.id }, url: `/posts/${post.id}` });
        expect(await tx.selectFrom('notifications').select('id').execute()).toHaveLength(1);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await t.app.db.selectFrom('notifications').select('id').execute()).toEqual([]);
  });
});

describe('reading', () => {
  it('marks some or all read, pages with a cursor and filters unread', async () => {
    const post = (await gov.post('/api/v1/posts', request('Paging'))).json() as { id: string };
    await t.app.db.deleteFrom('notifications').execute();
    for (let i = 0; i < 3; i++) await io.post(`/api/v1/posts/${post.id}/comments`, { body: `Comment ${i}` });
    const all = await list(gov, '?limit=2');
    expect(all.items).toHaveLength(2);
    const rest = await list(gov, `?limit=2&cursor=${all.nextCursor}`);
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect((await gov.post('/api/v1/me/notifications/read', { ids: [all.items[0]!.id] })).json()).toEqual({ unread: 2 });
    expect((await list(gov, '?unread=1')).items.map((i) => i.id)).not.toContain(all.items[0]!.id);
    // Someone else's ids change nothing of theirs.
    await io.post('/api/v1/me/notifications/read', { ids: [all.items[1]!.id] });
    expect((await list(gov)).unread).toBe(2);
    expect((await gov.post('/api/v1/me/notifications/read', { all: true })).json()).toEqual({ unread: 0 });
    expect((await gov.post('/api/v1/me/notifications/read', { ids: ['nope'] })).statusCode).toBe(400);
    expect((await gov.get('/api/v1/me/notifications?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
    expect((await t.client().get('/api/v1/me/notifications')).statusCode).toBe(401);
  });
});

describe('preferences and mail', () => {
  it('has sensible defaults and refuses unknown kinds, modes and zones in plain words', async () => {
    const prefs = (await gov.get('/api/v1/me/notification-preferences')).json() as { timeZone: string; kinds: Record<string, string> };
    expect(prefs.timeZone).toBe('Africa/Lagos'); // the organization's country (Nigeria)
    expect(prefs.kinds).toMatchObject({ offer_received: 'immediately', meeting_changed: 'immediately', comment: 'daily' });
    const bad = await gov.put('/api/v1/me/notification-preferences', { timeZone: 'Mars/Olympus', kinds: { comment: 'hourly', gossip: 'off' } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['kinds.comment', 'kinds.gossip', 'timeZone']);
    expect(((await gov.get('/api/v1/me/notification-preferences')).json() as { timeZone: string }).timeZone).toBe('Africa/Lagos');
    const ok = (await gov.put('/api/v1/me/notification-preferences', { timeZone: 'Europe/Vienna', kinds: { comment: 'weekly' } })).json() as { timeZone: string; kinds: Record<string, string> };
    expect(ok).toMatchObject({ timeZone: 'Europe/Vienna', kinds: { comment: 'weekly', offer_received: 'immediately' } });
    await gov.put('/api/v1/me/notification-preferences', { timeZone: 'Africa/Lagos', kinds: { comment: 'daily' } });
  });

  it('mails an offer at once with RFC 8058 one-click unsubscribe, and the link turns that kind off', async () => {
    const post = (await gov.post('/api/v1/posts', request('Mail me: shelter standards'))).json() as { id: string };
    await ioOffer(post.id);
    expect(await sendImmediateMail(t.app.db, t.config.publicUrl)).toBeGreaterThan(0);
    // Sending twice (a second server) sends nothing more.
    expect(await sendImmediateMail(t.app.db, t.config.publicUrl)).toBe(0);
    const mails = (await t.mails()).filter((m) => m.to.includes('government@demo.test') && m.text.includes('Mail me: shelter standards'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.text).toContain('Marta Silva (International Organization for Migration (IOM)) sent an offer on "Mail me: shelter standards".');
    expect(mail.text).toContain(`/posts/${post.id}#offer-`);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const oneClick = mail.raw.match(/^List-Unsubscribe:\s+<([^>]+)>/m)?.[1];
    expect(oneClick).toContain('/api/v1/notifications/unsubscribe?token=');
    expect(mail.text).toContain('/notifications/preferences');
    const path = oneClick!.slice(t.config.publicUrl.length);
    // One click: a form POST with no session and no CSRF token.
    const res = await t.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ scope: 'offer_received', kinds: ['offer_received'] });
    expect(((await gov.get('/api/v1/me/notification-preferences')).json() as { kinds: Record<string, string> }).kinds.offer_received).toBe('off');
    // A tampered token is refused.
    expect((await t.app.inject({ method: 'POST', url: `${path}x` })).statusCode).toBe(410);
    const again = (await gov.post('/api/v1/posts', request('Not mailed any more'))).json() as { id: string };
    await ioOffer(again.id);
    await sendImmediateMail(t.app.db, t.config.publicUrl);
    expect((await t.mails()).filter((m) => m.text.includes('Not mailed any more'))).toEqual([]);
    // Still in the app.
    expect((await list(gov)).items[0]).toMatchObject({ kind: 'offer_received', postId: again.id });
    await gov.put('/api/v1/me/notification-preferences', { kinds: { offer_received: 'immediately' } });
  });

  it('gathers several notifications into one daily digest, in the person’s time zone, once', async () => {
    const post = (await gov.post('/api/v1/posts', request('Digest: trafficking data standards'))).json() as { id: string };
    await t.app.db.updateTable('notifications').set({ mail_status: 'sent' }).where('mail_status', '=', 'pending').execute();
    await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'One.' });
    await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'Two.' });
    await business.post(`/api/v1/posts/${post.id}/comments`, { body: 'Three.' });
    // They arrived on the afternoon before (pinned: a digest gathers what arrived before its 07:00).
    await sql`update notifications set created_at = ${new Date('2030-03-05T14:00:00Z')} where mail_status = 'pending'`.execute(t.app.db);
    // 05:30 in Lagos (UTC+1): too early.
    expect(await sendDigests(t.app.db, t.config.publicUrl, new Date('2030-03-06T04:30:00Z'))).toBe(0);
    // 07:30 in Lagos: one digest with the three comments.
    expect(await sendDigests(t.app.db, t.config.publicUrl, new Date('2030-03-06T06:30:00Z'))).toBeGreaterThan(0);
    expect(await sendDigests(t.app.db, t.config.publicUrl, new Date('2030-03-06T07:30:00Z'))).toBe(0);
    const digests = (await t.mails()).filter((m) => m.to.includes('government@demo.test') && m.subject.includes('daily digest'));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain('About "Digest: trafficking data standards"');
    expect(digests[0]!.text.match(/commented on/g)).toHaveLength(3);
    expect(digests[0]!.raw).toMatch(/^List-Unsubscribe:\s+<[^>]+unsubscribe\?token=/m);
  });
});
