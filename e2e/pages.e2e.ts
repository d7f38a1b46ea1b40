// Every page the other browser tests do not already check, at desktop and phone width: axe finds
// no serious or critical violation, nothing scrolls sideways at 360px, and a screenshot is kept
// (artifacts/screenshots) for people to look at.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, signIn } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

/** Opens a page and waits until it has its heading and nothing is loading any more. */
async function visit(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
}

describe('every page', () => {
  for (const width of [1280, 360]) {
    it(`public pages at ${width}px`, async () => {
      const page = await pages.open(width);
      await visit(page, '/', /Virtual Forum/);
      await checkPage(page, 'landing', width);
      await visit(page, '/forgot-password', /password/i);
      await checkPage(page, 'forgot-password', width);
      await visit(page, '/reset-password?token=not-a-real-token', 'This link is not valid');
      await checkPage(page, 'reset-password', width);
      await visit(page, '/no-such-page', 'Page not found');
      await checkPage(page, 'not-found', width);
      pages.expectNoProblems(page);
    });

    it(`a focal point's organization pages at ${width}px`, async () => {
      const page = await pages.open(width);
      await signIn(page, 'io@demo.test');
      await visit(page, '/organization', /./);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await checkPage(page, 'organization-members', width);
      const me = (await (await page.request.get('/api/v1/me')).json()) as { organization: { id: string; name: string } };
      await visit(page, `/organizations/${me.organization.id}`, me.organization.name);
      await checkPage(page, 'organization-profile', width);
      pages.expectNoProblems(page);
    });

    it(`the organizers' console, applications queue and audit log at ${width}px`, async () => {
      const page = await pages.open(width);
      await signIn(page, 'organizer@demo.test');
      await visit(page, '/organizer', 'Organizers’ console');
      // The console counts applications and moderation items in two sentences; wait for the first.
      await page.getByText(/applications? waits? for a decision/).waitFor();
      await checkPage(page, 'organizer-console', width);
      await visit(page, '/organizer/applications', /Applications/i);
      await checkPage(page, 'organizer-applications', width);
      await visit(page, '/organizer/audit', /Audit log/i);
      await page.locator('main').locator('table, ol, ul').first().waitFor();
      await checkPage(page, 'organizer-audit', width);
      pages.expectNoProblems(page);
    });
  }
});
