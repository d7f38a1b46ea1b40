// Issue 12, "Your data": the download of everything the Forum holds about you (your own, nothing
// secret like the password hash), and deletion: the request goes to the organizers' queue (only
// theirs), and carrying it out erases the person while their writing stays, shown as "Former
// participant"; they are signed out and gone from the directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('your data', () => {
  it('downloads as JSON everything about you, and nothing secret', async () => {
    const me = await t.signIn('academia@demo.test');
    const post = ((await me.get('/api/v1/posts?limit=1')).json().items as { id: string }[])[0]!;
    const comment = await me.post(`/api/v1/posts/${post.id}/comments`, { body: 'A comment to find again in my data.' });
    expect(comment.statusCode, comment.body).toBe(201);
    const res = await me.get('/api/v1/me/data');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.json"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json() as { account: Record<string, unknown>; comments: { body: string }[]; sessions: unknown[] };
    expect(data.account).toMatchObject({ email: 'academia@demo.test' });
    expect(data.comments.map((c) => c.body)).toContain('A comment to find again in my data.');
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/password_hash|\$argon2/);
    expect((await t.client().get('/api/v1/me/data')).statusCode).toBe(401);
  });

  it('asks for deletion once, reaches only the organizers, and leaves the writing as "Former participant"', async () => {
    const person = await t.signIn('media@demo.test');
    const post = ((await person.get('/api/v1/posts?limit=1')).json().items as { id: string }[])[0]!;
    const written = await person.post(`/api/v1/posts/${post.id}/comments`, { body: 'Words that must outlive the account.' });
    expect(written.statusCode, written.body).toBe(201);
    const asked = await person.post('/api/v1/me/deletion-request', { note: 'Leaving the field.' });
    expect(asked.statusCode).toBe(202);
    // Asking twice is one request.
    expect((await person.post('/api/v1/me/deletion-request', {})).json()).toEqual(asked.json());

    // Only organizers see the queue or carry it out.
    const other = await t.signIn('io@demo.test');
    expect((await other.get('/api/v1/deletion-requests')).statusCode).toBe(403);
    const organizer = await t.signIn('organizer@demo.test');
    const queue = (await organizer.get('/api/v1/deletion-requests')).json().items as { id: string; user: { email: string }; note: string }[];
    const request = queue.filter((q) => q.user.email === 'media@demo.test');
    expect(request).toHaveLength(1);
    expect(request[0]!.note).toBe('Leaving the field.');
    expect((await other.post(`/api/v1/deletion-requests/${request[0]!.id}/complete`, {})).statusCode).toBe(403);
    expect((await organizer.post(`/api/v1/deletion-requests/${request[0]!.id}/complete`, {})).statusCode).toBe(204);
    expect((await organizer.post(`/api/v1/deletion-requests/${request[0]!.id}/complete`, {})).statusCode).toBe(404);

    // Signed out, cannot sign in, gone from the directory; the comment stays, by "Former participant".
    expect((await person.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.client().post('/api/v1/session', { email: 'media@demo.test', password: 'vienna-2008-demo' })).statusCode).toBe(401);
    const people = (await other.get('/api/v1/directory/people?q=media')).json().items as { email: string | null; name: string }[];
    expect(people.some((p) => p.email === 'media@demo.test')).toBe(false);
    const comments = (await other.get(`/api/v1/posts/${post.id}/comments`)).json();
    const kept = ((comments.items ?? comments) as { body?: string; bodyHtml?: string; author: { name: string } }[]).find((c) => (c.body ?? c.bodyHtml ?? '').includes('Words that must outlive the account.'));
    expect(kept?.author.name).toBe('Former participant');
    expect((await organizer.get('/api/v1/deletion-requests')).json().items.some((q: { user: { email: string } }) => q.user.email === 'media@demo.test')).toBe(false);
  });
});
