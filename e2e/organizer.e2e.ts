// The organizers' console in a real browser against the built server: suspending an organization
// or one account signs its people out at once, reinstating lets them back in; hidden posts can be
// shown again; an organization's profile page; accessibility (axe) and phone width (360px).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, screenshot, signIn, submitSignIn } from './harness.js';

const ORGANIZER = 'organizer@demo.test';
const MEDIA = 'media@demo.test';
const MEDIA_ORG = 'Global Anti-Trafficking Reporting Network (demo)';
const MEDIA_PERSON = 'Tom Hughes';

const suite = browserSuite();
const { pages } = suite;

const pathname = (page: Page) => new URL(page.url()).pathname;

/** The card of one organization in the console. */
const orgCard = (page: Page, name: string) => page.locator('article').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

async function openConsole(page: Page): Promise<void> {
  await page.goto('/organizer/organizations');
  await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
  await page.locator('article').first().waitFor();
}

/** After the organizer's action: the participant's next page load finds them signed out. */
async function expectSignedOut(page: Page): Promise<void> {
  await page.goto('/home');
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByLabel('Email', { exact: true }).waitFor();
  expect(await page.getByText('Access tier:').count()).toBe(0);
}

/** A state-changing API call made with the page's session, as the web app makes it. */
async function apiPost(page: Page, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ({ path, body }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
      return response.status;
    },
    { path, body },
  );
}

describe('organizers: organizations console', () => {
  it('suspending an organization signs its people out; reinstating lets them back in', async () => {
    const participant = await pages.open();
    await signIn(participant, MEDIA);

    const organizer = await pages.open();
    await signIn(organizer, ORGANIZER);
    await organizer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console', exact: true }).click();
    await organizer.getByRole('link', { name: 'Organizations and accounts', exact: true }).click();
    await organizer.locator('article').first().waitFor();

    // Filters: by category, then by a word of the name.
    await organizer.getByLabel('Category', { exact: true }).selectOption({ label: 'Media' });
    await organizer.getByLabel('Name, country or website', { exact: true }).fill('reporting');
    await organizer.getByRole('status').filter({ hasText: /^1 of \d+ organizations matches\.$/ }).waitFor();
    expect(await organizer.locator('article').count()).toBe(1);

    const card = orgCard(organizer, MEDIA_ORG);
    await card.getByText('Active', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Suspend organization' }).click();
    // A reason is required before anything happens.
    const reason = card.getByLabel('Reason for suspending', { exact: true });
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await card.getByRole('button', { name: 'Suspend organization' }).click();
    await card.getByRole('alert').filter({ hasText: 'The reason is required.' }).waitFor();
    await reason.fill('Repeated posting of unverified allegations; suspended pending review.');
    await screenshot(organizer, 'organizer-1-suspend-form');
    await card.getByRole('button', { name: 'Suspend organization' }).click();
    await card.getByText('Suspended', { exact: true }).waitFor();
    await card.getByText(`${MEDIA_ORG} is suspended. Its people have been signed out.`).waitFor();
    await screenshot(organizer, 'organizer-2-organization-suspended');

    await expectSignedOut(participant);
    await screenshot(participant, 'organizer-3-participant-signed-out');
    // Nor can they sign in again while the organization is suspended.
    await submitSignIn(participant, MEDIA);
    await participant.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
    expect(pathname(participant)).toBe('/sign-in');
    expect(await participant.getByText('Access tier:').count()).toBe(0);

    await card.getByRole('button', { name: 'Reinstate organization' }).click();
    await card.getByText('Active', { exact: true }).waitFor();
    await card.getByText(`${MEDIA_ORG} is reinstated. Its people can sign in again.`).waitFor();
    await signIn(participant, MEDIA);
    pages.expectNoProblems(organizer);
    pages.expectNoProblems(participant);
  });

  it('suspending one account signs that person out; reinstating lets them back in', async () => {
    const participant = await pages.open();
    await signIn(participant, MEDIA);

    const organizer = await pages.open();
    await signIn(organizer, ORGANIZER);
    await openConsole(organizer);
    const card = orgCard(organizer, MEDIA_ORG);
    await card.getByText('People', { exact: true }).click();
    const person = card.getByRole('listitem').filter({ hasText: MEDIA_PERSON });
    await person.getByRole('button', { name: 'Suspend account' }).click();
    await person.getByLabel('Reason for suspending', { exact: true }).fill('Shared another participant’s contact details without consent.');
    await person.getByRole('button', { name: 'Suspend account' }).click();
    await person.getByText(`The account of ${MEDIA_PERSON} is suspended.`).waitFor();
    await person.getByText('Suspended', { exact: true }).waitFor();
    await screenshot(organizer, 'organizer-4-account-suspended');

    await expectSignedOut(participant);

    await person.getByRole('button', { name: 'Reinstate account' }).click();
    await person.getByText(`The account of ${MEDIA_PERSON} is reinstated.`).waitFor();
    await person.getByText('Active', { exact: true }).waitFor();
    await signIn(participant, MEDIA);
    pages.expectNoProblems(organizer);
    pages.expectNoProblems(participant);
  });

  it('an organization has a profile page with its posts; an unknown one is not found', async () => {
    const page = await pages.open();
    await signIn(page, 'io@demo.test');
    const organizations = await page.evaluate(async () => ((await (await fetch('/api/v1/organizations')).json()) as { items: { id: string; name: string }[] }).items);
    const naptip = organizations.find((org) => org.name.startsWith('National Agency for the Prohibition of Trafficking in Persons'));
    expect(naptip).toBeDefined();
    await page.goto(`/organizations/${naptip!.id}`);
    await page.getByRole('heading', { level: 1, name: naptip!.name }).waitFor();
    // The facts about the organization (its expertise profile may name the country again).
    await page.locator('dl').first().getByText('Government', { exact: true }).waitFor();
    await page.locator('dl').first().getByText('Nigeria', { exact: true }).waitFor();
    const firstPost = page.getByRole('region', { name: 'Posts' }).getByRole('link').first();
    await firstPost.waitFor();
    const title = (await firstPost.textContent()) ?? '';
    await firstPost.click();
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    expect(pathname(page)).toMatch(/^\/posts\/[\w-]+$/);

    await page.goto('/organizations/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.goto('/organizations/not-an-id');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    pages.expectNoProblems(page);
  });

  it('a hidden post is listed with its reason and can be shown again', async () => {
    const page = await pages.open();
    await signIn(page, ORGANIZER);
    const post = await page.evaluate(async () => ((await (await fetch('/api/v1/posts?limit=1')).json()) as { items: { id: string; title: string }[] }).items[0]);
    expect(post).toBeDefined();
    expect(await apiPost(page, `/api/v1/posts/${post!.id}/hide`, { reason: 'Contains personal data of a victim.' })).toBe(200);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Organizers’ console' }).waitFor();
    await page.getByText(/posts? (is|are) hidden\./).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Hidden content', exact: true }).click();
    const card = page.locator('article').filter({ has: page.getByRole('heading', { name: post!.title, exact: true }) });
    await card.waitFor();
    await card.getByText('Contains personal data of a victim.').waitFor();
    await screenshot(page, 'organizer-5-hidden-content');
    expect(await card.getByRole('link', { name: post!.title }).getAttribute('href')).toBe(`/posts/${post!.id}`);

    await card.getByRole('button', { name: 'Show again' }).click();
    await card.getByText('Visible again', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: 'Show again' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Hidden content' }).waitFor();
    await page.getByText('No posts are hidden.').waitFor();
    pages.expectNoProblems(page);
  });

  for (const width of [1280, 360]) {
    it(`console pages at ${width}px: no serious accessibility violations${width < 400 ? ', no horizontal scrolling' : ''}`, async () => {
      const page = await pages.open(width);
      await signIn(page, ORGANIZER);
      // A hidden post, so the hidden-content page has something to show.
      const post = await page.evaluate(async () => ((await (await fetch('/api/v1/posts?limit=1')).json()) as { items: { id: string }[] }).items[0]);
      expect(await apiPost(page, `/api/v1/posts/${post!.id}/hide`, { reason: 'Checking the layout.' })).toBe(200);

      const check = (name: string) => checkPage(page, name, width);

      await openConsole(page);
      // With a member list open and a suspension form showing, as an organizer would see them.
      const card = orgCard(page, MEDIA_ORG);
      await card.getByText('People', { exact: true }).click();
      await card.getByRole('listitem').filter({ hasText: MEDIA_PERSON }).getByRole('button', { name: 'Suspend account' }).click();
      await card.getByRole('button', { name: 'Suspend organization' }).click();
      await card.getByRole('form').first().waitFor();
      await check('organizer-organizations');

      await page.goto('/organizer/hidden');
      await page.locator('article').first().waitFor();
      await check('organizer-hidden');

      expect(await apiPost(page, `/api/v1/posts/${post!.id}/unhide`, {})).toBe(200);
      pages.expectNoProblems(page);
    });
  }
});
