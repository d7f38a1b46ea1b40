// Reports, auto-hide and the moderation queue, the privacy warning in the compose form, and the
// library, in a real browser against the built server; axe and 360 px on every page.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, signIn, followNav } from './harness.js';

// The server starts slowly on a loaded machine (PGlite, migrations and demo data): give it time.
const suite = browserSuite({ startTimeoutMs: 110_000 });
const { pages } = suite;

/** A state-changing API call made with the page's session, as the web app makes it. */
async function apiPost<T>(page: Page, path: string, body: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, body }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as T };
    },
    { path, body },
  );
}

async function reportInBrowser(page: Page, postPath: string, width: number): Promise<void> {
  await page.goto(postPath);
  await page.getByRole('button', { name: 'Report this post' }).click();
  const form = page.getByRole('form', { name: 'Report this post to the organizers' });
  await form.getByRole('radio', { name: 'Personal data of a victim or another person' }).check();
  await form.getByLabel('More detail (optional)').fill('It names a child and her village.');
  await checkPage(page, 'report-form', width);
  await form.getByRole('button', { name: 'Send report' }).click();
  await page.getByText('Thank you: your report was sent to the organizers.').waitFor();
}

describe('reports, auto-hide and the moderation queue', () => {
  it('three organizations report personal data, the post is hidden at once, the organizers hide it with a reason the author sees', async () => {
    const author = await pages.open();
    await signIn(author, 'tdh@demo.test');
    const title = `Peer support for returnees ${Date.now().toString(36)}`;
    const created = await apiPost<{ id: string }>(author, '/api/v1/posts', { kind: 'project_idea', audience: 'all', title, body: 'Peer groups in three districts.', countries: ['MD'] });
    expect(created.status).toBe(201);
    const postPath = `/posts/${created.body.id}`;

    const io = await pages.open(1280, 900);
    await signIn(io, 'io@demo.test');
    await reportInBrowser(io, postPath, 1280);
    const ilo = await pages.open(360, 800);
    await signIn(ilo, 'ilo@demo.test');
    await reportInBrowser(ilo, postPath, 360);
    // Two reports: still visible to others.
    const gov = await pages.open();
    await signIn(gov, 'government@demo.test');
    await gov.goto(postPath);
    await gov.getByRole('heading', { level: 1, name: title }).waitFor();

    const osce = await pages.open();
    await signIn(osce, 'osce@demo.test');
    expect((await apiPost(osce, '/api/v1/reports', { target: { type: 'post', id: created.body.id }, reason: 'personal_data' })).status).toBe(201);

    // The third independent report hid it: others no longer find it; its author sees why.
    await gov.goto(postPath);
    await gov.getByRole('heading', { level: 1, name: /not found|Page not found|There is nothing here/i }).waitFor();
    await author.goto(postPath);
    await author.getByText(/Hidden by the organizers: Hidden automatically pending review/).waitFor();

    // The organizers' queue: grouped by item, the item in context, every report.
    for (const width of [1280, 360]) {
      const organizer = await pages.open(width, 900);
      await signIn(organizer, 'organizer@demo.test');
      await organizer.goto('/organizer');
      await organizer.getByRole('link', { name: 'Moderation queue', exact: true }).click();
      await organizer.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
      const card = organizer.getByTestId('queue-item').filter({ has: organizer.getByRole('heading', { level: 2, name: title }) });
      await card.waitFor();
      await card.getByText('Hidden automatically: several organizations reported personal data.').waitFor();
      expect(await card.getByText('Personal data of a victim or another person').count()).toBe(3);
      await card.getByText('It names a child and her village.').first().waitFor();
      await checkPage(organizer, 'moderation-queue', width);
      pages.expectNoProblems(organizer);
      if (width === 360) {
        await card.getByRole('radio', { name: 'Hide it (the author sees your reason)' }).check();
        await card.getByRole('button', { name: 'Record the decision' }).click();
        // A hide needs a reason for the author.
        await organizer.getByText('A reason for the author is required.').first().waitFor();
        await card.getByLabel('Reason or note').fill('It names a child: please describe the project without naming anyone.');
        await card.getByRole('button', { name: 'Record the decision' }).click();
        await card.waitFor({ state: 'detached' });
        await organizer.getByRole('button', { name: 'Decided' }).click();
        await organizer.getByRole('heading', { level: 2, name: title }).waitFor();
      }
    }

    // The author reads the organizers' reason; the reporter learns the outcome in general terms.
    await author.goto(postPath);
    await author.getByText('Hidden by the organizers: It names a child: please describe the project without naming anyone.').waitFor();
    await io.goto('/reports');
    await io.getByText('Reviewed: removed from view.').first().waitFor();
    await checkPage(io, 'my-reports', 1280);
    expect(await io.getByText('please describe the project').count()).toBe(0);
    pages.expectNoProblems(author);
  }, 300_000);
});

describe('the privacy guard in the compose form', () => {
  it('warns what looks like personal data and why, and saves after the writer confirms; the organizers see the flag', async () => {
    for (const width of [1280, 360]) {
      const gov = await pages.open(width, 900);
      await signIn(gov, 'government@demo.test');
      await gov.goto('/posts/new');
      const title = `Reintegration support request ${width} ${Date.now().toString(36)}`;
      await gov.getByLabel('Title', { exact: true }).fill(title);
      await gov.getByLabel('Description (Markdown)', { exact: true }).fill('Our shelter took in Maria Petrova, a victim of sexual exploitation, after the raid.');
      await gov.getByRole('checkbox', { name: 'Africa', exact: true }).check();
      await gov.getByRole('button', { name: 'Publish' }).click();
      const warning = gov.locator('.privacy-warning');
      await warning.getByText('This may identify a person').waitFor();
      await warning.getByText(/“Maria Petrova” – a full name next to “victim”/).waitFor();
      await checkPage(gov, 'compose-privacy-warning', width);
      // Nothing was saved; what was typed is still there.
      expect(await gov.getByLabel('Title', { exact: true }).inputValue()).toBe(title);
      await warning.getByRole('checkbox', { name: 'This is not about a victim: save it and let the organizers review it' }).check();
      await gov.getByRole('button', { name: 'Publish' }).click();
      await gov.getByRole('heading', { level: 1, name: title }).waitFor();
      pages.expectNoProblems(gov);

      const organizer = await pages.open(width, 900);
      await signIn(organizer, 'organizer@demo.test');
      await organizer.goto('/organizer/moderation');
      const card = organizer.getByTestId('queue-item').filter({ has: organizer.getByRole('heading', { level: 2, name: title }) });
      await card.getByText(/Privacy guard: the author confirmed it is not about a victim \(a full name next to words about victims\)/).waitFor();
    }
  }, 300_000);
});

describe('the library', () => {
  it('searches the demo library and filters it, at desktop and phone width', async () => {
    for (const width of [1280, 360]) {
      const page = await pages.open(width, 900);
      await signIn(page, 'cso@demo.test');
      await followNav(page, 'Library');
      await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
      // Newest first; the full-tier demo entry is not listed for civil society.
      const titles = page.locator('.document__title a');
      await titles.first().waitFor();
      expect(await titles.first().textContent()).toContain('Framework for Action');
      expect(await page.getByText('Handbook for Parliamentarians').count()).toBe(0);
      await checkPage(page, 'library', width);
      await page.getByLabel('Search titles and text').fill('legislative drafting');
      await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Tool' });
      await page.getByRole('button', { name: 'Show documents' }).click();
      await page.waitForURL(/q=legislative/);
      await page.getByRole('status').filter({ hasText: '1 document.' }).waitFor();
      await page.locator('.document__snippet mark').first().waitFor();
      const href = await titles.first().getAttribute('href');
      const download = await page.request.get(href!);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
      expect(download.headers()['x-content-type-options']).toBe('nosniff');
      pages.expectNoProblems(page);
    }
  }, 300_000);
});
