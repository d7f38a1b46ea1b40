// The IATI export: valid against the official 2.03 schemas (checked with Debian's xmllint), within
// the tier wall, and each field mapped as the README's table says.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { equalShares } from './codes.js';
import { REFERENCE_SCHEMA_SHA256, sharedSchemaDir, xmllint } from './iati-testing.js';
import { IATI_SCHEMA_DIR } from './schema-validation.js';
import { attr, children, parseXml, textOf, type Element } from './xml.js';

let t: TestApp;
let organizer: TestClient, gov: TestClient, io: TestClient, cso: TestClient;
let ioOrg: { id: string; name: string }, govOrg: { id: string; name: string }, ilo: { id: string; name: string };
let project: { id: string; title: string };
let restricted: { id: string; title: string };
const PREFIX = 'XM-TEST-VF';

async function exportOf(c: TestClient, query = '') {
  const res = await c.get(`/api/v1/iati/activities.xml${query ? `?${query}` : ''}`);
  return res;
}
const activitiesIn = (xml: string) => children(children(parseXml(xml), 'iati-activities')[0], 'iati-activity');
const narrativeOf = (e: Element | undefined) => textOf(children(e, 'narrative')[0]);
const idOf = (a: Element) => textOf(children(a, 'iati-identifier')[0]);
const postIdOf = (a: Element) => idOf(a).slice(PREFIX.length + 1);

beforeAll(async () => {
  t = await createTestApp({ iati: { prefix: PREFIX, publisherName: 'Virtual Forum (test)', publisherType: '40' } });
  [organizer, gov, io, cso] = await Promise.all(['organizer@demo.test', 'government@demo.test', 'io@demo.test', 'cso@demo.test'].map((e) => t.signIn(e))) as [TestClient, TestClient, TestClient, TestClient];
  ioOrg = (await io.get('/api/v1/me')).json().organization;
  govOrg = (await gov.get('/api/v1/me')).json().organization;
  const orgs = (await io.get('/api/v1/organizations')).json().items as { id: string; name: string }[];
  ilo = orgs.find((o) => o.name.includes('ILO') || o.name.includes('International Labour'))!;
  project = (await io.post('/api/v1/posts', {
    kind: 'pipeline_project', audience: 'all', title: 'Regional referral of victims & witnesses <West Africa>', body: 'Line one.\r\nLine "two" with an ampersand & more.',
    countries: ['NG', 'GH'], regions: ['011'], areas: ['legislation', 'criminal_justice', 'data_research'], themes: ['protection'], exploitation: ['forced_labour'],
    budget: { amount: '250000.50', currency: 'EUR' }, startsOn: '2031-01-01', endsOn: '2032-06-30', status: 'seeking_funding',
  })).json();
  restricted = (await io.post('/api/v1/posts', { kind: 'pipeline_project', title: 'Restricted pipeline project for governments only', body: 'x', countries: ['MD'], budget: { amount: '1000', currency: 'USD' }, startsOn: '2031-01-01', endsOn: '2031-12-31' })).json();
  expect((await io.post(`/api/v1/posts/${project.id}/coauthors`, { organizationId: ilo.id })).statusCode).toBe(201);
  const pledge = (await gov.post(`/api/v1/posts/${project.id}/pledges`, { amount: '40000', currency: 'EUR' })).json();
  expect((await gov.post(`/api/v1/pledges/${pledge.id}/confirm`, {})).statusCode).toBe(200);
  // An indicated (unconfirmed) pledge is no planned disbursement.
  expect((await organizer.post(`/api/v1/posts/${project.id}/pledges`, { amount: '5000', currency: 'EUR' })).statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe('validity', () => {
  it('the schema copies the server validates are the official files (the reference copy where present, else its recorded SHA-256)', () => {
    const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    const shared = sharedSchemaDir();
    for (const [name, recorded] of Object.entries(REFERENCE_SCHEMA_SHA256)) {
      expect(sha256(path.join(IATI_SCHEMA_DIR, name)), name).toBe(recorded);
      // The recorded figure itself is checked against the reference copy wherever it exists (CI, /work).
      if (shared) expect(sha256(path.join(shared, name)), `${name} in ${shared}`).toBe(recorded);
    }
  });

  it.each(['organizer@demo.test', 'government@demo.test', 'io@demo.test', 'cso@demo.test', 'expert@demo.test'])('activities for %s validate against iati-activities-schema.xsd (xmllint)', async (email) => {
    const res = await exportOf(await t.signIn(email));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const check = await xmllint(res.body, 'iati-activities-schema.xsd');
    expect(check.output).toContain('validates');
    expect(check.valid, check.output).toBe(true);
    expect(activitiesIn(res.body).length).toBeGreaterThan(3);
  });

  it('organisations validate against iati-organisations-schema.xsd (xmllint)', async () => {
    for (const c of [organizer, cso]) {
      const res = await c.get('/api/v1/iati/organisation.xml');
      expect(res.statusCode).toBe(200);
      const check = await xmllint(res.body, 'iati-organisations-schema.xsd');
      expect(check.valid, check.output).toBe(true);
      const orgs = children(children(parseXml(res.body), 'iati-organisations')[0], 'iati-organisation');
      const directory = (await c.get('/api/v1/organizations')).json().items as { id: string; name: string; website: string | null }[];
      expect(orgs.map((o) => textOf(children(o, 'organisation-identifier')[0])).sort()).toEqual(directory.map((o) => `${PREFIX}-ORG-${o.id}`).sort());
      const iom = orgs.find((o) => textOf(children(o, 'organisation-identifier')[0]) === `${PREFIX}-ORG-${ioOrg.id}`)!;
      expect(narrativeOf(children(iom, 'name')[0])).toBe(ioOrg.name);
      expect(attr(children(iom, 'reporting-org')[0], 'ref')).toBe(PREFIX);
    }
  });

  it('an empty selection answers 404, not an invalid file', async () => {
    const res = await exportOf(cso, 'kind=ta_request');
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('/problems/no-iati-activities');
    expect((await t.client().get('/api/v1/iati/activities.xml')).statusCode).toBe(401);
  });

  it('a broken file is caught by the same check (the test is not vacuous)', async () => {
    const res = await exportOf(organizer);
    const broken = res.body.replace(/<activity-status code="\d"\/>/, '');
    expect((await xmllint(broken, 'iati-activities-schema.xsd')).valid).toBe(false);
  });
});

describe('the tier wall', () => {
  it.each(['cso@demo.test', 'business@demo.test', 'expert@demo.test', 'government@demo.test'])('%s gets exactly the eligible posts the list shows them', async (email) => {
    const c = await t.signIn(email);
    for (const query of ['', 'country=NG', 'area=criminal_justice&from=2031-01-01']) {
      const activities = activitiesIn((await exportOf(c, query)).body);
      const exported = new Set(activities.filter((a) => idOf(a).startsWith(`${PREFIX}-`)).map(postIdOf));
      const items: { id: string; kind: string; budget: unknown }[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: typeof items; nextCursor: string | null } = (await c.get(`/api/v1/posts?limit=100${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const listed = new Set(items.map((i) => i.id));
      // Nothing the list does not show them; every project and every information post with a budget it does show.
      for (const id of exported) expect(listed.has(id), `${email} exported ${id}`).toBe(true);
      for (const i of items) if (i.kind === 'pipeline_project' || i.kind === 'project_idea' || (i.kind === 'project_info' && i.budget)) expect(exported.has(i.id), `${email} missing ${i.id}`).toBe(true);
    }
    const all = (await exportOf(c)).body;
    expect(all.includes(restricted.title)).toBe(email === 'government@demo.test');
  });

  it('shows a pledge (donor and amount) only to those who may read it', async () => {
    const disbursementsFor = async (c: TestClient) => {
      const a = activitiesIn((await exportOf(c)).body).find((x) => postIdOf(x) === project.id)!;
      return children(a, 'planned-disbursement');
    };
    for (const c of [io, gov, organizer]) expect((await disbursementsFor(c)).map((d) => narrativeOf(children(d, 'provider-org')[0]))).toEqual([govOrg.name]);
    expect(await disbursementsFor(cso)).toEqual([]);
    const csoXml = (await exportOf(cso)).body;
    const a = activitiesIn(csoXml).find((x) => postIdOf(x) === project.id)!;
    expect(children(a, 'participating-org').map((o) => narrativeOf(o))).not.toContain(govOrg.name);
  });
});

describe('the mapping of each field', () => {
  let a: Element;
  beforeAll(async () => {
    a = activitiesIn((await exportOf(io)).body).find((x) => postIdOf(x) === project.id)!;
  });

  it('identifier, publisher, title, description', () => {
    expect(idOf(a)).toBe(`${PREFIX}-${project.id}`);
    const reporting = children(a, 'reporting-org')[0];
    expect([attr(reporting, 'ref'), attr(reporting, 'type'), narrativeOf(reporting)]).toEqual([PREFIX, '40', 'Virtual Forum (test)']);
    expect(narrativeOf(children(a, 'title')[0])).toBe('Regional referral of victims & witnesses <West Africa>');
    const description = children(a, 'description')[0];
    expect(attr(description, 'type')).toBe('1');
    expect(narrativeOf(description)).toBe('Line one.\nLine "two" with an ampersand & more.');
  });

  it('participating organizations with their roles', () => {
    const orgs = children(a, 'participating-org').map((o) => ({ ref: attr(o, 'ref'), role: attr(o, 'role'), type: attr(o, 'type'), name: narrativeOf(o) }));
    expect(orgs).toEqual([
      { ref: `${PREFIX}-ORG-${ioOrg.id}`, role: '4', type: '40', name: ioOrg.name },
      { ref: `${PREFIX}-ORG-${ilo.id}`, role: '4', type: '40', name: ilo.name },
      { ref: `${PREFIX}-ORG-${govOrg.id}`, role: '1', type: '10', name: govOrg.name },
    ]);
  });

  it('partners with their roles: implementing partners and technical advisers implementing (4), donors funding (1)', async () => {
    const orgs = (await organizer.get('/api/v1/organizations')).json().items as { id: string; name: string; category: string }[];
    const strada = orgs.find((o) => o.name === 'La Strada International')!;
    const business = orgs.find((o) => o.category === 'private_sector')!;
    const academia = orgs.find((o) => o.category === 'academia')!;
    const partnered = (await io.post('/api/v1/posts', { kind: 'pipeline_project', audience: 'all', title: 'Partnered project for the IATI roles', body: 'x', countries: ['GH'] })).json();
    await t.database.db.insertInto('post_partners').values([
      { post_id: partnered.id, organization_id: strada.id, role: 'implementing_partner', offer_id: null },
      { post_id: partnered.id, organization_id: business.id, role: 'donor', offer_id: null },
      { post_id: partnered.id, organization_id: academia.id, role: 'technical_adviser', offer_id: null },
    ]).execute();
    // Partners are public on the project's page: a partial-tier export names them too.
    for (const c of [io, cso]) {
      const x = activitiesIn((await exportOf(c)).body).find((y) => postIdOf(y) === partnered.id)!;
      const roles = Object.fromEntries(children(x, 'participating-org').map((o) => [attr(o, 'ref'), attr(o, 'role')]));
      expect(roles).toEqual({
        [`${PREFIX}-ORG-${ioOrg.id}`]: '4',
        [`${PREFIX}-ORG-${strada.id}`]: '4',
        [`${PREFIX}-ORG-${business.id}`]: '1',
        [`${PREFIX}-ORG-${academia.id}`]: '4',
      });
    }
  });

  it('status from the lifecycle, planned dates', () => {
    expect(attr(children(a, 'activity-status')[0], 'code')).toBe('1');
    expect(children(a, 'activity-date').map((d) => [attr(d, 'type'), attr(d, 'iso-date')])).toEqual([['1', '2031-01-01'], ['3', '2032-06-30']]);
  });

  it('recipient countries and M49 regions, shares adding up to 100', () => {
    const countries = children(a, 'recipient-country').map((c) => [attr(c, 'code'), attr(c, 'percentage'), narrativeOf(c)]);
    const regions = children(a, 'recipient-region').map((c) => [attr(c, 'code'), attr(c, 'vocabulary'), attr(c, 'percentage'), narrativeOf(c)]);
    expect(countries).toEqual([['NG', '33.33', 'Nigeria'], ['GH', '33.33', 'Ghana']]);
    expect(regions).toEqual([['011', '2', '33.34', 'Western Africa']]);
  });

  it('DAC sectors where an area maps clearly, and the Forum areas, themes and forms of exploitation as its own vocabulary', () => {
    const sectors = children(a, 'sector').map((s) => [attr(s, 'vocabulary'), attr(s, 'code'), attr(s, 'percentage')]);
    expect(sectors).toEqual([
      ['1', '15130', '50'], ['1', '16062', '50'],
      ['99', 'legislation', '33.33'], ['99', 'criminal_justice', '33.33'], ['99', 'data_research', '33.34'],
    ]);
    const area = children(a, 'sector').find((s) => attr(s, 'code') === 'legislation')!;
    expect(attr(area, 'vocabulary-uri')).toBe(`${t.config.publicUrl}/api/v1/taxonomies#areas`);
    expect(narrativeOf(area)).toBe('Pre-ratification assistance and legislative frameworks');
    expect(children(a, 'tag').map((x) => [attr(x, 'vocabulary'), attr(x, 'vocabulary-uri')?.split('#')[1], attr(x, 'code')])).toEqual([['99', 'themes', 'protection'], ['99', 'exploitation', 'forced_labour']]);
  });

  it('the budget over the planned period, confirmed pledges as planned disbursements', () => {
    const budget = children(a, 'budget')[0]!;
    expect([attr(budget, 'type'), attr(budget, 'status'), attr(children(budget, 'period-start')[0], 'iso-date'), attr(children(budget, 'period-end')[0], 'iso-date')]).toEqual(['1', '1', '2031-01-01', '2032-06-30']);
    const value = children(budget, 'value')[0];
    expect([textOf(value), attr(value, 'currency'), attr(value, 'value-date')]).toEqual(['250000.50', 'EUR', '2031-01-01']);
    expect(attr(a, 'default-currency')).toBe('EUR');
    const [d, ...more] = children(a, 'planned-disbursement');
    expect(more).toEqual([]);
    expect(textOf(children(d, 'value')[0])).toBe('40000.00');
    expect(attr(children(d, 'provider-org')[0], 'ref')).toBe(`${PREFIX}-ORG-${govOrg.id}`);
    expect(attr(children(d, 'receiver-org')[0], 'ref')).toBe(`${PREFIX}-ORG-${ioOrg.id}`);
  });

  it('moves with the lifecycle: in implementation 2, completed 4, withdrawn 5', async () => {
    const codeAfter = async (status: string) => {
      expect((await io.post(`/api/v1/posts/${project.id}/status`, { status })).statusCode).toBe(200);
      const x = activitiesIn((await exportOf(io)).body).find((y) => postIdOf(y) === project.id)!;
      return attr(children(x, 'activity-status')[0], 'code');
    };
    expect(await codeAfter('funded')).toBe('1');
    expect(await codeAfter('in_implementation')).toBe('2');
    expect(await codeAfter('completed')).toBe('4');
    expect(await codeAfter('in_implementation')).toBe('2');
    expect(await codeAfter('withdrawn')).toBe('5');
  });

  it('splits shares so that they add up to exactly 100', () => {
    for (let n = 1; n <= 13; n += 1) {
      const shares = equalShares(n).map(Number);
      expect(Math.round(shares.reduce((x, y) => x + y, 0) * 100)).toBe(10_000);
      expect(shares.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
    }
  });
});
