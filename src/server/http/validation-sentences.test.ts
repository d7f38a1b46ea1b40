// Issue 13: no message shown to a person contains a regular expression, a schema keyword or a
// field path; every validation failure is a sentence about the field, and errors[] stays precise.
// Amounts are accepted as people type them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { fieldErrorsFromValidation, humanFieldName } from './problem.js';

let t: TestApp;
let io: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  io = await t.signIn('io@demo.test');
});
afterAll(async () => t?.close());

/** Schema language and regular expressions that must never reach a person. */
const SCHEMA_LANGUAGE = /\^|\$|\\d|\[A-Z|\{1,|anyOf|oneOf|allOf|type null|must be null|must match|pattern|schema|required property|#\//i;
/** Ajv's own wording ("must NOT have more than 20 items"). */
const AJV_WORDING = /must NOT|must have required|must be equal to one of/;

function expectHuman(body: { detail: string; errors?: { field: string; pointer: string; detail: string }[] }, where: string) {
  expect(body.detail, `${where}: detail`).not.toMatch(SCHEMA_LANGUAGE);
  expect(body.detail, `${where}: detail`).not.toMatch(AJV_WORDING);
  for (const e of body.errors ?? []) {
    expect(e.detail, `${where}: ${e.field}`).not.toMatch(SCHEMA_LANGUAGE);
    expect(e.detail, `${where}: ${e.field}`).not.toMatch(AJV_WORDING);
    // The field is named in words, never as a path.
    if (e.field.includes('.')) expect(body.detail, where).not.toContain(e.field);
    expect(e.detail).not.toContain(e.field.includes('.') ? e.field : '\u0000');
    expect(e.pointer).toMatch(/^#\//);
  }
}

const project = { kind: 'pipeline_project', title: 'Shelter network for returnees in the region', body: 'Plan.', regions: ['151'], audience: 'all' };

describe('money fields take amounts as people type them', () => {
  it('normalizes "1,200,000", spaces and a currency sign on the server', async () => {
    const res = await io.post('/api/v1/posts', { ...project, budget: { amount: '€ 1 200 000,50', currency: '' }, fundingSought: '1,200,000' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ budget: { amount: '1200000.50', currency: 'EUR' }, fundingSought: '1200000.00' });
    const edit = await io.patch(`/api/v1/posts/${res.json().id}`, { budget: { amount: '2,500,000', currency: 'usd' }, fundingSought: '$ 1,000,000' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ budget: { amount: '2500000.00', currency: 'USD' }, fundingSought: '1000000.00' });
  });

  it('answers an amount it cannot read with a sentence about the field, and errors[] keeps the path', async () => {
    const res = await io.post('/api/v1/posts', { ...project, budget: { amount: 'about a million', currency: 'USD' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors).toEqual([{ field: 'budget.amount', pointer: '#/budget/amount', detail: 'must be an amount in figures, such as 1,200,000 or 1200.50' }]);
    expect(body.detail).toBe('Budget amount must be an amount in figures, such as 1,200,000 or 1200.50.');
    expectHuman(body, 'budget');
  });
});

describe('every validation failure reads as a sentence', () => {
  it('turns union, pattern, type and enum failures into words', () => {
    const errors = fieldErrorsFromValidation(
      [
        { keyword: 'pattern', instancePath: '/budget/amount', schemaPath: '#/properties/budget/anyOf/0/properties/amount/pattern', params: { pattern: '^\\d{1,13}(\\.\\d{1,2})?$' } },
        { keyword: 'type', instancePath: '/budget', schemaPath: '#/properties/budget/anyOf/1/type', params: { type: 'null' } },
        { keyword: 'anyOf', instancePath: '/budget', schemaPath: '#/properties/budget/anyOf', params: {} },
        { keyword: 'enum', instancePath: '/kind', schemaPath: '#/properties/kind/enum', params: { allowedValues: ['a', 'b'] } },
        { keyword: 'type', instancePath: '/regions', schemaPath: '#/properties/regions/type', params: { type: 'array' } },
        { keyword: 'pattern', instancePath: '/code', schemaPath: '#/properties/code/pattern', params: { pattern: '^x+$' } },
      ],
      'body',
    );
    expect(errors.map((e) => [e.field, e.detail])).toEqual([
      ['budget.amount', 'must be an amount in figures, such as 1,200,000 or 1200.50'],
      ['kind', 'must be one of the choices offered'],
      ['regions', 'must be a list'],
      ['code', 'is not in the expected form'],
    ]);
    expect(humanFieldName('budget.amount')).toBe('Budget amount');
    expect(humanFieldName('countries.3')).toBe('Countries');
    expect(humanFieldName('focalPoint.title')).toBe('Focal point title');
  });

  it('on every route of the API that takes a JSON body, whatever wrong values are sent', async () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> };
    const organizer = await t.signIn('organizer@demo.test');
    const uuid = '00000000-0000-4000-8000-000000000000';
    let answered400 = 0;
    for (const [route, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema || !['post', 'patch', 'put'].includes(method)) continue;
        const url = route.replace(/\{[^}]+\}/g, uuid);
        const keys = Object.keys(schema.properties ?? {});
        const bodies = [{}, ...[12345, 'x§ 1,2,3', null, { nested: true }, ['a', 'a']].map((bad) => Object.fromEntries(keys.map((k) => [k, bad])))];
        for (const body of bodies) {
          const res = await organizer.request(method.toUpperCase() as 'POST', url, body);
          if (res.statusCode !== 400) continue;
          answered400++;
          expectHuman(res.json(), `${method.toUpperCase()} ${route} ${JSON.stringify(body)}`);
        }
      }
    }
    expect(answered400).toBeGreaterThan(50);
  });
});
