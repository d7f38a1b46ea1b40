// The organizers' rooms page (issue 13): one room per row with its free and booked periods at
// their exact times, so a room that opens at 08:30 is not shown free at 08:00, and the page reads
// on a phone without hour columns or sideways scrolling. At 1280 and 360 px, axe in both themes.
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, signIn, expectAccessibleInBothThemes } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

describe('rooms for a day', () => {
  for (const width of [1280, 360]) {
    it(`a room opening at 08:30 is free from 08:30, one room per row (${width} px)`, { timeout: 180_000 }, async () => {
      const page = await pages.open(width, width === 360 ? 780 : 800);
      await signIn(page, 'organizer@demo.test');
      await page.goto('/organizer/rooms');
      await page.getByTestId('room-grid').or(page.getByText('This event has no rooms yet.')).first().waitFor();
      const name = `Early room ${width}`;
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Opens at (venue time)').fill('08:30');
      await page.getByLabel('Closes at (venue time)').fill('12:00');
      await page.getByRole('button', { name: 'Add the room' }).click();
      const room = page.getByTestId('room-grid').getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(name) }) });
      await room.waitFor();
      const periods = room.locator('.room-period');
      expect(await periods.allTextContents()).toEqual(['08:30–12:00 Free']);
      expect(await room.textContent()).not.toContain('08:00');
      if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectAccessibleInBothThemes(page, `the rooms page at ${width} px`);
      await screenshot(page, `rooms-periods-${width}`);
      pages.expectNoProblems(page);
    });
  }
});
