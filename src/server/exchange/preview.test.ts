import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('POST /api/v1/markdown/preview', () => {
  it('renders Markdown exactly as a saved post would show it, sanitized', async () => {
    const cso = await t.signIn('cso@demo.test');
    const res = await cso.post('/api/v1/markdown/preview', { markdown: '## Plan\n\n**Shelter** staff training <script>alert(1)</script>' });
    expect(res.statusCode).toBe(200);
    const { html } = res.json() as { html: string };
    expect(html).toContain('<h2>Plan</h2>');
    expect(html).toContain('<strong>Shelter</strong>');
    expect(html).not.toMatch(/<script/i);
  });

  it('saves nothing', async () => {
    const gov = await t.signIn('government@demo.test');
    const before = await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await gov.post('/api/v1/markdown/preview', { markdown: 'A draft that must not be stored' });
    const after = await t.app.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('is for signed-in participants only, and needs the CSRF header', async () => {
    expect((await t.client().post('/api/v1/markdown/preview', { markdown: 'x' })).statusCode).toBe(401);
    const cso = await t.signIn('cso@demo.test');
    expect((await cso.post('/api/v1/markdown/preview', { markdown: 'x' }, { csrf: false })).statusCode).toBe(403);
  });

  it('refuses a body longer than a post may be, with a field error', async () => {
    const cso = await t.signIn('cso@demo.test');
    const res = await cso.post('/api/v1/markdown/preview', { markdown: 'x'.repeat(20_001) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'markdown' }] });
  });
});
