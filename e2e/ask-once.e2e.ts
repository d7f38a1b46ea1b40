// Consequential steps ask once, in place (issue 13): accepting or declining an offer, removing a
// co-author; hiding content says so where the organizer acted, with Undo beside it. At 1280 and
// 360 px, axe in light and dark with the question open.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, callApi, expectAccessibleInBothThemes, screenshot, signIn } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

const isFocused = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true }).evaluate((el) => el === document.activeElement);

describe('asking once, and undo', () => {
  for (const width of [1280, 360]) {
    it(`accepting or declining an offer asks once; Cancel changes nothing (${width} px)`, { timeout: 180_000 }, async () => {
      const gov = await pages.open(width, 800);
      await signIn(gov, 'government@demo.test');
      const request = await callApi<{ id: string }>(gov, 'POST', '/api/v1/posts', {
        kind: 'ta_request',
        title: `Shelter standards review ${width} ${Date.now().toString(36)}`,
        body: 'We need help reviewing the minimum standards of our shelters.',
        regions: ['151'],
        areas: ['victim_protection'],
        audience: 'all',
      });
      const io = await pages.open(width, 800);
      await signIn(io, 'io@demo.test');
      await callApi(io, 'POST', `/api/v1/posts/${request.id}/offers`, { summary: 'A review by our protection team', body: 'Two experts for a week.' });
      const ilo = await pages.open(width, 800);
      await signIn(ilo, 'ilo@demo.test');
      await callApi(ilo, 'POST', `/api/v1/posts/${request.id}/offers`, { summary: 'Labour standards for shelter staff', body: 'A module on staff conditions.' });
      const offers = () => callApi<{ items: { summary: string; status: string }[] }>(gov, 'GET', `/api/v1/posts/${request.id}/offers`);

      await gov.goto(`/posts/${request.id}`);
      const first = gov.locator('article', { has: gov.getByRole('heading', { name: 'A review by our protection team' }) });
      await first.getByRole('button', { name: 'Accept offer' }).click();
      const question = first.getByRole('group', { name: /^Accept the offer of .*\? They are told at once/ });
      await question.waitFor();
      expect(await isFocused(first, 'Yes, accept the offer')).toBe(true);
      await expectAccessibleInBothThemes(gov, `the question before accepting an offer at ${width} px`);
      await screenshot(gov, `ask-once-accept-${width}`);
      await gov.emulateMedia({ colorScheme: 'dark' });
      await screenshot(gov, `ask-once-accept-${width}-dark`);
      await gov.emulateMedia({ colorScheme: 'light' });
      // Cancel: nothing sent, the focus is back on the first button.
      await question.getByRole('button', { name: 'Cancel' }).click();
      expect(await first.getByRole('group').count()).toBe(0);
      expect(await isFocused(first, 'Accept offer')).toBe(true);
      expect((await offers()).items.map((o) => o.status)).toEqual(['pending', 'pending']);

      // Accept after the question.
      await first.getByRole('button', { name: 'Accept offer' }).click();
      await gov.getByRole('button', { name: 'Yes, accept the offer' }).click();
      await gov.getByText(/You accepted the offer of/).waitFor();
      await expect.poll(() => gov.getByTestId('post-status').textContent()).toBe('In progress');

      // Decline the other, also after asking once.
      const second = gov.locator('article', { has: gov.getByRole('heading', { name: 'Labour standards for shelter staff' }) });
      await second.getByRole('button', { name: 'Decline offer' }).click();
      await second.getByRole('group', { name: /^Decline the offer of .*\? They are told at once/ }).waitFor();
      await second.getByRole('button', { name: 'Yes, decline the offer' }).click();
      await gov.getByText(/You declined the offer of/).waitFor();
      expect((await offers()).items.map((o) => o.status).sort()).toEqual(['accepted', 'declined']);
      pages.expectNoProblems(gov);
    });

    it(`removing a co-author asks once; hiding a comment offers Undo where it was hidden; hidden comments are listed for the organizers (${width} px)`, { timeout: 240_000 }, async () => {
      const io = await pages.open(width, 800);
      await signIn(io, 'io@demo.test');
      const post = await callApi<{ id: string }>(io, 'POST', '/api/v1/posts', {
        kind: 'pipeline_project',
        title: `Return and reintegration ${width} ${Date.now().toString(36)}`,
        body: 'Vocational training for returnees.',
        regions: ['151'],
        audience: 'all',
      });
      const organizations = await callApi<{ items: { id: string; name: string }[] }>(io, 'GET', '/api/v1/organizations');
      const ilo = organizations.items.find((o) => o.name === 'International Labour Organization (ILO)')!;
      await callApi(io, 'POST', `/api/v1/posts/${post.id}/coauthors`, { organizationId: ilo.id });
      const text = `A note on the timetable ${Date.now().toString(36)}`;
      await callApi(io, 'POST', `/api/v1/posts/${post.id}/comments`, { body: text });

      await io.goto(`/posts/${post.id}`);
      const remove = io.getByRole('button', { name: 'Remove International Labour Organization (ILO) as co-author' });
      await remove.click();
      const question = io.getByRole('group', { name: /^Remove International Labour Organization \(ILO\) as co-author\?/ });
      await question.waitFor();
      await expectAccessibleInBothThemes(io, `the question before removing a co-author at ${width} px`);
      await question.getByRole('button', { name: 'Cancel' }).click();
      expect((await callApi<{ items: unknown[] }>(io, 'GET', `/api/v1/posts/${post.id}/coauthors`)).items).toHaveLength(1);
      await remove.click();
      await io.getByRole('button', { name: 'Yes, remove' }).click();
      await io.getByText('International Labour Organization (ILO) is no longer a co-author.').waitFor();
      expect((await callApi<{ items: unknown[] }>(io, 'GET', `/api/v1/posts/${post.id}/coauthors`)).items).toHaveLength(0);

      const organizer = await pages.open(width, 800);
      await signIn(organizer, 'organizer@demo.test');
      await organizer.goto(`/posts/${post.id}`);
      const comment = organizer.locator('.comment', { hasText: text });
      await comment.getByRole('button', { name: 'Hide comment' }).click();
      await organizer.getByLabel('Reason for hiding', { exact: true }).fill('Off topic');
      await comment.getByRole('button', { name: 'Hide comment' }).click();
      const result = comment.getByText('The comment is hidden.');
      await result.waitFor();
      expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = (await result.boundingBox())!;
      expect(box.y + box.height, 'the result is on screen').toBeLessThanOrEqual(800);
      await expectAccessibleInBothThemes(organizer, `a comment just hidden, with Undo, at ${width} px`);
      await screenshot(organizer, `ask-once-undo-${width}`);
      await comment.getByRole('button', { name: 'Undo: show the comment again' }).click();
      await comment.getByRole('button', { name: 'Hide comment' }).waitFor();
      // io sees the comment again.
      await io.reload();
      await io.getByText(text).waitFor();

      // Hidden again, it is on the organizers' hidden-content page beside the hidden posts.
      await comment.getByRole('button', { name: 'Hide comment' }).click();
      await organizer.getByLabel('Reason for hiding', { exact: true }).fill('Off topic, again');
      await comment.getByRole('button', { name: 'Hide comment' }).click();
      await comment.getByText('The comment is hidden.').waitFor();
      await organizer.goto('/organizer/hidden');
      const section = organizer.getByRole('region', { name: 'Hidden comments' });
      const card = section.locator('article', { hasText: text });
      await card.getByRole('link', { name: /^On “Return and reintegration/ }).waitFor();
      await card.getByText('Off topic, again').waitFor();
      await card.getByText(/^Marta Silva, International Organization for Migration/).waitFor();
      await expectAccessibleInBothThemes(organizer, `the hidden-content page with a hidden comment at ${width} px`);
      await screenshot(organizer, `hidden-comments-${width}`);
      await organizer.emulateMedia({ colorScheme: 'dark' });
      await screenshot(organizer, `hidden-comments-${width}-dark`);
      await organizer.emulateMedia({ colorScheme: 'light' });
      expect(await card.getByRole('link').getAttribute('href')).toMatch(new RegExp(`^/posts/${post.id}#comment-`));
      await card.getByRole('button', { name: 'Show again' }).click();
      await card.getByText('Visible again', { exact: true }).waitFor();
      await io.reload();
      await io.getByText(text).waitFor();
      pages.expectNoProblems(io);
      pages.expectNoProblems(organizer);
    });
  }
});
