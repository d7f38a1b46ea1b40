import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { checkSavedSearches } from './saved-search-job.js';

let t: TestApp;
let io: TestClient, cso: TestClient, gov: TestClient, organizer: TestClient;
let mailsSeen = 0;

const project = (title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'pipeline_project',
  title,
  body: 'Shelters and case management.',
  countries: ['NG'],
  areas: ['victim_protection'],
  budget: { amount: '300000', currency: 'EUR' },
  ...extra,
});

/** Runs the job as the background timer would, and returns the mails written since the last call. */
async function check() {
  await checkSavedSearches(t.app.db, t.config.publicUrl);
  const all = await t.mails();
  const fresh = all.slice(mailsSeen);
  mailsSeen = all.length;
  return fresh;
}

beforeAll(async () => {
  t = await createTestApp();
  [io, cso, gov, organizer] = (await Promise.all(['io@demo.test', 'cso@demo.test', 'government@demo.test', 'organizer@demo.test'].map((e) => t.signIn(e)))) as [TestClient, TestClient, TestClient, TestClient];
  mailsSeen = (await t.mails()).length;
});
afterAll(async () => t?.close());

describe('saving searches', () => {
  it('keeps the filters of the donor view or the browse page, for their owner only', async () => {
    const res = await cso.post('/api/v1/saved-searches', { name: 'Africa, victim protection', scope: 'funding', filters: { region: ['002'], area: ['victim_protection'], country: [] } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Africa, victim protection', scope: 'funding', filters: { region: ['002'], area: ['victim_protection'] }, notifiedCount: 0 });
    expect(res.json().filters).not.toHaveProperty('country');
    expect((await cso.get('/api/v1/saved-searches')).json().items).toHaveLength(1);
    expect((await gov.get('/api/v1/saved-searches')).json().items).toHaveLength(0);
    // Someone else's saved search answers like a missing one.
    expect((await gov.delete(`/api/v1/saved-searches/${res.json().id}`)).statusCode).toBe(404);
  });

  it('refuses filters that do not belong to the scope, naming them, and saves nothing', async () => {
    const before = (await cso.get('/api/v1/saved-searches')).json().items.length;
    const res = await cso.post('/api/v1/saved-searches', { name: 'x', scope: 'posts', filters: { minGap: '1000', currency: 'EUR', region: ['999'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['filters.currency', 'filters.minGap', 'filters.region.0']);
    const header = await cso.post('/api/v1/saved-searches', { name: 'Africa\r\nBcc: someone@example.org', scope: 'posts', filters: {} });
    expect(header.statusCode).toBe(400);
    expect(header.json().errors[0].field).toBe('name');
    const funding = await cso.post('/api/v1/saved-searches', { name: 'x', scope: 'funding', filters: { kind: ['ta_request'], minGap: '5' } });
    expect(funding.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['filters.currency', 'filters.kind.0']);
    expect((await cso.get('/api/v1/saved-searches')).json().items.length).toBe(before);
  });
});

describe('notifications', () => {
  it('never tells a partial-tier owner about a full-audience post, and tells them once about one open to all', async () => {
    const hidden = (await io.post('/api/v1/posts', project('Confidential shelter programme for Nigeria'))).json();
    expect(hidden.audience).toBe('full');
    expect(await check()).toEqual([]);

    const open = (await io.post('/api/v1/posts', project('Open shelter network for Nigeria', { audience: 'all' }))).json();
    const mails = await check();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe('cso@demo.test');
    expect(mails[0]!.text).toContain('your saved search "Africa, victim protection"');
    expect(mails[0]!.text).toContain('Open shelter network for Nigeria');
    expect(mails[0]!.text).toContain(`/posts/${open.id}`);
    expect(mails[0]!.text).not.toContain('Confidential');
    expect(mails[0]!.raw).not.toContain(hidden.id);

    // Run again (another server, or after a restart): nothing new, nothing twice.
    expect(await check()).toEqual([]);
    expect((await cso.get('/api/v1/saved-searches')).json().items[0].notifiedCount).toBe(1);
  });

  it('tells a full-tier owner about the full-audience post', async () => {
    await gov.post('/api/v1/saved-searches', { name: 'Nigeria projects', scope: 'posts', filters: { country: ['ng'], kind: ['pipeline_project'] } });
    const post = (await io.post('/api/v1/posts', project('Restricted reintegration programme'))).json();
    const mails = await check();
    expect(mails.map((m) => m.to)).toEqual(['government@demo.test']);
    expect(mails[0]!.text).toContain(post.title);
  });

  it('does not announce posts that do not match, the owner organization’s own, or posts hidden by organizers', async () => {
    await io.post('/api/v1/posts', project('Labour inspection in Asia', { audience: 'all', countries: ['TH'] }));
    await gov.post('/api/v1/posts', { kind: 'project_idea', title: 'Own idea of the Nigerian agency', body: 'Ours.', countries: ['NG'], status: 'seeking_funding', budget: { amount: '1000', currency: 'USD' } });
    const hiddenPost = (await io.post('/api/v1/posts', project('Hidden before anyone was told'))).json();
    await organizer.post(`/api/v1/posts/${hiddenPost.id}/hide`, { reason: 'Posted by mistake.' });
    expect(await check()).toEqual([]);
  });

  it('announces a post whose transaction was still open at the last check (created before it, visible after it)', async () => {
    const search = (await gov.get('/api/v1/saved-searches')).json().items[0];
    const { last_checked_at, created_at } = await t.app.db.selectFrom('saved_searches').select(['last_checked_at', 'created_at']).where('id', '=', search.id).executeTakeFirstOrThrow();
    expect(last_checked_at.getTime()).toBeGreaterThan(created_at.getTime());
    const post = (await io.post('/api/v1/posts', project('Late-committed project'))).json();
    // As if its transaction had begun before the last check (and after the search was saved) and committed after it.
    const before = new Date((last_checked_at.getTime() + created_at.getTime()) / 2);
    await t.app.db.updateTable('posts').set({ created_at: sql`${before.toISOString()}::timestamptz` as never, published_at: before }).where('id', '=', post.id).execute();
    const mails = await check();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Late-committed project');
  });

  it('writes nothing when the check fails half-way, and announces the post on the next run', async () => {
    const post = (await io.post('/api/v1/posts', project('Project announced after a failure'))).json();
    // The outbox refuses the mail: the hits and the checkpoint roll back with it.
    await sql`create function refuse_mail() returns trigger language plpgsql as $$ begin raise exception 'outbox down'; end $$`.execute(t.app.db);
    await sql`create trigger refuse_mail before insert on mail_outbox for each row execute function refuse_mail()`.execute(t.app.db);
    await expect(checkSavedSearches(t.app.db, t.config.publicUrl)).rejects.toThrow(/outbox down/);
    const hits = await t.app.db.selectFrom('saved_search_hits').select('post_id').where('post_id', '=', post.id).execute();
    expect(hits).toEqual([]);
    await sql`drop trigger refuse_mail on mail_outbox`.execute(t.app.db);
    await sql`drop function refuse_mail()`.execute(t.app.db);
    const mails = await check();
    expect(mails.map((m) => m.to)).toEqual(['government@demo.test']);
    expect(mails[0]!.text).toContain('Project announced after a failure');
    expect(await check()).toEqual([]);
  });

  it('does not announce posts older than the saved search', async () => {
    const old = (await io.post('/api/v1/posts', project('Project from before the search', { audience: 'all' }))).json();
    await t.app.db.updateTable('posts').set({ created_at: sql`now() - interval '1 minute'` as never, published_at: sql`now() - interval '1 minute'` as never }).where('id', '=', old.id).execute();
    const res = await cso.post('/api/v1/saved-searches', { name: 'All projects', scope: 'posts', filters: { kind: ['pipeline_project'] } });
    const mails = await check();
    expect(mails.filter((m) => m.text.includes('Project from before the search'))).toEqual([]);
    expect((await cso.delete(`/api/v1/saved-searches/${res.json().id}`)).statusCode).toBe(204);
  });

  it('follows the owner as they stand now: a suspended account is told nothing', async () => {
    const me = (await cso.get('/api/v1/me')).json();
    await organizer.post(`/api/v1/users/${me.id}/suspend`, { reason: 'Testing notifications of suspended accounts.' });
    await io.post('/api/v1/posts', project('Open project while suspended', { audience: 'all' }));
    const mails = await check();
    expect(mails.map((m) => m.to)).not.toContain('cso@demo.test');
    await organizer.post(`/api/v1/users/${me.id}/reinstate`, {});
  });
});
