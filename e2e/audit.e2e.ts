// The audit log (issue 13): each event reads as a sentence naming the person with their
// organization and what was touched, as links; filters by person, organization, kind and dates
// kept in the URL; a start after the end is refused on its field; CSV with the same filters.
// At 1280 and 360 px, axe in the light and dark themes, screenshots of both.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, callApi, expectAccessibleInBothThemes, screenshot, signIn } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

async function shotsInBothThemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await screenshot(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the audit log', () => {
  for (const width of [1280, 360] as const) {
    it(`reads as sentences with links, filters in the URL, refuses a bad range, exports CSV (${width} px)`, { timeout: 240_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(page, 'organizer@demo.test');
      const posts = await callApi<{ items: { id: string; title: string }[] }>(page, 'GET', '/api/v1/posts?limit=1');
      const post = posts.items[0]!;
      await callApi(page, 'POST', `/api/v1/posts/${post.id}/hide`, { reason: 'Checking the audit log.' });
      await callApi(page, 'POST', `/api/v1/posts/${post.id}/unhide`, {});

      await page.goto('/organizer/audit');
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      const firstRow = page.getByRole('row').nth(1);
      const what = firstRow.getByRole('cell').nth(1);
      await expect.poll(() => what.textContent()).toMatch(new RegExp(`^Helena Berger \\(.+\\) made the post ${post.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} visible again$`));
      expect(await what.getByRole('link', { name: post.title }).getAttribute('href')).toBe(`/posts/${post.id}`);
      expect(await what.getByRole('link', { name: 'Helena Berger' }).getAttribute('href')).toMatch(/^\/organizer\/audit\?actor=[0-9a-f-]{36}$/);
      // No row's sentence is a bare code.
      for (const text of await page.locator('td[data-label="What happened"]').allTextContents()) expect(text).not.toMatch(/^[a-z_]+\.[a-z_]+$/);
      await expectAccessibleInBothThemes(page, `the audit log at ${width} px`);
      await shotsInBothThemes(page, `audit-log-${width}`);

      // Kind and person: in the URL, kept on reload, and the CSV link carries them.
      await page.getByLabel('Kind of event').selectOption({ label: 'Moderation' });
      const helena = (await page.getByLabel('Person').locator('option', { hasText: 'Helena Berger' }).first().getAttribute('value'))!;
      await page.getByLabel('Person').selectOption(helena);
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('moderation');
      const actor = new URL(page.url()).searchParams.get('actor');
      expect(actor).toMatch(/^[0-9a-f-]{36}$/);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      expect(await page.getByLabel('Kind of event').inputValue()).toBe('moderation');
      expect(await page.getByLabel('Person').inputValue()).toBe(actor);
      await expect.poll(() => page.locator('td[data-label="What happened"]').count()).toBeGreaterThanOrEqual(2);
      for (const text of await page.locator('td[data-label="What happened"]').allTextContents()) expect(text).toMatch(/^Helena Berger \(.+\) (hid|made) the post /);
      const csvLink = page.getByRole('link', { name: 'Download these events as CSV' });
      const href = (await csvLink.getAttribute('href'))!;
      expect(href).toBe(`/api/v1/audit.csv?actor=${actor}&kind=moderation`);
      const csv = await page.request.get(href);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
      expect((await csv.text()).split('\r\n').filter((l) => l.includes(',post.')).length).toBeGreaterThanOrEqual(2);
      await shotsInBothThemes(page, `audit-log-filtered-${width}`);

      // A start after the end: said on the "To" field, which the reader is pointed to.
      await page.getByLabel('From').fill('2026-05-02');
      await page.getByLabel('To').fill('2026-05-01');
      await page.getByRole('button', { name: 'Show' }).click();
      const error = page.locator('#audit-to-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('“To” must be the same day as the start date or later');
      expect(await page.getByLabel('To').getAttribute('aria-invalid')).toBe('true');
      await expectAccessibleInBothThemes(page, `the audit log's refused range at ${width} px`);
      await shotsInBothThemes(page, `audit-log-bad-range-${width}`);

      // Clearing the filters shows everything again.
      await page.getByRole('link', { name: 'Clear filters' }).click();
      await expect.poll(() => new URL(page.url()).search).toBe('');
      await page.getByRole('link', { name: 'Download as CSV' }).waitFor();
    });
  }
});
