// Donors and statistics in a real browser against the built server: a donor pledges on a project
// and its gap goes down; the donor view filters and saves a search; organizers flag a donor; the
// statistics page draws its charts with a table behind each. Axe, 360 px and screenshots on each.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, signIn } from './harness.js';

interface Money {
  amount: string;
  currency: string;
}
interface FundingProject {
  id: string;
  title: string;
  audience: string;
  organization: { id: string };
  funding: { target: Money | null; gap: Money | null };
}

const suite = browserSuite();
const { pages } = suite;

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

const money = (m: Money) => new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).format(Number(m.amount));

describe('donors', () => {
  it('a donor pledges on a project and the remaining gap goes down by the pledge', async () => {
    const page = await pages.open();
    await signIn(page, 'government@demo.test');
    const me = await apiGet<{ organization: { id: string } }>(page, '/api/v1/me');
    const list = await apiGet<{ items: FundingProject[] }>(page, '/api/v1/funding/projects?limit=100');
    const project = list.items.find((p) => p.organization.id !== me.organization.id && p.funding.gap && Number(p.funding.gap.amount) > 100_000);
    expect(project, 'the demo has a project seeking funding with a gap above 100,000').toBeDefined();
    const gap = project!.funding.gap!;

    await page.goto(`/posts/${project!.id}`);
    await page.getByRole('heading', { name: 'Funding', level: 2 }).waitFor();
    await expect.poll(() => page.getByTestId('funding-gap').textContent()).toBe(money(gap));

    await page.getByLabel('Amount', { exact: true }).fill('100000');
    expect(await page.getByLabel('Currency', { exact: true }).inputValue()).toBe(gap.currency);
    await page.getByLabel('Conditions (optional)').fill('Two tranches, joint monitoring.');
    await page.getByRole('button', { name: 'Send pledge' }).click();

    const expected = money({ amount: String(Number(gap.amount) - 100_000), currency: gap.currency });
    await expect.poll(() => page.getByTestId('funding-gap').textContent()).toBe(expected);
    await page.getByText('Two tranches, joint monitoring.').waitFor();
    await page.getByRole('button', { name: 'Confirm pledge' }).click();
    await page.getByText('Confirmed', { exact: true }).waitFor();
    await checkPage(page, 'funding-panel', 1280);
    pages.expectNoProblems(page);

    // The project's organization sees the pledge; a civil-society participant sees no pledge at all.
    const cso = await pages.open(360, 800);
    await signIn(cso, 'cso@demo.test');
    const response = await cso.request.get(`/api/v1/posts/${project!.id}/funding`);
    if (project!.audience === 'full') expect(response.status()).toBe(404);
    else expect(((await response.json()) as { pledges: unknown[] }).pledges).toEqual([]);
  });

  it('the donor view filters projects, saves a search and deletes it, at desktop and phone width', async () => {
    for (const width of [1280, 360]) {
      const page = await pages.open(width, 900);
      await signIn(page, 'io@demo.test');
      await page.goto('/funding');
      await page.getByRole('heading', { name: 'Projects seeking funding', level: 1 }).waitFor();
      const all = await apiGet<{ total: number }>(page, '/api/v1/funding/projects');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'seeking funding' }).first().textContent()).toContain(String(all.total));

      await page.getByLabel('Region', { exact: true }).selectOption({ label: 'Africa' });
      await page.getByRole('button', { name: 'Show projects' }).click();
      await page.waitForURL(/region=002/);
      const africa = await apiGet<{ total: number; items: { title: string }[] }>(page, '/api/v1/funding/projects?region=002');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'seeking funding' }).first().textContent()).toContain(String(africa.total));
      if (africa.items[0]) await page.getByRole('link', { name: africa.items[0].title }).waitFor();

      const name = `Africa projects ${width}`;
      await page.getByLabel('Name of the search').fill(name);
      await page.getByRole('button', { name: 'Save search' }).click();
      await page.getByRole('link', { name }).waitFor();
      await checkPage(page, 'donor-view', width);
      await page.getByRole('button', { name: 'Delete' }).first().click();
      await expect.poll(() => page.getByRole('link', { name }).count()).toBe(0);
      pages.expectNoProblems(page);
    }
  });

  it('organizers flag and unflag a donor organization from the console', async () => {
    const page = await pages.open();
    await signIn(page, 'organizer@demo.test');
    await page.goto('/organizer/organizations');
    await page.getByRole('heading', { name: 'Donor organizations' }).waitFor();
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Accor (hotel group)' });
    await page.getByRole('button', { name: 'Flag as donor' }).click();
    await page.getByText('Accor (hotel group) is now flagged as a donor.').waitFor();
    await page.getByRole('button', { name: 'Remove donor flag of Accor (hotel group)' }).waitFor();
    await checkPage(page, 'donor-flag', 1280);
    await page.getByRole('button', { name: 'Remove donor flag of Accor (hotel group)' }).click();
    await page.getByText('Accor (hotel group) is no longer flagged as a donor.').waitFor();
    pages.expectNoProblems(page);
  });
});

describe('statistics', () => {
  it('draws each chart with a table of the same figures, within the tier, at desktop and phone width', async () => {
    for (const width of [1280, 360]) {
      const page = await pages.open(width, 900);
      await signIn(page, 'cso@demo.test');
      const stats = await apiGet<{ posts: { total: number; byKind: Record<string, number> } }>(page, '/api/v1/statistics');
      await page.goto('/statistics');
      await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
      for (const chart of ['chart-kind', 'chart-region', 'chart-area', 'chart-requests', 'chart-funding']) {
        await page.getByTestId(chart).waitFor();
        expect(await page.getByTestId(chart).locator('svg[role="img"] rect').count(), chart).toBeGreaterThan(0);
      }
      await page.getByText(String(stats.posts.total), { exact: true }).first().waitFor();
      const kindChart = page.getByTestId('chart-kind');
      await kindChart.getByText('Show “Posts by kind” as a table').click();
      const row = kindChart.getByRole('row', { name: /Project idea/ });
      expect(await row.getByRole('cell').textContent()).toBe(String(stats.posts.byKind.project_idea ?? 0));
      await checkPage(page, 'statistics', width);
      pages.expectNoProblems(page);
    }
  });
});
