// The exchange in a real browser against the built server: the tier wall (what a civil-society
// participant cannot see, not even through search or a direct link), the request → offer → accept
// path across three organizations, and accessibility and phone width of the exchange pages.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, focusIsVisible, signIn, tabTo, followNav } from './harness.js';

interface PostSummary {
  id: string;
  title: string;
  audience: 'all' | 'full';
  organization: { id: string; name: string };
}
interface PostList {
  items: PostSummary[];
  total: number;
  nextCursor: string | null;
}
interface Me {
  organization: { id: string };
}

const suite = browserSuite();
const { pages } = suite;

/** A GET through the page's own cookies (the signed-in user). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

async function allPosts(page: Page, query = ''): Promise<PostList> {
  const first = await apiGet<PostList>(page, `/api/v1/posts?limit=100${query}`);
  const items = [...first.items];
  let cursor = first.nextCursor;
  while (cursor) {
    const next = await apiGet<PostList>(page, `/api/v1/posts?limit=100${query}&cursor=${encodeURIComponent(cursor)}`);
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { ...first, items };
}

const totalText = (page: Page) => page.getByTestId('post-total');

describe('exchange', () => {
  it('the tier wall: a civil-society participant never sees a restricted post', async () => {
    const gov = await pages.open();
    await signIn(gov, 'government@demo.test');
    const cso = await pages.open();
    await signIn(cso, 'cso@demo.test');
    const csoMe = await apiGet<Me>(cso, '/api/v1/me');

    const restricted = (await allPosts(gov)).items.find((p) => p.audience === 'full' && p.organization.id !== csoMe.organization.id);
    expect(restricted, 'the demo data has a restricted post').toBeDefined();
    const word = restricted!.title.split(/\W+/).sort((a, b) => b.length - a.length)[0]!;

    const csoTotal = (await apiGet<PostList>(cso, '/api/v1/posts?limit=1')).total;
    await cso.goto('/posts');
    await totalText(cso).waitFor();
    expect(await totalText(cso).textContent()).toBe(`${csoTotal} ${csoTotal === 1 ? 'post' : 'posts'}`);
    expect(await cso.getByRole('link', { name: restricted!.title, exact: true }).count()).toBe(0);

    // Searching for a word of its title finds nothing of it.
    const answer = cso.waitForResponse((r) => r.url().includes('/api/v1/posts?') && r.url().includes('q='));
    await cso.getByLabel('Search', { exact: true }).fill(word);
    await cso.getByRole('button', { name: 'Search', exact: true }).click();
    await answer;
    await totalText(cso).waitFor();
    expect(new URL(cso.url()).searchParams.get('q')).toBe(word);
    expect(await cso.getByRole('link', { name: restricted!.title, exact: true }).count()).toBe(0);

    // A direct link answers like any unknown address.
    await cso.goto(`/posts/${restricted!.id}`);
    await cso.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await cso.getByText(restricted!.title).count()).toBe(0);
    pages.expectNoProblems(cso);
    pages.expectNoProblems(gov);
  });

  it('a request, an offer and its acceptance, through the forms', async () => {
    const title = `Support for victim identification training ${Date.now().toString(36)}`;
    const gov = await pages.open();
    await signIn(gov, 'government@demo.test');

    // The government writes the request, mostly with the keyboard.
    await followNav(gov, 'New post');
    const kind = gov.getByRole('radio', { name: 'Technical-assistance request' });
    await kind.waitFor();
    expect(await kind.isChecked()).toBe(true);
    // Its default audience is the full tier.
    expect(await gov.getByRole('radio', { name: 'Governments, international organizations and organizers' }).isChecked()).toBe(true);
    await gov.getByLabel('Title', { exact: true }).focus();
    await gov.keyboard.type(title);
    await gov.keyboard.press('Tab');
    await gov.keyboard.type('We ask for a two-day training of labour inspectors.\n\nIn the capital, in spring.');
    await gov.getByRole('button', { name: 'Preview' }).click();
    await gov.getByText('In the capital, in spring.', { exact: true }).waitFor();
    await gov.getByRole('checkbox', { name: 'Europe', exact: true }).check();
    await gov.getByRole('button', { name: 'Publish' }).click();
    await gov.getByRole('heading', { level: 1, name: title }).waitFor();
    const postPath = new URL(gov.url()).pathname;
    expect(postPath).toMatch(/^\/posts\/[0-9a-f-]{36}$/);
    await gov.getByText('Visible to governments, international organizations and organizers only').waitFor();

    // An international organization finds it and offers help.
    const io = await pages.open();
    await signIn(io, 'io@demo.test');
    await followNav(io, 'Browse');
    await totalText(io).waitFor();
    await io.getByLabel('Search', { exact: true }).fill(title.split(' ').at(-1)!);
    await io.keyboard.press('Enter');
    const link = io.getByRole('link', { name: title, exact: true });
    await link.click();
    await io.getByRole('heading', { level: 1, name: title }).waitFor();
    await io.getByLabel('Summary', { exact: true }).fill('Two trainers for two days');
    await io.getByLabel('Your proposal', { exact: true }).fill('We can send two experienced trainers.');
    await io.getByLabel('Timeframe (optional)', { exact: true }).fill('April');
    await io.getByRole('button', { name: 'Send offer' }).click();
    await io.getByText('Your offer was sent.').waitFor();

    // The government accepts it; the request moves on.
    await gov.goto(postPath);
    await gov.getByRole('heading', { name: 'Two trainers for two days' }).waitFor();
    await gov.getByRole('button', { name: 'Accept offer' }).click();
    await gov.getByRole('button', { name: 'Yes, accept the offer' }).click();
    await gov.getByText(/You accepted the offer of/).waitFor();
    await expect.poll(() => gov.getByTestId('post-status').textContent()).toBe('In progress');
    pages.expectNoProblems(gov);
    pages.expectNoProblems(io);
  });

  it('filters live in the address (back restores them) and "Load more" adds the next page', async () => {
    const page = await pages.open();
    await signIn(page, 'government@demo.test');
    const all = await apiGet<PostList>(page, '/api/v1/posts?limit=1');
    const requests = await apiGet<PostList>(page, '/api/v1/posts?limit=1&kind=ta_request');
    await page.goto('/posts');
    await totalText(page).waitFor();
    expect(await totalText(page).textContent()).toBe(`${all.total} posts`);

    await page.locator('summary', { hasText: /^Kind/ }).click();
    await page.getByRole('checkbox', { name: new RegExp(`^Technical-assistance request \\(${requests.total}\\)$`) }).check();
    await page.waitForURL(/kind=ta_request/);
    await expect.poll(() => totalText(page).textContent()).toBe(`${requests.total} ${requests.total === 1 ? 'post' : 'posts'}`);

    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(() => totalText(page).textContent()).toBe(`${all.total} posts`);

    if (all.total > 20) {
      const articles = page.locator('article');
      expect(await articles.count()).toBe(20);
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => articles.count()).toBe(Math.min(40, all.total));
    }
    pages.expectNoProblems(page);
  });

  it('editing a post someone changed meanwhile keeps what the user typed and says why', async () => {
    const gov = await pages.open();
    await signIn(gov, 'government@demo.test');
    const me = await apiGet<Me & { csrfToken: string }>(gov, '/api/v1/me');
    const own = (await allPosts(gov)).items.find((p) => p.organization.id === me.organization.id);
    expect(own, 'the government has a demo post').toBeDefined();

    await gov.goto(`/posts/${own!.id}/edit`);
    const titleInput = gov.getByLabel('Title', { exact: true });
    await titleInput.waitFor();
    expect(await titleInput.inputValue()).toBe(own!.title);

    // Someone else (here: the same user in another tab) saves first.
    const other = await gov.request.patch(`/api/v1/posts/${own!.id}`, { data: { title: `${own!.title} (updated)` }, headers: { 'x-csrf-token': me.csrfToken } });
    expect(other.status()).toBe(200);

    const typed = `${own!.title} – my edit`;
    await titleInput.fill(typed);
    await gov.getByRole('button', { name: 'Save changes' }).click();
    await gov.getByText('Someone changed this post since you opened it').waitFor();
    await gov.getByRole('link', { name: 'Reload the post' }).waitFor();
    expect(await titleInput.inputValue()).toBe(typed);
    pages.expectNoProblems(gov);
  });

  it('posting with the keyboard alone, with a visible focus at every step', async () => {
    const title = `Keyboard-only request for a legislative review ${Date.now().toString(36)}`;
    const gov = await pages.open();
    await signIn(gov, 'government@demo.test');
    await gov.goto('/home');
    await gov.getByRole('heading', { level: 1 }).waitFor();

    // "New post" sits in the Exchange menu of the header: open it with the keyboard first.
    const exchange = gov.getByRole('button', { name: 'Exchange', exact: true });
    await tabTo(gov, exchange);
    expect(await focusIsVisible(gov), 'focus on the Exchange menu is visible').toBe(true);
    await gov.keyboard.press('Enter');
    const newPost = gov.getByRole('link', { name: 'New post', exact: true });
    await tabTo(gov, newPost);
    expect(await focusIsVisible(gov), 'focus on the New post link is visible').toBe(true);
    await gov.keyboard.press('Enter');
    const titleInput = gov.getByLabel('Title', { exact: true });
    await titleInput.waitFor();
    await tabTo(gov, titleInput, 40);
    expect(await focusIsVisible(gov), 'focus on the title field is visible').toBe(true);
    await gov.keyboard.type(title);
    await gov.keyboard.press('Tab');
    await gov.keyboard.type('We ask for a review of our draft law against the Palermo Protocol.');
    const europe = gov.getByRole('checkbox', { name: 'Europe', exact: true });
    await tabTo(gov, europe, 40);
    expect(await focusIsVisible(gov), 'focus on a checkbox is visible').toBe(true);
    await gov.keyboard.press('Space');
    expect(await europe.isChecked()).toBe(true);
    const publish = gov.getByRole('button', { name: 'Publish' });
    await tabTo(gov, publish, 200);
    expect(await focusIsVisible(gov), 'focus on the Publish button is visible').toBe(true);
    await gov.keyboard.press('Enter');
    await gov.getByRole('heading', { level: 1, name: title }).waitFor();
    await gov.getByText('Europe', { exact: true }).first().waitFor();
    pages.expectNoProblems(gov);
  });

  it('organizers hide a comment and a post from the post page, and show them again', async () => {
    const cso = await pages.open();
    await signIn(cso, 'cso@demo.test');
    const post = (await allPosts(cso)).items.find((p) => p.audience === 'all' && p.organization.name !== 'UNODC');
    expect(post, 'the demo data has an open post').toBeDefined();
    const text = `Our shelter network can help ${Date.now().toString(36)}`;
    await cso.goto(`/posts/${post!.id}`);
    await cso.getByLabel('Your comment', { exact: true }).fill(text);
    await cso.getByRole('button', { name: 'Post comment' }).click();
    await cso.getByText(text).waitFor();
    // The comment now shows on the participant's home page as a discussion they take part in,
    // beside the organizations asking to join the participant's projects (demo data has some).
    await cso.goto('/home');
    await cso.getByRole('region', { name: 'Organizations asking to join your projects' }).getByRole('link').first().waitFor();
    await cso.getByRole('region', { name: 'Discussions you take part in' }).getByRole('link', { name: post!.title, exact: true }).waitFor();

    const organizer = await pages.open();
    await signIn(organizer, 'organizer@demo.test');
    await organizer.goto(`/posts/${post!.id}`);
    const comment = organizer.locator('.comment', { hasText: text });
    await comment.getByRole('button', { name: 'Hide comment' }).click();
    await organizer.getByLabel('Reason for hiding', { exact: true }).fill('Advertising, not about the post');
    await comment.getByRole('button', { name: 'Hide comment' }).click();
    await comment.getByText('Hidden by the organizers: Advertising, not about the post', { exact: false }).waitFor();
    // Said where the organizer acted, with Undo beside it.
    await comment.getByText('The comment is hidden.').waitFor();
    await comment.getByRole('button', { name: 'Undo: show the comment again' }).waitFor();

    // Another participant no longer sees it at all.
    const business = await pages.open();
    await signIn(business, 'business@demo.test');
    await business.goto(`/posts/${post!.id}`);
    await business.getByRole('heading', { name: 'Discussion' }).waitFor();
    await expect.poll(() => business.getByText('Loading…').count()).toBe(0);
    expect(await business.getByText(text).count()).toBe(0);

    await comment.getByRole('button', { name: 'Undo: show the comment again' }).click();
    await comment.getByRole('button', { name: 'Hide comment' }).waitFor();
    await business.reload();
    await business.getByText(text).waitFor();

    // The post itself.
    await organizer.getByRole('button', { name: 'Hide this post' }).click();
    await organizer.getByLabel('Reason for hiding', { exact: true }).fill('Duplicate of another post');
    await organizer.getByRole('button', { name: 'Hide this post' }).click();
    await organizer.getByText('Hidden by the organizers: Duplicate of another post').waitFor();
    await business.reload();
    await business.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await organizer.getByRole('button', { name: 'Undo: show the post again' }).click();
    await organizer.getByRole('button', { name: 'Hide this post' }).waitFor();
    await business.reload();
    await business.getByRole('heading', { level: 1, name: post!.title }).waitFor();
    pages.expectNoProblems(organizer);
    pages.expectNoProblems(business);
    pages.expectNoProblems(cso);
  });

  it('filters by several countries at once, in the address', async () => {
    const page = await pages.open();
    await signIn(page, 'io@demo.test');
    const both = await apiGet<PostList>(page, '/api/v1/posts?limit=1&country=NG&country=TH');
    const nigeria = await apiGet<PostList>(page, '/api/v1/posts?limit=1&country=NG');
    expect(both.total).toBeGreaterThan(nigeria.total);
    await page.goto('/posts');
    await totalText(page).waitFor();
    await page.locator('summary', { hasText: /^Country/ }).click();
    // The same type-ahead box with chips as in the forms.
    const box = page.getByRole('combobox', { name: 'Add a country', exact: true });
    await box.fill('niger');
    await page.getByRole('option', { name: 'Nigeria', exact: true }).click();
    await page.waitForURL(/country=NG/);
    await expect.poll(() => totalText(page).textContent()).toBe(`${nigeria.total} ${nigeria.total === 1 ? 'post' : 'posts'}`);
    await box.fill('thai');
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(/country=NG&country=TH/);
    await page.getByRole('list', { name: 'Chosen countries' }).getByText('Thailand', { exact: true }).waitFor();
    await expect.poll(() => totalText(page).textContent()).toBe(`${both.total} posts`);
    // The same list as a CSV file, for a spreadsheet.
    const exportHref = (await page.getByRole('link', { name: 'Download these posts (CSV)' }).getAttribute('href'))!;
    expect(exportHref).toBe('/api/v1/posts/export.csv?country=NG&country=TH');
    const csv = await (await page.request.get(exportHref)).text();
    expect(csv.match(/^[0-9a-f]{8}-[0-9a-f-]{27},/gm)?.length).toBe(both.total);
    // Asked to be told about new posts like these.
    await page.getByRole('button', { name: 'Tell me about new posts like these' }).click();
    await page.getByLabel('Name of the search', { exact: true }).fill('Nigeria and Thailand');
    await page.getByRole('button', { name: 'Save the search' }).click();
    await page.getByText('Saved “Nigeria and Thailand”', { exact: false }).waitFor();
    const saved = await apiGet<{ items: { name: string; scope: string; filters: Record<string, unknown> }[] }>(page, '/api/v1/saved-searches');
    expect(saved.items).toContainEqual(expect.objectContaining({ name: 'Nigeria and Thailand', scope: 'posts', filters: { country: ['NG', 'TH'] } }));
    await page.getByRole('button', { name: 'Remove Thailand' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('country')).toEqual(['NG']);
    pages.expectNoProblems(page);
  });

  it('going back from a post keeps the pages loaded and the place in the list', async () => {
    const page = await pages.open(1280, 700);
    await signIn(page, 'government@demo.test');
    const all = await apiGet<PostList>(page, '/api/v1/posts?limit=1');
    expect(all.total, 'the demo data fills more than one page').toBeGreaterThan(25);
    await page.goto('/posts');
    const articles = page.locator('article');
    await expect.poll(() => articles.count()).toBe(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => articles.count()).toBe(Math.min(40, all.total));
    const target = articles.nth(24).getByRole('link').first();
    const targetTitle = (await target.textContent())!;
    await target.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(500);
    await target.click();
    await page.getByRole('heading', { level: 1, name: targetTitle }).waitFor();

    await page.goBack();
    await expect.poll(() => articles.count()).toBe(Math.min(40, all.total));
    const link = page.getByRole('link', { name: targetTitle, exact: true });
    await expect.poll(() => link.isVisible()).toBe(true);
    await expect.poll(async () => Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(100);

    // Coming to the list by a link (not by going back) starts at the top with the first page.
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
    await followNav(page, 'Browse');
    await expect.poll(() => articles.count()).toBe(20);
    pages.expectNoProblems(page);
  });

  for (const width of [1280, 360]) {
    it(`exchange pages at ${width}px: no serious accessibility violations${width < 400 ? ', no horizontal scrolling' : ''}`, async () => {
      const page = await pages.open(width);
      const check = (name: string) => checkPage(page, name, width);
      await signIn(page, 'government@demo.test');
      await page.goto('/posts');
      await totalText(page).waitFor();
      await check('posts');

      const first = (await apiGet<PostList>(page, '/api/v1/posts?limit=1')).items[0]!;
      await page.goto(`/posts/${first.id}`);
      await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
      await page.getByRole('heading', { name: 'Discussion' }).waitFor();
      await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
      await check('post');

      await page.goto('/posts/new');
      await page.getByRole('button', { name: 'Publish' }).waitFor();
      await check('compose');
      pages.expectNoProblems(page);
    });
  }
});
