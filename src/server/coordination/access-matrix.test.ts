// Every coordination read, as every kind of participant, against projects of each audience, led
// from each tier, and a hidden one: the answer is 200 exactly when the viewer may see the project
// (404 otherwise, like a missing one), drafts only reach their editors, and a request's message
// only reaches the lead, organizers and the organization that sent it.
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
});
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
