// Mailed links that cannot be used any more say so as soon as they are opened (issue 13): a used,
// expired or unknown activation or reset link shows what happened and the way forward (sign in,
// ask for a new link), with no password form that could only fail after typing. At 1280 and 360 px,
// axe in light and dark.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, waitForMail, expectAccessibleInBothThemes } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

/** Asks for a reset link through the forgot-password page and returns the link from the mail. */
async function resetLinkFor(page: Page, email: string): Promise<string> {
  await page.goto('/forgot-password');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: /send/i }).click();
  const mail = await waitForMail(suite.server.mailDir, (m) => m.to.includes(email) && m.text.includes('/reset-password?token='));
  return mail.text.match(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/)![0];
}

const ACCOUNTS: Record<number, string> = { 1280: 'media@demo.test', 360: 'expert@demo.test' };

describe('a link that cannot be used says so at once', () => {
  for (const width of [1280, 360]) {
    it(`a used reset link shows "already used" and the sign-in link before any typing (${width} px)`, { timeout: 180_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      const link = await resetLinkFor(page, ACCOUNTS[width]!);

      // A fresh link: the form, after the check (which does not use the link).
      await page.goto(link);
      await page.getByLabel('New password', { exact: true }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
      await page.getByLabel('New password', { exact: true }).fill('harbour willow compass 3391');
      await page.getByLabel('Repeat the password', { exact: true }).fill('harbour willow compass 3391');
      await page.getByRole('button', { name: 'Change my password' }).click();
      await page.getByText('Access tier:').waitFor();

      // The same link again, in another browser: it says at once that it was used.
      const again = await pages.open(width, width === 360 ? 780 : 800);
      const checked = again.waitForResponse((r) => r.url().includes('/api/v1/password-resets/status'));
      await again.goto(link);
      expect((await checked).status()).toBe(410);
      await again.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
      await again.getByRole('alert').getByText('Each link works only once.').waitFor();
      expect(await again.getByLabel('New password', { exact: true }).count()).toBe(0);
      expect(await again.getByRole('button', { name: 'Change my password' }).count()).toBe(0);
      // The heading is on the first screen, and the way forward is offered.
      const box = await again.getByRole('heading', { level: 1 }).boundingBox();
      expect(box!.y).toBeLessThan(250);
      await expectAccessibleInBothThemes(again, `the used-link page at ${width} px`);
      await screenshot(again, `links-used-reset-${width}`);
      await again.getByRole('link', { name: 'Sign in', exact: true }).last().click();
      await again.getByLabel('Password', { exact: true }).waitFor();
      expect(new URL(again.url()).pathname).toBe('/sign-in');
      pages.expectNoProblems(again);
      pages.expectNoProblems(page);
    });

    it(`an unknown activation link and an expired reset link say so at once (${width} px)`, { timeout: 120_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await page.goto('/activate?token=not-a-real-token');
      await page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();
      await page.getByRole('alert').getByText('Check that you opened the whole link from the email.').waitFor();
      await page.getByRole('link', { name: 'Sign in', exact: true }).last().waitFor();
      expect(await page.getByLabel('New password', { exact: true }).count()).toBe(0);
      await expectAccessibleInBothThemes(page, `the unknown-link page at ${width} px`);
      await screenshot(page, `links-unknown-activation-${width}`);

      // Expiry is an hour away for a real link; the page's handling of the server's "expired"
      // answer (the same problem the API test produces with an expired token) is what is checked.
      await page.route('**/api/v1/password-resets/status?*', (route) =>
        route.fulfill({
          status: 410,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: '/problems/link-expired', title: 'Gone', status: 410, detail: 'This link has expired. Please ask for a new one.' }),
        }),
      );
      await page.goto('/reset-password?token=some-expired-token');
      await page.getByRole('heading', { level: 1, name: 'This link has expired' }).waitFor();
      await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
      expect(await page.getByLabel('New password', { exact: true }).count()).toBe(0);
      await screenshot(page, `links-expired-reset-${width}`);
      pages.expectNoProblems(page);
    });
  }
});
