import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('errors and transport security', () => {
  it('turns an unexpected failure into a 500 problem with a reference, never a stack trace or SQL', async () => {
    const app = await buildApp({ ...t.config, demo: false }, {
      database: t.database,
      backgroundJobs: false,
      logger: false,
      extend: async (a) => {
        a.get('/api/v1/explode', async () => {
          throw new Error('relation "secret_table" does not exist at Object.query (/srv/db.js:10:5)');
        });
      },
    });
    const res = await app.inject('/api/v1/explode');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ type: '/problems/internal-error', status: 500, title: 'Something went wrong' });
    expect(body.detail).toMatch(/Reference: [0-9a-f-]{36}/);
    expect(res.body).not.toMatch(/secret_table|db\.js|at Object/);
    await app.close();
  });

  it('marks the session cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const app = await buildApp({ ...t.config, demo: false, trustProxy: true }, { database: t.database, backgroundJobs: false, logger: false });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'io@demo.test', password: 'vienna-2008-demo' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'vf_session')?.secure).toBe(true);
    await app.close();
  });

  it('serves the API documentation page', async () => {
    const page = await t.app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
    // Under the strict CSP only external scripts run: the page must not depend on inline ones.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
  });
});
