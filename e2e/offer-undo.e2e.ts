// Undo (issue 13): right after accepting or declining an offer, "Undo" sits beside the result where
// the user acted; pressing it makes the offer pending again, the request open again, and says so.
// At 1280 and 360 px, axe in light and dark with the Undo on screen.
import { describe, expect, it } from 'vitest';
import { browserSuite, callApi, expectAccessibleInBothThemes, screenshot, signIn } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

describe('undoing a decision on an offer', () => {
  for (const width of [1280, 360]) {
    it(`accepting, then declining, can each be undone from the result (${width} px)`, { timeout: 180_000 }, async () => {
      const gov = await pages.open(width, 800);
      await signIn(gov, 'government@demo.test');
      const request = await callApi<{ id: string }>(gov, 'POST', '/api/v1/posts', {
        kind: 'ta_request',
        title: `Hotline scripts review ${width} ${Date.now().toString(36)}`,
        body: 'We need help reviewing the scripts of our national hotline.',
        regions: ['151'],
        areas: ['victim_protection'],
        audience: 'all',
      });
      const io = await pages.open(width, 800);
      await signIn(io, 'io@demo.test');
      await callApi(io, 'POST', `/api/v1/posts/${request.id}/offers`, { summary: 'A review of the hotline scripts', body: 'Two experts for a week.' });
      const statuses = async () => (await callApi<{ items: { status: string }[] }>(gov, 'GET', `/api/v1/posts/${request.id}/offers`)).items.map((o) => o.status);

      await gov.goto(`/posts/${request.id}`);
      const offer = gov.locator('article', { has: gov.getByRole('heading', { name: 'A review of the hotline scripts' }) });
      await offer.getByRole('button', { name: 'Accept offer' }).click();
      await gov.getByRole('button', { name: 'Yes, accept the offer' }).click();
      const result = gov.getByTestId('offers-result');
      await result.getByText(/You accepted the offer of/).waitFor();
      await expect.poll(() => gov.getByTestId('post-status').textContent()).toBe('In progress');
      const undo = result.getByRole('button', { name: /^Undo your decision on the offer of / });
      // The result has the focus (it is announced); Undo is the next stop for the keyboard.
      expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await undo.boundingBox()).not.toBeNull();
      await expectAccessibleInBothThemes(gov, `the result with Undo after accepting an offer at ${width} px`);
      await screenshot(gov, `offer-undo-${width}`);
      await gov.emulateMedia({ colorScheme: 'dark' });
      await screenshot(gov, `offer-undo-${width}-dark`);
      await gov.emulateMedia({ colorScheme: 'light' });

      await undo.click();
      await result.getByText(/Decision undone: the offer of .* is waiting for your answer again/).waitFor();
      expect(await statuses()).toEqual(['pending']);
      await expect.poll(() => gov.getByTestId('post-status').textContent()).toBe('Open');
      // The offer can be decided again; declining is undone the same way.
      await offer.getByRole('button', { name: 'Decline offer' }).click();
      await gov.getByRole('button', { name: 'Yes, decline the offer' }).click();
      await result.getByText(/You declined the offer of/).waitFor();
      expect(await statuses()).toEqual(['declined']);
      await result.getByRole('button', { name: /^Undo your decision/ }).click();
      await result.getByText(/Decision undone/).waitFor();
      expect(await statuses()).toEqual(['pending']);
      await offer.getByRole('button', { name: 'Accept offer' }).waitFor();
      pages.expectNoProblems(gov);
    });
  }
});
