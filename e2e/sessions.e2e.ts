// Programme sessions with a description and speakers (issue 13): organizers add and change them in
// a form (before, only through the API), speakers in the order given; participants see both in the
// programme. At 1280 and 360 px, axe in the light and dark themes, screenshots of both.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, expectAccessibleInBothThemes, screenshot, signIn } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

interface EventInfo { id: string; name: string; startsOn: string }
async function followUp(page: Page): Promise<EventInfo> {
  const res = await page.request.get('/api/v1/events');
  return ((await res.json()) as { items: EventInfo[] }).items.find((e) => e.name.startsWith('Vienna Forum follow-up'))!;
}

async function shotsInBothThemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await screenshot(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('programme sessions with description and speakers', () => {
  for (const width of [1280, 360]) {
    it(`organizers add a session with speakers in order and change it; participants see them (${width} px)`, { timeout: 240_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(page, 'organizer@demo.test');
      const event = await followUp(page);
      await page.goto('/organizer/sessions');
      await page.getByRole('heading', { level: 1, name: 'Programme sessions' }).waitFor();
      // Opens on the follow-up event (the next one not over), not the 2008 Forum.
      await expect.poll(() => page.getByRole('combobox', { name: 'Event' }).inputValue()).toBe(event.id);

      const code = `S${width}`;
      const form = page.getByRole('form', { name: 'Add a session' });
      await form.getByLabel('Code').fill(code);
      await form.getByLabel('Title').fill('Labour inspection and recruitment fees');
      await form.getByLabel('Kind of session').selectOption('panel');
      await form.getByLabel('Starts at (venue time)').fill(width === 360 ? '15:00' : '14:00');
      await form.getByLabel('Ends at (venue time)').fill(width === 360 ? '16:00' : '15:00');
      await form.getByLabel('Description').fill('How labour inspectors find debts from recruitment fees, and what prosecutors need from them.');
      for (const [name, affiliation] of [['Ana Example', 'Labour inspectorate'], ['Ben Example', '']]) {
        await form.getByRole('button', { name: 'Add a speaker' }).click();
        const n = await form.locator('.speaker-row').count();
        await form.getByLabel(`Speaker’s name (${n})`).fill(name!);
        if (affiliation) await form.getByLabel(`Role or organization (${n})`).fill(affiliation);
      }
      // Ben speaks first.
      await form.getByRole('button', { name: /^Move up\W+Ben Example$/ }).click();
      expect(await form.getByLabel('Speaker’s name (1)').inputValue()).toBe('Ben Example');
      await form.getByRole('button', { name: 'Add the session' }).click();
      const added = page.getByTestId('session-added');
      await expect.poll(() => added.textContent()).toContain(`Session ${code} “Labour inspection and recruitment fees” is added to the programme.`);
      expect(await added.evaluate((el) => el === document.activeElement)).toBe(true);
      const row = page.getByTestId(`admin-session-${code}`);
      await expect.poll(() => row.textContent()).toContain('Speakers: Ben Example; Ana Example (Labour inspectorate)');
      await shotsInBothThemes(page, `sessions-admin-added-${width}`);

      // A bad change names the field in a sentence, not a path.
      await row.getByRole('button', { name: new RegExp(`^Change\\W+${code} `) }).click();
      const edit = page.getByRole('form', { name: `Change session ${code}` });
      await edit.getByLabel('Speaker’s name (2)').fill('A');
      await edit.getByRole('button', { name: 'Save the session' }).click();
      const summary = edit.locator('.error-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Speaker’s name (2):');
      expect(await summary.textContent()).not.toMatch(/speakers\.1|pattern|minLength/);
      await expectAccessibleInBothThemes(page, `the sessions form with an error at ${width} px`);
      await shotsInBothThemes(page, `sessions-admin-error-${width}`);
      await edit.getByRole('button', { name: /^Remove the speaker\W+A$/ }).click();
      await edit.getByRole('button', { name: 'Save the session' }).click();
      await expect.poll(() => page.getByTestId('sessions-result').textContent()).toContain(`Session ${code} “Labour inspection and recruitment fees” is saved.`);
      expect(await row.textContent()).toContain('Speakers: Ben Example');
      expect(await row.textContent()).not.toContain('Ana Example');
      if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectAccessibleInBothThemes(page, `the sessions page at ${width} px`);
      pages.expectNoProblems(page);

      // A participant sees the description and the speakers in the programme.
      const cso = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(cso, 'cso@demo.test');
      await cso.goto(`/event?event=${event.id}&day=${event.startsOn}`);
      const item = cso.getByTestId(`session-${code}`);
      await item.waitFor();
      expect(await item.getByRole('list', { name: 'Speakers' }).getByRole('listitem').allTextContents()).toEqual(['Ben Example']);
      expect(await item.textContent()).toContain('How labour inspectors find debts from recruitment fees');
      if (width === 360) expect(await cso.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectAccessibleInBothThemes(cso, `the programme with speakers at ${width} px`);
      await item.scrollIntoViewIfNeeded();
      await shotsInBothThemes(cso, `programme-speakers-${width}`);
      pages.expectNoProblems(cso);

      // Removing asks once.
      await row.getByRole('button', { name: new RegExp(`^Remove\\W+${code} `) }).click();
      await row.getByRole('button', { name: 'Yes, remove it' }).click();
      await expect.poll(() => page.getByTestId('sessions-result').textContent()).toContain(`Session ${code} “Labour inspection and recruitment fees” is removed from the programme.`);
      expect(await page.getByTestId(`admin-session-${code}`).count()).toBe(0);
    });
  }
});
