// The map (/map) and the public page (/public) in Chromium against the built server: the map's
// figures equal the list's, a country opens by keyboard and shows who does what there, the
// filters move between list and map; the public page answers without a session and names no
// unmarked post. Axe, 360 px without sideways scrolling, and screenshots at 1280 and 360 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, expectAccessibleInBothThemes, signIn, followNav } from './harness.js';

const suite = browserSuite({ env: { VF_PUBLIC: '1' }, startTimeoutMs: 118_000 });
const { pages } = suite;

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

describe('the map', () => {
  it.each([1280, 360])('shows the posts by country with a table, and opens a country by keyboard (%ipx)', async (width) => {
    const page = await pages.open(width, 900);
    await signIn(page, 'cso@demo.test');
    await followNav(page, 'Map');
    await page.getByRole('heading', { name: 'Who does what where', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Figures by country' }).waitFor();

    // The figures are the list's: the total, and Nigeria's row.
    const list = await apiGet<{ total: number }>(page, '/api/v1/posts?limit=1');
    const nigeria = await apiGet<{ total: number }>(page, '/api/v1/posts?limit=1&country=NG');
    await expect.poll(() => page.getByTestId('map-total').textContent()).toContain(`${list.total} posts match`);
    const row = page.getByRole('table', { name: 'Figures by country' }).getByRole('row', { name: /Nigeria/ });
    expect((await row.getByRole('cell').first().textContent())?.trim()).toBe(String(nigeria.total));

    // Nigeria on the map is a link named with its figures; Enter opens who does what there.
    const link = page.locator('svg a[aria-label^="Nigeria:"]');
    expect(await link.getAttribute('aria-label')).toContain(`Nigeria: ${nigeria.total} posts`);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Who does what in Nigeria', level: 2 }).waitFor();
    expect(page.url()).toContain('place=NG');
    await page.getByRole('heading', { name: 'Possible overlaps flagged there' }).waitFor();
    await checkPage(page, 'map-nigeria', width);
    await expectAccessibleInBothThemes(page, `the map of Nigeria at ${width}px`);
    pages.expectNoProblems(page);
  });

  it('shares its filters with Browse, and a region can be chosen', async () => {
    const page = await pages.open(1280, 900);
    await signIn(page, 'government@demo.test');
    await page.goto('/posts?kind=project_info&area=victim_protection');
    await page.getByTestId('post-total').waitFor();
    const total = (await page.getByTestId('post-total').textContent())!.match(/\d+/)![0];
    await page.getByRole('link', { name: 'Show these posts on the map' }).click();
    await page.getByRole('heading', { name: 'Who does what where', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('map-total').textContent()).toContain(`${total} post`);
    // The filter shows as chosen on the map page too.
    expect(await page.getByRole('checkbox', { name: /Project information/ }).isChecked()).toBe(true);
    await page.getByLabel('Region (UN M49)').selectOption({ label: 'Africa' });
    await page.getByRole('heading', { name: 'Who does what in Africa', level: 2 }).waitFor();
    // Projects as the measure: the map says so in its links.
    await page.getByRole('radio', { name: /Projects/ }).check();
    await expect.poll(() => page.url()).toContain('measure=projects');
    await checkPage(page, 'map-region', 1280);
    pages.expectNoProblems(page);
  });
});

describe('the public page', () => {
  it.each([1280, 360])('answers without a session and names no unmarked post (%ipx)', async (width) => {
    const page = await pages.open(width, 900);
    const response = await page.goto('/public');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'How to apply', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'The programme', level: 2 }).waitFor();
    await page.getByRole('table', { name: 'Posts by kind' }).waitFor();
    const text = await page.locator('body').innerText();
    // The demo marks nothing public: no post title appears.
    const organizer = await pages.open();
    await signIn(organizer, 'organizer@demo.test');
    const posts = await apiGet<{ items: { title: string }[] }>(organizer, '/api/v1/posts?limit=100');
    for (const p of posts.items) expect(text.includes(p.title), p.title).toBe(false);
    await checkPage(page, 'public', width);
    await expectAccessibleInBothThemes(page, `the public page at ${width}px`);
    pages.expectNoProblems(page);
  });
});
