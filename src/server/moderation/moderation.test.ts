// Reports and the moderation queue: one report per person per item, only on what one can see;
// auto-hide at independent "personal data" reports (configurable); the queue grouped by item; every
// decision audited, the author told why, the reporters told the outcome in general terms and never
// named to the reported party.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
const clients = new Map<string, TestClient>();
const c = (email: string) => clients.get(email)!;
const EMAILS = ['organizer@demo.test', 'government@demo.test', 'io@demo.test', 'member.io@demo.test', 'ilo@demo.test', 'osce@demo.test', 'cso@demo.test', 'tdh@demo.test', 'business@demo.test'];
let openPost: string;
let restrictedPost: string;

const report = (who: string, type: string, id: string, reason = 'personal_data', detail?: string) => c(who).post('/api/v1/reports', { target: { type, id }, reason, ...(detail ? { detail } : {}) });
const queue = async (status = 'open') => (await c('organizer@demo.test').get(`/api/v1/reports?status=${status}`)).json();
const itemFor = async (id: string, status = 'open') => (await queue(status)).items.find((i: { target: { id: string } }) => i.target.id === id);
const auditFor = (id: string) => t.app.db.selectFrom('audit_events').select(['action', 'actor_user_id', 'details']).where('target_id', '=', id).orderBy('at').execute();

beforeAll(async () => {
  t = await createTestApp();
  for (const email of EMAILS) clients.set(email, await t.signIn(email));
  openPost = (await c('tdh@demo.test').post('/api/v1/posts', { kind: 'project_idea', audience: 'all', title: 'An idea open to everyone', body: 'Peer support groups for returnees.', countries: ['MD'] })).json().id;
  restrictedPost = (await c('government@demo.test').post('/api/v1/posts', { kind: 'ta_request', audience: 'full', title: 'A restricted request', body: 'Training of prosecutors.', countries: ['NG'] })).json().id;
});
afterAll(() => t.close());

describe('reporting', () => {
  it('takes one report per person per item, on what the reporter can see, never on their own writing', async () => {
    const res = await report('cso@demo.test', 'post', openPost, 'inaccurate', 'The dates are wrong.');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ target: { type: 'post', id: openPost }, reason: 'inaccurate', status: 'open', outcome: null });
    const again = await report('cso@demo.test', 'post', openPost, 'spam');
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/already-reported');
    // A restricted post does not exist for the partial tier, for reports too.
    expect((await report('cso@demo.test', 'post', restrictedPost, 'spam')).statusCode).toBe(404);
    expect((await report('tdh@demo.test', 'post', openPost, 'spam')).json().type).toBe('/problems/own-content');
    const other = await report('business@demo.test', 'post', openPost, 'other');
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].field).toBe('detail');
    expect((await c('business@demo.test').post('/api/v1/reports', { target: { type: 'planet', id: openPost }, reason: 'spam' })).statusCode).toBe(400);
    expect((await report('business@demo.test', 'message', openPost, 'spam')).statusCode).toBe(404);
  });

  it('shows the queue to organizers only, grouped by item, with the item in context and who reported', async () => {
    expect((await c('cso@demo.test').get('/api/v1/reports')).statusCode).toBe(403);
    expect((await c('government@demo.test').get('/api/v1/reports')).statusCode).toBe(403);
    expect((await report('io@demo.test', 'post', openPost, 'spam')).statusCode).toBe(201);
    const item = await itemFor(openPost);
    expect(item.context).toMatchObject({ title: 'An idea open to everyone', path: `/posts/${openPost}`, excerpt: 'Peer support groups for returnees.', organization: { name: expect.stringContaining('Terre des Hommes') } });
    expect(item.reports.map((r: { reason: string; reporter: { organization: string } }) => r.reason)).toEqual(['inaccurate', 'spam']);
    expect(item.reports[0].reporter.organization).toContain('La Strada');
    // The organizers heard of it.
    const mails = await t.mails();
    expect(mails.some((m) => m.to.includes('organizer@demo.test') && /was reported/.test(m.subject))).toBe(true);
    // My reports, as the reporter sees them.
    const mine = (await c('cso@demo.test').get('/api/v1/me/reports')).json();
    expect(mine.items[0]).toMatchObject({ target: { type: 'post', id: openPost }, status: 'open' });
  });
});

describe('auto-hide at independent personal-data reports', () => {
  it('hides a comment at the third report from a third organization, not before, and counts one organization once', async () => {
    const comment = (await c('tdh@demo.test').post(`/api/v1/posts/${openPost}/comments`, { body: 'A comment three organizations will report.' })).json();
    const hidden = async () => (await t.app.db.selectFrom('comments').select('hidden_at').where('id', '=', comment.id).executeTakeFirstOrThrow()).hidden_at !== null;
    await report('io@demo.test', 'comment', comment.id);
    await report('member.io@demo.test', 'comment', comment.id); // the same organization (IOM): not independent
    await report('cso@demo.test', 'comment', comment.id, 'abusive'); // not a personal-data report
    expect(await hidden()).toBe(false);
    await report('ilo@demo.test', 'comment', comment.id);
    expect(await hidden()).toBe(false);
    await report('cso@demo.test', 'comment', comment.id).then((r) => expect(r.statusCode).toBe(409));
    await report('osce@demo.test', 'comment', comment.id);
    expect(await hidden()).toBe(true);
    const item = await itemFor(comment.id);
    expect(item.autoHidden).toBe(true);
    expect(item.context.hidden.reason).toMatch(/pending review/);
    expect((await auditFor(comment.id)).map((a) => a.action)).toContain('report.auto_hidden');
    // Others no longer read it; its author still does, with the reason.
    const listed = (await c('government@demo.test').get(`/api/v1/posts/${openPost}/comments`)).json().items;
    expect(listed.some((x: { id: string }) => x.id === comment.id)).toBe(false);

    // Dismissing brings it back, and every reporter hears "it can stay", in general terms.
    const reportId = item.reports[0].id;
    const res = await c('organizer@demo.test').post(`/api/v1/reports/${reportId}/resolve`, { action: 'dismiss', note: 'Not personal data: a fictional example.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ action: 'dismiss', resolvedReports: 5 });
    expect(await hidden()).toBe(false);
    const outcome = (await t.mails()).filter((m) => m.subject.includes('your report of a comment'));
    expect(outcome.map((m) => m.to).sort()).toEqual(expect.arrayContaining([expect.stringContaining('io@demo.test'), expect.stringContaining('ilo@demo.test'), expect.stringContaining('osce@demo.test')]));
    for (const m of outcome) {
      expect(m.text).toContain('can stay as it is');
      expect(m.text).not.toContain('fictional example');
    }
    expect((await c('organizer@demo.test').post(`/api/v1/reports/${reportId}/resolve`, { action: 'hide', note: 'Too late.' })).json().type).toBe('/problems/report-resolved');
  });

  it('follows VF_REPORT_AUTO_HIDE', async () => {
    expect(loadConfig({ VF_REPORT_AUTO_HIDE: '5' }).moderation.autoHideAfter).toBe(5);
    expect(loadConfig({}).moderation.autoHideAfter).toBe(3);
    expect(() => loadConfig({ VF_REPORT_AUTO_HIDE: '0' })).toThrow(/VF_REPORT_AUTO_HIDE/);
    const previous = t.config.moderation.autoHideAfter;
    t.config.moderation.autoHideAfter = 1;
    try {
      const comment = (await c('tdh@demo.test').post(`/api/v1/posts/${openPost}/comments`, { body: 'Hidden at the first report with the threshold at 1.' })).json();
      await report('io@demo.test', 'comment', comment.id);
      expect((await t.app.db.selectFrom('comments').select('hidden_at').where('id', '=', comment.id).executeTakeFirstOrThrow()).hidden_at).not.toBeNull();
    } finally {
      t.config.moderation.autoHideAfter = previous;
    }
  });
});

describe('decisions', () => {
  it('never names the reporters to an organizer who wrote the reported item', async () => {
    const own = await c('organizer@demo.test').post('/api/v1/posts', { kind: 'project_idea', audience: 'all', title: 'An organizer’s own call for ideas', body: 'Ideas for the next Forum session.', countries: ['AT'] });
    expect(own.statusCode, own.body).toBe(201);
    expect((await report('cso@demo.test', 'post', own.json().id, 'inaccurate')).statusCode).toBe(201);
    const item = await itemFor(own.json().id);
    expect(item.reports).toEqual([expect.objectContaining({ source: 'participant', reason: 'inaccurate', reporter: null, reporterWithheld: true })]);
    const cso = await t.app.db.selectFrom('users').select('name').where('email', '=', 'cso@demo.test').executeTakeFirstOrThrow();
    expect(JSON.stringify(item)).not.toContain(cso.name);
    expect(JSON.stringify(item)).not.toContain('La Strada');
    // Others' items still name their reporters.
    expect((await itemFor(openPost)).reports[0]).toMatchObject({ reporter: { organization: expect.stringContaining('La Strada') }, reporterWithheld: false });
  });

  it('hides with a reason the author sees, tells the author why and the reporter only that it was removed', async () => {
    const post = (await c('tdh@demo.test').post('/api/v1/posts', { kind: 'project_idea', audience: 'all', title: 'A post that will be hidden', body: 'Buy cheap watches here.', countries: ['MD'] })).json();
    const r = (await report('cso@demo.test', 'post', post.id, 'spam')).json();
    const res = await c('organizer@demo.test').post(`/api/v1/reports/${r.id}/resolve`, { action: 'hide', note: 'Advertising has no place on the Forum.' });
    expect(res.statusCode, res.body).toBe(200);
    const asAuthor = (await c('tdh@demo.test').get(`/api/v1/posts/${post.id}`)).json();
    expect(asAuthor.hidden.reason).toBe('Advertising has no place on the Forum.');
    expect((await c('government@demo.test').get(`/api/v1/posts/${post.id}`)).statusCode).toBe(404);
    const mails = await t.mails();
    const toAuthor = mails.filter((m) => m.to.includes('tdh@demo.test') && m.subject.includes('was hidden'));
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0]!.text).toContain('Advertising has no place on the Forum.');
    // The reporter is never named to the reported party: not in the mail, not in the post.
    const reporter = await t.app.db.selectFrom('users').select(['name', 'email']).where('email', '=', 'cso@demo.test').executeTakeFirstOrThrow();
    expect(toAuthor[0]!.text).not.toContain(reporter.name);
    expect(JSON.stringify(asAuthor)).not.toContain(reporter.name);
    expect(JSON.stringify(asAuthor)).not.toContain('La Strada');
    const toReporter = mails.filter((m) => m.to.includes('cso@demo.test') && m.subject.includes('your report of a post'));
    expect(toReporter.at(-1)!.text).toContain('removed it from view');
    expect(toReporter.at(-1)!.text).not.toContain('Advertising has no place');
    expect((await c('cso@demo.test').get('/api/v1/me/reports')).json().items.find((x: { id: string }) => x.id === r.id)).toMatchObject({ status: 'reviewed', outcome: 'removed' });
    const audits = await auditFor(post.id);
    expect(audits.map((a) => a.action)).toContain('report.hidden');
    // The item leaves the open queue and is listed as decided.
    expect(await itemFor(post.id)).toBeUndefined();
    expect((await itemFor(post.id, 'resolved')).decision).toMatchObject({ action: 'hide', note: 'Advertising has no place on the Forum.' });
  });

  it('asks the author to edit, with the note; a hide or edit request needs a note', async () => {
    const post = (await c('tdh@demo.test').post('/api/v1/posts', { kind: 'project_idea', audience: 'all', title: 'A post to be corrected', body: 'Figures from 1998.', countries: ['MD'] })).json();
    const r = (await report('io@demo.test', 'post', post.id, 'inaccurate', 'Old figures.')).json();
    const noNote = await c('organizer@demo.test').post(`/api/v1/reports/${r.id}/resolve`, { action: 'request_edit' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors[0].field).toBe('note');
    expect((await c('cso@demo.test').post(`/api/v1/reports/${r.id}/resolve`, { action: 'dismiss' })).statusCode).toBe(403);
    expect((await c('organizer@demo.test').post(`/api/v1/reports/${r.id}/resolve`, { action: 'request_edit', note: 'Please update the figures to the 2007 report.' })).statusCode).toBe(200);
    const mail = (await t.mails()).filter((m) => m.to.includes('tdh@demo.test') && m.subject.includes('please change'));
    expect(mail.at(-1)!.text).toContain('Please update the figures to the 2007 report.');
    expect((await c('tdh@demo.test').get(`/api/v1/posts/${post.id}`)).json().hidden).toBeNull();
    expect((await auditFor(post.id)).map((a) => a.action)).toContain('report.edit_requested');
  });

  it('suspends the author’s account, ends their sessions and hides the item', async () => {
    const author = await t.signIn('business@demo.test');
    const post = (await author.post('/api/v1/posts', { kind: 'project_info', audience: 'all', title: 'Abusive post for the suspension test', body: 'Abusive words.', countries: ['FR'] })).json();
    const r = (await report('cso@demo.test', 'post', post.id, 'abusive')).json();
    const res = await c('organizer@demo.test').post(`/api/v1/reports/${r.id}/resolve`, { action: 'suspend', note: 'Repeated abuse of other participants.' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await author.get('/api/v1/me')).statusCode).toBe(401);
    const user = await t.app.db.selectFrom('users').select(['id', 'status']).where('email', '=', 'business@demo.test').executeTakeFirstOrThrow();
    expect(user.status).toBe('suspended');
    expect((await t.app.db.selectFrom('posts').select('hidden_reason').where('id', '=', post.id).executeTakeFirstOrThrow()).hidden_reason).toBe('Repeated abuse of other participants.');
    expect((await auditFor(post.id)).map((a) => a.action)).toContain('report.account_suspended');
    expect((await auditFor(user.id)).map((a) => a.action)).toContain('account.suspended');
    const toReporter = (await t.mails()).filter((m) => m.to.includes('cso@demo.test') && m.subject.includes('your report')).at(-1)!;
    expect(toReporter.text).not.toMatch(/suspend/i);
  });

  it('hides an offer from the requesting organization while its sender still reads it with the reason', async () => {
    const request = (await c('government@demo.test').post('/api/v1/posts', { kind: 'ta_request', audience: 'all', title: 'Request that gets an offer', body: 'Help with data.', countries: ['NG'] })).json();
    const offer = (await c('tdh@demo.test').post(`/api/v1/posts/${request.id}/offers`, { summary: 'An offer to be hidden', body: 'Our offer.' })).json();
    const r = (await report('government@demo.test', 'offer', offer.id, 'spam')).json();
    expect((await report('cso@demo.test', 'offer', offer.id, 'spam')).statusCode).toBe(404); // not theirs to read
    await c('organizer@demo.test').post(`/api/v1/reports/${r.id}/resolve`, { action: 'hide', note: 'Not a real offer.' });
    expect((await c('government@demo.test').get(`/api/v1/offers/${offer.id}`)).statusCode).toBe(404);
    expect((await c('government@demo.test').get(`/api/v1/posts/${request.id}/offers`)).json().items).toEqual([]);
    expect((await c('tdh@demo.test').get(`/api/v1/offers/${offer.id}`)).json().hidden.reason).toBe('Not a real offer.');
  });
});
