// Issue 13, private drafts, at 1280 and 360 px: a government saves a request as a draft; it carries a
// "Draft" badge on its page and in its organization's list; another organization's link to it
// answers like a post that does not exist; the government publishes it (asked once) and then the
// other organization opens it. axe passes in the light and the dark theme.
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, expectAccessibleInBothThemes, screenshot, signIn } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

describe('private drafts', () => {
  for (const width of [1280, 360]) {
    it(`are saved, seen only by their organization, and published (${width} px)`, async () => {
      const height = width === 360 ? 780 : 800;
      const gov = await pages.open(width, height);
      await signIn(gov, 'government@demo.test');
      const title = `Draft training of border officials zq${width}`;
      await gov.goto('/posts/new');
      await gov.getByLabel('Title', { exact: true }).fill(title);
      await gov.getByLabel('Description (Markdown)', { exact: true }).fill('A draft we are still writing with our partners.');
      await gov.getByRole('checkbox', { name: 'Europe', exact: true }).check();
      await gov.getByRole('button', { name: 'Save as draft' }).click();
      await gov.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 8000 }).catch(async (error: unknown) => {
        await screenshot(gov, `draft-save-failed-${width}`);
        throw error;
      });
      const path = new URL(gov.url()).pathname;
      expect(path).toMatch(/^\/posts\/[0-9a-f-]{36}$/);
      const callout = gov.getByTestId('draft-callout');
      await callout.getByText('Only your organization and co-authors see this.', { exact: false }).waitFor();
      await gov.getByText('Only its organization and co-authors, until it is published.').waitFor();
      await checkPage(gov, 'draft-post', width);
      await expectAccessibleInBothThemes(gov, `the draft's page at ${width}px`);
      await gov.emulateMedia({ colorScheme: 'dark' });
      await screenshot(gov, `draft-post-dark-${width}`);
      await gov.emulateMedia({ colorScheme: 'light' });

      // The organization's own list marks it.
      await gov.goto(`/posts?q=${encodeURIComponent(`zq${width}`)}`);
      const card = gov.locator('article.post-card', { hasText: title });
      await card.getByText('Draft', { exact: true }).waitFor();
      await checkPage(gov, 'draft-in-list', width);

      // Another organization: like a post that does not exist, and nowhere in its list.
      const io = await pages.open(width, height);
      await signIn(io, 'io@demo.test');
      await io.goto(path);
      await io.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      const hidden = await io.request.get(`/api/v1/posts?q=zq${width}`);
      expect((await hidden.json()).total).toBe(0);

      // Publishing asks once, then says so where the user acted.
      await gov.goto(path);
      await gov.getByRole('button', { name: 'Publish' }).click();
      await gov.getByRole('button', { name: 'Yes, publish' }).click();
      const result = gov.getByTestId('published-result');
      await result.getByText('Your post was published.', { exact: false }).waitFor();
      expect(await gov.getByTestId('draft-callout').count()).toBe(0);
      await checkPage(gov, 'draft-published', width);
      await expectAccessibleInBothThemes(gov, `the published post at ${width}px`);

      await io.goto(path);
      await io.getByRole('heading', { level: 1, name: title }).waitFor();
      pages.expectNoProblems(gov);
      pages.expectNoProblems(io);
    });
  }

  it('the new-post form offers "Save as draft" next to "Publish", accessible in both themes (360 px)', async () => {
    const page = await pages.open(360, 780);
    await signIn(page, 'cso@demo.test');
    await page.goto('/posts/new');
    await page.getByRole('button', { name: 'Save as draft' }).waitFor();
    await page.getByRole('button', { name: 'Save as draft' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'draft-compose-360');
    await expectAccessibleInBothThemes(page, 'the new-post form');
  });
});
