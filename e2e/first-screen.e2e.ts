// Slow lines, issue 13 ("Pages show Loading… for 0.5–1.2 s"): how long after navigation the first
// screen of /home and of Browse (/posts) shows its main heading with its data, no "Loading…" left,
// from a cold cache. Printed as a figure, not asserted: the project has no timed tests. What is
// asserted is the shape that makes the figure small: the page's requests do not wait for one another
// (the session, the page's code and its data all start before the first of them has answered).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './harness.js';

const suite = browserSuite();
const RUNS = 3;

/** Milliseconds since navigation start when the page has its heading, its data and nothing loading. */
async function firstScreen(page: Page, path: string, ready: string): Promise<number> {
  await page.goto(path, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (selector) => {
      const main = document.querySelector('main');
      if (!main || !main.querySelector('h1') || main.querySelector('.loading')) return false;
      return main.querySelector(selector) ? performance.now() : false;
    },
    ready,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

interface Timed {
  name: string;
  start: number;
  end: number;
}

/** The app's own requests (scripts, styles, API), in the order they started, relative to navigation. */
async function timeline(page: Page): Promise<Timed[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType !== 'img' && !e.name.endsWith('.svg'))
      .map((e) => ({ name: new URL(e.name).pathname + new URL(e.name).search, start: Math.round(e.startTime), end: Math.round(e.responseEnd) }))
      .sort((a, b) => a.start - b.start),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('first screen with data', () => {
  for (const [path, ready, chunk, withSession] of [
    // /home: its code and the taxonomies go with the session; the lists that need to know who asks
    // go the moment the session answers, without waiting for the page's code.
    ['/home', '#home-latest ~ ul, #home-latest ~ .empty', '/assets/home-page-', '/api/v1/taxonomies'],
    // Browse's list does not depend on who asks: it goes with the session.
    ['/posts', '[data-testid="post-total"]', '/assets/browse-page-', '/api/v1/posts'],
  ] as const) {
    it(`${path}: time from navigation to the heading with data (printed), requests started side by side`, { timeout: 120_000 }, async () => {
      const times: number[] = [];
      let last: Timed[] = [];
      for (let run = 0; run < RUNS; run++) {
        // A new context each time: a cold cache, as on a first visit of the day.
        const context = await suite.browser.newContext({ baseURL: suite.server.url, viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        const res = await page.request.post('/api/v1/session', { data: { email: 'cso@demo.test', password: 'vienna-2008-demo' } });
        expect(res.status()).toBe(200);
        times.push(await firstScreen(page, path, ready));
        last = await timeline(page);
        await context.close();
      }
      console.log(`first screen of ${path}: ${Math.round(median(times))} ms median of ${RUNS} cold loads (${times.map((t) => Math.round(t)).join(', ')} ms)`);
      console.log(last.map((r) => `  ${String(r.start).padStart(5)}–${String(r.end).padEnd(5)} ${r.name}`).join('\n'));

      // No waterfall. The session (/api/v1/me) is asked for by the page itself (a preload link),
      // before the app's code has arrived; the page's code and its first data are asked for together,
      // before that code has arrived, instead of one after the other.
      const me = last.find((r) => r.name === '/api/v1/me')!;
      const app = last.find((r) => /^\/assets\/index-.*\.js$/.test(r.name))!;
      expect(me.start, 'the session is asked for before the app code has arrived').toBeLessThan(app.end);
      const code = last.find((r) => r.name.startsWith(chunk))!;
      const sideBySide = last.find((r) => r.name === withSession)!;
      expect(sideBySide.start, `${withSession} is asked for before ${chunk}… has arrived`).toBeLessThan(code.end);
      const data = last.filter((r) => r.name.startsWith('/api/v1/') && r.name !== '/api/v1/me');
      expect(data.length).toBeGreaterThan(0);
      // Each API path is asked for once: the early requests are used, not repeated by the page.
      const names = last.filter((r) => r.name.startsWith('/api/v1/')).map((r) => r.name);
      expect(names, 'no API request is made twice').toEqual([...new Set(names)]);
    });
  }
});
