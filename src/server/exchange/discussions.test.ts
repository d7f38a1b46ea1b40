// GET /api/v1/me/discussions: the discussions a participant takes part in, for the home page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let gov: TestClient, cso: TestClient, io: TestClient;

interface DiscussionItem {
  post: { id: string; title: string };
  comments: number;
  newSinceYours: number;
}
const discussions = async (client: TestClient) => ((await client.get('/api/v1/me/discussions')).json() as { items: DiscussionItem[] }).items;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.db.deleteFrom('posts').where('is_demo', '=', true).execute();
  [gov, cso, io] = (await Promise.all(['government@demo.test', 'cso@demo.test', 'io@demo.test'].map((e) => t.signIn(e)))) as [TestClient, TestClient, TestClient];
});
afterAll(async () => t?.close());

const idea = (title: string) => ({ kind: 'project_info', title, body: 'A national referral mechanism review.', regions: ['150'], audience: 'all' });

describe('discussions I take part in', () => {
  it('lists posts I commented on, most recently active first, with what is new since my last comment', async () => {
    const a = (await gov.post('/api/v1/posts', idea('Referral mechanism review in Moldova'))).json() as { id: string };
    const b = (await gov.post('/api/v1/posts', idea('Labour inspection guide for the Balkans'))).json() as { id: string };
    const untouched = (await gov.post('/api/v1/posts', idea('A post I never commented on'))).json() as { id: string };
    await cso.post(`/api/v1/posts/${a.id}/comments`, { body: 'We can share our shelter data.' });
    await cso.post(`/api/v1/posts/${b.id}/comments`, { body: 'Interested.' });
    await io.post(`/api/v1/posts/${a.id}/comments`, { body: 'So can we.' });
    await gov.post(`/api/v1/posts/${a.id}/comments`, { body: 'Thank you both.' });
    await io.post(`/api/v1/posts/${untouched.id}/comments`, { body: 'Not a discussion of the CSO.' });

    const items = await discussions(cso);
    expect(items.map((d) => d.post.id)).toEqual([a.id, b.id]);
    expect(items[0]).toMatchObject({ comments: 3, newSinceYours: 2 });
    expect(items[1]).toMatchObject({ comments: 1, newSinceYours: 0 });
  });

  it('drops a discussion whose post the participant may no longer see, and never counts hidden comments', async () => {
    const post = (await gov.post('/api/v1/posts', idea('Restricted later: border cooperation plan'))).json() as { id: string; revision: number };
    await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'A question about the plan.' });
    expect((await discussions(cso)).map((d) => d.post.id)).toContain(post.id);

    const organizer = await t.signIn('organizer@demo.test');
    const other = (await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'Off-topic.' })).json() as { id: string };
    await organizer.post(`/api/v1/comments/${other.id}/hide`, { reason: 'Off-topic' });
    expect((await discussions(cso)).find((d) => d.post.id === post.id)).toMatchObject({ comments: 1, newSinceYours: 0 });

    expect((await gov.patch(`/api/v1/posts/${post.id}`, { audience: 'full' })).statusCode).toBe(200);
    const after = await discussions(cso);
    expect(after.map((d) => d.post.id)).not.toContain(post.id);
    expect(JSON.stringify(after)).not.toContain('border cooperation');
  });

  it('is for signed-in participants only', async () => {
    expect((await t.client().get('/api/v1/me/discussions')).statusCode).toBe(401);
  });
});

describe('the organizers\' list of hidden comments (GET /api/v1/comments/hidden)', () => {
  it('lists hidden comments on every post, most recently hidden first, with the post, the reason and who wrote it', async () => {
    const organizer = await t.signIn('organizer@demo.test');
    const a = (await gov.post('/api/v1/posts', idea('Shelter standards across the region'))).json() as { id: string; title: string };
    const b = (await gov.post('/api/v1/posts', { ...idea('Border guards training needs'), audience: 'full' })).json() as { id: string; title: string };
    const first = (await cso.post(`/api/v1/posts/${a.id}/comments`, { body: 'Buy cheap watches here.' })).json() as { id: string };
    const second = (await io.post(`/api/v1/posts/${b.id}/comments`, { body: 'Wrong thread, sorry.' })).json() as { id: string };
    const shown = (await io.post(`/api/v1/posts/${a.id}/comments`, { body: 'A fine comment.' })).json() as { id: string };
    await organizer.post(`/api/v1/comments/${first.id}/hide`, { reason: 'Advertising' });
    await organizer.post(`/api/v1/comments/${second.id}/hide`, { reason: 'Off-topic' });

    const res = await organizer.get('/api/v1/comments/hidden');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: string; body: string; hidden: { reason: string }; post: { id: string; title: string }; author: { name: string }; canModerate: boolean }[]; total: number };
    const ids = body.items.map((c) => c.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(ids).not.toContain(shown.id);
    expect(body.items.find((c) => c.id === first.id)).toMatchObject({ body: 'Buy cheap watches here.', hidden: { reason: 'Advertising' }, post: { id: a.id, title: a.title }, canModerate: true });
    expect(body.total).toBeGreaterThanOrEqual(2);

    // Shown again: off the list.
    await organizer.post(`/api/v1/comments/${first.id}/unhide`, {});
    expect(((await organizer.get('/api/v1/comments/hidden')).json() as { items: { id: string }[] }).items.map((c) => c.id)).not.toContain(first.id);
  });

  it('is for organizers only', async () => {
    for (const client of [gov, cso, io]) expect((await client.get('/api/v1/comments/hidden')).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/comments/hidden')).statusCode).toBe(401);
  });
});

describe('the post page\'s comment count, read with the post in one query', () => {
  it('counts the comments each reader may read: a hidden one only for its author and the organizers', async () => {
    const organizer = await t.signIn('organizer@demo.test');
    const post = (await gov.post('/api/v1/posts', idea('Screening guidance for shelters'))).json() as { id: string };
    const hidden = (await cso.post(`/api/v1/posts/${post.id}/comments`, { body: 'Visit our shop.' })).json() as { id: string };
    await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'We have guidance to share.' });
    await organizer.post(`/api/v1/comments/${hidden.id}/hide`, { reason: 'Advertising' });
    const count = async (client: TestClient) => ((await client.get(`/api/v1/posts/${post.id}`)).json() as { commentCount: number }).commentCount;
    expect({ cso: await count(cso), io: await count(io), gov: await count(gov), organizer: await count(organizer) }).toEqual({ cso: 2, io: 1, gov: 1, organizer: 2 });
  });
});
