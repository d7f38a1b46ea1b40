// Issue 13, journeys without losing work or meeting raw errors, at 1280 and 360 px: a real
// three-way merge after an editing clash (both editors' paragraphs kept, same-line conflicts chosen
// side by side), money typed as people type it, and no schema language on screen.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkA11y, describeViolations, screenshot, signIn, tabTo } from './harness.js';

const suite = browserSuite({ startTimeoutMs: 540_000 });
const { pages } = suite;

async function api<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

async function expectAccessible(page: Page, what: string) {
  const violations = await checkA11y(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
}

/** Regular expressions, schema keywords and field paths: never on a person's screen. */
const SCHEMA_LANGUAGE = /\^|\\d|anyOf|type null|must match|pattern|budget\.amount|fundingSought|#\//;

const BODY = ['Vocational training for returnees.', '', 'Psychosocial support in two shelters.', '', 'Budget review in March.'].join('\n');

describe('nothing a co-author wrote is lost after an editing clash', () => {
  it('merges both editors\' paragraphs, shows same-line conflicts side by side, and leaves one box', { timeout: 240_000 }, async () => {
    const io = await pages.open();
    await signIn(io, 'io@demo.test');
    const ilo = await pages.open();
    await signIn(ilo, 'ilo@demo.test');
    const iloMe = await api<{ organization: { id: string } }>(ilo, 'GET', '/api/v1/me');
    const post = await api<{ id: string; title: string }>(io, 'POST', '/api/v1/posts', {
      kind: 'pipeline_project',
      title: `Reintegration of returnees ${Date.now().toString(36)}`,
      body: BODY,
      regions: ['151'],
      audience: 'all',
    });
    await api(io, 'POST', `/api/v1/posts/${post.id}/coauthors`, { organizationId: iloMe.organization.id });

    // Both open the edit page at revision 1.
    await io.goto(`/posts/${post.id}/edit`);
    const ioBody = io.getByLabel('Description (Markdown)', { exact: true });
    await ioBody.waitFor();
    await ilo.goto(`/posts/${post.id}/edit`);
    const iloBody = ilo.getByLabel('Description (Markdown)', { exact: true });
    await iloBody.waitFor();

    // The co-author adds a paragraph at the end and rewrites the last line; saves first.
    await iloBody.fill(BODY.replace('Budget review in March.', 'Budget review in April, with the donors.') + '\n\nJob placement with employers.');
    await ilo.getByRole('button', { name: 'Save changes' }).click();
    await ilo.getByRole('heading', { level: 1, name: post.title }).waitFor();

    // The lead adds another paragraph and rewrites the same last line differently.
    await ioBody.fill(BODY.replace('Vocational training for returnees.', 'Vocational training for returnees.\n\nA helpline in three languages.').replace('Budget review in March.', 'Budget review in May.'));
    await io.getByRole('button', { name: 'Save changes' }).click();
    const panel = io.getByTestId('stale-panel');
    await panel.getByRole('button', { name: 'Merge with revision 2, keeping my changes' }).click();

    // One box stays: the stale-save summary is gone, the merge summary is there.
    const merged = io.getByTestId('stale-merged');
    await merged.getByText('Your form is now based on revision 2.', { exact: false }).waitFor();
    expect(await io.locator('.error-summary').count()).toBe(0);
    expect(await panel.count()).toBe(0);
    expect(await merged.textContent()).toContain('Changed by both in the same place, choose below: Description (Markdown).');

    // Both new paragraphs are in the form; the clashing line is shown side by side, and until a
    // choice is made both versions stay in the text.
    let text = await ioBody.inputValue();
    expect(text).toContain('A helpline in three languages.');
    expect(text).toContain('Job placement with employers.');
    expect(text).toContain('Budget review in May.');
    expect(text).toContain('Budget review in April, with the donors.');
    const conflict = io.getByTestId('merge-conflict');
    expect(await conflict.count()).toBe(1);
    await conflict.getByText('Budget review in May.').waitFor();
    await conflict.getByText('Budget review in April, with the donors.').waitFor();
    await expectAccessible(io, 'edit page, choosing after a merge');
    await screenshot(io, 'ux-merge-chooser-1280');

    // At phone width the two versions stack and nothing scrolls sideways.
    await io.setViewportSize({ width: 360, height: 780 });
    await expectNoHorizontalScroll(io);
    await screenshot(io, 'ux-merge-chooser-360');
    await io.setViewportSize({ width: 1280, height: 800 });

    await conflict.getByLabel('Keep theirs').check();
    await io.getByText('All choices made.', { exact: false }).waitFor();
    text = await ioBody.inputValue();
    expect(text).not.toContain('Budget review in May.');
    expect(text).toContain('Budget review in April, with the donors.');
    expect(text).toContain('A helpline in three languages.');
    expect(text).toContain('Job placement with employers.');

    await io.getByRole('button', { name: 'Save changes' }).click();
    await io.getByRole('heading', { level: 1, name: post.title }).waitFor();
    const saved = await api<{ body: string; revision: number }>(io, 'GET', `/api/v1/posts/${post.id}`);
    expect(saved.revision).toBe(3);
    expect(saved.body).toContain('A helpline in three languages.');
    expect(saved.body).toContain('Job placement with employers.');
    pages.expectNoProblems(io);
    pages.expectNoProblems(ilo);
  });
});

describe('money typed as people type it, and errors in sentences', () => {
  for (const width of [1280, 360]) {
    it(`accepts "1,200,000" and explains a wrong amount in words (${width} px)`, { timeout: 180_000 }, async () => {
      const io = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(io, 'io@demo.test');
      const post = await api<{ id: string; title: string }>(io, 'POST', '/api/v1/posts', {
        kind: 'pipeline_project',
        title: `Shelter network ${width} ${Date.now().toString(36)}`,
        body: 'Plan.',
        regions: ['151'],
        audience: 'all',
      });
      await io.goto(`/posts/${post.id}/edit`);
      await io.getByLabel('Budget amount (optional)').fill('1,200,000');
      await io.getByLabel('Currency', { exact: true }).fill('usd');
      await io.getByLabel('Funding sought (optional)').fill('about half');
      await io.getByRole('button', { name: 'Save changes' }).click();
      const summary = io.locator('.error-summary');
      await summary.getByText('There is a problem').waitFor();
      const shown = (await io.locator('main').innerText()).trim();
      expect(shown).toContain('must be an amount in figures, such as 1,200,000 or 1200.50');
      expect(shown).not.toMatch(SCHEMA_LANGUAGE);
      expect(await io.getByLabel('Budget amount (optional)').inputValue()).toBe('1,200,000');
      await expectAccessible(io, `edit page with a wrong amount (${width} px)`);
      await screenshot(io, `ux-money-error-${width}`);

      await io.getByLabel('Funding sought (optional)').fill('600 000');
      await io.getByRole('button', { name: 'Save changes' }).click();
      await io.getByRole('heading', { level: 1, name: post.title }).waitFor();
      const saved = await api<{ budget: { amount: string; currency: string }; fundingSought: string }>(io, 'GET', `/api/v1/posts/${post.id}`);
      expect(saved.budget).toEqual({ amount: '1200000.00', currency: 'USD' });
      expect(saved.fundingSought).toBe('600000.00');
      await io.getByText('$1,200,000.00').first().waitFor();
      pages.expectNoProblems(io);
    });
  }
});

/** The signed-in pages every participant reaches from the header. */
const PAGES = ['/home', '/posts', '/posts/new', '/requests-to-answer', '/funding', '/library', '/map', '/statistics', '/event', '/agenda', '/meetings', '/reports', '/organization'];

async function headingTop(page: Page): Promise<number> {
  const h1 = page.locator('main h1');
  await h1.waitFor();
  return (await h1.boundingBox())!.y;
}

describe('a compact header on a phone, grouped navigation on a wide screen', () => {
  it('at 360 px: a Menu button (disclosure with focus handling), headings within 250 px, the first Browse result on the first screen', { timeout: 240_000 }, async () => {
    const page = await pages.open(360, 780);
    await signIn(page, 'cso@demo.test');
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Browse' }).count()).toBe(0);
    const header = (await page.locator('.site-header').boundingBox())!;
    expect(header.height, 'header height at 360 px').toBeLessThanOrEqual(100);

    // The menu opens below, full width; Escape closes it and gives the focus back to the button.
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('link', { name: 'Browse' }).waitFor();
    await page.getByText('Exchange', { exact: true }).waitFor();
    await expectAccessible(page, 'open menu at 360 px');
    await screenshot(page, 'ux-menu-open-360');
    await page.getByRole('link', { name: 'Requests to answer' }).focus();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
    // Following a link closes the menu.
    await menu.click();
    await page.getByRole('link', { name: 'Browse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Browse' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    const firstCard = page.locator('.post-card').first();
    await firstCard.waitFor();
    const card = (await firstCard.boundingBox())!;
    expect(card.y, 'first Browse result starts on the first screen').toBeLessThan(780 - 60);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'ux-browse-360');

    for (const path of PAGES) {
      await page.goto(path);
      expect(await headingTop(page), `main heading of ${path} at 360 px`).toBeLessThanOrEqual(250);
    }
    pages.expectNoProblems(page);
  });

  /** The tops of the navigation's items and of the name, and the header's height. */
  const headerRow = async (page: Page) => {
    const items = page.getByRole('navigation', { name: 'Main' }).locator('.site-nav__groups > li');
    const tops = await items.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    const nameTop = await page.locator('.account__toggle').evaluate((el) => Math.round(el.getBoundingClientRect().top));
    const all = [...tops, nameTop];
    return { spread: Math.max(...all) - Math.min(...all), height: (await page.locator('.site-header').boundingBox())!.height };
  };

  // The organizer has one more item (Console); Jonas Lindqvist has a longer name. Both wrapped.
  for (const email of ['organizer@demo.test', 'ilo@demo.test']) {
    it(`at 1280 px the navigation and the name stay on one row for ${email}`, { timeout: 120_000 }, async () => {
      const page = await pages.open(1280, 800);
      await signIn(page, email);
      const { spread, height } = await headerRow(page);
      expect(spread, 'navigation and name on one row').toBeLessThanOrEqual(12);
      expect(height).toBeLessThanOrEqual(110);
      await screenshot(page, `ux-header-1280-${email.split('@')[0]}`);
      pages.expectNoProblems(page);
    });
  }

  it('at 1280 px: one row of grouped menus and a personal menu under the name', { timeout: 180_000 }, async () => {
    const page = await pages.open(1280, 800);
    await signIn(page, 'cso@demo.test');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const { spread, height } = await headerRow(page);
    expect(spread, 'navigation and name on one row').toBeLessThanOrEqual(12);
    expect(height).toBeLessThanOrEqual(110);

    // Exchange: Browse, New post, Requests to answer, Self-assessment (issue 18), Funding; keyboard opens it, Escape closes it.
    const exchange = nav.getByRole('button', { name: 'Exchange' });
    // From the top of the page, where a keyboard user starts: after signing in, the focus is on the
    // home page's heading, and how many links follow it depends on when the page's lists arrived.
    await page.locator('.skip-link').focus();
    await tabTo(page, exchange);
    await page.keyboard.press('Enter');
    expect(await exchange.getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator(`[id="${(await exchange.getAttribute('aria-controls'))!}"]`);
    expect(await panel.getByRole('link').allTextContents()).toEqual(['Browse', 'New post', 'Requests to answer', 'Self-assessment', 'Funding']);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Browse');
    await page.keyboard.press('Escape');
    expect(await exchange.getAttribute('aria-expanded')).toBe('false');
    expect(await exchange.evaluate((el) => el === document.activeElement)).toBe(true);

    const event = nav.getByRole('button', { name: 'Event' });
    await event.click();
    expect(await page.locator(`[id="${(await event.getAttribute('aria-controls'))!}"]`).getByRole('link').allTextContents()).toEqual(['Programme', 'My agenda', 'Meetings']);
    // A click elsewhere closes it.
    await page.locator('main h1').click();
    expect(await event.getAttribute('aria-expanded')).toBe('false');

    const me = page.locator('.account__toggle');
    await me.click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('group', { name: 'Theme' }).waitFor();
    await expectAccessible(page, 'personal menu open at 1280 px');
    await screenshot(page, 'ux-header-1280');
    pages.expectNoProblems(page);
  });
});

describe('dark mode', () => {
  it('follows prefers-color-scheme, can be pinned in the personal menu, and axe passes in both themes', { timeout: 240_000 }, async () => {
    const page = await pages.open(1280, 800);
    await page.emulateMedia({ colorScheme: 'dark' });
    await signIn(page, 'io@demo.test');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(20, 24, 29)');

    // Pinned light in the personal menu, kept after a reload; then dark in a light device.
    await page.locator('.account__toggle').click();
    await page.getByRole('button', { name: 'Light' }).click();
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.reload();
    await page.locator('main h1').waitFor();
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('.account__toggle').click();
    await page.getByRole('button', { name: 'Dark' }).click();
    expect(await page.getByRole('button', { name: 'Dark' }).getAttribute('aria-pressed')).toBe('true');
    expect(await background()).toBe('rgb(20, 24, 29)');
    await page.getByRole('button', { name: 'As device' }).click();
    expect(await background()).toBe('rgb(255, 255, 255)');
    pages.expectNoProblems(page);
  });

  for (const width of [1280, 360]) {
    it(`every page passes axe in light and dark at ${width} px (screenshots kept)`, { timeout: 400_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(page, 'io@demo.test');
      const failures: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const path of PAGES) {
          await page.goto(path);
          await page.locator('main h1').waitFor();
          await page.waitForLoadState('networkidle');
          await page.locator('.loading').waitFor({ state: 'detached' }).catch(() => {});
          const violations = await checkA11y(page);
          if (violations.length) failures.push(`${path} (${scheme}, ${width} px):\n${describeViolations(violations)}`);
          await screenshot(page, `ux-${scheme}-${width}${path.replace(/\//g, '-')}`);
        }
      }
      expect(failures.join('\n\n')).toBe('');
      pages.expectNoProblems(page);
    });
  }
});

describe('confirmations where the user acted', () => {
  for (const width of [1280, 360]) {
    it(`"Send offer" confirms under the offers, in view, focused and announced (${width} px)`, { timeout: 180_000 }, async () => {
      const gov = await pages.open(width, 800);
      await signIn(gov, 'government@demo.test');
      const request = await api<{ id: string; title: string }>(gov, 'POST', '/api/v1/posts', {
        kind: 'ta_request',
        title: `Training for labour inspectors ${width} ${Date.now().toString(36)}`,
        body: 'We need help training labour inspectors to spot forced labour.',
        regions: ['151'],
        areas: ['criminal_justice'],
        audience: 'all',
      });
      const io = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(io, 'io@demo.test');
      await io.goto(`/posts/${request.id}`);
      await io.getByLabel('Summary', { exact: true }).fill('Two-day training by our labour migration team');
      await io.getByLabel('Your proposal', { exact: true }).fill('We can run a two-day training for inspectors, with materials.');
      await io.getByRole('button', { name: 'Send offer' }).click();
      const result = io.getByTestId('offers-result');
      await result.getByText('Your offer was sent.').waitFor();
      expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = (await result.boundingBox())!;
      const viewport = io.viewportSize()!;
      expect(box.y, 'the confirmation is on screen').toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      expect(await result.evaluate((el) => el.closest('[role="status"]') !== null)).toBe(true);
      expect(await io.locator('.notice-region').textContent()).not.toContain('Your offer was sent.');
      await screenshot(io, `ux-offer-sent-${width}`);
      pages.expectNoProblems(io);
    });
  }
});
