// Issue 13, journeys without losing work or meeting raw errors, at 1280 and 360 px: a real
// three-way merge after an editing clash (both editors' paragraphs kept, same-line conflicts chosen
// side by side), money typed as people type it, and no schema language on screen.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkA11y, describeViolations, screenshot, signIn } from './harness.js';

const suite = browserSuite({ startTimeoutMs: 240_000 });
const { pages } = suite;

async function api<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown): Promise<T> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

async function expectAccessible(page: Page, what: string) {
  const violations = await checkA11y(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
}

/** Regular expressions, schema keywords and field paths: never on a person's screen. */
const SCHEMA_LANGUAGE = /\^|\\d|anyOf|type null|must match|pattern|budget\.amount|fundingSought|#\//;

const BODY = ['Vocational training for returnees.', '', 'Psychosocial support in two shelters.', '', 'Budget review in March.'].join('\n');

describe('nothing a co-author wrote is lost after an editing clash', () => {
  it('merges both editors\' paragraphs, shows same-line conflicts side by side, and leaves one box', async () => {
    const io = await pages.open();
    await signIn(io, 'io@demo.test');
    const ilo = await pages.open();
    await signIn(ilo, 'ilo@demo.test');
    const iloMe = await api<{ organization: { id: string } }>(ilo, 'GET', '/api/v1/me');
    const post = await api<{ id: string; title: string }>(io, 'POST', '/api/v1/posts', {
      kind: 'pipeline_project',
      title: `Reintegration of returnees ${Date.now().toString(36)}`,
      body: BODY,
      regions: ['151'],
      audience: 'all',
    });
    await api(io, 'POST', `/api/v1/posts/${post.id}/coauthors`, { organizationId: iloMe.organization.id });

    // Both open the edit page at revision 1.
    await io.goto(`/posts/${post.id}/edit`);
    const ioBody = io.getByLabel('Description (Markdown)', { exact: true });
    await ioBody.waitFor();
    await ilo.goto(`/posts/${post.id}/edit`);
    const iloBody = ilo.getByLabel('Description (Markdown)', { exact: true });
    await iloBody.waitFor();

    // The co-author adds a paragraph at the end and rewrites the last line; saves first.
    await iloBody.fill(BODY.replace('Budget review in March.', 'Budget review in April, with the donors.') + '\n\nJob placement with employers.');
    await ilo.getByRole('button', { name: 'Save changes' }).click();
    await ilo.getByRole('heading', { level: 1, name: post.title }).waitFor();

    // The lead adds another paragraph and rewrites the same last line differently.
    await ioBody.fill(BODY.replace('Vocational training for returnees.', 'Vocational training for returnees.\n\nA helpline in three languages.').replace('Budget review in March.', 'Budget review in May.'));
    await io.getByRole('button', { name: 'Save changes' }).click();
    const panel = io.getByTestId('stale-panel');
    await panel.getByRole('button', { name: 'Merge with revision 2, keeping my changes' }).click();

    // One box stays: the stale-save summary is gone, the merge summary is there.
    const merged = io.getByTestId('stale-merged');
    await merged.getByText('Your form is now based on revision 2.', { exact: false }).waitFor();
    expect(await io.locator('.error-summary').count()).toBe(0);
    expect(await panel.count()).toBe(0);
    expect(await merged.textContent()).toContain('Changed by both in the same place, choose below: Description (Markdown).');

    // Both new paragraphs are in the form; the clashing line is shown side by side, and until a
    // choice is made both versions stay in the text.
    let text = await ioBody.inputValue();
    expect(text).toContain('A helpline in three languages.');
    expect(text).toContain('Job placement with employers.');
    expect(text).toContain('Budget review in May.');
    expect(text).toContain('Budget review in April, with the donors.');
    const conflict = io.getByTestId('merge-conflict');
    expect(await conflict.count()).toBe(1);
    await conflict.getByText('Budget review in May.').waitFor();
    await conflict.getByText('Budget review in April, with the donors.').waitFor();
    await expectAccessible(io, 'edit page, choosing after a merge');
    await screenshot(io, 'ux-merge-chooser-1280');

    // At phone width the two versions stack and nothing scrolls sideways.
    await io.setViewportSize({ width: 360, height: 780 });
    await expectNoHorizontalScroll(io);
    await screenshot(io, 'ux-merge-chooser-360');
    await io.setViewportSize({ width: 1280, height: 800 });

    await conflict.getByLabel('Keep theirs').check();
    await io.getByText('All choices made.', { exact: false }).waitFor();
    text = await ioBody.inputValue();
    expect(text).not.toContain('Budget review in May.');
    expect(text).toContain('Budget review in April, with the donors.');
    expect(text).toContain('A helpline in three languages.');
    expect(text).toContain('Job placement with employers.');

    await io.getByRole('button', { name: 'Save changes' }).click();
    await io.getByRole('heading', { level: 1, name: post.title }).waitFor();
    const saved = await api<{ body: string; revision: number }>(io, 'GET', `/api/v1/posts/${post.id}`);
    expect(saved.revision).toBe(3);
    expect(saved.body).toContain('A helpline in three languages.');
    expect(saved.body).toContain('Job placement with employers.');
    pages.expectNoProblems(io);
    pages.expectNoProblems(ilo);
  });
});

describe('money typed as people type it, and errors in sentences', () => {
  for (const width of [1280, 360]) {
    it(`accepts "1,200,000" and explains a wrong amount in words (${width} px)`, async () => {
      const io = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(io, 'io@demo.test');
      const post = await api<{ id: string; title: string }>(io, 'POST', '/api/v1/posts', {
        kind: 'pipeline_project',
        title: `Shelter network ${width} ${Date.now().toString(36)}`,
        body: 'Plan.',
        regions: ['151'],
        audience: 'all',
      });
      await io.goto(`/posts/${post.id}/edit`);
      await io.getByLabel('Budget amount (optional)').fill('1,200,000');
      await io.getByLabel('Currency', { exact: true }).fill('usd');
      await io.getByLabel('Funding sought (optional)').fill('about half');
      await io.getByRole('button', { name: 'Save changes' }).click();
      const summary = io.locator('.error-summary');
      await summary.getByText('There is a problem').waitFor();
      const shown = (await io.locator('main').innerText()).trim();
      expect(shown).toContain('must be an amount in figures, such as 1,200,000 or 1200.50');
      expect(shown).not.toMatch(SCHEMA_LANGUAGE);
      expect(await io.getByLabel('Budget amount (optional)').inputValue()).toBe('1,200,000');
      await expectAccessible(io, `edit page with a wrong amount (${width} px)`);
      await screenshot(io, `ux-money-error-${width}`);

      await io.getByLabel('Funding sought (optional)').fill('600 000');
      await io.getByRole('button', { name: 'Save changes' }).click();
      await io.getByRole('heading', { level: 1, name: post.title }).waitFor();
      const saved = await api<{ budget: { amount: string; currency: string }; fundingSought: string }>(io, 'GET', `/api/v1/posts/${post.id}`);
      expect(saved.budget).toEqual({ amount: '1200000.00', currency: 'USD' });
      expect(saved.fundingSought).toBe('600000.00');
      await io.getByText('$1,200,000.00').first().waitFor();
      pages.expectNoProblems(io);
    });
  }
});
