// Live updates: two app servers over one database (PostgreSQL, or one PGlite in this process).
// A comment written through server A reaches an SSE client of server B: the `notification` event
// (same shape as the list) and the `post` event for pages showing that post; Last-Event-ID resumes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let b: FastifyInstance;
let bDatabase: DatabaseHandle | null = null;
let baseB: string;
let gov: TestClient, io: TestClient, cso: TestClient;

interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

/** Opens a stream on server B and collects its events until closed. */
function openStream(client: TestClient, lastEventId?: string) {
  const events: SseEvent[] = [];
  let request: http.ClientRequest;
  const waiters: { test: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  const opened = new Promise<number>((resolve, reject) => {
    request = http.get(`${baseB}/api/v1/me/stream`, { headers: { cookie: client.cookie!, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } }, (res) => {
      resolve(res.statusCode ?? 0);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(frame.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
          if (!fields.event) continue;
          const event: SseEvent = { event: fields.event, data: JSON.parse(fields.data ?? 'null'), ...(fields.id ? { id: fields.id } : {}) };
          events.push(event);
          for (const w of [...waiters]) if (w.test(event)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(event);
          }
        }
      });
    });
    request.on('error', reject);
  });
  return {
    events,
    opened,
    next: (test: (e: SseEvent) => boolean) => {
      const found = events.find(test);
      return found ? Promise.resolve(found) : new Promise<SseEvent>((resolve) => waiters.push({ test, resolve }));
    },
    close: () => request.destroy(),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  // Server B: its own connections (PostgreSQL), or the same in-process PGlite.
  if (t.database.kind === 'postgres') bDatabase = await openDatabase(t.config.database);
  b = await buildApp(t.config, { database: bDatabase ?? t.database, backgroundJobs: false, logger: false });
  await b.listen({ port: 0, host: '127.0.0.1' });
  baseB = `http://127.0.0.1:${(b.server.address() as AddressInfo).port}`;
  [gov, io, cso] = (await Promise.all(['government@demo.test', 'io@demo.test', 'cso@demo.test'].map((e) => t.signIn(e)))) as [TestClient, TestClient, TestClient];
});
afterAll(async () => {
  await b?.close();
  await bDatabase?.close();
  await t?.close();
});

const request = (title: string, audience: 'all' | 'full' = 'all') => ({ kind: 'ta_request', title, body: 'Help with shelter standards.', regions: ['002'], areas: ['victim_protection'], audience });

describe('the live stream across servers', () => {
  it('refuses a visitor who is not signed in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/stream' });
    expect(res.statusCode).toBe(401);
  });

  it('an action on server A reaches an SSE client of server B, with the unread count first', async () => {
    const post = (await gov.post('/api/v1/posts', request('Live: shelter standards'))).json() as { id: string };
    const stream = openStream(gov);
    expect(await stream.opened).toBe(200);
    const unread = await stream.next((e) => e.event === 'unread');
    expect(unread.data).toMatchObject({ count: expect.any(Number) });

    // The comment goes through server A.
    const comment = (await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'IOM is on it.' })).json() as { id: string };
    const note = await stream.next((e) => e.event === 'notification');
    expect(note.data).toMatchObject({ kind: 'comment', subject: { title: 'Live: shelter standards' }, url: `/posts/${post.id}#comment-${comment.id}`, actor: { name: 'Marta Silva' } });
    expect(note.id).toMatch(/^\d+$/);
    // The same item as the list shows.
    const listed = ((await gov.get('/api/v1/me/notifications')).json() as { items: { id: string }[] }).items[0];
    expect(note.data).toEqual(listed);
    expect((await stream.next((e) => e.event === 'post')).data).toEqual({ id: post.id, change: 'comment' });
    stream.close();

    // Resuming with Last-Event-ID replays what came after it.
    await io.post(`/api/v1/posts/${post.id}/comments`, { body: 'Missed while away.' });
    const resumed = openStream(gov, note.id);
    const replayed = await resumed.next((e) => e.event === 'notification');
    expect(Number(replayed.id)).toBeGreaterThan(Number(note.id));
    resumed.close();
  });

  it('a partial-tier stream hears nothing, not even post changes, of a restricted post', async () => {
    const restricted = (await gov.post('/api/v1/posts', request('Live restricted: investigation', 'full'))).json() as { id: string };
    const open = (await gov.post('/api/v1/posts', request('Live open: hotline'))).json() as { id: string };
    await cso.put(`/api/v1/posts/${open.id}/follow`);
    const stream = openStream(cso);
    await stream.next((e) => e.event === 'unread');
    await io.post(`/api/v1/posts/${restricted.id}/comments`, { body: 'On the restricted one.' });
    await io.post(`/api/v1/posts/${open.id}/comments`, { body: 'On the open one.' });
    // Events arrive in commit order: once the open post's news is here, the restricted one's would have been.
    await stream.next((e) => e.event === 'notification' && (e.data as { postId: string }).postId === open.id);
    await stream.next((e) => e.event === 'post' && (e.data as { id: string }).id === open.id);
    expect(JSON.stringify(stream.events)).not.toContain(restricted.id);
    expect(JSON.stringify(stream.events)).not.toContain('investigation');
    stream.close();
  });
});
