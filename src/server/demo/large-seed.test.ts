// The volume-data generator behind `npm run seed:large`: reproducible for a seed, valid for the API's
// own checks, kinds consistent with the authors' categories, and a mix of audiences. One small run
// against a database checks the rows it writes obey the access rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayCreateKind } from '../../shared/exchange.js';
import { ORGANIZATION_CATEGORIES } from '../../shared/participants.js';
import { newPostValues } from '../exchange/post-model.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { generateOrganizations, generatePosts, Random, seedLarge } from './large-seed.js';

describe('generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generatePosts(300, 7)).toEqual(generatePosts(300, 7));
    expect(generateOrganizations(7)).toEqual(generateOrganizations(7));
    expect(generatePosts(50, 7).map((p) => p.input.title)).not.toEqual(generatePosts(50, 8).map((p) => p.input.title));
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('makes about 200 organizations of every category with unique demo.test focal points', () => {
    const orgs = generateOrganizations(1);
    expect(orgs.length).toBeGreaterThanOrEqual(190);
    expect(new Set(orgs.map((o) => o.category))).toEqual(new Set(ORGANIZATION_CATEGORIES));
    expect(new Set(orgs.map((o) => o.focalPoint.email)).size).toBe(orgs.length);
    expect(orgs.every((o) => o.focalPoint.email.endsWith('@demo.test'))).toBe(true);
  });

  it('makes posts the API would accept, of kinds their authors may post, about 40% for the full tier', () => {
    const orgs = generateOrganizations(3);
    const posts = generatePosts(2000, 3, orgs);
    for (const p of posts) {
      expect(mayCreateKind(p.input.kind, orgs[p.org]!.category, false)).toBe(true);
      expect(() => newPostValues(p.input)).not.toThrow();
      expect(p.input.title.length).toBeGreaterThanOrEqual(5);
      expect(p.input.title.length).toBeLessThanOrEqual(200);
      expect(p.input.body.length).toBeLessThanOrEqual(20_000);
      expect(p.updatedAt.getTime()).toBeGreaterThanOrEqual(p.createdAt.getTime());
    }
    const full = posts.filter((p) => p.input.audience === 'full').length / posts.length;
    expect(full).toBeGreaterThan(0.33);
    expect(full).toBeLessThan(0.47);
    for (const kind of ['ta_request', 'pipeline_project', 'project_idea', 'project_info']) expect(posts.some((p) => p.input.kind === kind)).toBe(true);
    const days = posts.map((p) => p.createdAt.getTime() / 86_400_000);
    expect(Math.max(...days) - Math.min(...days)).toBeGreaterThan(600);
  });
});

describe('seeding a database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('writes posts, revisions, comments and offers that follow the rules, and can run again', async () => {
    const db = t.app.db;
    const before = Number((await db.selectFrom('posts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const stats = await seedLarge(db, { posts: 400, seed: 5, batchSize: 150 });
    expect(stats).toMatchObject({ posts: 400, revisions: 400, comments: 200, offers: 20, organizations: stats.users });
    expect(stats.organizations).toBeGreaterThanOrEqual(190);
    const after = Number((await db.selectFrom('posts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after - before).toBe(400);

    // Partial-tier organizations never comment or offer on posts restricted to the full tier (unless their own).
    const partial = ['civil_society', 'private_sector', 'academia', 'media', 'individual'] as const;
    const badComments = await db
      .selectFrom('comments as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .innerJoin('organizations as o', 'o.id', 'c.organization_id')
      .select('c.id')
      .where('p.audience', '=', 'full')
      .where('o.category', 'in', partial)
      .whereRef('p.organization_id', '!=', 'c.organization_id')
      .execute();
    expect(badComments).toEqual([]);
    const replies = await db
      .selectFrom('comments as c')
      .innerJoin('comments as parent', 'parent.id', 'c.parent_id')
      .select(['c.post_id', 'parent.post_id as parent_post', 'parent.parent_id as grandparent'])
      .execute();
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.post_id === r.parent_post && r.grandparent === null)).toBe(true);
    const offers = await db
      .selectFrom('offers as f')
      .innerJoin('posts as p', 'p.id', 'f.post_id')
      .innerJoin('organizations as o', 'o.id', 'f.organization_id')
      .select(['p.kind', 'p.audience', 'p.status', 'o.category', 'f.organization_id', 'p.organization_id as post_org', 'f.status as offer_status'])
      .execute();
    for (const o of offers) {
      expect(o.kind).toBe('ta_request');
      expect(o.organization_id).not.toBe(o.post_org);
      if ((partial as readonly string[]).includes(o.category)) expect(o.audience).toBe('all');
      if (o.offer_status === 'accepted') expect(o.status).toBe('in_progress');
    }
    expect(await db.selectFrom('posts').select('id').where('is_demo', '=', false).execute()).toEqual([]);

    // A second run with the same seed reuses the generated organizations.
    const again = await seedLarge(db, { posts: 50, seed: 5 });
    expect(again.organizations).toBe(0);
  });
});
