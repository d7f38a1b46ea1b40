// Walks every exchange endpoint as every kind of participant, against posts of each kind and
// audience (and a hidden one), and checks the answer — and that nothing restricted leaks through
// lists, search snippets, counts, facets, discussions, offers or error messages. Issue 13: private
// drafts (one co-authored by a partial-tier and one by a full-tier organization) reach nobody but
// their organization and co-authors, by any path: the map, statistics, directory counts, exports,
// the overlap check, requests to answer, funding, notifications and the public page included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

interface Fixture {
  key: string;
  id: string;
  /** A word that appears only in this post, its comment and its offer. */
  secret: string;
  audience: 'all' | 'full';
  hidden: boolean;
  owner: string;
  draft: boolean;
  /** Organizations (ORG_OF keys) co-authoring the post. */
  coauthors: string[];
  offerId?: string;
  commentId: string;
}

const VIEWERS = {
  'organizer@demo.test': { tier: 'full', organizer: true },
  'government@demo.test': { tier: 'full' },
  'io@demo.test': { tier: 'full' },
  'member.io@demo.test': { tier: 'full' },
  'cso@demo.test': { tier: 'partial' },
  'business@demo.test': { tier: 'partial' },
  'academia@demo.test': { tier: 'partial' },
  'media@demo.test': { tier: 'partial' },
  'expert@demo.test': { tier: 'partial' },
} as const;
type Viewer = keyof typeof VIEWERS;

const ORG_OF: Record<string, string> = {
  'organizer@demo.test': 'unodc', 'government@demo.test': 'naptip', 'io@demo.test': 'iom', 'member.io@demo.test': 'iom', 'ilo@demo.test': 'ilo',
  'cso@demo.test': 'lastrada', 'tdh@demo.test': 'tdh', 'business@demo.test': 'accor', 'academia@demo.test': 'university', 'media@demo.test': 'media', 'expert@demo.test': 'expert',
};

let t: TestApp;
const clients = new Map<string, TestClient>();
const fixtures: Fixture[] = [];
const c = (email: string) => clients.get(email)!;

/** Expected: may this viewer see this fixture? Written out from the aide-memoire, not from the code. */
function expectVisible(viewer: Viewer, f: Fixture): boolean {
  const v = VIEWERS[viewer];
  if (ORG_OF[viewer] === ORG_OF[f.owner]) return true;
  // A draft: its organization (above) and co-authors whose tier its audience lets in; nobody else, organizers neither.
  if (f.draft) return f.coauthors.includes(ORG_OF[viewer]!) && (f.audience === 'all' || v.tier === 'full');
  if ('organizer' in v) return true;
  if (f.hidden) return false;
  return f.audience === 'all' || v.tier === 'full';
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.db.deleteFrom('posts').where('is_demo', '=', true).execute();
  for (const email of [...Object.keys(VIEWERS), 'ilo@demo.test', 'tdh@demo.test']) clients.set(email, await t.signIn(email));

  const specs = [
    { key: 'request-full', owner: 'government@demo.test', kind: 'ta_request', audience: 'full' },
    { key: 'request-all', owner: 'government@demo.test', kind: 'ta_request', audience: 'all' },
    { key: 'pipeline-full', owner: 'io@demo.test', kind: 'pipeline_project', audience: 'full' },
    { key: 'pipeline-all', owner: 'io@demo.test', kind: 'pipeline_project', audience: 'all' },
    { key: 'idea-full', owner: 'tdh@demo.test', kind: 'project_idea', audience: 'full' },
    { key: 'idea-all', owner: 'tdh@demo.test', kind: 'project_idea', audience: 'all' },
    { key: 'info-full', owner: 'ilo@demo.test', kind: 'project_info', audience: 'full' },
    { key: 'info-all', owner: 'ilo@demo.test', kind: 'project_info', audience: 'all' },
    { key: 'idea-hidden', owner: 'tdh@demo.test', kind: 'project_idea', audience: 'all', hidden: true },
    { key: 'draft-request', owner: 'government@demo.test', kind: 'ta_request', audience: 'all', draft: true },
    { key: 'draft-idea-all', owner: 'tdh@demo.test', kind: 'project_idea', audience: 'all', draft: true, coauthors: ['cso@demo.test'] },
    { key: 'draft-pipeline-full', owner: 'io@demo.test', kind: 'pipeline_project', audience: 'full', draft: true, coauthors: ['government@demo.test'] },
    { key: 'draft-info-organizer', owner: 'organizer@demo.test', kind: 'project_info', audience: 'all', draft: true },
  ] as const;
  for (const [i, s] of specs.entries()) {
    const secret = `zx${'abcdefghijklmn'[i]}qsecret`;
    const res = await c(s.owner).post('/api/v1/posts', {
      kind: s.kind,
      audience: s.audience,
      title: `Matrix post ${s.key} ${secret}`,
      body: `Common matrixword text. The ${secret} details of this ${s.kind}.`,
      countries: ['KE'],
      areas: ['data_research'],
      themes: ['partnership'],
      ...('draft' in s ? { draft: true } : {}),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().draft).toBe('draft' in s);
    const id = res.json().id as string;
    const coauthors = 'coauthors' in s ? [...s.coauthors] : [];
    for (const email of coauthors) {
      const org = await t.app.db.selectFrom('users').select('organization_id').where('email', '=', email).executeTakeFirstOrThrow();
      expect((await c(s.owner).post(`/api/v1/posts/${id}/coauthors`, { organizationId: org.organization_id })).statusCode).toBe(201);
    }
    const comment = await c(s.owner).post(`/api/v1/posts/${id}/comments`, { body: `A comment mentioning ${secret}.` });
    expect(comment.statusCode).toBe(201);
    const f: Fixture = { key: s.key, id, secret, audience: s.audience, hidden: 'hidden' in s, owner: s.owner, draft: 'draft' in s, coauthors: coauthors.map((e) => ORG_OF[e]!), commentId: comment.json().id };
    if (s.kind === 'ta_request' && !f.draft) {
      const offer = await c('ilo@demo.test').post(`/api/v1/posts/${id}/offers`, { summary: `ILO offer ${secret}`, body: `We propose ${secret} support.` });
      expect(offer.statusCode).toBe(201);
      f.offerId = offer.json().id;
    }
    if ('hidden' in s) expect((await c('organizer@demo.test').post(`/api/v1/posts/${id}/hide`, { reason: 'moderation test' })).statusCode).toBe(200);
    fixtures.push(f);
  }
});
afterAll(async () => t?.close());

describe.each(Object.keys(VIEWERS) as Viewer[])('as %s', (viewer) => {
  const visible = () => fixtures.filter((f) => expectVisible(viewer, f));
  const invisible = () => fixtures.filter((f) => !expectVisible(viewer, f));
  const bodies: string[] = [];
  const record = (body: string) => {
    bodies.push(body);
    return body;
  };

  it('opens exactly the posts it may see; the others answer like posts that do not exist', async () => {
    const missing = await c(viewer).get('/api/v1/posts/00000000-0000-4000-8000-000000000000');
    for (const f of fixtures) {
      const res = await c(viewer).get(`/api/v1/posts/${f.id}`);
      record(res.body);
      expect(res.statusCode, f.key).toBe(expectVisible(viewer, f) ? 200 : 404);
      if (!expectVisible(viewer, f)) {
        expect({ ...res.json(), instance: null }).toEqual({ ...missing.json(), instance: null });
        for (const path of ['comments', 'offers', 'revisions']) {
          const sub = await c(viewer).get(`/api/v1/posts/${f.id}/${path}`);
          record(sub.body);
          expect(sub.statusCode, `${f.key}/${path}`).toBe(404);
        }
        const write = await c(viewer).post(`/api/v1/posts/${f.id}/comments`, { body: 'probing' });
        expect(write.statusCode).toBe(404);
        expect((await c(viewer).post(`/api/v1/posts/${f.id}/offers`, { summary: 'probing offer', body: 'x' })).statusCode).toBe(404);
        expect((await c(viewer).patch(`/api/v1/comments/${f.commentId}`, { body: 'probing' })).statusCode).toBe(404);
      }
    }
  });

  it('lists, searches and counts only what it may see', async () => {
    const list = await c(viewer).get('/api/v1/posts?limit=100');
    const search = await c(viewer).get('/api/v1/posts?q=matrixword&limit=100');
    const secretSearch = await Promise.all(invisible().map((f) => c(viewer).get(`/api/v1/posts?q=${f.secret}`)));
    for (const res of [list, search, ...secretSearch]) record(res.body);
    const expected = visible().map((f) => f.id).sort();
    for (const res of [list, search]) {
      const body = res.json();
      expect(body.items.map((i: { id: string }) => i.id).sort()).toEqual(expected);
      expect(body.total).toBe(expected.length);
      const facetSum = Object.values(body.facets.kind as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(facetSum).toBe(expected.length);
      expect(body.facets.region['014'] ?? 0).toBe(expected.length);
    }
    for (const res of secretSearch) expect(res.json()).toMatchObject({ items: [], total: 0, facets: { kind: {} } });
  });

  it('sees offers only as requester, offerer or organizer, and only on requests it may see', async () => {
    for (const f of fixtures.filter((x) => x.offerId)) {
      const res = await c(viewer).get(`/api/v1/offers/${f.offerId}`);
      record(res.body);
      const mayRead = expectVisible(viewer, f) && (viewer === 'organizer@demo.test' || ORG_OF[viewer] === ORG_OF[f.owner]);
      expect(res.statusCode, f.key).toBe(mayRead ? 200 : 404);
      if (expectVisible(viewer, f)) {
        const list = await c(viewer).get(`/api/v1/posts/${f.id}/offers`);
        expect(list.json().items.length).toBe(mayRead ? 1 : 0);
        record(list.body);
      }
    }
    for (const direction of ['sent', 'received']) record((await c(viewer).get(`/api/v1/offers?direction=${direction}`)).body);
  });

  it('finds no trace of a post it may not see on the map, statistics, directory, exports, overlap check, funding, requests to answer or notifications', async () => {
    const gets = ['/api/v1/map', '/api/v1/map/places/KE', '/api/v1/statistics', '/api/v1/directory/organizations', '/api/v1/iati/activities.xml', '/api/v1/posts/export.csv', '/api/v1/funding/projects', '/api/v1/me/requests-to-answer', '/api/v1/me/notifications', '/api/v1/me/discussions', '/api/v1/partnership-requests?direction=sent', '/api/v1/me/agenda'];
    for (const path of gets) record((await c(viewer).get(path)).body);
    for (const f of fixtures) {
      const similar = await c(viewer).post('/api/v1/similar?limit=20', { title: `Matrix post ${f.key}`, body: `Common matrixword text of this kind.`, countries: ['KE'], areas: ['data_research'], themes: ['partnership'] });
      record(similar.body);
      // Organizers' overlap board and audit: nothing of a draft they may not see.
      if (viewer === 'organizer@demo.test') for (const path of ['/api/v1/overlaps', '/api/v1/audit']) record((await c(viewer).get(path)).body);
    }
    // The directory counts only visible posts per organization.
    const directory = (await c(viewer).get('/api/v1/directory/organizations?limit=100')).json();
    const orgIds = new Map<string, string>();
    for (const f of fixtures) orgIds.set(ORG_OF[f.owner]!, (await t.app.db.selectFrom('users').select('organization_id').where('email', '=', f.owner).executeTakeFirstOrThrow()).organization_id);
    for (const [org, id] of orgIds) {
      const entry = (directory.items as { id: string; posts: number }[]).find((o) => o.id === id);
      const expected = visible().filter((f) => ORG_OF[f.owner] === org).length;
      if (entry) expect(entry.posts, `${viewer} counts ${org}`).toBe(expected);
    }
  });

  it('never receives a word of a post it may not see, in any answer above', () => {
    const all = bodies.join('\n');
    for (const f of invisible()) expect(all.includes(f.secret), `${f.key} leaked`).toBe(false);
    expect(bodies.length).toBeGreaterThan(0);
  });
});

describe('offers', () => {
  it('lets partial-tier organizations offer only on requests open to all, and never on their own', async () => {
    const full = fixtures.find((f) => f.key === 'request-full')!;
    const open = fixtures.find((f) => f.key === 'request-all')!;
    expect((await c('cso@demo.test').post(`/api/v1/posts/${open.id}/offers`, { summary: 'Shelter expertise offer', body: 'We can help.' })).statusCode).toBe(201);
    expect((await c('cso@demo.test').post(`/api/v1/posts/${full.id}/offers`, { summary: 'Shelter expertise offer', body: 'We can help.' })).statusCode).toBe(404);
    expect((await c('government@demo.test').post(`/api/v1/posts/${open.id}/offers`, { summary: 'Our own request', body: 'x' })).statusCode).toBe(403);
    const pipeline = fixtures.find((f) => f.key === 'pipeline-all')!;
    expect((await c('cso@demo.test').post(`/api/v1/posts/${pipeline.id}/offers`, { summary: 'Not a request', body: 'x' })).statusCode).toBe(403);
  });

  it('lets the requester accept: the request moves to in progress and both become partners; a second decision is refused', async () => {
    const f = fixtures.find((x) => x.key === 'request-full')!;
    expect((await c('ilo@demo.test').post(`/api/v1/offers/${f.offerId}/accept`, {})).statusCode).toBe(403);
    const accepted = await c('government@demo.test').post(`/api/v1/offers/${f.offerId}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', permissions: { accept: false } });
    expect((await c('government@demo.test').get(`/api/v1/posts/${f.id}`)).json().status).toBe('in_progress');
    const partners = await t.app.db.selectFrom('post_partners').select(['role']).where('post_id', '=', f.id).orderBy('role').execute();
    expect(partners.map((p) => p.role)).toEqual(['requester', 'service_provider']);
    const again = await c('government@demo.test').post(`/api/v1/offers/${f.offerId}/decline`, {});
    expect(again.statusCode).toBe(409);
    const received = (await c('government@demo.test').get('/api/v1/offers?direction=received&status=accepted')).json().items;
    expect(received.map((o: { id: string }) => o.id)).toContain(f.offerId);
  });
});

describe('discussion', () => {
  it('allows one level of replies and a short edit window for the author only', async () => {
    const f = fixtures.find((x) => x.key === 'idea-all')!;
    const top = (await c('cso@demo.test').post(`/api/v1/posts/${f.id}/comments`, { body: 'Interested in partnering.' })).json();
    const reply = await c('tdh@demo.test').post(`/api/v1/posts/${f.id}/comments`, { body: 'Let us talk.', parentId: top.id });
    expect(reply.statusCode).toBe(201);
    const deeper = await c('cso@demo.test').post(`/api/v1/posts/${f.id}/comments`, { body: 'Too deep.', parentId: reply.json().id });
    expect(deeper.statusCode).toBe(400);
    expect(deeper.json().errors[0].field).toBe('parentId');
    expect((await c('business@demo.test').patch(`/api/v1/comments/${top.id}`, { body: 'Not mine' })).statusCode).toBe(403);
    expect((await c('cso@demo.test').patch(`/api/v1/comments/${top.id}`, { body: 'Very interested in partnering.' })).json().editedAt).not.toBeNull();
    await t.app.db.updateTable('comments').set({ created_at: new Date(Date.now() - 3_600_000) } as never).where('id', '=', top.id).execute();
    expect((await c('cso@demo.test').patch(`/api/v1/comments/${top.id}`, { body: 'Too late' })).statusCode).toBe(403);
  });

  it('lets organizers hide a comment from other participants', async () => {
    const f = fixtures.find((x) => x.key === 'info-all')!;
    const comment = (await c('media@demo.test').post(`/api/v1/posts/${f.id}/comments`, { body: 'Off-topic advertising.' })).json();
    expect((await c('organizer@demo.test').post(`/api/v1/comments/${comment.id}/hide`, { reason: 'Advertising' })).statusCode).toBe(200);
    const seenByOthers = (await c('business@demo.test').get(`/api/v1/posts/${f.id}/comments`)).json().items.map((x: { id: string }) => x.id);
    expect(seenByOthers).not.toContain(comment.id);
    const seenByAuthor = (await c('media@demo.test').get(`/api/v1/posts/${f.id}/comments`)).json().items.find((x: { id: string }) => x.id === comment.id);
    expect(seenByAuthor.hidden.reason).toBe('Advertising');
    expect(seenByAuthor).toMatchObject({ canModerate: false, canEdit: false });
    expect((await c('media@demo.test').patch(`/api/v1/comments/${comment.id}`, { body: 'Sneaking it back' })).statusCode).toBe(403);
    const seenByOrganizer = (await c('organizer@demo.test').get(`/api/v1/posts/${f.id}/comments`)).json().items.find((x: { id: string }) => x.id === comment.id);
    expect(seenByOrganizer).toMatchObject({ canModerate: true, body: 'Off-topic advertising.', hidden: { reason: 'Advertising' } });
    expect((await c('organizer@demo.test').post(`/api/v1/comments/${comment.id}/unhide`, {})).json().hidden).toBeNull();
    expect((await c('business@demo.test').get(`/api/v1/posts/${f.id}/comments`)).json().items.map((x: { id: string }) => x.id)).toContain(comment.id);
  });
});
