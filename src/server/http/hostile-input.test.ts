// Every bad input the attack review found answering 500 (issue 10), each now a specific 4xx in
// application/problem+json that changes nothing. The fuzz test (fuzz.test.ts) covers every route
// with generated values; these are the named cases.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTo, file, pdf, upload } from '../testing/document-fixtures.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import type { LightMyRequestResponse } from 'fastify';
import { SINGLE_LINE_PATTERN } from './schema-helpers.js';

let t: TestApp;
let gov: TestClient;
let organizer: TestClient;
let postId: string;
let eventId: string;
let govOrgId: string;

beforeAll(async () => {
  t = await createTestApp();
  gov = await t.signIn('government@demo.test');
  organizer = await t.signIn('organizer@demo.test');
  const created = await gov.post('/api/v1/posts', { kind: 'project_idea', title: 'Hostile input target', body: 'A post to aim at.', regions: ['150'] });
  postId = created.json().id;
  eventId = (await gov.get('/api/v1/event')).json().id;
  govOrgId = (await gov.get('/api/v1/me')).json().organization.id;
}, 240_000);
afterAll(async () => t?.close());

function isClientProblem(res: LightMyRequestResponse, label: string): void {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers['content-type'], label).toContain('application/problem+json');
  expect(res.body, label).not.toMatch(/select |insert |update |syntax|relation "|invalid input syntax|pg_|22P02|stack/i);
}

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
/** In a URL (a lone surrogate has no UTF-8 form: in URLs it arrives as U+FFFD, which is fine). */
const enc = (value: string) => value.replace('\u0000', '%00');

describe('text the database cannot hold', () => {
  it('refuses NUL bytes and lone surrogates everywhere, signed in or out, and changes nothing', async () => {
    const before = (await gov.get('/api/v1/posts?limit=1')).json().total;
    for (const bad of [NUL, SURROGATE]) {
      isClientProblem(await t.client().post('/api/v1/session', { email: `${bad}@demo.test`, password: 'x' }), 'sign-in email');
      isClientProblem(await t.client().post('/api/v1/password-resets', { email: `${bad}@demo.test` }), 'password reset');
      if (bad === NUL) isClientProblem(await gov.get(`/api/v1/posts?q=${enc(bad)}`), 'q on posts');
      if (bad === NUL) isClientProblem(await gov.get(`/api/v1/posts/export.csv?q=${enc(bad)}`), 'q on export');
      if (bad === NUL) isClientProblem(await gov.get(`/api/v1/meetings/invitable?q=${enc(bad)}`), 'q on invitable');
      if (bad === NUL) isClientProblem(await organizer.get(`/api/v1/audit?action=${enc(bad)}`), 'audit filter');
      isClientProblem(await gov.post('/api/v1/posts', { kind: 'project_idea', title: `Title ${bad} here`, body: 'Body', regions: ['150'] }), 'post title');
      isClientProblem(await gov.post('/api/v1/posts', { kind: 'project_idea', title: 'Fine title', body: `Body ${bad}`, regions: ['150'] }), 'post body');
      isClientProblem(await gov.post(`/api/v1/posts/${postId}/comments`, { body: `Comment ${bad}` }), 'comment');
      isClientProblem(await gov.post('/api/v1/similar', { title: `x ${bad}`, body: 'y', regions: [], countries: [], areas: [], themes: [] }), '/similar');
      isClientProblem(await gov.post('/api/v1/saved-searches', { name: 'n', scope: 'posts', filters: { q: bad } }), 'saved-search filter');
      isClientProblem(await organizer.post(`/api/v1/posts/${postId}/hide`, { reason: `Reason ${bad}` }), 'hide reason');
      isClientProblem(await gov.post('/api/v1/meetings', { topic: `Topic ${bad}`, mode: 'virtual', invitees: {}, slots: [] }), 'meeting topic');
      isClientProblem(await gov.post('/api/v1/posts', { [`key${bad}`]: 1 }), 'a key');
      isClientProblem(await gov.post(`/api/v1/posts/${postId}/offers`, { summary: 'An offer to help', body: `Offer ${bad}`, confirmNoVictimData: true }), 'offer');
      isClientProblem(await gov.post(`/api/v1/posts/${postId}/pledges`, { amount: 1000, currency: 'EUR', conditions: `Conditions ${bad}` }), 'pledge conditions');
      isClientProblem(await gov.put(`/api/v1/organizations/${govOrgId}/expertise`, { areas: [], themes: [], regions: [], description: `Expertise ${bad}` }), 'expertise');
      isClientProblem(await organizer.put(`/api/v1/meetings/${randomUUID()}/notes`, { notes: `Notes ${bad}` }), 'meeting notes');
      isClientProblem(await organizer.post(`/api/v1/meetings/${randomUUID()}/messages`, { body: `Message ${bad}` }), 'meeting message');
    }
    isClientProblem(await gov.get(`/api/v1/event/sessions/%00`), 'session code %00');
    isClientProblem(await gov.get(`/api/v1/posts/${postId}%00`), 'post id %00');
    expect((await gov.get('/api/v1/posts?limit=1')).json().total, 'nothing was created').toBe(before);
    expect((await gov.get(`/api/v1/posts/${postId}`)).json().hidden ?? null).toBeNull();
  });

  it('refuses line breaks in one-line fields such as meeting topics and titles', async () => {
    const topic = await gov.post('/api/v1/meetings', { topic: 'Topic\r\nBcc: someone@example.org', mode: 'virtual', invitees: {}, slots: [] });
    isClientProblem(topic, 'meeting topic with CR/LF');
    expect(topic.json().errors.map((e: { field: string; detail: string }) => `${e.field}: ${e.detail}`)).toContain('topic: must be on one line (no line breaks)');
    isClientProblem(await gov.patch(`/api/v1/posts/${postId}`, { title: 'Two\nlines of title' }), 'post title with LF');
    // Names, job titles and subjects, which go into mails and pages as one line too.
    const twoLines = 'Ana Example\r\nBcc: someone@example.org';
    const application = { organization: { name: 'Line Break Foundation', category: 'civil_society', country: 'AT' }, focalPoint: { name: 'Ana Example', title: 'Director', email: 'ana.linebreak@example.org' }, motivation: 'We work against trafficking in Austria and would like to join.' };
    isClientProblem(await t.client().post('/api/v1/applications', { ...application, organization: { ...application.organization, name: `Line\nBreak Foundation` } }), 'application: organization name');
    isClientProblem(await t.client().post('/api/v1/applications', { ...application, focalPoint: { ...application.focalPoint, name: twoLines } }), 'application: focal point name');
    isClientProblem(await t.client().post('/api/v1/applications', { ...application, focalPoint: { ...application.focalPoint, title: twoLines } }), 'application: focal point title');
    isClientProblem(await gov.post(`/api/v1/organizations/${govOrgId}/invitations`, { name: twoLines, title: 'Officer', email: 'new.person@example.org', role: 'member' }), 'invitation: name');
    isClientProblem(await gov.patch('/api/v1/me/profile', { name: twoLines }), 'profile: name');
    isClientProblem(await gov.patch('/api/v1/me/profile', { title: twoLines }), 'profile: job title');
    isClientProblem(await gov.post('/api/v1/conversations', { subject: 'Two\nlines', organizationIds: [govOrgId], body: 'Hello.' }), 'conversation subject');
    isClientProblem(await gov.post('/api/v1/similar', { title: 'Two\nlines', body: '' }), '/similar title');
    const document = await upload(t, gov, '/api/v1/documents', [attachTo('post', postId), { name: 'title', value: 'Two\nlines' }, file('report.pdf', pdf('A report.'))]);
    isClientProblem(document, 'document title');
    expect(document.json().errors.map((e: { field: string; detail: string }) => `${e.field}: ${e.detail}`)).toContain('title: must be on one line (no line breaks)');
    expect((await gov.get('/api/v1/me')).json().name, 'the profile is unchanged').not.toContain('Bcc');
  });

  it('gives every name, title, topic, subject and venue of the API the one-line text type', async () => {
    type S = { type?: string; enum?: unknown[]; pattern?: string; properties?: Record<string, S>; items?: S; anyOf?: S[] };
    const doc = (await t.app.inject('/api/docs/json')).json() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: S }> }; parameters?: { in: string; name: string; schema: S }[] }>> };
    const checked: string[] = [];
    const multiLine: string[] = [];
    const walk = (schema: S | undefined, path: string, where: string) => {
      if (!schema) return;
      for (const v of schema.anyOf ?? []) walk(v, path, where);
      for (const [k, v] of Object.entries(schema.properties ?? {})) walk(v, `${path}.${k}`, where);
      walk(schema.items, `${path}[]`, where);
      if (schema.type === 'string' && !schema.enum && /\.(name|title|topic|subject|venue)$/i.test(path)) {
        checked.push(`${where} ${path}`);
        if (schema.pattern !== SINGLE_LINE_PATTERN) multiLine.push(`${where} ${path}`);
      }
    };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) walk(op.requestBody?.content?.['application/json']?.schema, '', `${method.toUpperCase()} ${path}`);
    }
    expect(checked.length).toBeGreaterThan(15);
    expect(multiLine).toEqual([]);
  });
});

describe('nesting', () => {
  it('refuses 20,000-deep JSON, also on the public forms, and deeply nested Markdown', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    for (const url of ['/api/v1/applications', '/api/v1/password-resets', '/api/v1/session', '/api/v1/activations']) {
      const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: `{"organization": ${deep}, "email": ${deep}}` });
      isClientProblem(res, `deep JSON on ${url}`);
    }
    const quote = await gov.post('/api/v1/posts', { kind: 'project_idea', title: 'Quoted too deep', body: `${'>'.repeat(2000)} x`, regions: ['150'] });
    isClientProblem(quote, 'deep Markdown quote');
    isClientProblem(await gov.post('/api/v1/markdown/preview', { markdown: `${'> '.repeat(2000)}x` }), 'deep Markdown preview');
  });
});

describe('numbers and dates', () => {
  it('refuses infinite and unbounded numbers', async () => {
    isClientProblem(await gov.get('/api/v1/posts?limit=1e309'), 'limit on posts');
    isClientProblem(await gov.get('/api/v1/funding/projects?limit=1e309'), 'limit on funding');
    isClientProblem(await organizer.get('/api/v1/rooms?seats=1e309'), 'seats on rooms');
    isClientProblem(await gov.get(`/api/v1/posts/${postId}/revisions/99999999999999999999/diff/1`), 'revision number');
    isClientProblem(await gov.get(`/api/v1/posts/${postId}/revisions/2147483648/diff/1`), 'revision number beyond int4');
  });

  it('refuses dates out of range', async () => {
    isClientProblem(await gov.post('/api/v1/posts', { kind: 'project_idea', title: 'Dated post', body: 'x', regions: ['150'], startsOn: '0000-01-01' }), 'startsOn year 0');
    isClientProblem(await gov.get('/api/v1/event/sessions?day=9999-12-31'), 'day 9999-12-31');
    isClientProblem(await organizer.get('/api/v1/rooms?start=0000-01-01T00:00:00Z&end=0000-01-01T01:00:00Z'), 'rooms start year 0');
    isClientProblem(await organizer.get(`/api/v1/rooms/availability?date=9999-12-31&eventId=${eventId}`), 'availability date');
  });

  it('refuses cursors this server never gave out', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of [{ at: '2026-01-01T00:00:00.000Z', id: 'not-a-uuid' }, { offset: 1e20 }, { offset: 2 ** 63 }, { at: '0000-01-01T00:00:00.000Z', id: randomUUID() }, { at: '+275760-09-13T00:00:00.000Z', id: randomUUID() }]) {
      isClientProblem(await gov.get(`/api/v1/posts?sort=recent&cursor=${cursor(bad)}`), `cursor ${JSON.stringify(bad)}`);
      isClientProblem(await gov.get(`/api/v1/posts?q=trafficking&cursor=${cursor(bad)}`), `cursor ${JSON.stringify(bad)}`);
    }
    // Every other list with a cursor: each part checked as the query uses it, before any query.
    const lists = ['/api/v1/me/offers', '/api/v1/me/pledges', '/api/v1/conversations', '/api/v1/directory/organizations', '/api/v1/directory/people', '/api/v1/me/notifications'];
    for (const bad of [
      { at: '2026-01-01T00:00:00.000Z', id: 'not-a-uuid' },
      { at: '0000-01-01T00:00:00.000Z', id: randomUUID() },
      { at: '+275760-09-13T00:00:00.000Z', id: randomUUID() },
      { at: '2026-01-01T00:00:00.000Z', id: randomUUID(), offset: 5 },
      { name: 'a\u0000b', id: randomUUID() },
      { name: 'x'.repeat(5000), id: randomUUID() },
      { name: 'Example', id: 'not-a-uuid' },
      { offset: 2 ** 63 },
    ]) {
      for (const list of lists) isClientProblem(await gov.get(`${list}?cursor=${cursor(bad)}`), `${list} cursor ${JSON.stringify(bad).slice(0, 80)}`);
      isClientProblem(await organizer.get(`/api/v1/audit?cursor=${cursor(bad)}`), `audit cursor ${JSON.stringify(bad).slice(0, 80)}`);
    }
  });
});

describe('what does not exist', () => {
  it('answers 404 to organizers for a meeting that does not exist, on every sub-route', async () => {
    const id = randomUUID();
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['GET', '/ics', undefined],
      ['GET', '/messages', undefined],
      ['POST', '/messages', { body: 'Hello' }],
      ['PUT', '/notes', { notes: 'Notes' }],
      ['POST', '/cancel', {}],
      ['PATCH', '', { topic: 'New topic' }],
    ] as const) {
      const res = await organizer.request(method, `/api/v1/meetings/${id}${path}`, body);
      expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe("Fastify's own refusals", () => {
  it('answers bad %-encoding and over-long path parameters with problem details and the usual headers', async () => {
    for (const url of ['/api/v1/posts/%E0%A4%A', `/api/v1/posts/${'a'.repeat(8000)}`]) {
      const res = await gov.get(url);
      isClientProblem(res, url.slice(0, 40));
      expect(res.headers['content-security-policy'], url.slice(0, 40)).toContain("default-src 'self'");
    }
  });
});
