// The visibility rule is written twice (src/server/access/rules/posts.ts): a predicate for one
// post and a SQL filter for lists. Here fast-check generates organizations, users and posts and
// checks that, for every user, the SQL filter returns exactly the posts the predicate allows.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCES, POST_KINDS } from '../../shared/exchange.js';
import { ORGANIZATION_CATEGORIES, ROLES } from '../../shared/participants.js';
import { canSeeComment, canSeePost, tierOf, visibleCommentsFilter, visiblePostsFilter, type Actor } from '../access/index.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(async () => t?.close());

const world = fc.record({
  organizations: fc.array(fc.constantFrom(...ORGANIZATION_CATEGORIES), { minLength: 1, maxLength: 4 }),
  posts: fc.array(
    fc.record({ org: fc.nat(), kind: fc.constantFrom(...POST_KINDS), audience: fc.constantFrom(...AUDIENCES), hidden: fc.boolean(), draft: fc.boolean(), coauthors: fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 3 }) }),
    { maxLength: 12 },
  ),
  actors: fc.array(fc.record({ org: fc.nat(), role: fc.constantFrom(...ROLES) }), { minLength: 1, maxLength: 5 }),
});

describe('post visibility: predicate and SQL filter', () => {
  it('agree for every generated user and post', async () => {
    const db = t.app.db;
    await fc.assert(
      fc.asyncProperty(world, async ({ organizations, posts, actors }) => {
        await db.deleteFrom('posts').execute();
        await db.deleteFrom('users').execute();
        await db.deleteFrom('organizations').execute();
        const orgs = await db
          .insertInto('organizations')
          .values(organizations.map((category, i) => ({ name: `Org ${i}`, category, country: 'AT' })))
          .returning(['id', 'category'])
          .execute();
        const authors = await db
          .insertInto('users')
          .values(orgs.map((o, i) => ({ organization_id: o.id, email: `u${i}@example.test`, name: `User ${i}`, role: 'focal_point' as const, status: 'active' as const })))
          .returning(['id', 'organization_id'])
          .execute();
        const inserted = posts.length
          ? await db
              .insertInto('posts')
              .values(
                posts.map((p, i) => ({
                  kind: p.kind,
                  title: `Post ${i}`,
                  body: 'Body',
                  body_html: '<p>Body</p>',
                  summary: 'Body',
                  audience: p.audience,
                  status: 'open' as const,
                  organization_id: orgs[p.org % orgs.length]!.id,
                  author_id: authors[p.org % orgs.length]!.id,
                  countries: ['AT'],
                  regions: [],
                  geo: ['AT', '155', '150'],
                  areas: [],
                  themes: [],
                  exploitation: [],
                  hidden_at: p.hidden ? new Date() : null,
                  published_at: p.draft ? null : new Date(),
                })),
              )
              .returning(['id', 'kind', 'audience', 'organization_id', 'hidden_at', 'published_at'])
              .execute()
          : [];
        // Co-authors (issue 13: they see a draft); the lead is never its own co-author.
        const coauthorsOf = new Map<string, string[]>();
        inserted.forEach((p, i) => {
          const ids = [...new Set(posts[i]!.coauthors.map((n) => orgs[n % orgs.length]!.id))].filter((id) => id !== p.organization_id);
          coauthorsOf.set(p.id, ids);
        });
        const coauthorRows = [...coauthorsOf].flatMap(([post_id, ids]) => ids.map((organization_id) => ({ post_id, organization_id, added_by: authors[0]!.id })));
        if (coauthorRows.length) await db.insertInto('post_coauthors').values(coauthorRows).execute();
        for (const a of actors) {
          const org = orgs[a.org % orgs.length]!;
          const actor: Actor = { id: 'x', role: a.role, organizationId: org.id, category: org.category, tier: tierOf(org.category, a.role) };
          const bySql = (await db.selectFrom('posts as p').select('p.id').where(visiblePostsFilter(actor)).execute()).map((r) => r.id).sort();
          const byPredicate = inserted
            .filter((p) => canSeePost(actor, { kind: p.kind, audience: p.audience, organizationId: p.organization_id, hidden: p.hidden_at !== null, draft: p.published_at === null, coauthors: coauthorsOf.get(p.id)! }))
            .map((p) => p.id)
            .sort();
          expect(bySql).toEqual(byPredicate);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never shows a partial-tier user a post restricted to the full tier of another organization', () => {
    fc.assert(
      fc.property(fc.constantFrom('civil_society', 'private_sector', 'academia', 'media', 'individual') as fc.Arbitrary<'civil_society'>, fc.constantFrom('focal_point', 'member') as fc.Arbitrary<'member'>, fc.constantFrom(...POST_KINDS), fc.boolean(), (category, role, kind, hidden) => {
        const actor: Actor = { id: 'u', role, organizationId: 'mine', category, tier: tierOf(category, role) };
        expect(actor.tier).toBe('partial');
        expect(canSeePost(actor, { kind, audience: 'full', organizationId: 'theirs', hidden, draft: false })).toBe(false);
      }),
    );
  });
});

describe('drafts (issue 13)', () => {
  it('are seen by no one but their organization and its co-authors, organizers included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORGANIZATION_CATEGORIES), fc.constantFrom(...ROLES), fc.constantFrom(...POST_KINDS), fc.constantFrom(...AUDIENCES), fc.boolean(), fc.boolean(), (category, role, kind, audience, hidden, coauthor) => {
        const actor: Actor = { id: 'u', role, organizationId: 'mine', category, tier: tierOf(category, role) };
        const theirs = { kind, audience, organizationId: 'theirs', hidden, draft: true, coauthors: coauthor ? ['mine'] : ['someone-else'] };
        expect(canSeePost(actor, theirs)).toBe(coauthor && (audience === 'all' || actor.tier === 'full'));
        expect(canSeePost(actor, { ...theirs, organizationId: 'mine' })).toBe(true);
      }),
    );
  });
});

describe('comment visibility: predicate and SQL filter', () => {
  it('agree for every generated reader and comment', async () => {
    const db = t.app.db;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ author: fc.nat(), hidden: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.record({ user: fc.nat(), role: fc.constantFrom(...ROLES) }), { minLength: 1, maxLength: 4 }),
        async (comments, readers) => {
          await db.deleteFrom('posts').execute();
          await db.deleteFrom('users').execute();
          await db.deleteFrom('organizations').execute();
          const org = await db.insertInto('organizations').values({ name: 'Org', category: 'government', country: 'AT' }).returning(['id', 'category']).executeTakeFirstOrThrow();
          const users = await db
            .insertInto('users')
            .values([0, 1, 2].map((i) => ({ organization_id: org.id, email: `c${i}@example.test`, name: `User ${i}`, role: 'focal_point' as const, status: 'active' as const })))
            .returning('id')
            .execute();
          const post = await db
            .insertInto('posts')
            .values({ kind: 'project_info', title: 'Post', body: 'Body', body_html: '<p>Body</p>', summary: 'Body', audience: 'all', status: 'open', organization_id: org.id, author_id: users[0]!.id, countries: ['AT'], regions: [], geo: ['AT'], areas: [], themes: [], exploitation: [] })
            .returning('id')
            .executeTakeFirstOrThrow();
          const inserted = await db
            .insertInto('comments')
            .values(comments.map((c) => ({ post_id: post.id, author_id: users[c.author % users.length]!.id, organization_id: org.id, body: 'x', body_html: 'x', hidden_at: c.hidden ? new Date() : null })))
            .returning(['id', 'author_id', 'hidden_at'])
            .execute();
          for (const r of readers) {
            const actor: Actor = { id: users[r.user % users.length]!.id, role: r.role, organizationId: org.id, category: org.category, tier: tierOf(org.category, r.role) };
            const bySql = (await db.selectFrom('comments as c').select('c.id').where(visibleCommentsFilter(actor)).execute()).map((c) => c.id).sort();
            const byPredicate = inserted.filter((c) => canSeeComment(actor, { hidden: c.hidden_at !== null, authorId: c.author_id })).map((c) => c.id).sort();
            expect(bySql).toEqual(byPredicate);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
