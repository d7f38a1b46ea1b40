// Notifications in a real browser against the built server (issue 11): the bell's count rises live
// when an offer arrives while the page stays open, the open post page shows the new offer and a new
// comment without a reload, the notification's link lands on the offer and marks it read; the
// preferences page saves; the unsubscribe link from a mail works without signing in. Axe and
// 360 px on every page.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, signIn, signOutFromMenu, waitForMail } from './harness.js';

// The server starts slowly on a loaded machine (PGlite, migrations and demo data): give it time.
const suite = browserSuite({ startTimeoutMs: 110_000 });
const { pages } = suite;

/** A state-changing API call made with the page's session, as the web app makes it. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const response = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, body: (await response.json()) as T };
    },
    { method, path, body },
  );
}

/** The unread count the bell announces (its accessible name). */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId('bell').first().getAttribute('aria-label')) ?? '';
  return Number(label.match(/(\d+) unread/)?.[1] ?? 0);
}
async function waitForBell(page: Page, count: number): Promise<void> {
  await expect.poll(() => bellCount(page), { timeout: 20_000 }).toBe(count);
}

const request = (title: string) => ({ kind: 'ta_request', audience: 'all', title, body: 'We need help drafting standard operating procedures for shelters.', regions: ['002'], areas: ['victim_protection'] });

describe('the bell and the live post page', () => {
  it('counts an offer received live, shows the offer and a comment on the open post page, and the link lands on the offer and marks it read', async () => {
    for (const width of [1280, 360]) {
      const gov = await pages.open(width, 900);
      await signIn(gov, 'government@demo.test');
      const title = `Live offers ${width} ${Date.now().toString(36)}`;
      const post = await api<{ id: string }>(gov, 'POST', '/api/v1/posts', request(title));
      expect(post.status).toBe(201);
      await gov.goto(`/posts/${post.body.id}`);
      await gov.getByRole('heading', { level: 1, name: title }).waitFor();
      await gov.getByRole('heading', { level: 2, name: 'Offers' }).waitFor();
      // Let the stream connect before anything happens.
      await gov.waitForTimeout(1500);
      const before = await bellCount(gov);

      const io = await pages.open();
      await signIn(io, 'io@demo.test');
      const summary = `Two trainers for a week (${width})`;
      const offer = await api<{ id: string }>(io, 'POST', `/api/v1/posts/${post.body.id}/offers`, { summary, body: 'We can send two trainers.' });
      expect(offer.status).toBe(201);

      // No reload: the bell counts it and the offer shows on the open page.
      await waitForBell(gov, before + 1);
      await gov.getByText(summary).first().waitFor();
      const comment = `IOM can also share a template (${width}).`;
      expect((await api(io, 'POST', `/api/v1/posts/${post.body.id}/comments`, { body: comment })).status).toBe(201);
      await gov.getByText(comment).waitFor();
      // A comment on the organization's own post is news too.
      await waitForBell(gov, before + 2);
      pages.expectNoProblems(gov);

      // The bell leads to the list; the notification's link lands on the offer and marks it read.
      await gov.getByTestId('bell').first().click();
      await gov.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      const group = gov.getByRole('region', { name: title });
      const link = group.getByRole('link', { name: /^Offers received — Marta Silva/ });
      await link.waitFor();
      await checkPage(gov, 'notifications', width);
      await link.click();
      await gov.waitForURL(new RegExp(`/posts/${post.body.id}#offer-${offer.body.id}$`));
      await gov.getByRole('heading', { level: 1, name: title }).waitFor();
      // The offer is read; the comment is still unread.
      await waitForBell(gov, before + 1);
      const list = await api<{ items: { subject: { id: string }; readAt: string | null }[] }>(gov, 'GET', '/api/v1/me/notifications');
      expect(list.body.items.find((i) => i.subject.id === offer.body.id)?.readAt).not.toBeNull();
      pages.expectNoProblems(gov);
      await pages.closeAll();
    }
  }, 240_000);
});

describe('following a post', () => {
  it('follows and unfollows from the post page; a follower is told of a comment, an unfollower is not', async () => {
    const gov = await pages.open(1280, 900);
    await signIn(gov, 'government@demo.test');
    const title = `Follow me ${Date.now().toString(36)}`;
    const post = await api<{ id: string }>(gov, 'POST', '/api/v1/posts', request(title));
    expect(post.status).toBe(201);
    for (const width of [1280, 360]) {
      const cso = await pages.open(width, 900);
      await signIn(cso, 'cso@demo.test');
      await cso.goto(`/posts/${post.body.id}`);
      await cso.getByRole('heading', { level: 1, name: title }).waitFor();
      const follow = cso.getByRole('button', { name: 'Follow', exact: true });
      expect(await follow.getAttribute('aria-pressed')).toBe('false');
      await follow.click();
      const unfollow = cso.getByRole('button', { name: 'Unfollow', exact: true });
      await unfollow.waitFor();
      expect(await unfollow.getAttribute('aria-pressed')).toBe('true');
      await cso.getByText('You follow this post').waitFor();
      await checkPage(cso, 'post-following', width);
      expect((await api<{ following: boolean }>(cso, 'GET', `/api/v1/posts/${post.body.id}`)).body.following).toBe(true);

      // Following: a comment by someone else reaches the CSO.
      const comment = `A comment for followers (${width}).`;
      expect((await api(gov, 'POST', `/api/v1/posts/${post.body.id}/comments`, { body: comment })).status).toBe(201);
      const told = async () => (await api<{ items: { kind: string; postId: string | null }[] }>(cso, 'GET', '/api/v1/me/notifications')).body.items.filter((i) => i.kind === 'comment' && i.postId === post.body.id).length;
      const before = await told();
      expect(before).toBeGreaterThan(0);

      // Unfollowed, kept after a reload: the next comment tells the CSO nothing.
      await unfollow.click();
      await follow.waitFor();
      await cso.reload();
      await cso.getByRole('button', { name: 'Follow', exact: true }).waitFor();
      expect((await api(gov, 'POST', `/api/v1/posts/${post.body.id}/comments`, { body: `Not for the CSO (${width}).` })).status).toBe(201);
      expect(await told()).toBe(before);
      pages.expectNoProblems(cso);
      await cso.close();
    }
    await pages.closeAll();
  }, 180_000);
});

describe('the preferences page', () => {
  it('saves a changed choice and the time zone, kept after a reload', async () => {
    for (const [width, mode, zone] of [
      [1280, 'Weekly digest', 'Europe/Vienna'],
      [360, 'Off', 'Africa/Lagos'],
    ] as const) {
      const cso = await pages.open(width, 900);
      await signIn(cso, 'cso@demo.test');
      await cso.getByTestId('bell').first().click();
      await cso.getByRole('link', { name: 'E-mail preferences' }).click();
      await cso.getByRole('heading', { level: 1, name: 'How you are told' }).waitFor();
      await cso.getByLabel('Comments', { exact: true }).selectOption({ label: mode });
      await cso.getByLabel('Time zone').fill(zone);
      await checkPage(cso, 'notification-preferences', width);
      await cso.getByRole('button', { name: 'Save preferences' }).click();
      await cso.getByRole('status').getByText('Your preferences are saved.').waitFor();
      await cso.reload();
      await cso.getByRole('heading', { level: 1, name: 'How you are told' }).waitFor();
      await expect.poll(() => cso.getByLabel('Comments', { exact: true }).inputValue()).toBe(mode === 'Off' ? 'off' : 'weekly');
      expect(await cso.getByLabel('Time zone').inputValue()).toBe(zone);
      const saved = await api<{ timeZone: string; kinds: Record<string, string> }>(cso, 'GET', '/api/v1/me/notification-preferences');
      expect(saved.body).toMatchObject({ timeZone: zone, kinds: { comment: mode === 'Off' ? 'off' : 'weekly', offer_received: 'immediately' } });
      pages.expectNoProblems(cso);
      await signOutFromMenu(cso);
      await pages.closeAll();
    }
  }, 180_000);
});

describe('the unsubscribe link', () => {
  it('from a mail, turns that kind off without signing in', async () => {
    const gov = await pages.open();
    await signIn(gov, 'government@demo.test');
    const title = `Unsubscribe me ${Date.now().toString(36)}`;
    const post = await api<{ id: string }>(gov, 'POST', '/api/v1/posts', request(title));
    const io = await pages.open();
    await signIn(io, 'io@demo.test');
    expect((await api(io, 'POST', `/api/v1/posts/${post.body.id}/offers`, { summary: 'A module', body: 'Module.' })).status).toBe(201);
    // The notification mail job runs every few seconds on the server.
    const mail = await waitForMail(suite.server.mailDir, (m) => m.to === 'government@demo.test' && m.text.includes(title), 60_000);
    const link = mail.text.match(/https?:\/\/\S+\/unsubscribe\?token=[\w.-]+/)?.[0];
    expect(link, mail.text).toBeTruthy();
    const path = new URL(link!).pathname + new URL(link!).search;

    // Looked at first on a phone (nothing changes by opening it), then confirmed on a wide screen.
    for (const width of [360, 1280]) {
      const stranger = await pages.open(width, 800);
      await stranger.goto(path);
      await stranger.getByRole('heading', { level: 1, name: 'Stop these mails' }).waitFor();
      await stranger.getByText('Stop mails about: Offers received').waitFor();
      await checkPage(stranger, 'unsubscribe', width);
      if (width === 1280) {
        await stranger.getByRole('button', { name: 'Unsubscribe' }).click();
        await stranger.getByRole('status').getByText('Done. You will no longer be mailed about: Offers received.', { exact: false }).waitFor();
        await checkPage(stranger, 'unsubscribed', width);
      }
      pages.expectNoProblems(stranger);
    }
    const prefs = await api<{ kinds: Record<string, string> }>(gov, 'GET', '/api/v1/me/notification-preferences');
    expect(prefs.body.kinds.offer_received).toBe('off');
    // A tampered link is refused in words.
    const bad = await pages.open();
    await bad.goto(`${path}x`);
    await bad.getByText('This unsubscribe link is not valid any more.', { exact: false }).waitFor();
    await api(gov, 'PUT', '/api/v1/me/notification-preferences', { kinds: { offer_received: 'immediately' } });
  }, 180_000);
});
