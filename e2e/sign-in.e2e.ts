// Signing in, in a real browser against the built server: the access tier each kind of participant
// gets, a wrong password, keyboard-only use, accessibility (axe), and the pages at phone width.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, DEMO_PASSWORD, submitSignIn, tabTo } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

const emailInput = (page: Page) => page.getByLabel('Email', { exact: true });
const passwordInput = (page: Page) => page.getByLabel('Password', { exact: true });
const signInButton = (page: Page) => page.getByRole('button', { name: 'Sign in', exact: true });

async function openSignIn(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await emailInput(page).waitFor();
}

const pathname = (page: Page) => new URL(page.url()).pathname;

describe('sign-in', () => {
  it('a government focal point signs in and has full access', async () => {
    const page = await pages.open();
    await submitSignIn(page, 'government@demo.test');
    await page.getByText('Access tier: Full').waitFor();
    expect(pathname(page)).not.toBe('/sign-in');
    pages.expectNoProblems(page);
  });

  it('a civil-society focal point signs in and has partial access', async () => {
    const page = await pages.open();
    await submitSignIn(page, 'cso@demo.test');
    await page.getByText('Access tier: Partial').waitFor();
    expect(await page.getByText('Access tier: Full').count()).toBe(0);
    pages.expectNoProblems(page);
  });

  it('a wrong password shows an error and stays on the sign-in page', async () => {
    const page = await pages.open();
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
    await submitSignIn(page, 'government@demo.test', 'not-the-password');
    expect((await answer).status()).toBe(401);

    // The message is announced (role="alert") or at least says what went wrong.
    const error = page.getByRole('alert').filter({ hasText: /\S/ }).or(page.getByText(/incorrect|not correct|invalid|wrong|not match|not recogni[sz]ed/i));
    await error.first().waitFor();
    expect(pathname(page)).toBe('/sign-in');
    expect(await page.getByText(/Access tier:/).count()).toBe(0);
    // The form is still there to try again.
    await emailInput(page).waitFor();
    await signInButton(page).waitFor();
    pages.expectNoProblems(page);
  });

  it('works with the keyboard alone', async () => {
    const page = await pages.open();
    await openSignIn(page);
    await tabTo(page, emailInput(page));
    await page.keyboard.type('government@demo.test');
    await tabTo(page, passwordInput(page));
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText('Access tier: Full').waitFor();
    pages.expectNoProblems(page);
  });

  for (const width of [1280, 360]) {
    it(`sign-in and home pages at ${width}px: no serious accessibility violations${width < 400 ? ', no horizontal scrolling' : ''}`, async () => {
      const page = await pages.open(width);
      const check = (name: string) => checkPage(page, name, width);

      await openSignIn(page);
      await check('sign-in');

      await emailInput(page).fill('government@demo.test');
      await passwordInput(page).fill(DEMO_PASSWORD);
      await signInButton(page).click();
      await page.getByText('Access tier: Full').waitFor();
      await check('home');
      pages.expectNoProblems(page);
    });
  }
});
