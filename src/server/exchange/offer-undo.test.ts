// Issue 13: accepting or declining an offer can be undone while nothing depends on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let gov: TestClient, io: TestClient, cso: TestClient;

const request = (title: string) => ({ kind: 'ta_request', title, body: 'We need help drafting standard operating procedures for shelters.', regions: ['002'], areas: ['victim_protection'], audience: 'all' });

async function requestWithOffer(title: string, from: TestClient = io) {
  const post = (await gov.post('/api/v1/posts', request(title))).json() as { id: string };
  const offer = (await from.post(`/api/v1/posts/${post.id}/offers`, { summary: 'Two trainers for a week', body: 'We can send two trainers.' })).json() as { id: string };
  return { post, offer };
}
const partners = (postId: string) => t.app.db.selectFrom('post_partners').select(['role', 'offer_id']).where('post_id', '=', postId).orderBy('role').execute();
const postStatus = async (postId: string) => (await t.app.db.selectFrom('posts').select('status').where('id', '=', postId).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  t = await createTestApp();
  [gov, io, cso] = (await Promise.all(['government@demo.test', 'io@demo.test', 'cso@demo.test'].map((e) => t.signIn(e)))) as [TestClient, TestClient, TestClient];
});
afterAll(async () => t?.close());

describe('undoing a decision on an offer', () => {
  it('undoing an acceptance makes the offer pending, the request open again and the provider no longer a partner; the provider is told', async () => {
    const { post, offer } = await requestWithOffer('Shelter procedures for Kano');
    expect((await gov.post(`/api/v1/offers/${offer.id}/accept`, {})).statusCode).toBe(200);
    expect(await postStatus(post.id)).toBe('in_progress');
    expect(await partners(post.id)).toHaveLength(2);

    const res = await gov.post(`/api/v1/offers/${offer.id}/undo`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: offer.id, status: 'pending', permissions: { accept: true, decline: true } });
    expect(await postStatus(post.id)).toBe('open');
    expect(await partners(post.id)).toEqual([]);
    const told = (await io.get('/api/v1/me/notifications')).json() as { items: Array<{ kind: string; subject: { id: string } }> };
    expect(told.items[0]).toMatchObject({ kind: 'offer_reopened', subject: { id: offer.id } });
    // Decided again after the undo, as the first time.
    expect((await gov.post(`/api/v1/offers/${offer.id}/decline`, {})).json()).toMatchObject({ status: 'declined' });
  });

  it('undoing a refusal makes the offer pending again', async () => {
    const { offer } = await requestWithOffer('Shelter procedures for Jos');
    await gov.post(`/api/v1/offers/${offer.id}/decline`, {});
    expect((await gov.post(`/api/v1/offers/${offer.id}/undo`, {})).json()).toMatchObject({ status: 'pending' });
  });

  it('keeps the request in progress and the requester a partner while another accepted offer stands', async () => {
    const { post, offer } = await requestWithOffer('Shelter procedures for Ibadan');
    const second = (await cso.post(`/api/v1/posts/${post.id}/offers`, { summary: 'Survivor-informed review', body: 'Review.' })).json() as { id: string };
    await gov.post(`/api/v1/offers/${offer.id}/accept`, {});
    await gov.post(`/api/v1/offers/${second.id}/accept`, {});
    expect((await gov.post(`/api/v1/offers/${second.id}/undo`, {})).statusCode).toBe(200);
    expect(await postStatus(post.id)).toBe('in_progress');
    expect(await partners(post.id)).toEqual([
      { role: 'requester', offer_id: null },
      { role: 'service_provider', offer_id: offer.id },
    ]);
  });

  it('refuses once the request has moved on (completed), with a sentence', async () => {
    const { post, offer } = await requestWithOffer('Shelter procedures for Enugu');
    await gov.post(`/api/v1/offers/${offer.id}/accept`, {});
    await t.app.db.updateTable('posts').set({ status: 'completed' }).where('id', '=', post.id).execute();
    const res = await gov.post(`/api/v1/offers/${offer.id}/undo`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: expect.stringContaining('offer-decision-used') });
    expect((res.json() as { detail: string }).detail).toMatch(/moved on since the offer was accepted \(it is now completed\)/);
  });

  it('refuses a pending offer, and anyone but the requesting organization (the offering one: 403; others: 404)', async () => {
    const { offer } = await requestWithOffer('Shelter procedures for Abuja');
    expect((await gov.post(`/api/v1/offers/${offer.id}/undo`, {})).statusCode).toBe(409);
    await gov.post(`/api/v1/offers/${offer.id}/accept`, {});
    expect((await io.post(`/api/v1/offers/${offer.id}/undo`, {})).statusCode).toBe(403);
    // Another organization does not even see the offer.
    expect((await cso.post(`/api/v1/offers/${offer.id}/undo`, {})).statusCode).toBe(404);
  });
});
