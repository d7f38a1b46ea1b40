// Projects and partnerships in a real browser against the built server: joint drafting (the lead
// adds a co-author, both edit, the stale save shows what changed and loses nothing), an organization
// asking to join and the lead accepting, the lifecycle stepper, axe and a 360 px phone width; the
// request form offered only to organizations that are neither lead, co-author nor partner.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkA11y, describeViolations, expectAccessibleInBothThemes, screenshot, signIn, waitForMail } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

/** Creates a post through the API with the page's own session. */
async function createPost(page: Page, body: Record<string, unknown>): Promise<{ id: string; title: string }> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const res = await page.request.post('/api/v1/posts', { data: body, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; title: string };
}

async function expectAccessible(page: Page, what: string) {
  const violations = await checkA11y(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
}

describe('projects and partnerships', () => {
  it('joint drafting: a co-author edits, the lead\'s stale save shows what changed and loses nothing', async () => {
    const io = await pages.open();
    await signIn(io, 'io@demo.test');
    const suffix = Date.now().toString(36);
    const post = await createPost(io, {
      kind: 'pipeline_project',
      title: `Reintegration programme for returnees ${suffix}`,
      body: 'Vocational training and psychosocial support for returnees.',
      regions: ['151'],
      audience: 'all',
    });

    // The lead adds the ILO as co-author on the project page.
    await io.goto(`/posts/${post.id}`);
    await io.getByRole('heading', { name: 'Co-authors' }).waitFor();
    await io.getByLabel('Organization', { exact: true }).selectOption({ label: 'International Labour Organization (ILO)' });
    await io.getByRole('button', { name: 'Add co-author' }).click();
    await io.getByRole('button', { name: 'Remove International Labour Organization (ILO) as co-author' }).waitFor();
    await io.getByTestId('partners').getByText('International Labour Organization (ILO)').waitFor();

    // Both open the edit page at revision 1.
    await io.goto(`/posts/${post.id}/edit`);
    const ioTitle = io.getByLabel('Title', { exact: true });
    await ioTitle.waitFor();
    const ilo = await pages.open();
    await signIn(ilo, 'ilo@demo.test');
    await ilo.goto(`/posts/${post.id}`);
    await ilo.getByRole('link', { name: 'Edit this post' }).click();
    const iloBody = ilo.getByLabel('Description (Markdown)', { exact: true });
    await iloBody.waitFor();

    // The co-author saves first.
    await iloBody.fill('Vocational training, job placement with employers and psychosocial support for returnees.');
    await ilo.getByRole('button', { name: 'Save changes' }).click();
    await ilo.getByRole('heading', { level: 1, name: post.title }).waitFor();

    // The lead's save, made on revision 1, is refused; the form keeps the typed title and shows the co-author's change.
    const typed = `Reintegration and employment programme for returnees ${suffix}`;
    await ioTitle.fill(typed);
    await io.getByRole('button', { name: 'Save changes' }).click();
    await io.getByText('Someone changed this post since you opened it').waitFor();
    const panel = io.getByTestId('stale-panel');
    await panel.getByText(/revision 2 by Jonas Lindqvist \(International Labour Organization \(ILO\)\)/).waitFor();
    expect((await panel.locator('ins').allTextContents()).join(' ')).toContain('job placement with employers');
    expect(await ioTitle.inputValue()).toBe(typed);
    await expectAccessible(io, 'edit page with a stale save');
    await screenshot(io, 'coordination-stale-save');
    pages.expectNoProblems(io);

    // Merging takes the co-author's description (untouched by the lead) and keeps the lead's title.
    await panel.getByRole('button', { name: 'Merge with revision 2, keeping my changes' }).click();
    const merged = io.getByTestId('stale-merged');
    await merged.getByText('Your form is now based on revision 2.', { exact: false }).waitFor();
    expect(await merged.textContent()).toContain('Taken from the newer revision: Description (Markdown).');
    expect(await ioTitle.inputValue()).toBe(typed);
    expect(await io.getByLabel('Description (Markdown)', { exact: true }).inputValue()).toContain('job placement with employers');
    await io.getByRole('button', { name: 'Save changes' }).click();
    await io.getByRole('heading', { level: 1, name: typed }).waitFor();
    await io.getByText(/^Revision history/).click();
    await io.getByLabel('From revision').selectOption('1');
    await io.getByLabel('To revision').selectOption('3');
    await io.getByRole('button', { name: 'Show changes' }).click();
    const diff = io.getByTestId('revision-diff');
    await diff.getByText('Changes from revision 1 to revision 3').waitFor();
    expect((await diff.locator('ins').allTextContents()).join(' ')).toContain('job placement with employers');
    expect((await diff.locator('ins').allTextContents()).join(' ')).toContain('and employment');
    await expectAccessible(io, 'post page with a revision diff');
    await screenshot(io, 'coordination-revision-diff');
    pages.expectNoProblems(io);
    pages.expectNoProblems(ilo);
  });

  it('an organization asks to join, the lead accepts, and moves the project on', async () => {
    const cso = await pages.open();
    await signIn(cso, 'cso@demo.test');
    const post = await createPost(cso, {
      kind: 'project_idea',
      title: `Peer support network for survivors ${Date.now().toString(36)}`,
      body: 'A peer support network run by survivors’ organizations.',
      regions: ['150'],
    });

    // Terre des Hommes asks to join as implementing partner.
    const tdh = await pages.open(360, 780);
    await signIn(tdh, 'tdh@demo.test');
    await tdh.goto(`/posts/${post.id}`);
    await tdh.getByRole('heading', { name: 'Ask to join this project' }).waitFor();
    await tdh.getByText('Where this project stands').waitFor();
    await expectAccessible(tdh, 'project page, request form (360 px)');
    await expectNoHorizontalScroll(tdh);
    await tdh.getByLabel('Implementing partner').check();
    await tdh.getByLabel('What your organization would bring', { exact: true }).fill('We run child protection programmes with peer educators.');
    await tdh.getByRole('button', { name: 'Send request' }).click();
    await tdh.getByText('Your request was sent to the lead organization.').waitFor();
    await tdh.getByTestId('partnership-request').getByText('Waiting for a decision').waitFor();
    await screenshot(tdh, 'coordination-request-sent-360');
    pages.expectNoProblems(tdh);

    const mail = await waitForMail(suite.server.mailDir, (m) => m.to === 'cso@demo.test' && m.text.includes(post.title));
    expect(mail.text).toContain('Terre des Hommes asks to join your project');

    // The lead accepts on the project page; the partner and the cooperative flag appear.
    await cso.goto(`/posts/${post.id}`);
    const request = cso.getByTestId('partnership-request');
    await request.getByText('Terre des Hommes asks to join as implementing partner').waitFor();
    await request.getByLabel('Note to Terre des Hommes (optional)').fill('Welcome aboard.');
    await request.getByRole('button', { name: 'Accept' }).click();
    await cso.getByText('Terre des Hommes is now a partner.').waitFor();
    await cso.getByTestId('cooperative').waitFor();
    expect(await cso.getByTestId('partners').textContent()).toMatch(/Terre des Hommes\s*Implementing partner/);

    // The lead moves the idea into drafting with the stepper.
    const lifecycle = cso.getByTestId('lifecycle');
    expect(await lifecycle.locator('[aria-current="step"]').textContent()).toContain('Idea');
    await cso.getByLabel('Move the project to').selectOption({ label: 'Drafting' });
    await cso.getByRole('button', { name: 'Change status' }).click();
    await cso.getByText('The project is now: Drafting.').waitFor();
    await expect.poll(() => lifecycle.locator('[aria-current="step"]').textContent()).toContain('Drafting');
    expect(await cso.getByTestId('post-status').textContent()).toBe('Drafting');
    await expectAccessible(cso, 'project page, lead view');
    await screenshot(cso, 'coordination-lead-view');
    pages.expectNoProblems(cso);

    // The partner sees the outcome, at phone width.
    await tdh.goto(`/posts/${post.id}`);
    await tdh.getByTestId('partnership-request').getByText('Accepted').waitFor();
    await tdh.getByTestId('cooperative').waitFor();
    await expectNoHorizontalScroll(tdh);
    await screenshot(tdh, 'coordination-partner-360');
    pages.expectNoProblems(tdh);

    // The lead may end the partnership; the project is then no longer cooperatively developed.
    await cso.getByRole('button', { name: 'Remove Terre des Hommes as Implementing partner' }).click();
    await cso.getByRole('button', { name: 'Yes, remove' }).click();
    await cso.getByText('Terre des Hommes is no longer a partner.').waitFor();
    await expect.poll(() => cso.getByTestId('cooperative').count()).toBe(0);
    pages.expectNoProblems(cso);
  });
});

/** A state-changing API call with the page's own session. */
async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const res = await page.request.post(path, { data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

describe('who is offered "Ask to join this project"', () => {
  for (const width of [1280, 360]) {
    it(`only organizations that are neither lead, co-author nor partner (${width} px)`, { timeout: 180_000 }, async () => {
      const height = width === 360 ? 780 : 900;
      const lead = await pages.open(width, height);
      await signIn(lead, 'cso@demo.test');
      const project = await createPost(lead, { kind: 'project_idea', title: `Survivor-led peer network ${width} ${Date.now().toString(36)}`, body: 'A peer support network.', regions: ['150'], audience: 'all' });
      const coauthor = await pages.open(width, height);
      await signIn(coauthor, 'ilo@demo.test');
      const iloId = ((await (await coauthor.request.get('/api/v1/me')).json()) as { organization: { id: string } }).organization.id;
      await post(lead, `/api/v1/posts/${project.id}/coauthors`, { organizationId: iloId });
      const partner = await pages.open(width, height);
      await signIn(partner, 'tdh@demo.test');
      const asked = await post<{ id: string }>(partner, `/api/v1/posts/${project.id}/partnership-requests`, { role: 'implementing_partner', message: 'We run peer educator programmes.' });
      await post(lead, `/api/v1/partnership-requests/${asked.id}/accept`, {});
      const outsider = await pages.open(width, height);
      await signIn(outsider, 'io@demo.test');

      const askHeading = (page: Page) => page.getByRole('heading', { name: 'Ask to join this project' });
      for (const [page, who] of [[lead, 'the lead'], [coauthor, 'a co-author'], [partner, 'a partner']] as const) {
        await page.goto(`/posts/${project.id}`);
        // The coordination panel has loaded (the stepper), so an absent form is absent, not late.
        await page.getByText('Where this project stands').waitFor();
        await page.getByTestId('partners').waitFor();
        expect(await askHeading(page).count(), `${who} is not offered the form`).toBe(0);
        pages.expectNoProblems(page);
      }
      await screenshot(coauthor, `coordination-coauthor-no-ask-${width}`);

      await outsider.goto(`/posts/${project.id}`);
      await askHeading(outsider).waitFor();
      await expectAccessibleInBothThemes(outsider, `the project page with the request form at ${width} px`);
      if (width === 360) await expectNoHorizontalScroll(outsider);
      await screenshot(outsider, `coordination-outsider-ask-${width}`);
      pages.expectNoProblems(outsider);
    });
  }
});
