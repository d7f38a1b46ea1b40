// Overlap detection and matching in a real browser: the compose form shows existing work that looks
// like the draft, with reasons in words; an organizer marks a pair on the board and it is linked on
// both posts; suggested organizations, requests to answer and the expertise form. Every page gets
// axe, the 360 px check and screenshots.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, signIn } from './harness.js';

const SHELTERS = 'Minimum standards and staff training for the Agency’s shelters';

const suite = browserSuite();
const { pages } = suite;

async function postId(page: Page, title: string): Promise<string> {
  const res = await page.request.get(`/api/v1/posts?limit=100&q=${encodeURIComponent(title)}`);
  const items = ((await res.json()) as { items: { id: string; title: string }[] }).items;
  const found = items.find((p) => p.title === title);
  if (!found) throw new Error(`no post ${title}`);
  return found.id;
}

describe('overlap detection', () => {
  it('the compose form shows existing work that looks like the draft, with reasons, and publishing still works', async () => {
    const page = await pages.open();
    await signIn(page, 'io@demo.test');
    await page.goto('/posts/new');
    await page.getByLabel('Title', { exact: true }).fill('Standards and training for the staff of victim shelters');
    await page.getByLabel('Description (Markdown)').fill('We propose minimum standards for shelters in Nigeria and a training course for shelter staff, with a referral procedure.');
    await page.getByRole('checkbox', { name: 'Victim protection and support' }).check();
    await page.getByRole('combobox', { name: 'Countries', exact: true }).fill('nige');
    await page.getByRole('option', { name: 'Nigeria', exact: true }).click();

    const panel = page.getByTestId('overlap-panel');
    const suggestion = panel.getByRole('link', { name: new RegExp(SHELTERS) });
    await suggestion.waitFor();
    const item = panel.locator('li').filter({ has: page.getByRole('link', { name: new RegExp(SHELTERS) }) });
    await expect.poll(() => item.textContent()).toMatch(/same country: Nigeria/);
    expect(await item.textContent()).toMatch(/both about .*shelters/);
    expect(await item.textContent()).toMatch(/1 shared area \(Victim protection and support\)/);
    expect(await item.textContent()).toMatch(/\d+% match/);
    expect(await suggestion.getAttribute('target')).toBe('_blank');
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await checkPage(page, 'overlap-compose', width);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // The panel never blocks saving.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    // The new post's page lists the shelters request as similar work.
    await page.getByTestId('similar-posts').getByRole('link', { name: SHELTERS }).waitFor();
    pages.expectNoProblems(page);
  });

  it('an organizer marks a pair on the board; it is linked on both posts and leaves the board', async () => {
    const page = await pages.open();
    await signIn(page, 'organizer@demo.test');
    // A second post about the same work, so the board has a clear pair to decide on.
    const created = await page.request.post('/api/v1/posts', {
      headers: { 'x-csrf-token': ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken },
      data: { kind: 'project_info', title: 'Shelter standards and staff training for the Agency', body: 'Minimum standards for the shelters of the Agency in Nigeria and training of shelter staff.', countries: ['NG'], areas: ['victim_protection'], themes: ['protection'] },
    });
    expect(created.status()).toBe(201);
    const twin = ((await created.json()) as { id: string; title: string }).id;

    // Compare every post now rather than wait for the background rounds.
    const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
    for (let i = 0; i < 20; i++) {
      const progress = (await (await page.request.post('/api/v1/overlaps/scan', { headers: { 'x-csrf-token': csrf }, data: {} })).json()) as { pending: number };
      if (progress.pending === 0) break;
    }
    await page.goto('/organizer/overlaps');
    await page.getByRole('heading', { name: 'Possible overlaps', level: 1 }).waitFor();
    await page.getByText('Every post has been compared with the others.').waitFor();
    const group = page.getByRole('group', { name: new RegExp(`Verdict on this pair: .*Shelter standards and staff training for the Agency`) }).first();
    await group.waitFor();
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await checkPage(page, 'overlap-board', width);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    const label = (await group.getAttribute('aria-label'))!;
    await group.getByRole('button', { name: 'Related' }).click();
    await page.getByText(/Marked as related/).waitFor();
    expect(await page.getByRole('group', { name: label }).count()).toBe(0);

    // Linked on both posts: from the new post to the other one, and back.
    await page.goto(`/posts/${twin}`);
    // Each related post is listed with a link to it and one to its organization's page.
    const related = page.getByRole('region', { name: 'Related work' });
    const relatedPosts = related.locator('a[href^="/posts/"]');
    await relatedPosts.first().waitFor();
    expect(await relatedPosts.count()).toBe(1);
    const otherTitle = (await relatedPosts.textContent())!;
    expect(label).toContain(otherTitle);
    expect(await related.locator('a[href^="/organizations/"]').count()).toBe(1);
    await relatedPosts.click();
    await page.getByRole('heading', { name: otherTitle, level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Related work' }).getByRole('link', { name: 'Shelter standards and staff training for the Agency' }).waitFor();
    // The verdict is in the audit log.
    const audit = await page.request.get('/api/v1/audit?action=overlap.marked_related');
    expect(audit.status()).toBe(200);
    expect(JSON.stringify(await audit.json())).toContain('overlap.marked_related');
    pages.expectNoProblems(page);
  });
});

describe('matching', () => {
  it('a request shows organizations that could help; providers see requests to answer; focal points keep their expertise', async () => {
    const gov = await pages.open();
    await signIn(gov, 'government@demo.test');
    await gov.goto(`/posts/${await postId(gov, SHELTERS)}`);
    const matches = gov.getByTestId('matches');
    await matches.getByRole('link', { name: 'International Organization for Migration (IOM)' }).waitFor();
    expect(await matches.textContent()).toMatch(/works on Victim protection and support/);
    for (const width of [1280, 360]) {
      await gov.setViewportSize({ width, height: 900 });
      await checkPage(gov, 'matching-post', width);
    }

    const io = await pages.open();
    await signIn(io, 'io@demo.test');
    await io.goto('/requests-to-answer');
    await io.getByRole('heading', { name: 'Requests you could answer', level: 1 }).waitFor();
    await io.getByRole('link', { name: /Identifying children exploited in begging/ }).waitFor();
    for (const width of [1280, 360]) {
      await io.setViewportSize({ width, height: 900 });
      await checkPage(io, 'matching-requests', width);
    }

    await io.setViewportSize({ width: 1280, height: 900 });
    await io.goto('/organization');
    const expertise = io.getByTestId('expertise');
    await expertise.getByRole('heading', { name: 'Expertise' }).waitFor();
    await expertise.getByRole('checkbox', { name: 'Data collection and research' }).check();
    await expertise.getByLabel('Working languages').fill('en, fr, ar');
    await expertise.getByRole('button', { name: 'Save expertise' }).click();
    await io.getByText('Expertise saved.').waitFor();
    const saved = (await (await io.request.get(`/api/v1/organizations/${((await (await io.request.get('/api/v1/me')).json()) as { organization: { id: string } }).organization.id}/expertise`)).json()) as { languages: string[]; areas: string[] };
    expect(saved.languages).toEqual(['en', 'fr', 'ar']);
    expect(saved.areas).toContain('data_research');
    for (const width of [1280, 360]) {
      await io.setViewportSize({ width, height: 900 });
      await checkPage(io, 'matching-expertise', width);
    }
    pages.expectNoProblems(gov);
    pages.expectNoProblems(io);
  });
});
