// Slow lines: what the first page a signed-in participant sees costs, in compressed JavaScript and
// CSS actually transferred to Chromium (which asks for br/gzip like any browser).
import { describe, expect, it } from 'vitest';
import { browserSuite } from './harness.js';

const BUDGET_BYTES = 150 * 1024;

const suite = browserSuite();

describe('first load of a signed-in participant', () => {
  it(`transfers at most ${BUDGET_BYTES / 1024} KB of compressed JS and CSS, compressed on the wire`, async () => {
    const context = await suite.browser.newContext({ baseURL: suite.server.url });
    const page = await context.newPage();
    // Sign in through the API so the measured load is the home page itself, from a cold cache.
    const res = await page.request.post('/api/v1/session', { data: { email: 'cso@demo.test', password: 'vienna-2008-demo' } });
    expect(res.status()).toBe(200);
    const assets: { url: string; bytes: number; encoding: string | undefined }[] = [];
    page.on('requestfinished', async (request) => {
      const type = request.resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      const response = await request.response();
      const sizes = await request.sizes();
      assets.push({ url: request.url(), bytes: sizes.responseBodySize, encoding: response?.headers()['content-encoding'] });
    });
    await page.goto('/home');
    await page.getByText('Access tier: Partial').waitFor();
    await page.waitForLoadState('networkidle');
    const total = assets.reduce((sum, a) => sum + a.bytes, 0);
    console.log(`first load of /home: ${(total / 1024).toFixed(1)} KB compressed JS+CSS in ${assets.length} files`);
    expect(assets.length).toBeGreaterThan(1);
    for (const a of assets.filter((x) => x.bytes > 1024)) expect(a.encoding, a.url).toMatch(/^(br|gzip)$/);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    await context.close();
  });
});
