// Choosing countries (issue 13): a type-ahead combobox with removable chips replaces the "hold
// Ctrl" multiple select in the post form and the expertise form. Usable by keyboard, by tapping,
// and announced; at 1280 and 360 px, axe in light and dark with the list open.
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, signIn, expectAccessibleInBothThemes } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

describe('the country picker', () => {
  for (const width of [1280, 360]) {
    it(`is a combobox with type-ahead and removable chips, by keyboard and by tap (${width} px)`, { timeout: 180_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(page, 'io@demo.test');
      await page.goto('/posts/new');
      const box = page.getByRole('combobox', { name: 'Countries', exact: true });
      await box.waitFor();
      // No "hold Ctrl" list anywhere in the form.
      expect(await page.locator('select[multiple]').count()).toBe(0);
      const chips = page.getByRole('list', { name: 'Chosen countries' });

      // Keyboard: type, the list narrows, Down and Enter choose; the box empties and keeps the focus.
      await box.fill('thai');
      await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
      const options = page.getByRole('listbox', { name: 'Countries' }).getByRole('option');
      expect(await options.allTextContents()).toEqual(['Thailand']);
      await box.press('ArrowDown');
      expect(await box.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'));
      await box.press('Enter');
      await chips.getByText('Thailand', { exact: true }).waitFor();
      expect(await box.inputValue()).toBe('');
      expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByRole('status').filter({ hasText: 'Thailand added' }).waitFor();
      // Enter chose; it did not submit the form.
      expect(new URL(page.url()).pathname).toBe('/posts/new');

      // Tapping: accents do not matter ("cote" finds Côte d'Ivoire), a chosen country is not offered again.
      await box.fill('cote');
      const ivoire = page.getByRole('option', { name: /Ivoire/ });
      await ivoire.waitFor();
      await expectAccessibleInBothThemes(page, `the post form with the country list open at ${width} px`);
      await screenshot(page, `pickers-country-open-${width}`);
      await ivoire.click();
      await chips.getByText(/Ivoire/).waitFor();
      await box.fill('thai');
      await expect.poll(() => page.getByRole('option', { name: 'Thailand' }).count()).toBe(0);
      await box.fill('');

      // Chips stay in sight above the box; each can be removed, and Backspace in the empty box removes the last.
      expect(await chips.getByRole('listitem').count()).toBe(2);
      if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(page, `pickers-country-chips-${width}`);
      await page.getByRole('button', { name: 'Remove Thailand' }).click();
      await page.getByRole('status').filter({ hasText: 'Thailand removed' }).waitFor();
      expect(await chips.getByRole('listitem').count()).toBe(1);
      await box.press('Backspace');
      expect(await page.getByRole('list', { name: 'Chosen countries' }).count()).toBe(0);

      // Escape closes the list.
      await box.fill('nig');
      await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
      await box.press('Escape');
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      pages.expectNoProblems(page);
    });
  }

  it('the expertise form uses the same picker, and what is chosen is saved', { timeout: 180_000 }, async () => {
    const page = await pages.open();
    await signIn(page, 'io@demo.test');
    const me = (await (await page.request.get('/api/v1/me')).json()) as { organization: { id: string } };
    await page.goto('/organization');
    const expertise = page.getByTestId('expertise');
    const box = expertise.getByRole('combobox');
    await box.waitFor();
    expect(await expertise.locator('select[multiple]').count()).toBe(0);
    await box.fill('philipp');
    await page.getByRole('option', { name: 'Philippines' }).click();
    await expertise.getByRole('button', { name: 'Save expertise' }).click();
    await expect
      .poll(async () => ((await (await page.request.get(`/api/v1/organizations/${me.organization.id}/expertise`)).json()) as { countries: string[] }).countries)
      .toContain('PH');
    pages.expectNoProblems(page);
  });
});
