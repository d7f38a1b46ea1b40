// The whole path of a new participant, in a real browser against the built server: the focal
// point applies, an organizer approves, the activation mail arrives, the focal point chooses a
// password and is signed in with partial access, and can sign in again later. The activation link
// works once only. Screenshots of each step go to artifacts/screenshots.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkA11y, DEMO_PASSWORD, describeViolations, screenshot, submitSignIn, waitForMail, signOutFromMenu } from './harness.js';

const ORGANIZER = 'organizer@demo.test';
const NEW_PASSWORD = 'orchard lantern glacier 47';

const stamp = Date.now();
const ORG_NAME = `Danube Shelter Network ${stamp}`;
const EMAIL = `focal+${stamp}@example.org`;

const suite = browserSuite({ keepPagesBetweenTests: true });
const { pages } = suite;

async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await checkA11y(page);
  expect(violations, `axe on the ${name} page:\n${describeViolations(violations)}`).toEqual([]);
}

const pathname = (page: Page) => new URL(page.url()).pathname;

/** Filled in by the steps, in order; each test needs the ones before it. */
let activationLink = '';

describe('onboarding: from application to first sign-in', () => {
  it('a focal point applies for a new organization', async () => {
    const page = await pages.open();
    await page.goto('/apply');
    await page.getByLabel('Organization name', { exact: true }).waitFor();
    await expectAccessible(page, '/apply');
    await screenshot(page, 'onboarding-1-apply-empty');

    await page.getByLabel('Organization name', { exact: true }).fill(ORG_NAME);
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Civil society organization' });
    await page.getByLabel('Country', { exact: true }).selectOption({ label: 'Austria' });
    await page.getByLabel('Website (optional)', { exact: true }).fill('danube-shelter.example.org');
    await page.getByLabel('Your name', { exact: true }).fill('Katarina Novak');
    await page.getByLabel('Your title', { exact: true }).fill('Programme coordinator');
    await page.getByLabel('Your email', { exact: true }).fill(EMAIL);
    await page
      .getByLabel('Why does your organization want to join?', { exact: true })
      .fill('We run shelters for survivors along the Danube and want to find partners for a regional referral project.');
    await screenshot(page, 'onboarding-2-apply-filled');

    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/applications') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send application' }).click();
    expect((await answer).status()).toBe(202);
    await page.getByRole('heading', { level: 1, name: 'Application received' }).waitFor();
    await page.getByText(EMAIL).waitFor();
    await screenshot(page, 'onboarding-3-application-received');
    pages.expectNoProblems(page);
  });

  it('an organizer approves the application', async () => {
    const page = await pages.open();
    await submitSignIn(page, ORGANIZER, DEMO_PASSWORD);
    await page.getByText('Access tier:').waitFor();
    await page.goto('/organizer/applications');

    const card = page.locator('article').filter({ has: page.getByRole('heading', { name: ORG_NAME, exact: true }) });
    await card.waitFor();
    await screenshot(page, 'onboarding-4-organizer-applications');
    // Approving asks once (it creates the account and mails a link).
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByRole('button', { name: 'Yes, approve' }).click();
    await card.getByText('Approved', { exact: true }).waitFor();
    await card.getByText(`An email with a link to activate the account has been sent to ${EMAIL}.`).waitFor();
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await screenshot(page, 'onboarding-5-approved');
    pages.expectNoProblems(page);
  });

  it('the activation mail arrives with a link to /activate', async () => {
    const mail = await waitForMail(suite.server.mailDir, (m) => m.to.includes(EMAIL) && /approved/i.test(m.subject));
    const match = mail.text.match(/https?:\/\/\S+\/activate\?token=[A-Za-z0-9_-]+/);
    expect(match, `no activation link in the mail:\n${mail.text}`).not.toBeNull();
    activationLink = match![0];
    expect(activationLink.startsWith(suite.server.url)).toBe(true);
  });

  it('the focal point activates the account, is signed in with partial access, and can sign in again', async () => {
    expect(activationLink, 'needs the activation link of the step before').not.toBe('');
    const page = await pages.open();
    await page.goto(activationLink);
    await page.getByLabel('New password', { exact: true }).waitFor();
    // The token is taken out of the address bar at once.
    expect(page.url()).not.toContain('token=');
    await expectAccessible(page, '/activate');
    await screenshot(page, 'onboarding-6-activate');

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.getByText('Access tier: Partial').waitFor();
    expect(pathname(page)).toBe('/home');
    await page.getByText('Your account is active. Welcome to the Virtual Forum.').waitFor();
    await page.getByText(ORG_NAME).first().waitFor();
    await screenshot(page, 'onboarding-7-signed-in');

    await signOutFromMenu(page);
    await page.getByText('You have signed out.').waitFor();
    expect(await page.getByText('Access tier:').count()).toBe(0);
    await screenshot(page, 'onboarding-8-signed-out');

    await submitSignIn(page, EMAIL, NEW_PASSWORD);
    await page.getByText('Access tier: Partial').waitFor();
    expect(pathname(page)).toBe('/home');
    await screenshot(page, 'onboarding-9-signed-in-again');
    pages.expectNoProblems(page);
  });

  it('the activation link works only once, and says so as soon as it is opened again', async () => {
    expect(activationLink, 'needs the activation link of the earlier step').not.toBe('');
    const page = await pages.open();
    const checked = page.waitForResponse((r) => r.url().includes('/api/v1/activations/status'));
    await page.goto(activationLink);
    expect((await checked).status()).toBe(410);
    await page.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
    await page.getByRole('alert').getByText('Each link works only once.').waitFor();
    // No password form that could only fail; the way forward is signing in.
    expect(await page.getByLabel('New password', { exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Sign in', exact: true }).last().waitFor();
    expect(pathname(page)).toBe('/activate');
    expect(await page.getByText('Access tier:').count()).toBe(0);
    await screenshot(page, 'onboarding-10-link-already-used');
    pages.expectNoProblems(page);
  });
});
