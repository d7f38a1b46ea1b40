// Browse (issue 13): the search runs as you type (debounced, the address updated in place and
// shareable, the result count in a live region that stays put), and facet counts ignore their own
// selection, so ticking one Kind keeps the other Kinds' counts; countries are chosen with the
// type-ahead combobox and removable chips. At 1280 and 360 px, axe in both themes.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, signIn, UI_TIMEOUT, expectAccessibleInBothThemes } from './harness.js';

interface PostList {
  items: Array<{ id: string; title: string }>;
  total: number;
  facets: { kind: Record<string, number> };
}

const suite = browserSuite();
const { pages } = suite;

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

const totalText = (page: Page) => page.getByTestId('post-total');
const posts = (n: number) => `${n} ${n === 1 ? 'post' : 'posts'}`;
const KINDS: Record<string, string> = {
  ta_request: 'Technical-assistance request',
  pipeline_project: 'Pipeline project',
  project_idea: 'Project idea',
  project_info: 'Project information',
};

describe('Browse', () => {
  for (const width of [1280, 360]) {
    it(`searches as you type: debounced, the address kept in sync and shareable, the count announced (${width} px)`, { timeout: 180_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(page, 'government@demo.test');
      const all = await apiGet<PostList>(page, '/api/v1/posts?limit=100');
      // A word from one post's title that not every post has.
      const word = all.items[0]!.title.split(/\W+/).sort((a, b) => b.length - a.length)[0]!.toLowerCase();
      const found = await apiGet<PostList>(page, `/api/v1/posts?limit=1&q=${encodeURIComponent(word)}`);
      expect(found.total, `"${word}" narrows the list`).toBeLessThan(all.total);
      expect(found.total).toBeGreaterThan(0);

      await page.goto('/posts');
      await expect.poll(() => totalText(page).textContent(), { timeout: UI_TIMEOUT }).toBe(posts(all.total));
      const status = await totalText(page).elementHandle();
      expect(await status!.getAttribute('role')).toBe('status');

      const searches: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/posts?') && r.url().includes('q=')) searches.push(new URL(r.url()).searchParams.get('q')!);
      });
      // Typed key by key, quicker than the pause: one search, for the whole word, with no button pressed.
      await page.getByLabel('Search', { exact: true }).pressSequentially(word, { delay: 40 });
      await page.waitForURL((url) => url.searchParams.get('q') === word);
      await expect.poll(() => totalText(page).textContent(), { timeout: UI_TIMEOUT }).toBe(posts(found.total));
      expect(searches).toEqual([word]);
      // The count is the same live region as before, updated in place, so screen readers hear it.
      expect(await status!.evaluate((el) => el.isConnected)).toBe(true);
      expect(await status!.textContent()).toBe(posts(found.total));
      // The box keeps the focus and the text while the list follows.
      expect(await page.getByLabel('Search', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
      await expectAccessibleInBothThemes(page, `Browse with a search at ${width} px`);
      await screenshot(page, `browse-search-as-you-type-${width}`);

      // The address is shareable: another person opening it sees the same search and results.
      const shared = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(shared, 'government@demo.test');
      await shared.goto(page.url());
      await expect.poll(() => totalText(shared).textContent(), { timeout: UI_TIMEOUT }).toBe(posts(found.total));
      expect(await shared.getByLabel('Search', { exact: true }).inputValue()).toBe(word);

      // Typing does not add a history entry per word: Back leaves Browse for the page before it.
      await page.getByLabel('Search', { exact: true }).fill('');
      await page.waitForURL((url) => url.pathname === '/posts' && !url.searchParams.has('q'));
      await expect.poll(() => totalText(page).textContent(), { timeout: UI_TIMEOUT }).toBe(posts(all.total));
      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/home');
      pages.expectNoProblems(page);
      pages.expectNoProblems(shared);
    });

    it(`facet counts ignore their own selection: ticking one Kind keeps the other Kinds' counts (${width} px)`, { timeout: 180_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(page, 'government@demo.test');
      const perKind = Object.fromEntries(await Promise.all(Object.keys(KINDS).map(async (kind) => [kind, (await apiGet<PostList>(page, `/api/v1/posts?limit=1&kind=${kind}`)).total] as const)));
      const kinds = Object.keys(KINDS).filter((kind) => perKind[kind]! > 0);
      expect(kinds.length, 'the demo data has posts of two kinds or more').toBeGreaterThan(1);
      const [chosen, ...others] = kinds as [string, ...string[]];

      await page.goto('/posts');
      await totalText(page).waitFor();
      // On a phone the filters are folded behind one button.
      if (width === 360) await page.locator('summary', { hasText: /^Filters/ }).click();
      await page.locator('summary', { hasText: /^Kind/ }).click();
      await page.getByRole('checkbox', { name: `${KINDS[chosen]} (${perKind[chosen]})`, exact: true }).check();
      await page.waitForURL((url) => url.searchParams.get('kind') === chosen);
      await expect.poll(() => totalText(page).textContent(), { timeout: UI_TIMEOUT }).toBe(posts(perKind[chosen]!));
      for (const kind of others) {
        // Still offered with its own count (what ticking it too would add), not an empty count.
        await page.getByRole('checkbox', { name: `${KINDS[kind]} (${perKind[kind]})`, exact: true }).waitFor();
      }
      await screenshot(page, `browse-facets-${width}`);
      pages.expectNoProblems(page);
    });

    it(`filters by country with the type-ahead combobox: choose, the list follows, the chip removes it and the filters stay open (${width} px)`, { timeout: 180_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(page, 'government@demo.test');
      const all = await apiGet<PostList>(page, '/api/v1/posts?limit=1');
      const nigeria = await apiGet<PostList>(page, '/api/v1/posts?limit=1&country=NG');
      expect(nigeria.total, 'the demo data has posts about Nigeria, and not only those').toBeGreaterThan(0);
      expect(nigeria.total).toBeLessThan(all.total);

      await page.goto('/posts');
      await expect.poll(() => totalText(page).textContent(), { timeout: UI_TIMEOUT }).toBe(posts(all.total));
      if (width === 360) await page.locator('summary', { hasText: /^Filters/ }).click();
      await page.locator('summary', { hasText: /^Country/ }).click();
      const box = page.getByRole('combobox', { name: 'Add a country' });
      // Type-ahead: "nige" offers Niger and Nigeria, nothing else.
      await box.fill('nige');
      const options = page.getByRole('listbox', { name: 'Country' }).getByRole('option');
      await expect.poll(() => options.allTextContents()).toEqual(['Niger', 'Nigeria']);
      // In sight: not clipped by a scrolling filter box, so the first match is what a tap there reaches.
      const inSight = await options.first().evaluate((el) => {
        const r = el.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return at !== null && (at === el || el.contains(at));
      });
      expect(inSight, 'the list of matches is in sight').toBe(true);
      if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling with the list open').toBeLessThanOrEqual(360);
      await expectAccessibleInBothThemes(page, `Browse with the country list open at ${width} px`);
      await screenshot(page, `browse-country-open-${width}`);
      await options.filter({ hasText: /^Nigeria$/ }).click();

      // Chosen: the address and the list follow at once, and the chip is in sight.
      await page.waitForURL((url) => url.searchParams.getAll('country').join() === 'NG');
      await expect.poll(() => totalText(page).textContent(), { timeout: UI_TIMEOUT }).toBe(posts(nigeria.total));
      const chips = page.getByRole('list', { name: 'Chosen countries' });
      await chips.getByText('Nigeria', { exact: true }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Nigeria added' }).waitFor();
      if (width === 360) {
        await page.locator('summary', { hasText: 'Filters (1 chosen)' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling with a chip').toBeLessThanOrEqual(360);
      }
      await expectAccessibleInBothThemes(page, `Browse filtered by a country at ${width} px`);
      await screenshot(page, `browse-country-chip-${width}`);

      // Removed: the list is whole again, and the filters do not fold away under the focus.
      await page.getByRole('button', { name: 'Remove Nigeria' }).click();
      await page.waitForURL((url) => !url.searchParams.has('country'));
      await expect.poll(() => totalText(page).textContent(), { timeout: UI_TIMEOUT }).toBe(posts(all.total));
      await page.getByRole('status').filter({ hasText: 'Nigeria removed' }).waitFor();
      expect(await chips.count()).toBe(0);
      expect(await box.isVisible(), 'the country box is still open').toBe(true);
      expect(await box.evaluate((el) => el === document.activeElement), 'the focus stays in the country box').toBe(true);
      pages.expectNoProblems(page);
    });
  }
});
