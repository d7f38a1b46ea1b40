// The organizers' IATI import: invalid files are refused with the schema's errors and change
// nothing; what the Forum does not keep is listed; a re-import matches on the IATI identifier and
// never duplicates; and export → import into a fresh database → export gives the same activities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../demo/demo-accounts.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { xmllint } from './iati-testing.js';
import { children, parseXml } from './xml.js';
import type { LightMyRequestResponse } from 'fastify';

const PREFIX = 'XM-TEST-VF';
const publisher = { prefix: PREFIX, publisherName: 'Virtual Forum (test)', publisherType: '40' };
let t: TestApp;
let organizer: TestClient;
let tdh: { id: string; name: string };
let lastrada: { id: string; name: string };

/** POSTs a file as the IATI import does (the body is the XML itself). */
async function upload(app: TestApp, c: TestClient, xml: string, query: string): Promise<LightMyRequestResponse> {
  return app.app.inject({ method: 'POST', url: `/api/v1/iati/imports?${query}`, payload: xml, headers: { 'content-type': 'application/xml', cookie: c.cookie!, 'x-csrf-token': c.csrfToken! } });
}
const postCount = async (app: TestApp) => Number((await app.database.db.selectFrom('posts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** An activities file as a donor database might publish it, with elements the Forum does not keep. */
const externalFile = (title = 'Strengthening counter-trafficking data systems in Ghana') => `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-05-01T10:00:00Z">
  <iati-activity last-updated-datetime="2024-04-30T08:00:00Z" xml:lang="en" default-currency="EUR" humanitarian="0">
    <iati-identifier>XM-DAC-7-1-123456</iati-identifier>
    <reporting-org ref="XM-DAC-7" type="10"><narrative>Ministry of Foreign Affairs (example donor)</narrative></reporting-org>
    <title><narrative>${title}</narrative><narrative xml:lang="fr">Renforcer les systèmes de données au Ghana</narrative></title>
    <description type="1"><narrative>Building the national statistics office's capacity to collect trafficking data.</narrative></description>
    <description type="2"><narrative>Objectives: a yearly national report.</narrative></description>
    <participating-org ref="XM-DAC-7" type="10" role="1"><narrative>Ministry of Foreign Affairs (example donor)</narrative></participating-org>
    <participating-org type="22" role="4"><narrative>Terre des Hommes</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2024-01-01"/>
    <activity-date type="2" iso-date="2024-02-15"/>
    <activity-date type="3" iso-date="2025-12-31"/>
    <contact-info><organisation><narrative>Donor</narrative></organisation></contact-info>
    <recipient-country code="GH" percentage="100"/>
    <recipient-region code="289" vocabulary="1" percentage="100"/>
    <location><name><narrative>Accra</narrative></name></location>
    <sector vocabulary="1" code="16062" percentage="60"/>
    <sector vocabulary="1" code="11110" percentage="40"/>
    <budget type="1" status="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/><value currency="EUR" value-date="2024-01-01">100000</value></budget>
    <budget type="1" status="1"><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><value value-date="2025-01-01">50000.50</value></budget>
    <budget type="2" status="1"><period-start iso-date="2025-01-01"/><period-end iso-date="2025-12-31"/><value value-date="2025-06-01">60000</value></budget>
    <planned-disbursement type="1"><period-start iso-date="2024-03-01"/><value currency="EUR" value-date="2024-03-01">25000</value><provider-org ref="XM-DAC-7" type="10"><narrative>Ministry of Foreign Affairs (example donor)</narrative></provider-org></planned-disbursement>
    <transaction><transaction-type code="2"/><transaction-date iso-date="2024-01-10"/><value value-date="2024-01-10">100000</value></transaction>
    <transaction><transaction-type code="3"/><transaction-date iso-date="2024-03-10"/><value value-date="2024-03-10">25000</value></transaction>
    <document-link url="https://example.org/report.pdf" format="application/pdf"><title><narrative>Report</narrative></title><category code="A01"/></document-link>
  </iati-activity>
  <iati-activity>
    <iati-identifier>XM-DAC-7-1-999</iati-identifier>
    <reporting-org ref="XM-DAC-7" type="10"><narrative>Ministry</narrative></reporting-org>
    <title><narrative>An activity with only an OECD region</narrative></title>
    <description><narrative>x</narrative></description>
    <participating-org role="4"><narrative>Someone</narrative></participating-org>
    <activity-status code="2"/>
    <activity-date type="1" iso-date="2024-01-01"/>
    <recipient-region code="298" vocabulary="1"/>
  </iati-activity>
</iati-activities>`;

beforeAll(async () => {
  t = await createTestApp({ iati: publisher });
  organizer = await t.signIn('organizer@demo.test');
  const orgs = (await organizer.get('/api/v1/organizations')).json().items as { id: string; name: string }[];
  tdh = orgs.find((o) => o.name === 'Terre des Hommes')!;
  lastrada = orgs.find((o) => o.name === 'La Strada International')!;
});
afterAll(async () => t?.close());

describe('refusing what cannot be imported', () => {
  it('refuses a file that does not follow the schema, with its errors, and changes nothing', async () => {
    const before = await postCount(t);
    const broken = externalFile().replace('<activity-status code="2"/>', '');
    expect((await xmllint(broken, 'iati-activities-schema.xsd')).valid).toBe(false);
    const res = await upload(t, organizer, broken, `organizationId=${tdh.id}`);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.type).toBe('/problems/iati-invalid');
    expect(body.schemaErrors[0].message).toContain('activity-status');
    expect(body.schemaErrors[0].line).toBeGreaterThan(1);
    expect(await postCount(t)).toBe(before);
  });

  it('refuses files that are not XML, declare a document type, or are empty', async () => {
    const before = await postCount(t);
    const notXml = await upload(t, organizer, 'just some text', `organizationId=${tdh.id}`);
    expect(notXml.statusCode).toBe(400);
    expect(notXml.json().type).toBe('/problems/iati-invalid');
    const doctype = await upload(t, organizer, externalFile().replace('<iati-activities', '<!DOCTYPE x [<!ENTITY e "e">]>\n<iati-activities'), `organizationId=${tdh.id}`);
    expect(doctype.json().type).toBe('/problems/iati-doctype');
    expect((await upload(t, organizer, '  ', `organizationId=${tdh.id}`)).json().type).toBe('/problems/iati-empty');
    const json = await organizer.request('POST', `/api/v1/iati/imports?organizationId=${tdh.id}`, { xml: externalFile() });
    expect(json.statusCode).toBe(415);
    expect(await postCount(t)).toBe(before);
  });

  it('is for organizers only, and for an organization of the Forum', async () => {
    const io = await t.signIn('io@demo.test');
    expect((await upload(t, io, externalFile(), `organizationId=${tdh.id}`)).statusCode).toBe(403);
    expect((await upload(t, organizer, externalFile(), 'organizationId=3f0c3f9e-1111-4b5c-9d2e-000000000000')).json().errors[0].field).toBe('organizationId');
  });
});

describe('an external file', () => {
  let result: { created: number; skipped: number; activities: { iatiIdentifier: string; action: string; postId: string | null; reason: string | null; notImported: { element: string; detail: string }[] }[] };

  it('a dry run says what would happen and saves nothing', async () => {
    const before = await postCount(t);
    const res = await upload(t, organizer, externalFile(), `organizationId=${tdh.id}&dryRun=true`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, created: 1, skipped: 1 });
    expect(await postCount(t)).toBe(before);
  });

  it('becomes project information of the organization, with what is not kept listed', async () => {
    const before = await postCount(t);
    const res = await upload(t, organizer, externalFile(), `organizationId=${tdh.id}`);
    expect(res.statusCode, res.body).toBe(200);
    result = res.json();
    expect(result).toMatchObject({ created: 1, skipped: 1 });
    expect(await postCount(t)).toBe(before + 1);
    const [made, skipped] = result.activities;
    expect(skipped).toMatchObject({ iatiIdentifier: 'XM-DAC-7-1-999', action: 'skipped' });
    expect(skipped!.reason).toContain('no recipient country');
    const elements = made!.notImported.map((n) => n.element);
    for (const e of ['transaction', 'document-link', 'location', 'contact-info', 'recipient-region', 'title/narrative', 'description', 'activity-date', 'budget', 'budget/period-start', 'sector', 'sector/@percentage', 'iati-activity/@humanitarian']) expect(elements, e).toContain(e);
    expect(made!.notImported.find((n) => n.element === 'transaction')!.detail).toContain('2 elements');
    expect(made!.notImported.find((n) => n.element === 'sector')!.detail).toContain('11110');

    const post = (await organizer.get(`/api/v1/posts/${made!.postId}`)).json();
    expect(post).toMatchObject({
      kind: 'project_info',
      status: 'ongoing',
      audience: 'all',
      title: 'Strengthening counter-trafficking data systems in Ghana',
      body: "Building the national statistics office's capacity to collect trafficking data.",
      organization: { id: tdh.id },
      countries: ['GH'],
      regions: [],
      areas: ['data_research'],
      budget: { amount: '150000.50', currency: 'EUR' },
      startsOn: '2024-01-01',
      endsOn: '2025-12-31',
    });
    // A participant of the other tier sees it like any post open to all.
    expect((await (await t.signIn('cso@demo.test')).get(`/api/v1/posts/${made!.postId}`)).statusCode).toBe(200);
  });

  it('keeps the publisher, participants and planned disbursements and exports them again', async () => {
    const xml = (await organizer.get(`/api/v1/iati/activities.xml?organization=${tdh.id}`)).body;
    expect((await xmllint(xml, 'iati-activities-schema.xsd')).valid).toBe(true);
    const activity = children(children(parseXml(xml), 'iati-activities')[0], 'iati-activity').find((a) => xml.includes('XM-DAC-7-1-123456') && JSON.stringify(a).includes('XM-DAC-7-1-123456'))!;
    const text = JSON.stringify(activity);
    expect(text).toContain('Ministry of Foreign Affairs (example donor)');
    expect(text).toContain('"@_code":"2"');
    expect(children(activity, 'planned-disbursement')).toHaveLength(1);
    expect(children(activity, 'participating-org')).toHaveLength(2);
  });

  it('a second import of the same file changes nothing and duplicates nothing', async () => {
    const before = await postCount(t);
    const res = (await upload(t, organizer, externalFile(), `organizationId=${tdh.id}`)).json();
    expect(res).toMatchObject({ created: 0, updated: 0, unchanged: 1, skipped: 1 });
    expect(await postCount(t)).toBe(before);
  });

  it('an updated file updates the post (a new revision), still without duplicates', async () => {
    const before = await postCount(t);
    const res = (await upload(t, organizer, externalFile('Strengthening counter-trafficking data systems in Ghana, phase 2'), `organizationId=${tdh.id}`)).json();
    expect(res).toMatchObject({ created: 0, updated: 1 });
    expect(await postCount(t)).toBe(before);
    const postId = res.activities[0].postId;
    const post = (await organizer.get(`/api/v1/posts/${postId}`)).json();
    expect(post.title).toBe('Strengthening counter-trafficking data systems in Ghana, phase 2');
    expect(post.revision).toBe(2);
  });

  it('an activity imported for one organization is not taken over by another', async () => {
    const res = (await upload(t, organizer, externalFile(), `organizationId=${lastrada.id}`)).json();
    expect(res.activities[0]).toMatchObject({ action: 'skipped' });
    expect(res.activities[0].reason).toContain('Terre des Hommes');
  });

  it("the Forum's own export imported into the same Forum duplicates nothing", async () => {
    const before = await postCount(t);
    const io = (await organizer.get('/api/v1/organizations')).json().items.find((o: { name: string }) => o.name.includes('(IOM)'));
    const own = (await organizer.get(`/api/v1/iati/activities.xml?organization=${io.id}`)).body;
    const res = (await upload(t, organizer, own, `organizationId=${io.id}`)).json();
    expect(res.created).toBe(0);
    expect(res.skipped).toBeGreaterThan(0);
    expect(res.activities.every((a: { reason: string }) => a.reason.includes('post of this Forum'))).toBe(true);
    expect(await postCount(t)).toBe(before);
  });
});

describe('round trip', () => {
  let fresh: TestApp;
  afterAll(async () => fresh?.close());

  it('export → import into a fresh database → export gives the same activities', async () => {
    const orgs = (await organizer.get('/api/v1/organizations')).json().items as { id: string; name: string; category: string; country: string }[];
    const iom = orgs.find((o) => o.name.includes('(IOM)'))!;
    // Everything the source can say about IOM's projects: a co-author, a partner, pledges, a restricted one.
    const io = await t.signIn('io@demo.test');
    const gov = await t.signIn('government@demo.test');
    const p = (await io.post('/api/v1/posts', { kind: 'pipeline_project', title: 'Round trip: a project with everything', body: 'Body\n\nwith *Markdown* & <angle brackets>.', countries: ['NG', 'BJ'], regions: ['002'], areas: ['victim_protection', 'international_cooperation'], themes: ['partnership'], exploitation: ['child_trafficking', 'forced_begging'], budget: { amount: '98765.43', currency: 'CHF' }, startsOn: '2030-02-01', endsOn: '2030-11-30' })).json();
    const ilo = orgs.find((o) => o.name.includes('(ILO)'))!;
    expect((await io.post(`/api/v1/posts/${p.id}/coauthors`, { organizationId: ilo.id })).statusCode).toBe(201);
    const pledge = (await gov.post(`/api/v1/posts/${p.id}/pledges`, { amount: '1000', currency: 'USD' })).json();
    expect((await gov.post(`/api/v1/pledges/${pledge.id}/confirm`, {})).statusCode).toBe(200);
    expect((await io.post('/api/v1/posts', { kind: 'project_info', title: 'Round trip: information with a budget, no dates', body: 'x', regions: ['150'], budget: { amount: '5', currency: 'EUR' } })).statusCode).toBe(201);

    const first = await organizer.get(`/api/v1/iati/activities.xml?organization=${iom.id}`);
    expect(first.statusCode).toBe(200);
    const activitiesOf = (xml: string) => xml.slice(xml.indexOf('<iati-activity '), xml.lastIndexOf('</iati-activities>'));
    expect(activitiesOf(first.body).split('<iati-activity ').length - 1).toBeGreaterThan(3);

    // A fresh database, without the demo: one organizer, and IOM under the same name.
    fresh = await createTestApp({ iati: publisher, demo: false });
    const db = fresh.database.db;
    const unodc = await db.insertInto('organizations').values({ name: 'UNODC (fresh)', category: 'intergovernmental', country: 'AT', website: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('users').values({ organization_id: unodc.id, email: 'organizer@fresh.test', name: 'Fresh Organizer', title: null, role: 'organizer', status: 'active', password_hash: await hashPassword(DEMO_PASSWORD) }).execute();
    const iomFresh = await db.insertInto('organizations').values({ name: iom.name, category: 'intergovernmental', country: iom.country, website: null }).returning('id').executeTakeFirstOrThrow();
    const freshOrganizer = await fresh.signIn('organizer@fresh.test');

    const imported = await upload(fresh, freshOrganizer, first.body, `organizationId=${iomFresh.id}`);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().skipped).toBe(0);
    const second = await freshOrganizer.get('/api/v1/iati/activities.xml');
    expect(second.statusCode).toBe(200);
    expect((await xmllint(second.body, 'iati-activities-schema.xsd')).valid).toBe(true);
    expect(activitiesOf(second.body)).toBe(activitiesOf(first.body));

    // And again: nothing changes, nothing is duplicated.
    const again = (await upload(fresh, freshOrganizer, second.body, `organizationId=${iomFresh.id}`)).json();
    expect(again.created + again.updated).toBe(0);
    expect(activitiesOf((await freshOrganizer.get('/api/v1/iati/activities.xml')).body)).toBe(activitiesOf(first.body));
  }, 180_000);
});
