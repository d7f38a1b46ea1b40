// A meeting after its proposal (issue 13): the proposer confirms with no answers only after being
// shown who has not answered; invites someone more, who is told; takes someone off (asked once),
// who is told and no longer sees it; the seats are the people who accepted or the number the
// proposer gives. At 1280 and 360 px, axe in the light and dark themes, screenshots of both.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, expectAccessibleInBothThemes, screenshot, signIn, waitForMail } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

interface EventInfo { id: string; name: string; startsOn: string; timeZone: string }
interface Me { id: string; csrfToken: string; organization: { id: string } }

async function shotsInBothThemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await screenshot(page, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The instant the venue's clocks show `date` `time` (Vienna is UTC+1 in winter, the demo's event). */
const viennaWinter = (date: string, time: string) => new Date(`${date}T${time}:00+01:00`).toISOString();

describe('a meeting after its proposal', () => {
  for (const [n, width] of [[0, 1280], [1, 360]] as const) {
    it(`confirming with no answers asks first; invitees are added and taken off; seats (${width} px)`, { timeout: 240_000 }, async () => {
      const height = width === 360 ? 780 : 800;
      const gov = await pages.open(width, height);
      await signIn(gov, 'government@demo.test');
      const me = (await (await gov.request.get('/api/v1/me')).json()) as Me;
      const cso = await pages.open(width, height);
      await signIn(cso, 'cso@demo.test');
      const csoMe = (await (await cso.request.get('/api/v1/me')).json()) as Me;
      const event = ((await (await gov.request.get('/api/v1/events')).json()) as { items: EventInfo[] }).items.find((e) => e.name.startsWith('Vienna Forum follow-up'))!;
      const topic = `Referral of identified cases ${width}`;
      const created = await gov.request.post('/api/v1/meetings', {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { eventId: event.id, mode: 'in_person', topic, invitees: { userIds: [csoMe.id] }, slots: [{ start: viennaWinter(event.startsOn, `1${6 + n}:00`), end: viennaWinter(event.startsOn, `1${6 + n}:45`) }] },
      });
      expect(created.status()).toBe(201);
      const meeting = (await created.json()) as { id: string };

      await gov.goto(`/meetings/${meeting.id}`);
      await gov.getByRole('heading', { level: 1, name: topic }).waitFor();
      // Seats: nobody accepted yet, so the proposer and one more.
      expect(await gov.getByTestId('meeting-seats').textContent()).toBe('2: the proposer and the people who accepted');

      // Invite an organization more: its focal point is told.
      await gov.getByText('Invite more people or organizations', { exact: true }).first().click();
      await gov.getByLabel('Search people and organizations').fill('Accor');
      await gov.getByRole('button', { name: /^Invite all of Accor/ }).click();
      await expect.poll(() => gov.getByTestId('invitees-result').textContent()).toContain('Accor (hotel group) is invited and told.');
      await waitForMail(suite.server.mailDir, (m) => m.to === 'business@demo.test' && m.subject.startsWith('Virtual Forum: meeting proposed') && m.text.includes(topic));

      // Confirming with nobody's answer: asked first, with who has not answered.
      const slot = gov.getByTestId('slot-0');
      await slot.getByRole('button', { name: /^Confirm/ }).click();
      const ask = gov.getByTestId('confirm-anyway');
      await ask.waitFor();
      expect(await ask.textContent()).toContain('Nobody invited has answered yet.');
      expect(await ask.getByRole('list', { name: 'Not answered yet' }).getByRole('listitem').count()).toBe(2);
      expect((await ask.getByRole('listitem').allTextContents()).join(' | ')).toMatch(/Accor \(hotel group\) \(nobody from it\)/);
      expect(await ask.evaluate((el) => el === document.activeElement)).toBe(true);
      await expectAccessibleInBothThemes(gov, `confirm anyway at ${width} px`);
      await shotsInBothThemes(gov, `meeting-confirm-anyway-${width}`);
      await ask.getByRole('button', { name: 'Wait for their answers' }).click();
      expect(await gov.getByTestId('meeting-status').textContent()).toBe('Proposed');

      // The CSO accepts: the seats follow.
      await cso.goto(`/meetings/${meeting.id}`);
      await cso.getByRole('group', { name: 'Your answer for time 1' }).getByRole('button', { name: /Accept/ }).click();
      await expect.poll(() => cso.getByTestId('slot-0').textContent()).toContain(': yes');
      await gov.reload();
      await gov.getByRole('heading', { level: 1, name: topic }).waitFor();
      expect(await gov.getByTestId('meeting-seats').textContent()).toBe('2: the proposer and the people who accepted');

      // Take the CSO off: asked once; the CSO is told and no longer sees the meeting.
      const row = gov.getByTestId(`invitee-${csoMe.id}`);
      await row.getByRole('button', { name: /^Take off the meeting/ }).click();
      await row.getByRole('button', { name: 'Yes, take them off' }).click();
      await expect.poll(() => gov.getByTestId('invitees-result').textContent()).toMatch(/is taken off the meeting and told\./);
      expect(await gov.getByTestId(`invitee-${csoMe.id}`).count()).toBe(0);
      await waitForMail(suite.server.mailDir, (m) => m.to === 'cso@demo.test' && m.subject.startsWith('Virtual Forum: you were taken off a meeting') && m.text.includes(topic));
      await cso.reload();
      await cso.getByRole('heading', { level: 1, name: /not found/i }).waitFor();

      // Confirm anyway now that nobody who is left has answered.
      await gov.getByTestId('slot-0').getByRole('button', { name: /^Confirm/ }).click();
      await gov.getByTestId('confirm-anyway').getByRole('button', { name: 'Confirm anyway' }).click();
      await expect.poll(() => gov.getByTestId('meeting-status').textContent()).toBe('Confirmed');
      if (width === 360) expect(await gov.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectAccessibleInBothThemes(gov, `the meeting page after the changes at ${width} px`);
      await shotsInBothThemes(gov, `meeting-invitees-${width}`);
      pages.expectNoProblems(gov);
      pages.expectNoProblems(cso);
    });
  }
});
