// The self-assessment journey in Chromium against the built server (issue 18): a government rates a
// measure as a high-priority gap, asks for technical assistance on it (the compose form comes
// pre-filled from the measure), an international organization offers, and the offer comes back
// on the measure. The needs page for a partial-tier participant shows aggregates only. Axe,
// 360 px without sideways scrolling, and screenshots at 1280 and 360 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, signIn, followNav } from './harness.js';

const suite = browserSuite({ startTimeoutMs: 118_000 });
const { pages } = suite;

async function offerAs(page: Page, postId: string, summary: string): Promise<void> {
  await signIn(page, 'io@demo.test');
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const res = await page.request.post(`/api/v1/posts/${postId}/offers`, { data: { summary, body: 'We can help draft procedures and train staff.' }, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBe(201);
}

describe('the self-assessment', () => {
  it.each([
    [1280, 'national_cooperation-2', /multidisciplinary cooperation/],
    [360, 'prevention-3', /Coherence among the public policies/],
  ] as const)('assess, find a gap, ask for assistance, see the offer come back on the measure (%ipx)', async (width, code, titlePattern) => {
    const page = await pages.open(width, 900);
    await signIn(page, 'government@demo.test');
    await page.goto('/self-assessment');
    await page.getByRole('heading', { name: 'Self-assessment: the Framework for Action', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /Prosecution/, level: 2 }).waitFor();
    // The demo's linked request shows on its measure with its offers.
    await expect.poll(() => page.locator('#sa-prosecution-1').innerText()).toContain('Review of the national trafficking in persons law');
    await checkPage(page, 'self-assessment', width);

    // Assess: a high-priority gap.
    const measure = page.locator(`#sa-${code}`);
    await measure.getByLabel('Status').selectOption('not_in_place');
    await measure.getByLabel('Priority').selectOption('high');
    await measure.getByLabel(/Evidence/).fill('No working group has met since the plan expired.');
    // Cite a document of the library as evidence.
    const evidence = measure.getByLabel('Library document cited as evidence');
    await expect.poll(() => evidence.locator('option').count()).toBeGreaterThan(1);
    const cited = (await evidence.locator('option').nth(1).innerText()).trim();
    await evidence.selectOption({ index: 1 });
    await page.getByText('1 measure changed and not saved yet.').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText(/Draft saved \(revision \d+\)/).first().waitFor();
    await measure.getByRole('link', { name: cited }).waitFor();

    // Find the gap, ask for assistance: the compose form is pre-filled from the measure.
    await measure.getByRole('link', { name: 'Ask for technical assistance on this' }).click();
    await page.getByText(`This request starts from measure ${code} of your self-assessment`).waitFor();
    const title = page.getByLabel('Title', { exact: false }).first();
    await expect.poll(() => title.inputValue()).toMatch(titlePattern);
    expect(await page.getByLabel(/Description|Text|Body/).first().inputValue()).toContain('No working group has met since the plan expired.');
    await checkPage(page, 'self-assessment-compose', width);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postId = page.url().split('/').at(-1)!;

    // An international organization offers; the offer comes back on the measure.
    const io = await pages.open(1280, 900);
    await offerAs(io, postId, `Coordination support for ${code}`);
    await page.goto('/self-assessment');
    await expect.poll(() => measure.innerText()).toContain(`Coordination support for ${code}`);
    expect(await measure.innerText()).toContain('1 offer');
    pages.expectNoProblems(page);
  });

  it.each([
    [1280, 'protection-7'],
    [360, 'prevention-1'],
  ] as const)('stops a note that looks like personal data until confirmed, and shows a full-tier reader needs by measure and region (%ipx)', async (width, code) => {
    const page = await pages.open(width, 900);
    await signIn(page, 'thailand@demo.test');
    await page.goto('/self-assessment');
    const measure = page.locator(`#sa-${code}`);
    await measure.getByLabel('Status').waitFor();
    if (!(await measure.getByLabel('Status').inputValue())) await measure.getByLabel('Status').selectOption('partly_in_place');
    await measure.getByLabel(/Evidence/).fill('The shelter worker said to call +66 81 234 5678 about the rescued girl.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'This may identify a person' });
    await warning.waitFor();
    expect(await warning.innerText()).toContain(`Evidence for measure ${code}`);
    await checkPage(page, 'self-assessment-privacy', width);
    await warning.getByLabel(/This is not about a victim/).check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText(/Draft saved \(revision \d+\)/).first().waitFor();
    expect(await warning.count()).toBe(0);

    // A full-tier reader: the needs by measure and region.
    const io = await pages.open(width, 900);
    await signIn(io, 'io@demo.test');
    await io.goto('/self-assessment');
    const table = io.getByRole('table', { name: 'By measure and region' });
    await table.waitFor();
    for (const region of ['Africa', 'Asia', 'Europe']) await table.getByRole('columnheader', { name: region }).waitFor();
    await checkPage(io, 'self-assessment-needs-full', width);
    pages.expectNoProblems(page);
    pages.expectNoProblems(io);
  });

  it.each([1280, 360])('shows a partial-tier participant aggregates only, and trends nothing it may not read (%ipx)', async (width) => {
    const page = await pages.open(width, 900);
    await signIn(page, 'cso@demo.test');
    await followNav(page, 'Self-assessment');
    await page.getByRole('heading', { name: 'Needs: high-priority gaps', level: 2 }).waitFor();
    await page.getByText(/You see counts only/).waitFor();
    const text = await page.locator('main').innerText();
    for (const name of ['NAPTIP', 'Moldova', 'Thailand']) expect(text).not.toContain(name);
    await page.getByRole('table', { name: 'By region' }).waitFor();
    await checkPage(page, 'self-assessment-needs', width);
    await page.goto('/self-assessment/trends');
    await page.getByText('No submitted assessment you may read.').waitFor();
    await checkPage(page, 'self-assessment-trends', width);
    pages.expectNoProblems(page);
  });
});
