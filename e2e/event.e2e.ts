// The Forum event in a real browser: the programme by day with its phase, the personal agenda
// with a clash; a meeting proposed through the form, accepted by the person invited, confirmed
// with a room booked, and seen in the organizers' room grid. Axe, 360 px and screenshots on each page.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, checkPage, signIn, waitForMail, followNav } from './harness.js';

const suite = browserSuite();
const { pages } = suite;

interface EventInfo { id: string; name: string; startsOn: string; current: boolean }
async function followUp(page: Page): Promise<EventInfo> {
  const res = await page.request.get('/api/v1/events');
  return ((await res.json()) as { items: EventInfo[] }).items.find((e) => e.name.startsWith('Vienna Forum follow-up'))!;
}

describe('the event', () => {
  it('programme by day with the phase, closed sessions marked, and an agenda that shows a clash', async () => {
    const page = await pages.open();
    await signIn(page, 'cso@demo.test');
    await followNav(page, 'Programme');
    await page.getByRole('heading', { level: 1, name: 'Vienna Forum to Fight Human Trafficking 2008' }).waitFor();
    await expect.poll(() => page.getByTestId('phase-banner').textContent()).toContain('This event is over');
    // The first day of the Forum opens: 001 at 09:30–12:30 Vienna time.
    await expect.poll(() => page.getByTestId('session-001').textContent()).toContain('09:30–12:30');

    await page.getByRole('link', { name: 'Thursday, February 14, 2008' }).click();
    const closed = page.getByTestId('session-013');
    await expect.poll(() => closed.textContent()).toContain('Closed session');
    expect(await closed.getByText('Closed: by invitation only').count()).toBe(1);
    expect(await closed.getByRole('button', { name: /Add to my agenda/ }).count()).toBe(0);

    for (const code of ['014', '018']) {
      const add = page.getByTestId(`session-${code}`).getByRole('button', { name: /Add to my agenda/ });
      await add.click();
      await expect.poll(() => page.getByTestId(`session-${code}`).getByRole('button', { name: /In my agenda/ }).getAttribute('aria-pressed')).toBe('true');
    }
    await followNav(page, 'My agenda');
    await page.getByRole('heading', { level: 1, name: 'My agenda' }).waitFor();
    await expect.poll(() => page.getByTestId('clash-summary').textContent()).toContain('2 items clash with others.');
    expect(await page.getByTestId('agenda-018').textContent()).toContain('Clashes with: 014 Health and Human Trafficking');

    // A private feed address, shown once.
    await page.getByRole('button', { name: 'Create a feed address' }).click();
    const url = await page.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/agenda\.ics\?token=/);
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('SUMMARY:018: International Cooperation');
    pages.expectNoProblems(page);
  });

  it('propose, accept, confirm and book a meeting; the organizers see the booking', async () => {
    const io = await pages.open();
    await signIn(io, 'io@demo.test');
    const event = await followUp(io);
    // From a post open to all: propose a meeting about it.
    const posts = (await (await io.request.get('/api/v1/posts?limit=50')).json()) as { items: { id: string; title: string; audience: string }[] };
    const post = posts.items.find((p) => p.audience === 'all')!;
    await io.goto(`/posts/${post.id}`);
    await io.getByRole('link', { name: 'Propose a meeting about this post' }).click();
    await io.getByRole('heading', { level: 1, name: 'Propose a meeting' }).waitFor();
    await io.getByRole('link', { name: post.title }).waitFor();
    await io.getByLabel('Topic').fill('Ethical recruitment in hotel supply chains');
    await io.getByLabel('Agenda').fill('1. What Accor does today\n2. What IOM can offer');
    await io.getByLabel('Search people and organizations').fill('Claire');
    await io.getByRole('button', { name: 'Invite Claire Dubois (Accor (hotel group))' }).click();
    await io.getByRole('list', { name: 'Invited so far' }).getByText('Claire Dubois').waitFor();
    await io.getByLabel('From (time 1)').fill('10:00');
    await io.getByLabel('To (time 1)').fill('11:00');
    await io.getByRole('button', { name: 'Add another time' }).click();
    await io.getByLabel('Day of time 2').selectOption({ index: 1 });
    await io.getByLabel('From (time 2)').fill('11:00');
    await io.getByLabel('To (time 2)').fill('12:00');
    await io.getByRole('button', { name: 'Send the invitations' }).click();
    await io.getByRole('heading', { level: 1, name: 'Ethical recruitment in hotel supply chains' }).waitFor();
    expect(await io.getByTestId('meeting-status').textContent()).toBe('Proposed');
    const meetingUrl = io.url();
    await checkPage(io, 'meeting-proposed', 1280);

    const mail = await waitForMail(suite.server.mailDir, (m) => m.to === 'business@demo.test' && m.subject.includes('meeting proposed'));
    expect(mail.text).toContain(new URL(meetingUrl).pathname);

    // The person invited accepts the first time.
    const accor = await pages.open(360, 800);
    await signIn(accor, 'business@demo.test');
    await accor.goto(new URL(meetingUrl).pathname);
    await accor.getByRole('heading', { level: 1, name: 'Ethical recruitment in hotel supply chains' }).waitFor();
    await accor.getByRole('link', { name: post.title }).waitFor();
    await accor.getByRole('group', { name: 'Your answer for time 1' }).getByRole('button', { name: /Accept/ }).click();
    await expect.poll(() => accor.getByTestId('slot-0').textContent()).toContain('Claire Dubois (Accor (hotel group)): yes');
    await checkPage(accor, 'meeting-invitee', 360);

    // Someone not invited finds nothing there.
    const other = await pages.open();
    await signIn(other, 'academia@demo.test');
    await other.goto(new URL(meetingUrl).pathname);
    await other.getByRole('heading', { level: 1, name: /not found/i }).waitFor();

    // The proposer confirms the first time with the room offered.
    await io.reload();
    const slot = io.getByTestId('slot-0');
    await expect.poll(() => slot.textContent()).toContain('Claire Dubois (Accor (hotel group)): yes');
    const room = slot.getByLabel('Room');
    await room.waitFor();
    // Two people: the smallest room (the office, 2 seats) is offered first.
    expect(await room.locator('option').first().textContent()).toContain('Office O3: 2 seats');
    await slot.getByRole('button', { name: 'Confirm and book the room' }).click();
    await expect.poll(() => io.getByTestId('meeting-status').textContent()).toBe('Confirmed');
    await expect.poll(() => io.getByTestId('meeting-when').textContent()).toContain('Office O3, Austria Center Vienna');
    await checkPage(io, 'meeting-confirmed', 1280);
    await waitForMail(suite.server.mailDir, (m) => m.to === 'business@demo.test' && m.subject.includes('meeting confirmed'));

    // The organizers' grid shows the booking on the first day.
    const organizer = await pages.open();
    await signIn(organizer, 'organizer@demo.test');
    await organizer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console', exact: true }).click();
    await organizer.getByRole('link', { name: 'Rooms at the venue', exact: true }).click();
    await organizer.getByRole('heading', { level: 1, name: 'Rooms at the venue' }).waitFor();
    await organizer.goto(`/organizer/rooms?event=${event.id}&date=${event.startsOn}`);
    const grid = organizer.getByTestId('room-grid');
    await expect.poll(() => grid.textContent()).toContain('10:00–11:00 Ethical recruitment in hotel supply chains');
    await checkPage(organizer, 'rooms-grid', 1280);

    // The proposer moves the meeting: answers are cleared, the room is freed, Accor is told.
    await io.getByText('Change the meeting').click();
    await io.getByLabel('From (time 1)').fill('15:00');
    await io.getByLabel('To (time 1)').fill('16:00');
    await checkPage(io, 'meeting-change', 1280);
    await io.getByRole('button', { name: 'Propose these times instead' }).click();
    await expect.poll(() => io.getByTestId('meeting-status').textContent()).toBe('Proposed');
    await expect.poll(() => io.getByTestId('slot-0').textContent()).toContain('15:00–16:00');
    await waitForMail(suite.server.mailDir, (m) => m.to === 'business@demo.test' && m.subject.includes('meeting changed'));
    await organizer.reload();
    await organizer.getByTestId('room-grid').waitFor();
    expect(await organizer.getByTestId('room-grid').textContent()).not.toContain('Ethical recruitment');

    // Cancelling asks once more; keeping it changes nothing, confirming tells everyone.
    await io.getByRole('button', { name: 'Cancel the meeting' }).click();
    await io.getByRole('button', { name: 'No, keep the meeting' }).click();
    expect(await io.getByTestId('meeting-status').textContent()).toBe('Proposed');
    await io.getByRole('button', { name: 'Cancel the meeting' }).click();
    await io.getByRole('button', { name: 'Yes, cancel it for everyone' }).click();
    await expect.poll(() => io.getByTestId('meeting-status').textContent()).toBe('Cancelled');
    await waitForMail(suite.server.mailDir, (m) => m.to === 'business@demo.test' && m.subject.includes('meeting cancelled'));
    for (const p of [io, accor, other, organizer]) pages.expectNoProblems(p);
  });

  it('organizers create an event with its phases; bad input is explained next to the field', async () => {
    const page = await pages.open();
    await signIn(page, 'organizer@demo.test');
    await page.goto('/organizer/event');
    const form = page.getByRole('region', { name: 'A new event' });
    await form.getByLabel('Name', { exact: true }).fill('Regional follow-up, Bangkok (demo)');
    await form.getByLabel('Venue', { exact: true }).fill('United Nations Conference Centre');
    await form.getByLabel('Time zone of the venue', { exact: true }).fill('Asia/Bankok');
    await form.getByLabel('Platform opens on', { exact: true }).fill('2027-01-04');
    await form.getByLabel('First day of the event', { exact: true }).fill('2027-03-01');
    await form.getByLabel('Last day of the event', { exact: true }).fill('2027-03-02');
    await form.getByLabel('Follow-up until', { exact: true }).fill('2027-05-31');
    await form.getByRole('button', { name: 'Create the event' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Time zone of the venue: is not a known IANA time zone');
    await form.getByLabel('Time zone of the venue', { exact: true }).fill('Asia/Bangkok');
    await form.getByRole('button', { name: 'Create the event' }).click();
    await page.getByRole('heading', { level: 2, name: 'Regional follow-up, Bangkok (demo)' }).waitFor();
    const events = (await (await page.request.get('/api/v1/events')).json()) as { items: { name: string; phase: string; timeZone: string; opensOn: string; followUpUntil: string }[] };
    expect(events.items.find((e) => e.name === 'Regional follow-up, Bangkok (demo)')).toMatchObject({ phase: 'upcoming', timeZone: 'Asia/Bangkok', opensOn: '2027-01-04', followUpUntil: '2027-05-31' });
    pages.expectNoProblems(page);
  });

  for (const width of [1280, 360]) {
    it(`event pages at ${width}px: no serious accessibility violations${width < 400 ? ', no horizontal scrolling' : ''}`, async () => {
      const page = await pages.open(width);
      await signIn(page, 'government@demo.test');
      await page.goto('/event');
      await page.getByTestId('session-001').waitFor();
      await checkPage(page, 'programme', width);
      const event = await followUp(page);
      await page.goto(`/event?event=${event.id}`);
      await page.getByTestId('session-F01').waitFor();
      await checkPage(page, 'programme-follow-up', width);
      // Two sessions that clash, and the confirmed meeting of the demo if any, on the agenda.
      const csrf = ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
      const sessions = ((await (await page.request.get('/api/v1/event/sessions?day=2008-02-14')).json()) as { items: { id: string; code: string }[] }).items;
      for (const code of ['030', '031']) {
        const res = await page.request.put(`/api/v1/me/agenda/sessions/${sessions.find((x) => x.code === code)!.id}`, { headers: { 'x-csrf-token': csrf } });
        expect(res.status()).toBe(204);
      }
      await page.goto('/agenda');
      await page.getByTestId('clash-summary').waitFor();
      await page.getByRole('heading', { name: 'Subscribe from your calendar' }).waitFor();
      await checkPage(page, 'agenda', width);
      await page.goto('/meetings');
      await page.getByRole('link', { name: 'Legislative review for NAPTIP: scope and timetable' }).waitFor();
      await checkPage(page, 'meetings', width);
      await page.getByRole('link', { name: 'Legislative review for NAPTIP: scope and timetable' }).click();
      await page.getByRole('heading', { name: 'Proposed times' }).waitFor();
      await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
      await checkPage(page, 'meeting', width);
      await page.goto('/meetings/new');
      await page.getByRole('button', { name: 'Send the invitations' }).waitFor();
      await checkPage(page, 'propose-meeting', width);
      pages.expectNoProblems(page);

      const organizer = await pages.open(width);
      await signIn(organizer, 'organizer@demo.test');
      await organizer.goto('/organizer/rooms');
      await organizer.getByTestId('room-grid').waitFor();
      await checkPage(organizer, 'rooms', width);
      await organizer.getByRole('link', { name: 'Event settings' }).click();
      await organizer.getByRole('heading', { level: 1, name: 'Event settings' }).waitFor();
      await checkPage(organizer, 'event-settings', width);
      pages.expectNoProblems(organizer);
    });
  }
});
