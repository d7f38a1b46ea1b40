// The demo exchange as loaded with the demo data: enough of every kind, every taxonomy used, and
// every comment and offer made by an organization the access rules let do so. Nothing in it may
// look like personal data about an individual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST_KINDS, POST_STATUSES } from '../../shared/exchange.js';
import { AREA_CODES, EXPLOITATION_CODES, THEME_CODES } from '../../shared/taxonomy/index.js';
import { can, canSeePost, tierOf, type Actor } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { factsOf } from '../exchange/post-model.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import type { Kysely } from 'kysely';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { DEMO_COMMENTS, DEMO_OFFERS, DEMO_POSTS } from './demo-exchange.js';

let t: TestApp;
let db: Kysely<Database>;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
});
afterAll(async () => t?.close());

const posts = () => db.selectFrom('posts').selectAll().where('is_demo', '=', true).execute();

/** The actor a user of the demo is, as the access rules see them. */
async function actorOf(userId: string): Promise<Actor> {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.role', 'o.id as organization_id', 'o.category'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { id: u.id, role: u.role, tier: tierOf(u.category, u.role), organizationId: u.organization_id, category: u.category };
}

describe('demo exchange content', () => {
  it('loads every demo post, comment and offer, flagged as demo', async () => {
    const all = await db.selectFrom('posts').select(['is_demo']).execute();
    expect(all.length).toBe(DEMO_POSTS.length);
    expect(all.every((p) => p.is_demo)).toBe(true);
    const comments = await db.selectFrom('comments').select('is_demo').execute();
    expect(comments.length).toBe(DEMO_COMMENTS.length);
    expect(comments.every((c) => c.is_demo)).toBe(true);
    const offers = await db.selectFrom('offers').select('is_demo').execute();
    expect(offers.length).toBe(DEMO_OFFERS.length);
    expect(offers.every((o) => o.is_demo)).toBe(true);
    const orgs = await db.selectFrom('organizations').select('is_demo').execute();
    expect(orgs.every((o) => o.is_demo)).toBe(true);
    const users = await db.selectFrom('users').select(['email', 'is_demo']).execute();
    expect(users.every((u) => u.is_demo && u.email.endsWith('@demo.test'))).toBe(true);
    expect(users.length).toBe(DEMO_ACCOUNTS.length);
  });

  it('has at least eight posts of each kind, both audiences, and valid statuses', async () => {
    const rows = await posts();
    for (const kind of POST_KINDS) expect(rows.filter((p) => p.kind === kind).length, kind).toBeGreaterThanOrEqual(8);
    expect(rows.filter((p) => p.audience === 'full').length).toBeGreaterThanOrEqual(8);
    expect(rows.filter((p) => p.audience === 'all').length).toBeGreaterThanOrEqual(8);
    // Requests and pipeline projects are not all restricted, and not every idea is open.
    expect(rows.some((p) => p.kind === 'ta_request' && p.audience === 'all')).toBe(true);
    expect(rows.some((p) => p.kind === 'pipeline_project' && p.audience === 'all')).toBe(true);
    expect(rows.some((p) => p.kind === 'project_idea' && p.audience === 'full')).toBe(true);
    for (const p of rows) expect(POST_STATUSES[p.kind] as readonly string[]).toContain(p.status);
    expect(rows.filter((p) => p.kind === 'ta_request' && p.status === 'in_progress').length).toBeGreaterThanOrEqual(2);
  });

  it('is authored by organizations allowed to post each kind, each with a first revision', async () => {
    const rows = await db
      .selectFrom('posts as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .innerJoin('users as u', 'u.id', 'p.author_id')
      .leftJoin('post_revisions as r', (j) => j.onRef('r.post_id', '=', 'p.id').on('r.revision', '=', 1))
      .select(['p.kind', 'o.category', 'u.organization_id as author_org', 'p.organization_id', 'r.revision', 'r.snapshot', 'p.title', 'p.created_at', 'p.updated_at', 'p.body_html'])
      .execute();
    for (const r of rows) {
      if (r.kind === 'ta_request') expect(r.category).toBe('government');
      if (r.kind === 'pipeline_project') expect(r.category).toBe('intergovernmental');
      expect(r.author_org).toBe(r.organization_id);
      expect(r.revision).toBe(1);
      expect((r.snapshot as unknown as { title: string }).title).toBe(r.title);
      expect(r.updated_at.getTime()).toBeGreaterThanOrEqual(r.created_at.getTime());
      expect(r.body_html).toMatch(/<(p|ul|ol|h3)>/);
    }
    // Spread over the past months, none in the future.
    const times = rows.map((r) => r.created_at.getTime());
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(90 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
  });

  it('uses every area, theme and form of exploitation, and places on every continent', async () => {
    const rows = await posts();
    const used = (field: 'areas' | 'themes' | 'exploitation') => new Set(rows.flatMap((p) => p[field]));
    expect([...AREA_CODES].filter((c) => !used('areas').has(c))).toEqual([]);
    expect([...THEME_CODES].filter((c) => !used('themes').has(c))).toEqual([]);
    expect([...EXPLOITATION_CODES].filter((c) => !used('exploitation').has(c))).toEqual([]);
    const geo = new Set(rows.flatMap((p) => p.geo));
    for (const continent of ['002', '019', '142', '150', '009']) expect(geo, continent).toContain(continent);
    expect(rows.filter((p) => p.budget_amount !== null).length).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((p) => p.budget_currency?.trim()).filter(Boolean))).toEqual(new Set(['USD', 'EUR']));
  });
});

describe('demo discussion and offers follow the access rules', () => {
  it('has every comment written by an organization that may see and comment on its post', async () => {
    const comments = await db
      .selectFrom('comments as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .select(['c.id', 'c.parent_id', 'c.post_id', 'c.author_id', 'c.organization_id', 'c.created_at', 'u.organization_id as user_org', 'p.kind', 'p.audience', 'p.organization_id as post_org', 'p.hidden_at', 'p.created_at as post_created'])
      .execute();
    expect(comments.length).toBeGreaterThanOrEqual(25);
    const byId = new Map(comments.map((c) => [c.id, c]));
    let partialTier = 0;
    for (const c of comments) {
      expect(c.organization_id).toBe(c.user_org);
      const actor = await actorOf(c.author_id);
      const post = factsOf({ kind: c.kind, audience: c.audience, organization_id: c.post_org, hidden_at: c.hidden_at, published_at: new Date() });
      expect(canSeePost(actor, post), `comment ${c.id}`).toBe(true);
      expect(can(actor, 'comment', 'post', post)).toBe(true);
      if (actor.tier === 'partial') {
        partialTier++;
        expect(c.audience === 'all' || c.post_org === actor.organizationId).toBe(true);
      }
      expect(c.created_at.getTime()).toBeGreaterThan(c.post_created.getTime());
      if (c.parent_id) {
        const parent = byId.get(c.parent_id)!;
        expect(parent.post_id).toBe(c.post_id);
        expect(parent.parent_id).toBeNull();
        expect(c.created_at.getTime()).toBeGreaterThan(parent.created_at.getTime());
      }
    }
    expect(partialTier).toBeGreaterThan(0);
    expect(comments.filter((c) => c.parent_id).length).toBeGreaterThanOrEqual(5);
  });

  it('has offers only on requests, never from the requester, and only where the offering organization may offer', async () => {
    const offers = await db
      .selectFrom('offers as f')
      .innerJoin('posts as p', 'p.id', 'f.post_id')
      .select(['f.id', 'f.status', 'f.author_id', 'f.organization_id', 'f.created_at', 'f.decided_at', 'p.id as post_id', 'p.kind', 'p.audience', 'p.status as post_status', 'p.organization_id as post_org', 'p.hidden_at', 'p.created_at as post_created'])
      .execute();
    expect(offers.length).toBeGreaterThanOrEqual(8);
    for (const o of offers) {
      expect(o.kind).toBe('ta_request');
      expect(o.organization_id).not.toBe(o.post_org);
      const actor = await actorOf(o.author_id);
      expect(actor.organizationId).toBe(o.organization_id);
      const post = factsOf({ kind: o.kind, audience: o.audience, organization_id: o.post_org, hidden_at: o.hidden_at, published_at: new Date() });
      expect(canSeePost(actor, post)).toBe(true);
      expect(can(actor, 'offer', 'post', post), `offer ${o.id}`).toBe(true);
      if (actor.tier === 'partial') expect(o.audience).toBe('all');
      expect(['open', 'in_progress']).toContain(o.post_status);
      expect(o.created_at.getTime()).toBeGreaterThan(o.post_created.getTime());
      if (o.status === 'pending') expect(o.decided_at).toBeNull();
      else expect(o.decided_at!.getTime()).toBeGreaterThan(o.created_at.getTime());
    }
    expect(offers.some((o) => o.status === 'declined')).toBe(true);
    expect(offers.some((o) => o.audience === 'all' && o.status === 'pending')).toBe(true);

    const accepted = offers.filter((o) => o.status === 'accepted');
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    for (const o of accepted) {
      expect(o.post_status).toBe('in_progress');
      const partners = await db.selectFrom('post_partners').selectAll().where('post_id', '=', o.post_id).orderBy('role').execute();
      expect(partners.map((p) => [p.role, p.organization_id, p.offer_id])).toEqual([
        ['requester', o.post_org, null],
        ['service_provider', o.organization_id, o.id],
      ]);
    }
    expect((await db.selectFrom('post_partners').select('post_id').execute()).length).toBe(accepted.length * 2);
  });

  it('shows a partial-tier organization only the posts open to all (and its own)', async () => {
    const cso = await t.signIn('cso@demo.test');
    const seen: { audience: string; organization: { name: string } }[] = [];
    let cursor: string | null = null;
    do {
      const res = await cso.get(`/api/v1/posts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: typeof seen; nextCursor?: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor ?? null;
    } while (cursor);
    const rows = await posts();
    const lastrada = (await db.selectFrom('organizations').select('id').where('name', '=', 'La Strada International').executeTakeFirstOrThrow()).id;
    expect(seen.length).toBe(rows.filter((p) => p.audience === 'all' || p.organization_id === lastrada).length);
    expect(seen.every((p) => p.audience === 'all' || p.organization.name === 'La Strada International')).toBe(true);
  });
});

describe('no personal data about individuals', () => {
  // Phrases that would tell a person's story, and contact details other than the demo accounts'.
  const FORBIDDEN: [string, RegExp][] = [
    ['a named victim', /\bvictim(?:'s)? (?:named|called)\b|\bnamed [A-Z][a-z]+\b/i],
    ['someone’s name or age', /\b(?:her|his) (?:name|age) (?:is|was)\b|\b\d{1,2}[- ]years?[- ]old\b|\baged \d{1,2}\b/i],
    ['a case file', /\bcase (?:file|no\.?|number)\b|\bfile (?:no\.?|number)\b/i],
    ['a courtesy title with a name', /\b(?:Mr|Mrs|Ms|Miss)\.? [A-Z][a-z]+/],
    ['a phone number', /\+\d{1,3}[\s-]?\(?\d{1,4}\)?[\s-]?\d{3,}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4}\b/],
    ['an e-mail address outside demo.test', /[\w.+-]+@(?!demo\.test\b)[\w-]+(?:\.[\w-]+)+/i],
    ['a street address', /\b\d{1,4} [A-Z][a-z]+ (?:Street|St\.|Road|Avenue)\b/],
  ];

  it('has none in posts, comments or offers', async () => {
    const texts = [
      ...(await db.selectFrom('posts').select(['id', 'title', 'body']).execute()).map((p) => [`post ${p.title}`, `${p.title}\n${p.body}`] as const),
      ...(await db.selectFrom('comments').select(['id', 'body']).execute()).map((c) => [`comment ${c.id}`, c.body] as const),
      ...(await db.selectFrom('offers').select(['id', 'summary', 'body', 'timeframe']).execute()).map((o) => [`offer ${o.summary}`, `${o.summary}\n${o.body}\n${o.timeframe ?? ''}`] as const),
    ];
    expect(texts.length).toBe(DEMO_POSTS.length + DEMO_COMMENTS.length + DEMO_OFFERS.length);
    const found = texts.flatMap(([where, text]) => FORBIDDEN.filter(([, re]) => re.test(text)).map(([what]) => `${where}: ${what}`));
    expect(found).toEqual([]);
  });

  it('the patterns themselves catch what they are meant to', () => {
    const samples = ['A victim named Anna', 'call +234 803 555 0101', 'write to someone@example.org', 'a 15-year-old girl', 'Case file 2291', 'Mrs Okoye said'];
    for (const s of samples) expect(FORBIDDEN.some(([, re]) => re.test(s)), s).toBe(true);
    for (const s of ['the 2008-2009 work programme', 'USD 250,000', 'write to organizer@demo.test', 'Article 5 of the Protocol']) expect(FORBIDDEN.some(([, re]) => re.test(s)), s).toBe(false);
  });
});
