// Every coordination read, as every kind of participant, against projects of each audience, led
// from each tier, and a hidden one: the answer is 200 exactly when the viewer may see the project
// (404 otherwise, like a missing one), drafts only reach their editors, and a request's message
// only reaches the lead, organizers and the organization that sent it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

const VIEWERS = {
  'organizer@demo.test': { tier: 'full', org: 'unodc' },
  'government@demo.test': { tier: 'full', org: 'naptip' },
  'io@demo.test': { tier: 'full', org: 'iom' },
  'member.io@demo.test': { tier: 'full', org: 'iom' },
  'ilo@demo.test': { tier: 'full', org: 'ilo' },
  'cso@demo.test': { tier: 'partial', org: 'lastrada' },
  'tdh@demo.test': { tier: 'partial', org: 'tdh' },
  'business@demo.test': { tier: 'partial', org: 'accor' },
  'media@demo.test': { tier: 'partial', org: 'media' },
} as const;
type Viewer = keyof typeof VIEWERS;

interface Fixture {
  key: string;
  id: string;
  lead: Viewer;
  audience: 'all' | 'full';
  hidden: boolean;
  coauthor: Viewer;
  requester: Viewer;
  secret: string;
}

let t: TestApp;
const clients = new Map<Viewer, TestClient>();
const orgIds = new Map<string, string>();
const fixtures: Fixture[] = [];
const c = (v: Viewer) => clients.get(v)!;

const SPECS: Omit<Fixture, 'id' | 'secret'>[] = [
  { key: 'io-full', lead: 'io@demo.test', audience: 'full', hidden: false, coauthor: 'ilo@demo.test', requester: 'government@demo.test' },
  { key: 'io-all', lead: 'io@demo.test', audience: 'all', hidden: false, coauthor: 'tdh@demo.test', requester: 'business@demo.test' },
  { key: 'io-hidden', lead: 'io@demo.test', audience: 'all', hidden: true, coauthor: 'ilo@demo.test', requester: 'cso@demo.test' },
  { key: 'cso-all', lead: 'cso@demo.test', audience: 'all', hidden: false, coauthor: 'tdh@demo.test', requester: 'government@demo.test' },
  { key: 'cso-full', lead: 'cso@demo.test', audience: 'full', hidden: false, coauthor: 'ilo@demo.test', requester: 'government@demo.test' },
];

beforeAll(async () => {
  t = await createTestApp();
  for (const v of Object.keys(VIEWERS) as Viewer[]) {
    const client = await t.signIn(v);
    clients.set(v, client);
    orgIds.set(VIEWERS[v].org, (await client.get('/api/v1/me')).json().organization.id);
  }
  for (const spec of SPECS) {
    const secret = `zq${spec.key.replace('-', '')}secret`;
    const kind = spec.lead === 'io@demo.test' ? 'pipeline_project' : 'project_idea';
    const res = await c(spec.lead).post('/api/v1/posts', { kind, title: `Matrix project ${spec.key}`, body: 'A project for the access matrix.', regions: ['150'], audience: spec.audience });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect((await c(spec.lead).post(`/api/v1/posts/${id}/coauthors`, { organizationId: orgIds.get(VIEWERS[spec.coauthor].org) })).statusCode).toBe(201);
    expect((await c(spec.lead).patch(`/api/v1/posts/${id}`, { title: `Matrix project ${spec.key} (revised)` })).statusCode).toBe(200);
    const asked = await c(spec.requester).post(`/api/v1/posts/${id}/partnership-requests`, { role: 'donor', message: `We would fund it: ${secret}` });
    expect(asked.statusCode, asked.body).toBe(201);
    if (spec.hidden) expect((await c('organizer@demo.test').post(`/api/v1/posts/${id}/hide`, { reason: 'Hidden for the matrix' })).statusCode).toBe(200);
    fixtures.push({ ...spec, id, secret });
  }
}, 240_000);
afterAll(async () => t?.close());

function sees(v: Viewer, f: Fixture): boolean {
  if (v === 'organizer@demo.test') return true;
  if (VIEWERS[v].org === VIEWERS[f.lead].org) return true;
  if (f.hidden) return false;
  return f.audience === 'all' || VIEWERS[v].tier === 'full';
}
const isEditor = (v: Viewer, f: Fixture) => sees(v, f) && (v === 'organizer@demo.test' || VIEWERS[v].org === VIEWERS[f.lead].org || VIEWERS[v].org === VIEWERS[f.coauthor].org);
const readsRequest = (v: Viewer, f: Fixture) => sees(v, f) && (v === 'organizer@demo.test' || VIEWERS[v].org === VIEWERS[f.lead].org || VIEWERS[v].org === VIEWERS[f.requester].org);

describe('coordination access matrix', () => {
  it('answers every read by visibility, and keeps drafts and requests to those they belong to', async () => {
    let checked = 0;
    for (const f of fixtures) {
      for (const v of Object.keys(VIEWERS) as Viewer[]) {
        const visible = sees(v, f);
        const label = `${v} on ${f.key}`;
        for (const path of ['coordination', 'coauthors', 'partners', 'partnership-requests']) {
          const res = await c(v).get(`/api/v1/posts/${f.id}/${path}`);
          expect(res.statusCode, `${label}: ${path}`).toBe(visible ? 200 : 404);
          expect(res.body.includes(f.secret), `${label}: ${path} carries the request message`).toBe(readsRequest(v, f) && (path === 'coordination' || path === 'partnership-requests'));
          if (!visible) expect(res.body, `${label}: ${path}`).not.toContain('Matrix project');
          checked++;
        }
        const diff = await c(v).get(`/api/v1/posts/${f.id}/revisions/1/diff/2`);
        expect(diff.statusCode, `${label}: diff`).toBe(!visible ? 404 : isEditor(v, f) ? 200 : 403);
        const sent = (await c(v).get('/api/v1/partnership-requests?direction=sent')).body;
        const received = (await c(v).get('/api/v1/partnership-requests?direction=received')).body;
        expect(sent.includes(f.secret) || received.includes(f.secret), `${label}: request lists`).toBe(readsRequest(v, f) && v !== 'organizer@demo.test');
        checked++;
      }
    }
    expect(checked).toBe(fixtures.length * Object.keys(VIEWERS).length * 5);
  });
});

// History: revisions, diffs and the `changes` of a 409 stale-revision, for every role, across
// audience changes. A reader sees a revision only if they could have seen the post while that
// revision was current (access/rules/revisions.ts).
describe('history access matrix', () => {
  const CONFIDENTIAL = 'zqconfidentialwording';
  const CONFIDENTIAL_BODY = 'zqconfidentialbodytext';
  const LATER = 'zqlaterpublicwording';
  let opened: string;
  let restricted: string;

  beforeAll(async () => {
    // A government drafts in confidence, then opens the project up and takes a civil-society co-author.
    const gov = c('government@demo.test');
    const res = await gov.post('/api/v1/posts', { kind: 'project_idea', title: `Project ${CONFIDENTIAL}`, body: `Draft: ${CONFIDENTIAL_BODY}.`, regions: ['150'], audience: 'full' });
    expect(res.statusCode, res.body).toBe(201);
    opened = res.json().id;
    expect((await gov.patch(`/api/v1/posts/${opened}`, { title: 'History project, public wording', body: 'Public description.', audience: 'all', revision: 1 })).statusCode).toBe(200);
    expect((await gov.post(`/api/v1/posts/${opened}/coauthors`, { organizationId: orgIds.get('lastrada') })).statusCode).toBe(201);
    expect((await gov.patch(`/api/v1/posts/${opened}`, { body: `Public description, ${LATER}.`, revision: 2 })).statusCode).toBe(200);
    // The other way round: open to all first, then restricted to the full tier (no partial co-author).
    const other = await gov.post('/api/v1/posts', { kind: 'project_idea', title: 'Restricted later', body: 'Open text first.', regions: ['150'], audience: 'all' });
    restricted = other.json().id;
    expect((await gov.patch(`/api/v1/posts/${restricted}`, { title: `Restricted ${CONFIDENTIAL}`, audience: 'full', revision: 1 })).statusCode).toBe(200);
  }, 240_000);

  const editorOf = (v: Viewer) => v === 'organizer@demo.test' || VIEWERS[v].org === 'naptip' || VIEWERS[v].org === 'lastrada';
  const seesFullRevisions = (v: Viewer) => v === 'organizer@demo.test' || VIEWERS[v].org === 'naptip';

  it('shows a co-author only the revisions that were current while it could see the post', async () => {
    for (const v of Object.keys(VIEWERS) as Viewer[]) {
      const label = `${v} on the opened project`;
      const revisions = await c(v).get(`/api/v1/posts/${opened}/revisions`);
      expect(revisions.statusCode, label).toBe(editorOf(v) ? 200 : 403);
      expect(revisions.body.includes(CONFIDENTIAL) || revisions.body.includes(CONFIDENTIAL_BODY), `${label}: revisions`).toBe(seesFullRevisions(v));
      if (editorOf(v)) expect(revisions.json().items.map((r: { revision: number }) => r.revision), label).toEqual(seesFullRevisions(v) ? [3, 2, 1] : [3, 2]);

      const old = await c(v).get(`/api/v1/posts/${opened}/revisions/1/diff/3`);
      expect(old.statusCode, `${label}: diff 1..3`).toBe(!editorOf(v) ? 403 : seesFullRevisions(v) ? 200 : 404);
      expect(old.body.includes(CONFIDENTIAL), `${label}: diff 1..3`).toBe(seesFullRevisions(v));
      const reverse = await c(v).get(`/api/v1/posts/${opened}/revisions/3/diff/1`);
      expect(reverse.body.includes(CONFIDENTIAL), `${label}: diff 3..1`).toBe(seesFullRevisions(v));
      const recent = await c(v).get(`/api/v1/posts/${opened}/revisions/2/diff/3`);
      expect(recent.statusCode, `${label}: diff 2..3`).toBe(editorOf(v) ? 200 : 403);
      if (editorOf(v)) expect(recent.body, label).toContain(LATER);

      // A stale save based on revision 1 (through both writers that answer 409 stale-revision).
      const stale = await c(v).patch(`/api/v1/posts/${opened}`, { body: 'Overwrite attempt.', revision: 1 });
      expect(stale.statusCode, `${label}: stale save`).toBe(editorOf(v) ? 409 : 403);
      expect(stale.body.includes(CONFIDENTIAL) || stale.body.includes(CONFIDENTIAL_BODY), `${label}: 409 changes`).toBe(seesFullRevisions(v));
      if (editorOf(v)) expect(stale.json().changes === null, label).toBe(!seesFullRevisions(v));
      const staleStatus = await c(v).post(`/api/v1/posts/${opened}/status`, { status: 'drafting', revision: 1 });
      expect(staleStatus.body.includes(CONFIDENTIAL) || staleStatus.body.includes(CONFIDENTIAL_BODY), `${label}: status 409`).toBe(seesFullRevisions(v));
      const fromTwo = await c(v).patch(`/api/v1/posts/${opened}`, { body: 'Overwrite attempt.', revision: 2 });
      if (editorOf(v)) expect(fromTwo.json().changes, `${label}: 409 from a visible base`).not.toBeNull();
    }
    const current = await c('government@demo.test').get(`/api/v1/posts/${opened}`);
    expect(current.json().revision, 'no stale save changed anything').toBe(3);
  });

  it('hides the history of a post restricted later from the partial tier, and the revisions before from nobody who edits it', async () => {
    for (const v of Object.keys(VIEWERS) as Viewer[]) {
      const partial = VIEWERS[v].tier === 'partial';
      for (const path of ['revisions', 'revisions/1/diff/2']) {
        const res = await c(v).get(`/api/v1/posts/${restricted}/${path}`);
        expect(res.statusCode, `${v}: ${path}`).toBe(partial ? 404 : seesFullRevisions(v) ? 200 : 403);
        expect(res.body.includes(CONFIDENTIAL), `${v}: ${path}`).toBe(seesFullRevisions(v));
      }
    }
  });
});

describe('offers across an audience change', () => {
  it('refuses to restrict a request while a partial-tier offer is pending, and never accepts an offer from an organization that cannot see the request', async () => {
    const gov = c('government@demo.test');
    const created = await gov.post('/api/v1/posts', { kind: 'ta_request', title: 'Request open to all', body: 'We need training for labour inspectors.', regions: ['150'], audience: 'all' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const offer = await c('cso@demo.test').post(`/api/v1/posts/${id}/offers`, { summary: 'Training offer', body: 'We can train inspectors.' });
    expect(offer.statusCode, offer.body).toBe(201);

    const restrict = await gov.patch(`/api/v1/posts/${id}`, { audience: 'full' });
    expect(restrict.statusCode, restrict.body).toBe(409);
    expect(restrict.json().type).toBe('/problems/audience-orphans-offers');
    expect((await gov.get(`/api/v1/posts/${id}`)).json().audience).toBe('all');

    // Should the audience change anyway (a writer that skipped the check), accepting re-checks.
    await t.database.db.updateTable('posts').set({ audience: 'full' }).where('id', '=', id).execute();
    const accept = await gov.post(`/api/v1/offers/${offer.json().id}/accept`, {});
    expect(accept.statusCode, accept.body).toBe(409);
    expect(accept.json().type).toBe('/problems/offer-cannot-see');
    const partners = await gov.get(`/api/v1/posts/${id}/partners`);
    expect(partners.json().items).toEqual([]);
    expect((await gov.get(`/api/v1/offers/${offer.json().id}`)).json().status).toBe('pending');
  });

  it('an offer racing the audience change is never left pending on a request its organization cannot see', async () => {
    const gov = c('government@demo.test');
    const offerBody = { summary: 'Training offer', body: 'We can train inspectors.' };
    const newRequest = async (n: number) => (await gov.post('/api/v1/posts', { kind: 'ta_request', title: `Raced request ${n}`, body: 'We need training.', regions: ['150'], audience: 'all' })).json().id as string;
    const orphaned = async (id: string) => {
      const post = await t.database.db.selectFrom('posts').select('audience').where('id', '=', id).executeTakeFirstOrThrow();
      const pending = await t.database.db.selectFrom('offers').select('id').where('post_id', '=', id).where('status', '=', 'pending').execute();
      return post.audience === 'full' && pending.length > 0;
    };
    const outcomes = new Set<string>();
    const race = async (id: string, between: () => Promise<void>, patchFirst = false) => {
      const first = patchFirst ? gov.patch(`/api/v1/posts/${id}`, { audience: 'full' }) : c('cso@demo.test').post(`/api/v1/posts/${id}/offers`, offerBody);
      await between();
      const second = !patchFirst ? gov.patch(`/api/v1/posts/${id}`, { audience: 'full' }) : c('cso@demo.test').post(`/api/v1/posts/${id}/offers`, offerBody);
      const [made, restricted] = patchFirst ? await Promise.all([second, first]) : await Promise.all([first, second]);
      // Either the offer came first and the change is refused, or the change came first and the request is gone for the offer.
      expect(`${made.statusCode} ${restricted.statusCode}`, `${made.body} ${restricted.body}`).toMatch(/^(201 409|404 200)$/);
      expect(await orphaned(id), `offer ${made.statusCode}, audience change ${restricted.statusCode}`).toBe(false);
      outcomes.add(`${made.statusCode} ${restricted.statusCode}`);
    };
    if (t.database.kind === 'postgres') {
      // Exactly the bad interleaving: the offer has read the request, and its insert waits behind a
      // lock on the offers table while the audience change runs.
      const locker = new pg.Client({ connectionString: (t.config.database as { url: string }).url });
      await locker.connect();
      try {
        const id = await newRequest(0);
        await locker.query('begin');
        await locker.query('lock table offers in exclusive mode');
        await race(id, async () => {
          for (let i = 0; i < 200; i++) {
            const waiting = await locker.query<{ n: number }>("select count(*)::int as n from pg_locks where not granted and relation = 'offers'::regclass");
            if (waiting.rows[0]!.n > 0) break;
            await new Promise((r) => setTimeout(r, 10));
          }
          setTimeout(() => void locker.query('commit'), 500);
        });
      } finally {
        await locker.end();
      }
    }
    // Both orders, each as the other request is under way (on PGlite every statement takes its turn on one connection).
    await race(await newRequest(1), async () => {}, false);
    await race(await newRequest(2), async () => {}, true);
    expect([...outcomes].sort()).toEqual(['201 409', '404 200']);
  }, 120_000);
});
