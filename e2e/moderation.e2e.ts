// Reports, auto-hide and the moderation queue, the privacy warning in the compose form, and the
// library, in a real browser against the built server; axe and 360 px on every page.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, expectAccessibleInBothThemes, signIn, followNav } from './harness.js';

/** A group photograph of three people: the sample the face detector's package ships (read from node_modules, not copied). */
const GROUP_PHOTO = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');

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
      await expectAccessibleInBothThemes(gov, `the compose warning at ${width} px`);
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

describe('the privacy guard in conversations', () => {
  it('warns when a new conversation or a reply looks like personal data, sends once the writer confirms, and flags each message', async () => {
    const personal = 'We met Maria Petrova, a victim of forced labour, at the shelter.';
    const writer = await pages.open(1280, 900);
    await signIn(writer, 'government@demo.test');
    const tdh = await writer.evaluate(async () => ((await (await fetch('/api/v1/directory/organizations?q=Terre%20des%20Hommes&limit=1')).json()) as { items: { id: string }[] }).items[0]!.id);
    const subject = `Shelter follow-up ${Date.now().toString(36)}`;

    // Starting a conversation (1280 px).
    await writer.goto(`/conversations/new?to=${tdh}`);
    await writer.getByLabel('Subject').fill(subject);
    await writer.getByLabel('Message (Markdown)').fill(personal);
    await writer.getByRole('button', { name: 'Start the conversation' }).click();
    const warning = writer.locator('.privacy-warning');
    await warning.getByText(/“Maria Petrova” – a full name next to “victim”/).waitFor();
    expect(await writer.locator('.field__error').count()).toBe(0);
    expect(new URL(writer.url()).pathname).toBe('/conversations/new');
    await checkPage(writer, 'conversation-privacy-warning', 1280);
    await expectAccessibleInBothThemes(writer, 'the new conversation with the warning at 1280 px');
    await warning.getByRole('checkbox', { name: 'This is not about a victim: save it and let the organizers review it' }).check();
    await writer.getByRole('button', { name: 'Start the conversation' }).click();
    await writer.getByRole('heading', { level: 1, name: subject }).waitFor();
    const conversationPath = new URL(writer.url()).pathname;
    pages.expectNoProblems(writer);

    // Replying (360 px).
    const phone = await pages.open(360, 800);
    await signIn(phone, 'government@demo.test');
    await phone.goto(conversationPath);
    await phone.getByLabel('Your reply').fill('Her brother Ivan Petrov, a survivor too, could also speak at the workshop.');
    await phone.getByRole('button', { name: 'Send', exact: true }).click();
    const replyWarning = phone.locator('.privacy-warning');
    await replyWarning.getByText('This may identify a person').waitFor();
    expect(await phone.locator('.conversation__message').count()).toBe(1);
    await checkPage(phone, 'conversation-reply-privacy-warning', 360);
    await expectAccessibleInBothThemes(phone, 'the reply with the warning at 360 px');
    await replyWarning.getByRole('checkbox', { name: 'This is not about a victim: save it and let the organizers review it' }).check();
    await phone.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => phone.locator('.conversation__message').count()).toBe(2);
    await replyWarning.waitFor({ state: 'detached' });
    pages.expectNoProblems(phone);

    // Both messages are in the organizers' queue, flagged by the guard.
    const organizer = await pages.open(1280, 900);
    await signIn(organizer, 'organizer@demo.test');
    await organizer.goto('/organizer/moderation');
    const cards = organizer.getByTestId('queue-item').filter({ has: organizer.getByRole('heading', { level: 2, name: `Message in the conversation “${subject}”` }) });
    await expect.poll(() => cards.count()).toBe(2);
    for (const card of await cards.all()) await card.getByText(/Privacy guard: the author confirmed it is not about a victim \(a full name next to words about victims/).waitFor();
    pages.expectNoProblems(organizer);
  }, 300_000);
});

describe('the privacy guard on an uploaded photograph', () => {
  it('warns that the picture shows faces, where and why, stores nothing, and uploads and flags it once the uploader confirms', async () => {
    for (const width of [1280, 360]) {
      const gov = await pages.open(width, 900);
      await signIn(gov, 'government@demo.test');
      const stamp = `${width} ${Date.now().toString(36)}`;
      const post = await apiPost<{ id: string }>(gov, '/api/v1/posts', { kind: 'ta_request', audience: 'all', title: `Workshop follow-up ${stamp}`, body: 'Materials from the workshop.', countries: ['NG'] });
      expect(post.status).toBe(201);
      await gov.goto(`/posts/${post.body.id}`);
      const form = gov.getByRole('form', { name: 'Add a document' });
      const documentTitle = `Workshop photograph ${stamp}`;
      await form.getByLabel('File', { exact: true }).setInputFiles(GROUP_PHOTO);
      await form.getByLabel('Title (optional)').fill(documentTitle);
      await form.getByRole('button', { name: 'Upload' }).click();
      // The first picture loads the detector in the server (about 10 s on a busy machine).
      const warning = form.locator('.privacy-warning');
      await warning.getByText('This may identify a person').waitFor({ timeout: 60_000 });
      const findings = warning.getByRole('listitem');
      expect(await findings.count()).toBe(3);
      expect(await findings.first().textContent()).toMatch(/^The file: “face 1 of 3 \([a-z ]+\)” – the image appears to show a person's face$/);
      // The warning says it all: no second, red copy of the API's sentence under it.
      expect(await form.locator('.field__error').count()).toBe(0);
      await checkPage(gov, 'upload-face-warning', width);
      await expectAccessibleInBothThemes(gov, `the face warning at ${width} px`);
      // Nothing was stored: the post still has no document.
      await gov.getByText('No documents yet.').waitFor();
      const listed = await gov.evaluate(async (id) => (await (await fetch(`/api/v1/documents?attachId=${id}`)).json()) as { total: number }, post.body.id);
      expect(listed.total).toBe(0);

      // Confirmed: the same file and title are sent again, saved, and the warning goes.
      await warning.getByRole('checkbox', { name: 'This is not about a victim: save it and let the organizers review it' }).check();
      await form.getByRole('button', { name: 'Upload' }).click();
      await gov.getByRole('link', { name: `Download ${documentTitle}` }).waitFor({ timeout: 60_000 });
      expect(await form.locator('.privacy-warning').count()).toBe(0);
      pages.expectNoProblems(gov);

      // The organizers find it in the one queue, flagged by the guard for a face.
      const organizer = await pages.open(width, 900);
      await signIn(organizer, 'organizer@demo.test');
      await organizer.goto('/organizer/moderation');
      const card = organizer.getByTestId('queue-item').filter({ has: organizer.getByRole('heading', { level: 2, name: documentTitle }) });
      await card.getByText("Privacy guard: the author confirmed it is not about a victim (a person's face in an image)").waitFor();
      await card.getByText('Document', { exact: true }).waitFor();
      await checkPage(organizer, 'moderation-queue-face', width);
      await expectAccessibleInBothThemes(organizer, `the queue with a face flag at ${width} px`);
      pages.expectNoProblems(organizer);
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
