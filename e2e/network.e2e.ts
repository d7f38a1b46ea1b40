// The network (issue 12) in a browser, at desktop and phone width with axe and no sideways
// scrolling: the directory (organizations and people, filters, search as you type), an organization
// page and its "Start a conversation", a conversation started and answered, organization names
// linking to their page, the account page (password change, two-step sign-in set up and then asked
// for at sign-in), a deletion request carried out from /organizer/deletions, and VF_REQUIRE_2FA.
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, DEMO_PASSWORD, followNav, signIn, signOutFromMenu, startServer, submitSignIn } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

const codeAt = (secret: string, at: number) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });

const withCsrf = (me: { csrfToken: string }) => ({ 'x-csrf-token': me.csrfToken });

async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
}

/** Turns two-step sign-in on from the account page; answers the secret. */
async function turnOnTwoStep(page: Page, email: string): Promise<string> {
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.locator('#two-step code').first().textContent())!.trim();
  // The QR code shown is the otpauth URI of that very key and account, for the app to scan.
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  const src = (await qr.getAttribute('src'))!;
  expect(src).toMatch(/^data:image\/svg\+xml;base64,/);
  const uri = new TOTP({ issuer: 'Virtual Forum', label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).toString();
  expect(Buffer.from(src.split(',')[1]!, 'base64').toString()).toBe(await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await page.getByLabel('Code', { exact: true }).fill(codeAt(secret, Date.now()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByText('Your recovery codes.').waitFor();
  await expect.poll(() => page.locator('#two-step li code').count()).toBe(10);
  return secret;
}

describe('the network', () => {
  for (const width of [1280, 360]) {
    it(`directory, organization page, a conversation started and answered at ${width}px`, async () => {
      const page = await pages.open(width);
      await signIn(page, 'cso@demo.test');
      await followNav(page, 'Directory');
      await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
      await page.getByText(/^\d+ organizations\.$/).waitFor();
      await checkPage(page, 'directory-organizations', width);

      // Search as you type: no button to press.
      const results = page.locator('.directory-list');
      const iom = results.getByRole('link', { name: 'International Organization for Migration (IOM)' });
      const accor = results.getByRole('link', { name: /Accor/ });
      await expect.poll(() => accor.count()).toBe(1);
      await page.getByLabel('Search', { exact: true }).fill('International Organization for Migration');
      await expect.poll(() => iom.count()).toBe(1);
      await expect.poll(() => accor.count()).toBe(0);
      // A filter that excludes it takes it off the list.
      await page.getByLabel('Category').selectOption({ label: 'Company or business' });
      await expect.poll(() => iom.count()).toBe(0);
      await page.getByLabel('Category').selectOption({ label: 'Any' });
      await expect.poll(() => iom.count()).toBe(1);

      // People: name, organization (a link), and a way to write.
      await page.getByRole('button', { name: 'People' }).click();
      await page.getByLabel('Search', { exact: true }).fill('Marta Silva');
      const person = page.locator('.directory-card', { hasText: 'Marta Silva' }).first();
      await person.waitFor();
      await expect.poll(() => person.getByRole('link', { name: 'International Organization for Migration (IOM)' }).count()).toBe(1);
      await expect.poll(() => person.getByRole('link', { name: 'Start a conversation' }).count()).toBe(1);
      await checkPage(page, 'directory-people', width);

      // The organization's page, and "Start a conversation" there.
      await person.getByRole('link', { name: 'International Organization for Migration (IOM)' }).click();
      await page.getByRole('heading', { level: 1, name: 'International Organization for Migration (IOM)' }).waitFor();
      await settled(page);
      await checkPage(page, 'organization-page', width);
      await page.getByRole('link', { name: 'Start a conversation' }).click();
      await page.getByRole('heading', { level: 1, name: 'New conversation' }).waitFor();
      await checkPage(page, 'conversation-new', width);
      const subject = `Referrals between shelters (${width})`;
      await page.getByLabel('Subject').fill(subject);
      await page.getByLabel('Message (Markdown)').fill('Could we talk about **referrals** between our shelters and your return programme?');
      await page.getByRole('button', { name: 'Start the conversation' }).click();
      await page.getByRole('heading', { level: 1, name: subject }).waitFor();
      await page.locator('strong', { hasText: 'referrals' }).first().waitFor();
      await checkPage(page, 'conversation', width);
      pages.expectNoProblems(page);

      // IOM reads it from its conversations (unread) and answers; La Strada sees the answer.
      const io = await pages.open(width);
      await signIn(io, 'io@demo.test');
      await followNav(io, 'Conversations');
      await io.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
      await io.getByText('1 unread').first().waitFor();
      await checkPage(io, 'conversations', width);
      await io.getByRole('link', { name: subject }).click();
      await io.getByRole('heading', { level: 1, name: subject }).waitFor();
      await io.getByLabel('Your reply').fill('Yes, gladly. Next week?');
      await io.getByRole('button', { name: 'Send' }).click();
      await io.getByText('Yes, gladly. Next week?').waitFor();
      pages.expectNoProblems(io);
      await page.reload();
      await page.getByText('Yes, gladly. Next week?').waitFor();
      // The bell tells of it too (the notification system, kind "message").
      const bell = (await (await page.request.get('/api/v1/me/notifications')).json()) as { items: { kind: string; url: string }[] };
      expect(bell.items.some((n) => n.kind === 'message' && n.url === new URL(page.url()).pathname)).toBe(true);
    });
  }

  it('starts a conversation from a post, a project and a meeting, with several organizations (1280 and 360 px)', async () => {
    const page = await pages.open(1280);
    await signIn(page, 'government@demo.test');
    const me = (await (await page.request.get('/api/v1/me')).json()) as { organization: { id: string } };
    const posts = (await (await page.request.get('/api/v1/posts?limit=100')).json()) as { items: { id: string; title: string; kind: string; organization: { id: string; name: string } }[] };
    const others = posts.items.filter((p) => p.organization.id !== me.organization.id);
    const post = others.find((p) => p.kind === 'ta_request');
    const project = others.find((p) => p.kind === 'pipeline_project' || p.kind === 'project_idea');
    expect(post, 'a request by another organization').toBeDefined();
    expect(project, 'a project by another organization').toBeDefined();
    const iom = 'International Organization for Migration (IOM)';

    /** Fills in and sends the new-conversation form; answers the conversation as the API gives it. */
    async function send(p: Page, subject: string) {
      await p.getByLabel('Subject').fill(subject);
      await p.getByLabel('Message (Markdown)').fill('Could we talk about this?');
      await p.getByRole('button', { name: 'Start the conversation' }).click();
      await p.getByRole('heading', { level: 1, name: subject }).waitFor();
      const id = new URL(p.url()).pathname.split('/').pop()!;
      return (await (await p.request.get(`/api/v1/conversations/${id}`)).json()) as { about: { type: string; id: string; title: string } | null; organizations: { id: string; name: string }[] };
    }

    // From a post: its organization is chosen, the post is named, and a second organization is added by name.
    await page.goto(`/posts/${post!.id}`);
    await page.getByRole('link', { name: `Write to ${post!.organization.name} about this` }).click();
    await page.getByRole('heading', { level: 1, name: 'New conversation' }).waitFor();
    await page.getByTestId('conversation-about').getByRole('link', { name: post!.title }).waitFor();
    await page.getByTestId('conversation-organizations').getByRole('link', { name: post!.organization.name }).waitFor();
    await page.getByLabel('Add an organization').fill('International Organization');
    await page.getByRole('button', { name: `Add ${iom}` }).click();
    await page.getByTestId('conversation-organizations').getByRole('link', { name: iom }).waitFor();
    await checkPage(page, 'conversation-new-about-post', 1280);
    const fromPost = await send(page, 'About your request, with IOM');
    expect(fromPost.about).toMatchObject({ type: 'post', id: post!.id });
    expect(fromPost.organizations).toHaveLength(3);
    expect(fromPost.organizations.map((o) => o.id)).toEqual(expect.arrayContaining([me.organization.id, post!.organization.id]));
    expect(fromPost.organizations.map((o) => o.name)).toContain(iom);
    // The conversation page says what it is about, as a link.
    await page.getByRole('link', { name: post!.title }).first().waitFor();

    // From a project: the same, linked to the project; removing a chosen organization leaves it out.
    await page.goto(`/posts/${project!.id}`);
    await page.getByRole('link', { name: `Write to ${project!.organization.name} about this` }).click();
    await page.getByTestId('conversation-about').getByRole('link', { name: project!.title }).waitFor();
    await page.getByLabel('Add an organization').fill('International Organization');
    await page.getByRole('button', { name: `Add ${iom}` }).click();
    await page.getByRole('button', { name: `Remove ${iom}` }).click();
    await expect.poll(() => page.getByTestId('conversation-organizations').getByRole('link', { name: iom }).count()).toBe(0);
    const fromProject = await send(page, 'About your project');
    expect(fromProject.about).toMatchObject({ type: 'post', id: project!.id });
    expect(fromProject.organizations.map((o) => o.id).sort()).toEqual([me.organization.id, project!.organization.id].sort());
    pages.expectNoProblems(page);

    // From a meeting, on a phone: every other organization in it is chosen, and the meeting is named.
    const phone = await pages.open(360);
    await signIn(phone, 'government@demo.test');
    const meetings = (await (await phone.request.get('/api/v1/meetings')).json()) as { items: { id: string; topic: string }[] };
    const meeting = meetings.items.find((m) => m.topic.startsWith('Legislative review for NAPTIP'));
    expect(meeting, 'the demo meeting government@demo.test is invited to').toBeDefined();
    await phone.goto(`/meetings/${meeting!.id}`);
    await phone.getByRole('link', { name: 'Start a conversation with the organizations in this meeting' }).click();
    await phone.getByRole('heading', { level: 1, name: 'New conversation' }).waitFor();
    await phone.getByTestId('conversation-about').getByRole('link', { name: meeting!.topic }).waitFor();
    await phone.getByTestId('conversation-organizations').getByRole('link', { name: iom }).waitFor();
    await checkPage(phone, 'conversation-new-about-meeting', 360);
    const fromMeeting = await send(phone, 'Before our meeting');
    expect(fromMeeting.about).toMatchObject({ type: 'meeting', id: meeting!.id, title: meeting!.topic });
    expect(fromMeeting.organizations.map((o) => o.name)).toContain(iom);
    await checkPage(phone, 'conversation-about-meeting', 360);
    pages.expectNoProblems(phone);
  });

  it("organization names link to the organization's page on posts, comments and offers", async () => {
    const page = await pages.open(1280);
    await signIn(page, 'government@demo.test');
    await page.goto('/posts');
    const card = page.locator('.post-card').first();
    await card.waitFor();
    const byLink = card.locator('.card__subtitle a[href^="/organizations/"]');
    await expect.poll(() => byLink.count()).toBe(1);
    // A post with comments or offers: each author's organization links.
    const posts = (await (await page.request.get('/api/v1/posts?limit=50')).json()) as { items: { id: string; comments?: number; offers?: number }[] };
    let linked = 0;
    for (const p of posts.items.slice(0, 15)) {
      await page.goto(`/posts/${p.id}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settled(page);
      linked = await page.locator('.comment a[href^="/organizations/"], .offer-card a[href^="/organizations/"], .card__subtitle a[href^="/organizations/"]').count();
      if (linked > 0) break;
    }
    expect(linked, 'a comment or offer whose organization links to its page').toBeGreaterThan(0);
    // Meetings: the proposer's organization.
    await page.goto('/meetings');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await settled(page);
    const meetingLinks = await page.locator('main a[href^="/organizations/"]').count();
    const meetings = (await (await page.request.get('/api/v1/meetings')).json()) as { items?: unknown[] };
    if ((meetings.items ?? []).length > 0) expect(meetingLinks).toBeGreaterThan(0);
    pages.expectNoProblems(page);
  });

  it('a logo or photo never uploaded shows initials; once uploaded, the image takes their place', async () => {
    const page = await pages.open(1280);
    await signIn(page, 'manpower@demo.test');
    const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string; organization: { id: string } };
    const avatarOf = (card: ReturnType<Page['locator']>) => ({ initials: card.locator('.avatar--initials'), image: card.locator('img.avatar') });

    await page.goto('/directory');
    await page.getByLabel('Search', { exact: true }).fill('Manpower');
    const orgCard = page.locator('.directory-card', { has: page.getByRole('link', { name: 'Manpower Inc.', exact: true }) });
    await orgCard.waitFor();
    await expect.poll(() => avatarOf(orgCard).initials.textContent()).toBe('MI');
    expect(await avatarOf(orgCard).image.count()).toBe(0);
    await page.getByRole('button', { name: 'People' }).click();
    await page.getByLabel('Search', { exact: true }).fill('Daniel Brooks');
    const personCard = page.locator('.directory-card', { hasText: 'Daniel Brooks' }).first();
    await personCard.waitFor();
    await expect.poll(() => avatarOf(personCard).initials.textContent()).toBe('DB');
    expect(await avatarOf(personCard).image.count()).toBe(0);
    await page.goto('/account');
    await page.getByRole('heading', { level: 2, name: 'Profile' }).waitFor();
    await expect.poll(() => page.locator('main .avatar--initials').first().textContent()).toBe('DB');

    // Upload both; the images replace the initials.
    const image = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#2a6f4e' } }).png().toBuffer();
    for (const url of [`/api/v1/organizations/${me.organization.id}/logo`, '/api/v1/me/photo']) {
      const res = await page.request.put(url, { data: image, headers: { ...withCsrf(me), 'content-type': 'application/octet-stream' } });
      expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
    }
    const loaded = (img: ReturnType<Page['locator']>) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0);
    await page.reload();
    const photo = page.locator('main img.avatar').first();
    await photo.waitFor();
    await expect.poll(() => loaded(photo)).toBe(true);
    expect(await page.locator('main .avatar--initials').count()).toBe(0);
    await page.goto('/directory');
    await page.getByLabel('Search', { exact: true }).fill('Manpower');
    await expect.poll(() => avatarOf(orgCard).image.count()).toBe(1);
    await expect.poll(() => loaded(avatarOf(orgCard).image)).toBe(true);
    expect(await avatarOf(orgCard).initials.count()).toBe(0);
    await page.getByRole('button', { name: 'People' }).click();
    await page.getByLabel('Search', { exact: true }).fill('Daniel Brooks');
    await expect.poll(() => avatarOf(personCard).image.count()).toBe(1);
    expect(await avatarOf(personCard).initials.count()).toBe(0);
    pages.expectNoProblems(page);
  });

  it("organization names link to the organization's page on the overlap board, the map, the library and the self-assessment", async () => {
    /** The first organization link in `scope` names that organization, and following it opens its page. */
    const followOrgLink = async (page: Page, scope: ReturnType<Page['locator']>, where: string) => {
      const link = scope.locator('a[href^="/organizations/"]').first();
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      expect(href, where).toMatch(/^\/organizations\/[0-9a-f-]{36}$/);
      const name = (await link.textContent())!.trim();
      const org = (await (await page.request.get(`/api/v1${href}`)).json()) as { name: string };
      expect(name, where).toBe(org.name);
      await link.click();
      await page.waitForURL((url) => url.pathname === href);
      await page.getByRole('heading', { level: 1, name: org.name }).waitFor();
    };

    const page = await pages.open(1280);
    await signIn(page, 'organizer@demo.test');
    const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
    // A clear pair in Nigeria, compared at once rather than by the background rounds.
    const created = await page.request.post('/api/v1/posts', { headers: withCsrf(me), data: { kind: 'project_info', title: 'Shelter standards and staff training in Nigeria (names as links)', body: 'Minimum standards for the shelters of the Agency in Nigeria and training of shelter staff.', countries: ['NG'], areas: ['victim_protection'], themes: ['protection'] } });
    expect(created.status()).toBe(201);
    for (let i = 0; i < 20; i++) {
      const progress = (await (await page.request.post('/api/v1/overlaps/scan', { headers: withCsrf(me), data: {} })).json()) as { pending: number };
      if (progress.pending === 0) break;
    }

    // The overlap board: each post of a cluster names its organization.
    await page.goto('/organizer/overlaps');
    await page.getByRole('heading', { name: 'Possible overlaps', level: 1 }).waitFor();
    await followOrgLink(page, page.locator('.overlap-cluster .overlap-list').first(), 'overlap board');

    // The map: the overlaps flagged in Nigeria name both organizations.
    await page.goto('/map?place=NG');
    await page.getByRole('heading', { name: 'Who does what in Nigeria', level: 2 }).waitFor();
    const overlaps = page.locator('.map-place__overlaps li').first();
    await overlaps.waitFor();
    expect(await overlaps.locator('a[href^="/organizations/"]').count()).toBe(2);
    await followOrgLink(page, overlaps, 'map overlaps');

    // The library: each document names its organization.
    await page.goto('/library');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await followOrgLink(page, page.locator('main'), 'library');

    // The self-assessment: the organization whose assessment is read, and the offers on a linked request.
    const gov = await pages.open(1280);
    await signIn(gov, 'government@demo.test');
    const govOrg = ((await (await gov.request.get('/api/v1/me')).json()) as { organization: { id: string } }).organization;
    await gov.goto(`/self-assessment/organizations/${govOrg.id}`);
    await followOrgLink(gov, gov.locator('main'), 'shared self-assessment');
    await gov.goto('/self-assessment');
    const requests = gov.locator('.sa-requests').first();
    await requests.waitFor();
    await followOrgLink(gov, requests, 'offers on a request of the self-assessment');
    pages.expectNoProblems(page);
    pages.expectNoProblems(gov);
  });

  it("organization names link on meeting answers and messages, notifications and the moderation queue", async () => {
    const gov = await pages.open(1280);
    await signIn(gov, 'government@demo.test');
    const io = await pages.open(1280);
    await signIn(io, 'io@demo.test');
    const meOf = async (p: Page) => (await (await p.request.get('/api/v1/me')).json()) as { organization: { id: string; name: string }; csrfToken: string };
    const [govMe, ioMe] = [await meOf(gov), await meOf(io)];
    const [govOrg, ioOrg] = [govMe.organization, ioMe.organization];
    const csrf = (me: { csrfToken: string }) => ({ 'x-csrf-token': me.csrfToken });

    // The meeting: NAPTIP's answer and IOM's message name their organizations as links.
    const meetings = (await (await gov.request.get('/api/v1/meetings')).json()) as { items: { id: string; topic: string }[] };
    const meeting = meetings.items.find((m) => m.topic.startsWith('Legislative review for NAPTIP'))!;
    expect((await io.request.post(`/api/v1/meetings/${meeting.id}/messages`, { data: { body: 'Looking forward to it.' }, headers: csrf(ioMe) })).status()).toBe(201);
    await gov.goto(`/meetings/${meeting.id}`);
    await gov.getByRole('heading', { level: 1, name: meeting.topic }).waitFor();
    await gov.getByTestId('slot-0').locator(`a[href="/organizations/${govOrg.id}"]`, { hasText: govOrg.name }).waitFor();
    await gov.locator(`li:has-text("Looking forward to it.") a[href="/organizations/${ioOrg.id}"]`).first().waitFor();

    // The notifications page: the writer's organization links.
    const made = await gov.request.post('/api/v1/conversations', { data: { subject: 'Names as links', organizationIds: [ioOrg.id], body: 'A first message.' }, headers: csrf(govMe) });
    expect(made.status()).toBe(201);
    const message = ((await made.json()) as { messages: { id: string }[] }).messages[0]!;
    await io.goto('/notifications');
    await io.getByTestId('notification-organization').locator(`a[href="/organizations/${govOrg.id}"]`).first().waitFor();
    await checkPage(io, 'notifications-org-links', 1280);

    // The moderation queue: the reporter's organization and the author's organization link.
    expect((await io.request.post('/api/v1/reports', { data: { target: { type: 'message', id: message.id }, reason: 'spam' }, headers: csrf(ioMe) })).status()).toBe(201);
    const organizer = await pages.open(1280);
    await signIn(organizer, 'organizer@demo.test');
    await organizer.goto('/organizer/moderation');
    const card = organizer.getByTestId('queue-item').filter({ hasText: 'A first message.' });
    await card.locator(`.queue-card__reports a[href="/organizations/${ioOrg.id}"]`).waitFor();
    await card.locator(`.card__subtitle a[href="/organizations/${govOrg.id}"]`).waitFor();
    pages.expectNoProblems(gov);
    pages.expectNoProblems(io);
    pages.expectNoProblems(organizer);
  });

  for (const width of [1280, 360]) {
    it(`the header's personal menu reaches my offers and pledges, my meetings and my conversations at ${width}px`, async () => {
      const page = await pages.open(width);
      await signIn(page, 'io@demo.test');
      await followNav(page, 'My offers and pledges');
      await page.waitForURL((url) => url.pathname === '/account' && url.hash === '#acc-work');
      const offers = page.getByRole('heading', { level: 3, name: 'Offers your organization sent' });
      await offers.waitFor();
      const inView = () => offers.evaluate((h) => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; });
      await expect.poll(inView).toBe(true);
      // Already on the account page, scrolled back to the top: the same menu item scrolls to the section again.
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect.poll(inView).toBe(false);
      await followNav(page, 'My offers and pledges');
      await expect.poll(inView).toBe(true);
      await followNav(page, 'My meetings');
      await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
      await followNav(page, 'Conversations');
      await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
      pages.expectNoProblems(page);
    });
  }

  for (const [width, email] of [[1280, 'academia@demo.test'], [360, 'media@demo.test']] as const) {
    it(`the account page: password change, two-step sign-in, then asked for at sign-in, at ${width}px`, async () => {
      const page = await pages.open(width);
      await signIn(page, email);
      await followNav(page, 'Your account');
      await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Your work' }).waitFor();
      await settled(page);
      // Statuses in words, never codes.
      expect(await page.locator('main').textContent()).not.toMatch(/\b(pending|indicated|focal_point)\b/);
      await checkPage(page, 'account', width);

      const newPassword = `A much longer secret ${width} for Vienna`;
      await page.getByLabel('Current password').fill(DEMO_PASSWORD);
      await page.getByLabel('New password').fill(newPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed. You were signed out everywhere else.').waitFor();

      const secret = await turnOnTwoStep(page, email);
      await checkPage(page, 'account-two-step', width);
      pages.expectNoProblems(page);

      // Signing in again asks for the code after the right password.
      await signOutFromMenu(page);
      await submitSignIn(page, email, newPassword);
      await page.getByText('Your account uses two-step sign-in. Enter the code to finish signing in.').waitFor();
      await checkPage(page, 'sign-in-code', width);
      await page.getByLabel('Code from your authenticator app').fill(codeAt(secret, Date.now() + 30_000));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname !== '/sign-in');
      const me = (await (await page.request.get('/api/v1/me')).json()) as { email: string; secondFactor: { enabled: boolean } };
      expect(me).toMatchObject({ email, secondFactor: { enabled: true } });
      pages.expectNoProblems(page);
    });
  }

  it('a deletion request reaches /organizer/deletions, and carrying it out leaves "Former participant"', async () => {
    const person = await pages.open(1280);
    await signIn(person, 'expert@demo.test');
    await person.goto('/account');
    await person.getByRole('button', { name: 'Ask for my account to be deleted' }).click();
    await person.getByText(/You asked for deletion on/).waitFor();

    for (const width of [1280, 360]) {
      const organizer = await pages.open(width);
      await signIn(organizer, 'organizer@demo.test');
      await organizer.goto('/organizer');
      await organizer.getByRole('link', { name: 'Deletion requests' }).first().click();
      await organizer.getByRole('heading', { level: 1, name: 'Deletion requests' }).waitFor();
      await settled(organizer);
      await organizer.getByText('expert@demo.test', { exact: false }).waitFor();
      await checkPage(organizer, 'organizer-deletions', width);
      if (width === 360) {
        const card = organizer.locator('article', { hasText: 'expert@demo.test' });
        await card.getByRole('button', { name: /^Delete / }).click();
        await card.getByRole('button', { name: 'Yes, delete it' }).click();
        await organizer.getByText(/The account of .* was deleted\./).waitFor();
        await organizer.getByText('No open requests.').waitFor();
        pages.expectNoProblems(organizer);
      }
    }
    // The person is signed out everywhere and shows as a former participant.
    const reader = await pages.open(1280);
    await signIn(reader, 'io@demo.test');
    const people = (await (await reader.request.get('/api/v1/directory/people?q=expert')).json()) as { items: { email: string | null }[] };
    expect(people.items.some((p) => p.email === 'expert@demo.test')).toBe(false);
    expect((await person.request.get('/api/v1/me')).status()).toBe(401);
  });

  it('with VF_REQUIRE_2FA=1 an organizer must set up two-step sign-in before anything else', async () => {
    const server = await startServer({ env: { VF_REQUIRE_2FA: '1' } });
    try {
      const context = await suite.browser.newContext({ baseURL: server.url, viewport: { width: 360, height: 800 } });
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        // The page itself (header, bell, live stream) asks for nothing the API must refuse.
        const refused: string[] = [];
        page.on('response', (r) => r.status() === 403 && refused.push(new URL(r.url()).pathname));
        await submitSignIn(page, 'organizer@demo.test');
        await page.waitForURL((url) => url.pathname === '/account');
        await page.getByText(/The Forum requires two-step sign-in for your account/).waitFor();
        await settled(page);
        await checkPage(page, 'account-two-step-required', 360);
        // Any other page leads back here; the API refuses the rest.
        await page.goto('/posts');
        await page.waitForURL((url) => url.pathname === '/account');
        expect((await page.request.get('/api/v1/posts')).status()).toBe(403);
        await turnOnTwoStep(page, 'organizer@demo.test');
        expect(refused).toEqual([]);
        // Once it is on, the bell is back (and its requests answer).
        await page.getByTestId('bell').first().waitFor({ state: 'attached' });
        // Now everything is open.
        await page.getByRole('heading', { level: 2, name: 'Your work' }).waitFor();
        expect((await page.request.get('/api/v1/posts')).status()).toBe(200);
        await page.goto('/posts');
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(new URL(page.url()).pathname).toBe('/posts');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    } finally {
      await server.stop();
    }
    // It starts a server of its own (the others share one): more than the default 90 s on a busy machine.
  }, 180_000);
});
