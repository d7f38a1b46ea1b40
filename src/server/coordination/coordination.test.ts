// Projects and partnerships through the API, on PGlite and (TEST_DATABASE_URL) PostgreSQL: the
// lifecycle, joint drafting with co-authors and revision diffs, stale saves, partnership requests,
// the cooperatively-developed flag, mails to the lead, and the tier wall around all of it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { cooperativelyDeveloped, isCooperativelyDeveloped } from './projects.js';

let t: TestApp;
let io: TestClient, memberIo: TestClient, ilo: TestClient, gov: TestClient, cso: TestClient, tdh: TestClient, business: TestClient, organizer: TestClient;
const org: Record<string, string> = {};

const idea = {
  kind: 'project_idea',
  title: 'Community shelters for children on the move in West Africa',
  body: 'A network of community shelters.\n\nStaff are trained in child-friendly procedures.',
  regions: ['011'],
  areas: ['victim_protection'],
};

beforeAll(async () => {
  t = await createTestApp();
  const emails = ['io@demo.test', 'member.io@demo.test', 'ilo@demo.test', 'government@demo.test', 'cso@demo.test', 'tdh@demo.test', 'business@demo.test', 'organizer@demo.test'];
  const clients = await Promise.all(emails.map((e) => t.signIn(e)));
  [io, memberIo, ilo, gov, cso, tdh, business, organizer] = clients as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
  for (const [i, email] of emails.entries()) org[email.split('@')[0]!] = (await clients[i]!.get('/api/v1/me')).json().organization.id;
});
afterAll(async () => t?.close());

let mailsBefore = 0;
beforeEach(async () => {
  mailsBefore = (await t.mails()).length;
});
/** Mails written since the test began or since the last call. */
async function newMails() {
  const all = await t.mails();
  const fresh = all.slice(mailsBefore);
  mailsBefore = all.length;
  return fresh;
}

async function create(client: TestClient, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/posts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; revision: number; status: string; audience: string };
}

describe('the project lifecycle', () => {
  it('moves a project along allowed steps only, keeping a revision with who and when', async () => {
    const post = await create(cso, idea);
    expect(post.status).toBe('idea');
    const moved = await cso.post(`/api/v1/posts/${post.id}/status`, { status: 'drafting', revision: 1 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'drafting', revision: 2 });
    const revision = await t.app.db.selectFrom('post_revisions').selectAll().where('post_id', '=', post.id).where('revision', '=', 2).executeTakeFirstOrThrow();
    expect(revision.snapshot).toMatchObject({ status: 'drafting' });
    expect(revision.edited_at).toBeInstanceOf(Date);
    const csoUser = (await cso.get('/api/v1/me')).json().id;
    expect(revision.edited_by).toBe(csoUser);

    // Jumping from drafting to completed is refused, on the status route and through PATCH alike.
    const jump = await cso.post(`/api/v1/posts/${post.id}/status`, { status: 'completed' });
    expect(jump.statusCode).toBe(400);
    expect(jump.json().errors).toEqual([expect.objectContaining({ field: 'status', detail: expect.stringContaining('may move to: idea, seeking_funding, withdrawn') })]);
    expect((await cso.patch(`/api/v1/posts/${post.id}`, { status: 'funded' })).statusCode).toBe(400);
    expect((await cso.get(`/api/v1/posts/${post.id}`)).json()).toMatchObject({ status: 'drafting', revision: 2 });

    const overview = (await cso.get(`/api/v1/posts/${post.id}/coordination`)).json();
    expect(overview).toMatchObject({ isProject: true, status: 'drafting', lifecycle: { steps: ['idea', 'drafting', 'seeking_funding', 'funded', 'in_implementation', 'completed'], next: ['idea', 'seeking_funding', 'withdrawn'] }, permissions: { changeStatus: true } });
  });

  it('lets the lead, its co-authors and organizers move it, and nobody else', async () => {
    const post = await create(cso, { ...idea, title: 'Helpline quality standards shared with the police' });
    for (const stranger of [tdh, gov, io]) expect((await stranger.post(`/api/v1/posts/${post.id}/status`, { status: 'drafting' })).statusCode).toBe(403);
    expect((await tdh.get(`/api/v1/posts/${post.id}/coordination`)).json()).toMatchObject({ lifecycle: { next: [] }, permissions: { changeStatus: false } });
    expect((await organizer.post(`/api/v1/posts/${post.id}/status`, { status: 'drafting' })).statusCode).toBe(200);
    expect((await cso.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.tdh })).statusCode).toBe(201);
    expect((await tdh.post(`/api/v1/posts/${post.id}/status`, { status: 'seeking_funding' })).statusCode).toBe(200);
    // A stale status change is refused like a stale edit.
    const stale = await cso.post(`/api/v1/posts/${post.id}/status`, { status: 'funded', revision: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: '/problems/stale-revision', currentRevision: 3, changes: [expect.objectContaining({ field: 'status', from: 'drafting', to: 'seeking_funding' })] });
  });

  it('has no lifecycle for requests and project information', async () => {
    const request = await create(gov, { kind: 'ta_request', title: 'Assessment of the draft law', body: 'Legislative assessment.', countries: ['NG'] });
    expect((await gov.post(`/api/v1/posts/${request.id}/status`, { status: 'closed' })).statusCode).toBe(403);
    expect((await gov.get(`/api/v1/posts/${request.id}/coordination`)).json()).toMatchObject({ isProject: false, lifecycle: null, permissions: { changeStatus: false, manageCoauthors: false, requestPartnership: false } });
    // Requests keep their own statuses, freely set through PATCH as before.
    expect((await gov.patch(`/api/v1/posts/${request.id}`, { status: 'closed' })).statusCode).toBe(200);
  });
});

describe('joint drafting', () => {
  it('adds co-authors who then edit through PATCH, every revision kept with who and when', async () => {
    const post = await create(io, { ...idea, kind: 'pipeline_project', title: 'Safe return and reintegration in South-Eastern Europe', audience: 'all' });
    expect((await ilo.patch(`/api/v1/posts/${post.id}`, { title: 'Hijacked' })).statusCode).toBe(403);

    const added = await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.ilo });
    expect(added.statusCode).toBe(201);
    expect(added.json().items).toEqual([expect.objectContaining({ organization: expect.objectContaining({ id: org.ilo, tier: 'full' }), addedBy: expect.objectContaining({ name: 'Marta Silva' }) })]);
    const mails = await newMails();
    expect(mails.map((m) => m.to)).toEqual(['ilo@demo.test']);
    expect(mails[0]!.text).toContain('International Organization for Migration (IOM) added your organization as a co-author');
    expect(mails[0]!.text).toContain('Safe return and reintegration in South-Eastern Europe');

    expect((await ilo.get(`/api/v1/posts/${post.id}`)).json().permissions.update).toBe(true);
    // A co-author is not offered "Ask to join" on the project it drafts, and may not ask (issue 13).
    expect((await ilo.get(`/api/v1/posts/${post.id}/coordination`)).json().permissions.requestPartnership).toBe(false);
    expect((await ilo.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'implementing_partner', message: 'Asking to join our own draft.' })).statusCode).toBe(403);
    expect((await gov.get(`/api/v1/posts/${post.id}/coordination`)).json().permissions.requestPartnership).toBe(true);
    const edited = await ilo.patch(`/api/v1/posts/${post.id}`, { revision: 1, body: 'A network of community shelters.\n\nStaff and volunteers are trained in child-friendly procedures.', areas: ['victim_protection', 'criminal_justice'] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().revision).toBe(2);
    // The co-author (and the lead's other members) read the history, which names the co-author.
    const history = (await memberIo.get(`/api/v1/posts/${post.id}/revisions`)).json().items;
    expect(history[0]).toMatchObject({ revision: 2, editedBy: { name: 'Jonas Lindqvist' } });
    expect((await ilo.get(`/api/v1/posts/${post.id}/revisions`)).statusCode).toBe(200);

    // A co-author may not decide who sees the project, nor choose the co-authors.
    expect((await ilo.patch(`/api/v1/posts/${post.id}`, { audience: 'full' })).statusCode).toBe(403);
    expect((await ilo.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.government })).statusCode).toBe(403);

    // A co-author may step back itself, but not remove another.
    expect((await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.government })).statusCode).toBe(201);
    expect((await ilo.get(`/api/v1/posts/${post.id}/coordination`)).json().permissions).toMatchObject({ leaveCoauthorship: true, manageCoauthors: false });
    expect((await ilo.delete(`/api/v1/posts/${post.id}/coauthors/${org.government}`)).statusCode).toBe(403);
    expect((await gov.delete(`/api/v1/posts/${post.id}/coauthors/${org.government}`)).statusCode).toBe(204);
    expect((await gov.patch(`/api/v1/posts/${post.id}`, { title: 'After leaving' })).statusCode).toBe(403);

    // Removed, the co-author edits no more.
    expect((await io.delete(`/api/v1/posts/${post.id}/coauthors/${org.ilo}`)).statusCode).toBe(204);
    expect((await ilo.patch(`/api/v1/posts/${post.id}`, { title: 'One more edit' })).statusCode).toBe(403);
    expect((await io.delete(`/api/v1/posts/${post.id}/coauthors/${org.ilo}`)).statusCode).toBe(404);
  });

  it('refuses a partial-tier co-author on a full-tier post, and a full-tier audience while one works on it', async () => {
    const restricted = await create(io, { ...idea, kind: 'pipeline_project', title: 'Border officials training under the Bali Process' });
    expect(restricted.audience).toBe('full');
    const refused = await io.post(`/api/v1/posts/${restricted.id}/coauthors`, { organizationId: org.cso });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: '/problems/coauthor-cannot-see', detail: expect.stringContaining('La Strada International could not see this project') });
    expect(await t.app.db.selectFrom('post_coauthors').select('organization_id').where('post_id', '=', restricted.id).execute()).toEqual([]);
    expect(await newMails()).toEqual([]);

    const open = await create(io, { ...idea, kind: 'pipeline_project', title: 'Referral mechanism open to all', audience: 'all' });
    expect((await io.post(`/api/v1/posts/${open.id}/coauthors`, { organizationId: org.cso })).statusCode).toBe(201);
    const narrowing = await io.patch(`/api/v1/posts/${open.id}`, { audience: 'full' });
    expect(narrowing.statusCode).toBe(409);
    expect(narrowing.json()).toMatchObject({ type: '/problems/audience-excludes-partners', organizations: [{ id: org.cso, name: 'La Strada International' }] });
    expect((await cso.get(`/api/v1/posts/${open.id}`)).statusCode).toBe(200);
    // Without partial-tier associates the lead may restrict it.
    expect((await io.delete(`/api/v1/posts/${open.id}/coauthors/${org.cso}`)).statusCode).toBe(204);
    expect((await io.patch(`/api/v1/posts/${open.id}`, { audience: 'full' })).statusCode).toBe(200);
  });

  it('checks who can be a co-author', async () => {
    const post = await create(io, { ...idea, kind: 'pipeline_project', title: 'Co-author checks', audience: 'all' });
    const self = await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.io });
    expect(self.json().errors).toEqual([expect.objectContaining({ field: 'organizationId', detail: 'is the lead organization of this project already' })]);
    const unknown = await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'organizationId' })]);
    expect((await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.tdh })).statusCode).toBe(201);
    expect((await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.tdh })).json()).toMatchObject({ status: 409, type: '/problems/already-coauthor' });
    expect((await cso.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.business })).statusCode).toBe(403);
    // Organizers may help the lead.
    expect((await organizer.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.business })).statusCode).toBe(201);
    // A co-author loses the post with everyone else when the organizers hide it.
    expect((await organizer.post(`/api/v1/posts/${post.id}/hide`, { reason: 'Checking the content' })).statusCode).toBe(200);
    expect((await tdh.patch(`/api/v1/posts/${post.id}`, { title: 'Edited while hidden' })).statusCode).toBe(404);
  });

  it('refuses a stale save with 409 carrying the current revision and the diff from the base', async () => {
    const post = await create(io, { ...idea, kind: 'pipeline_project', title: 'Joint drafting of a reintegration programme', audience: 'all' });
    await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.ilo });
    expect((await ilo.patch(`/api/v1/posts/${post.id}`, { revision: 1, title: 'Joint drafting of a labour reintegration programme', themes: ['partnership'] })).statusCode).toBe(200);

    const stale = await io.patch(`/api/v1/posts/${post.id}`, { revision: 1, title: 'My own title' });
    expect(stale.statusCode).toBe(409);
    const body = stale.json();
    expect(body).toMatchObject({ type: '/problems/stale-revision', currentRevision: 2, baseRevision: 1, revisionsSince: [{ revision: 2, editedBy: { name: 'Jonas Lindqvist', organization: { id: org.ilo } } }] });
    const title = body.changes.find((c: { field: string }) => c.field === 'title');
    expect(title.parts).toEqual([
      { op: 'same', text: 'Joint drafting of a ' },
      { op: 'added', text: 'labour ' },
      { op: 'same', text: 'reintegration programme' },
    ]);
    expect(body.changes).toContainEqual({ field: 'themes', type: 'list', added: ['partnership'], removed: [] });
    // Nothing was overwritten.
    expect((await io.get(`/api/v1/posts/${post.id}`)).json()).toMatchObject({ revision: 2, title: 'Joint drafting of a labour reintegration programme' });
    // On top of the current revision, the same save goes through.
    expect((await io.patch(`/api/v1/posts/${post.id}`, { revision: 2, title: 'My own title' })).statusCode).toBe(200);
  });
});

describe('comparing revisions', () => {
  it('returns a structured diff of two revisions to those who may read the history', async () => {
    const post = await create(cso, { ...idea, title: 'Prevention of forced marriage in South Asia', audience: 'all' });
    await cso.patch(`/api/v1/posts/${post.id}`, { body: 'A network of community shelters.\n\nStaff are trained in child-friendly and gender-sensitive procedures.', regions: ['034'] });
    await cso.post(`/api/v1/posts/${post.id}/status`, { status: 'drafting' });
    const res = await cso.get(`/api/v1/posts/${post.id}/revisions/1/diff/3`);
    expect(res.statusCode).toBe(200);
    const diff = res.json();
    expect(diff.from.revision).toBe(1);
    expect(diff.to).toMatchObject({ revision: 3, editedBy: { name: 'Anouk de Vries' } });
    expect(diff.between.map((r: { revision: number }) => r.revision)).toEqual([2, 3]);
    expect(diff.changes.map((c: { field: string }) => c.field)).toEqual(['body', 'regions', 'status']);
    const body = diff.changes[0];
    expect(body.parts.filter((p: { op: string }) => p.op !== 'same').map((p: { text: string }) => p.text.trim())).toEqual(['and gender-sensitive']);
    expect(diff.changes[1]).toEqual({ field: 'regions', type: 'list', added: ['034'], removed: ['011'] });
    expect(diff.changes[2]).toEqual({ field: 'status', type: 'value', from: 'idea', to: 'drafting' });
    // Backwards works too, and a revision that does not exist is a 404.
    expect((await cso.get(`/api/v1/posts/${post.id}/revisions/3/diff/1`)).json().changes[2]).toEqual({ field: 'status', type: 'value', from: 'drafting', to: 'idea' });
    expect((await cso.get(`/api/v1/posts/${post.id}/revisions/1/diff/9`)).statusCode).toBe(404);
    // Someone who sees the post but does not edit it may not read its drafts.
    expect((await tdh.get(`/api/v1/posts/${post.id}/revisions/1/diff/3`)).statusCode).toBe(403);
  });
});

describe('partnerships', () => {
  it('an organization asks to join, the lead hears of it by mail and accepts; partners and the cooperative flag follow', async () => {
    const post = await create(cso, { ...idea, title: 'Reintegration through employer partnerships' });
    expect((await cso.get(`/api/v1/posts/${post.id}`)).json().cooperative).toBe(false);
    expect((await tdh.get(`/api/v1/posts/${post.id}/coordination`)).json().permissions).toMatchObject({ requestPartnership: true, decidePartnerships: false });

    const asked = await tdh.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'implementing_partner', message: 'We run child protection programmes in the region.' });
    expect(asked.statusCode).toBe(201);
    const request = asked.json();
    expect(request).toMatchObject({ status: 'pending', role: 'implementing_partner', organization: { id: org.tdh }, permissions: { accept: false, withdraw: true } });
    const mails = await newMails();
    expect(mails.map((m) => m.to)).toEqual(['cso@demo.test']);
    expect(mails[0]!.subject).toContain('Terre des Hommes asks to join your project');
    expect(mails[0]!.text).toContain('as implementing partner');
    expect(mails[0]!.text).toContain('> We run child protection programmes in the region.');

    expect((await tdh.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'donor', message: 'Asking a second time right away.' })).json()).toMatchObject({ status: 409, type: '/problems/request-pending' });
    expect((await tdh.get(`/api/v1/posts/${post.id}/coordination`)).json().permissions.requestPartnership).toBe(false);
    // Only the lead sees every request; another organization sees none of them.
    expect((await cso.get(`/api/v1/posts/${post.id}/partnership-requests`)).json().items).toHaveLength(1);
    expect((await business.get(`/api/v1/posts/${post.id}/partnership-requests`)).json().items).toEqual([]);
    expect((await business.get(`/api/v1/partnership-requests/${request.id}`)).statusCode).toBe(404);
    expect((await tdh.post(`/api/v1/partnership-requests/${request.id}/accept`)).statusCode).toBe(403);
    expect((await business.post(`/api/v1/partnership-requests/${request.id}/accept`)).statusCode).toBe(404);

    const accepted = await cso.post(`/api/v1/partnership-requests/${request.id}/accept`, { note: 'Welcome aboard.' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decisionNote: 'Welcome aboard.' });
    expect((await cso.post(`/api/v1/partnership-requests/${request.id}/accept`)).json()).toMatchObject({ status: 409, type: '/problems/request-decided' });
    const decided = await newMails();
    expect(decided.map((m) => m.to)).toEqual(['tdh@demo.test']);
    expect(decided[0]!.subject).toContain('accepted your partnership');
    // Now a partner: no longer offered "Ask to join" (issue 13).
    expect((await tdh.get(`/api/v1/posts/${post.id}/coordination`)).json().permissions.requestPartnership).toBe(false);

    const partners = (await business.get(`/api/v1/posts/${post.id}/partners`)).json();
    expect(partners).toMatchObject({ cooperative: true, items: [{ organization: { id: org.tdh, name: 'Terre des Hommes' }, role: 'implementing_partner' }] });
    expect((await business.get(`/api/v1/posts/${post.id}`)).json().cooperative).toBe(true);
    expect(await isCooperativelyDeveloped(t.app.db, post.id)).toBe(true);
    // The SQL form, as statistics would use it inside its own query.
    const ids = await t.app.db.selectFrom('posts as p').select('p.id').where(cooperativelyDeveloped).where('p.id', '=', post.id).execute();
    expect(ids).toEqual([{ id: post.id }]);

    // The partner is also in the way of narrowing the audience, until the lead removes it.
    expect((await cso.patch(`/api/v1/posts/${post.id}`, { audience: 'full' })).json()).toMatchObject({ status: 409, type: '/problems/audience-excludes-partners' });
    expect((await cso.get(`/api/v1/posts/${post.id}/coordination`)).json().permissions.managePartners).toBe(true);
    expect((await tdh.delete(`/api/v1/posts/${post.id}/partners/${org.tdh}/implementing_partner`)).statusCode).toBe(403);
    expect((await cso.delete(`/api/v1/posts/${post.id}/partners/${org.tdh}/donor`)).statusCode).toBe(404);
    expect((await cso.delete(`/api/v1/posts/${post.id}/partners/${org.tdh}/implementing_partner`)).statusCode).toBe(204);
    expect((await business.get(`/api/v1/posts/${post.id}`)).json().cooperative).toBe(false);
    expect((await cso.patch(`/api/v1/posts/${post.id}`, { audience: 'full' })).statusCode).toBe(200);
  });

  it('declines and withdraws, and lists requests sent and received', async () => {
    const post = await create(cso, { ...idea, title: 'Hotel staff training on child sexual exploitation' });
    const donor = (await business.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'donor', message: 'Accor could fund the hotel training.' })).json();
    const adviser = (await gov.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'technical_adviser', message: 'NAPTIP can advise on referral.' })).json();
    await newMails();

    const declined = await cso.post(`/api/v1/partnership-requests/${donor.id}/decline`, { note: 'Not this year.' });
    expect(declined.json()).toMatchObject({ status: 'declined', decisionNote: 'Not this year.' });
    const mails = await newMails();
    expect(mails.map((m) => m.to)).toEqual(['business@demo.test']);
    expect(mails[0]!.text).toContain('La Strada International declined your request to join the project "Hotel staff training on child sexual exploitation" as donor.');
    expect((await gov.post(`/api/v1/partnership-requests/${adviser.id}/withdraw`)).json()).toMatchObject({ status: 'withdrawn' });
    expect((await cso.post(`/api/v1/partnership-requests/${adviser.id}/accept`)).statusCode).toBe(409);

    expect((await business.get('/api/v1/partnership-requests?direction=sent')).json().items.map((r: { id: string }) => r.id)).toContain(donor.id);
    const received = (await cso.get('/api/v1/partnership-requests?direction=received&status=declined')).json().items;
    expect(received.map((r: { id: string }) => r.id)).toContain(donor.id);
    expect(received.every((r: { status: string }) => r.status === 'declined')).toBe(true);
    expect((await cso.get(`/api/v1/posts/${post.id}`)).json().cooperative).toBe(false);

    // Organizers may decide in the lead's place.
    const ilos = (await ilo.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'technical_adviser', message: 'The ILO can advise on labour inspection.' })).json();
    expect((await organizer.post(`/api/v1/partnership-requests/${ilos.id}/accept`)).json()).toMatchObject({ status: 'accepted' });
    expect((await cso.get(`/api/v1/posts/${post.id}`)).json().cooperative).toBe(true);
  });

  it('takes no request on a closed project, from the lead itself, or for a kind that is not a project', async () => {
    const post = await create(cso, { ...idea, title: 'Closed project' });
    const message = { role: 'donor', message: 'We would like to help fund this.' };
    expect((await cso.post(`/api/v1/posts/${post.id}/partnership-requests`, message)).statusCode).toBe(403);
    await cso.post(`/api/v1/posts/${post.id}/status`, { status: 'withdrawn' });
    expect((await tdh.post(`/api/v1/posts/${post.id}/partnership-requests`, message)).json()).toMatchObject({ status: 409, type: '/problems/project-closed' });
    const info = await create(tdh, { ...idea, kind: 'project_info', title: 'Project information' });
    expect((await cso.post(`/api/v1/posts/${info.id}/partnership-requests`, message)).statusCode).toBe(403);
    const short = await tdh.post(`/api/v1/posts/${info.id}/partnership-requests`, { role: 'sponsor', message: 'x' });
    expect(short.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['message', 'role']);
  });
});

describe('the tier wall', () => {
  it('answers 404 for every coordination resource of a project the user may not see', async () => {
    const post = await create(io, { ...idea, kind: 'pipeline_project', title: 'Restricted pipeline project on border management' });
    await io.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.ilo });
    const request = (await gov.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'donor', message: 'The government co-funds this.' })).json();
    for (const partial of [cso, tdh, business]) {
      for (const path of ['coordination', 'coauthors', 'partners', 'partnership-requests', 'revisions/1/diff/1']) {
        expect((await partial.get(`/api/v1/posts/${post.id}/${path}`)).statusCode, path).toBe(404);
      }
      expect((await partial.post(`/api/v1/posts/${post.id}/status`, { status: 'funded' })).statusCode).toBe(404);
      expect((await partial.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'donor', message: 'Trying to join blindly.' })).statusCode).toBe(404);
      expect((await partial.post(`/api/v1/posts/${post.id}/coauthors`, { organizationId: org.cso })).statusCode).toBe(404);
      expect((await partial.delete(`/api/v1/posts/${post.id}/partners/${org.government}/donor`)).statusCode).toBe(404);
      expect((await partial.get(`/api/v1/partnership-requests/${request.id}`)).statusCode).toBe(404);
      expect((await partial.post(`/api/v1/partnership-requests/${request.id}/decline`)).statusCode).toBe(404);
      const sent = (await partial.get('/api/v1/partnership-requests?direction=sent')).json().items;
      expect(sent.map((r: { postId: string }) => r.postId)).not.toContain(post.id);
    }
  });

  it('never makes a partner of an organization that can no longer see the project, nor mails it', async () => {
    const post = await create(io, { ...idea, kind: 'pipeline_project', title: 'Open project narrowed later', audience: 'all' });
    const request = (await tdh.post(`/api/v1/posts/${post.id}/partnership-requests`, { role: 'implementing_partner', message: 'We could implement the field work.' })).json();
    // A pending request does not hold the lead back; once restricted, the project vanishes for the NGO.
    expect((await io.patch(`/api/v1/posts/${post.id}`, { audience: 'full' })).statusCode).toBe(200);
    expect((await tdh.get(`/api/v1/partnership-requests/${request.id}`)).statusCode).toBe(404);
    expect((await io.post(`/api/v1/partnership-requests/${request.id}/accept`)).json()).toMatchObject({ status: 409, type: '/problems/partner-cannot-see' });
    await newMails();
    expect((await io.post(`/api/v1/partnership-requests/${request.id}/decline`, { note: 'Restricted now.' })).statusCode).toBe(200);
    expect((await newMails()).filter((m) => m.to === 'tdh@demo.test')).toEqual([]);
    expect((await io.get(`/api/v1/posts/${post.id}/partners`)).json().items).toEqual([]);
  });
});

describe('demo data', () => {
  it('has co-authored projects and requests to decide, each from an organization that can see the project', async () => {
    const coauthors = await t.app.db
      .selectFrom('post_coauthors as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .innerJoin('organizations as o', 'o.id', 'c.organization_id')
      .select(['p.id', 'p.audience', 'o.category'])
      .where('p.is_demo', '=', true)
      .execute();
    expect(coauthors.length).toBeGreaterThanOrEqual(2);
    for (const c of coauthors) {
      if (c.audience === 'full') expect(['government', 'intergovernmental']).toContain(c.category);
      expect(await isCooperativelyDeveloped(t.app.db, c.id)).toBe(true);
    }
    const pending = (await cso.get('/api/v1/partnership-requests?direction=received&status=pending')).json().items;
    expect(pending.map((r: { organization: { name: string } }) => r.organization.name)).toEqual(expect.arrayContaining(['Accor (hotel group)', 'Organization for Security and Co-operation in Europe (OSCE)']));
    expect((await tdh.get(`/api/v1/posts/${pending[0].postId}`)).json().permissions.update).toBe(true);
  });
});

describe('the API description', () => {
  it('documents the coordination routes in OpenAPI', async () => {
    const doc = (await t.client().get('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/posts/{id}/coordination',
        '/api/v1/posts/{id}/status',
        '/api/v1/posts/{id}/revisions/{from}/diff/{to}',
        '/api/v1/posts/{id}/coauthors/{organizationId}',
        '/api/v1/posts/{id}/partnership-requests',
        '/api/v1/partnership-requests/{id}/accept',
      ]),
    );
  });
});
