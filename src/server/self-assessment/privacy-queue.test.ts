// Issue 18 with issue 16's victim-privacy guard: a self-assessment note that looks like personal
// data is refused (422, nothing saved) until the writer confirms; a confirmed note goes into the
// organizers' moderation queue with the assessment in context; hiding it withholds the notes from
// everyone outside the government and the organizers (versions, CSV, needs), and nothing is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, canReadSubmittedAssessment, type Actor, type AssessmentFacts } from '../access/index.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD } from '../demo/demo-accounts.js';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

/** The text of a PDF, as a reader would extract it. */
async function pdfText(bytes: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return (Array.isArray(text) ? text.join('\n') : text).replace(/\s+/g, ' ');
}

let t: TestApp;
let gov: TestClient;
let io: TestClient;
let organizer: TestClient;
let colleague: TestClient;
let ngId: string;
const base = () => `/api/v1/organizations/${ngId}/self-assessment`;
const PERSONAL = 'Shelter manager confirmed by phone: call +234 803 555 0142 for the girl rescued in March.';
const MEASURE = 'protection-6';

interface QueueItem {
  target: { type: string; id: string };
  context: { title: string; excerpt: string; path: string; author: { name: string }; hidden: unknown } | null;
  reports: { id: string; source: string; findings: { field: string; kind: string }[] }[];
}
const queue = async () => ((await organizer.get('/api/v1/reports')).json() as { items: QueueItem[] }).items.filter((i) => i.target.type === 'self_assessment');
const reportRows = async () => t.app.db.selectFrom('reports').select(['id', 'findings']).where('target_type', '=', 'self_assessment').execute();

beforeAll(async () => {
  t = await createTestApp();
  gov = await t.signIn('government@demo.test');
  io = await t.signIn('io@demo.test');
  organizer = await t.signIn('organizer@demo.test');
  ngId = ((await gov.get('/api/v1/me')).json() as { organization: { id: string } }).organization.id;
  // A second member of the same government, who edits the draft too.
  await t.app.db
    .insertInto('users')
    .values({ organization_id: ngId, email: 'colleague.ng@demo.test', name: 'Ngozi Adeyemi', title: 'Programme officer', role: 'member', status: 'active', password_hash: await hashPassword(DEMO_PASSWORD), is_demo: true, activated_at: new Date(), password_changed_at: new Date() })
    .execute();
  colleague = await t.signIn('colleague.ng@demo.test');
}, 240_000);
afterAll(async () => t?.close());

describe('the notes rule', () => {
  it('lets the government and the organizers read hidden notes, and everyone who reads a version read notes not hidden', () => {
    const gov = '00000000-0000-4000-8000-000000000001';
    const named = '00000000-0000-4000-8000-000000000002';
    const actors: [string, Actor][] = [
      ['organizer', { id: 'u1', role: 'organizer', tier: 'full', organizationId: '00000000-0000-4000-8000-000000000009', category: 'intergovernmental' }],
      ['own focal point', { id: 'u2', role: 'focal_point', tier: 'full', organizationId: gov, category: 'government' }],
      ['own member', { id: 'u3', role: 'member', tier: 'full', organizationId: gov, category: 'government' }],
      ['named full tier', { id: 'u4', role: 'member', tier: 'full', organizationId: named, category: 'intergovernmental' }],
      ['other full tier', { id: 'u5', role: 'focal_point', tier: 'full', organizationId: '00000000-0000-4000-8000-000000000003', category: 'government' }],
      ['partial tier (named)', { id: 'u6', role: 'focal_point', tier: 'partial', organizationId: named, category: 'civil_society' }],
    ];
    for (const scope of ['private', 'organizations', 'full_tier'] as const) {
      for (const notesHidden of [false, true]) {
        const facts: AssessmentFacts = { organizationId: gov, organizationCategory: 'government', scope, sharedWith: scope === 'organizations' ? [named] : [], notesHidden };
        for (const [who, actor] of actors) {
          const inside = who === 'organizer' || who.startsWith('own');
          const readsVersion = inside || (actor.tier === 'full' && (scope === 'full_tier' || (scope === 'organizations' && who === 'named full tier')));
          expect(canReadSubmittedAssessment(actor, facts), `${who} ${scope}`).toBe(readsVersion);
          expect(can(actor, 'readNotes', 'selfAssessment', facts), `${who} ${scope} hidden=${notesHidden}`).toBe(readsVersion && (inside || !notesHidden));
        }
      }
    }
  });
});

describe('self-assessment notes and the privacy guard', () => {
  it('refuses a note that looks like personal data until confirmed, and changes nothing', async () => {
    const before = (await gov.get(base())).json() as { revision: number; ratings: Record<string, { note: string }> };
    const refused = await gov.put(base(), { revision: before.revision, ratings: { [MEASURE]: { status: 'partly_in_place', priority: 'high', note: PERSONAL } } });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ type: '/problems/personal-data-suspected', findings: [expect.objectContaining({ field: `ratings.${MEASURE}.note`, kind: 'phone_number' })] });
    const after = (await gov.get(base())).json() as { revision: number; ratings: Record<string, { note: string }> };
    expect(after.revision).toBe(before.revision);
    expect(after.ratings[MEASURE]?.note).toBe(before.ratings[MEASURE]?.note);
    expect(await reportRows()).toEqual([]);
  });

  it('saves a confirmed note and files it in the moderation queue with the assessment in context', async () => {
    const { revision } = (await gov.get(base())).json() as { revision: number };
    const saved = await gov.put(base(), { revision, ratings: { [MEASURE]: { status: 'partly_in_place', priority: 'high', note: PERSONAL } }, confirmNoVictimData: true });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().ratings[MEASURE].note).toBe(PERSONAL);

    const items = await queue();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      target: { type: 'self_assessment', id: ngId },
      context: { title: expect.stringContaining('Self-assessment of'), excerpt: expect.stringContaining(`${MEASURE}: ${PERSONAL}`), path: `/self-assessment/organizations/${ngId}`, author: { name: 'Emeka Okafor' }, hidden: null },
      reports: [{ source: 'privacy_guard', findings: [{ field: `ratings.${MEASURE}.note`, kind: 'phone_number' }] }],
    });

    // A colleague's later save of other measures (the flagged note sent again unchanged) files
    // nothing new, and the queue still names who wrote the note.
    const again = (await gov.get(base())).json() as { revision: number };
    const other = await colleague.put(base(), { revision: again.revision, ratings: { [MEASURE]: { note: PERSONAL }, 'prevention-2': { status: 'in_place', priority: 'low', note: 'School curriculum module adopted.' } }, confirmNoVictimData: true });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().updatedBy.name).toBe('Ngozi Adeyemi');
    expect(await reportRows()).toHaveLength(1);
    expect((await queue())[0]!.context!.author.name).toBe('Emeka Okafor');
  });

  it('hides the notes from readers outside the government and the organizers once the organizers decide so', async () => {
    const { revision } = (await gov.get(base())).json() as { revision: number };
    const submitted = await gov.post(`${base()}/submit`, { revision });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const n = (submitted.json() as { version: number }).version;
    // NAPTIP shares with the full tier: IOM reads the note until the organizers decide.
    const ioVersion = async () => (await io.get(`${base()}/versions/${n}`)).json() as { notesHidden: boolean; ratings: Record<string, { status: string; note: string }> };
    expect((await ioVersion()).ratings[MEASURE]?.note).toBe(PERSONAL);
    const ioNeed = async () => ((await io.get('/api/v1/self-assessment/needs')).json() as { measures: { code: string; named: { id: string; note: string }[] }[] }).measures.find((m) => m.code === MEASURE)!.named.find((g) => g.id === ngId)!;
    expect((await ioNeed()).note).toBe(PERSONAL);

    const [item] = await queue();
    const decided = await organizer.post(`/api/v1/reports/${item!.reports[0]!.id}/resolve`, { action: 'hide', note: 'A phone number of a person in a note.' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await queue()).toEqual([]);

    // Outsiders keep the ratings without any note, in every path: the version, the comparison, the CSV, the needs.
    const hidden = await ioVersion();
    expect(hidden.notesHidden).toBe(true);
    expect(hidden.ratings[MEASURE]).toMatchObject({ status: 'partly_in_place', note: '' });
    expect(Object.values(hidden.ratings).every((r) => r.note === '')).toBe(true);
    const changes = ((await io.get(`${base()}/versions/${n}?compareTo=1`)).json() as { changes: { from: { note: string } | null; to: { note: string } | null }[] }).changes;
    expect(changes.every((c) => (c.from?.note ?? '') === '' && (c.to?.note ?? '') === '')).toBe(true);
    const csv = (await io.get(`${base()}.csv?version=${n}`)).body;
    expect(csv).not.toContain('+234');
    expect(csv).not.toContain('Specialized investigation');
    const pdf = await pdfText((await io.get(`${base()}.pdf?version=${n}`)).rawPayload);
    expect(pdf).toContain(`${MEASURE}:`);
    expect(pdf).not.toContain('+234');
    expect(pdf).not.toContain('Evidence:');
    expect((await ioNeed()).note).toBe('');

    // The government and the organizers still read every note: nothing written is lost.
    for (const reader of [gov, organizer]) {
      const own = (await reader.get(`${base()}/versions/${n}`)).json() as { notesHidden: boolean; ratings: Record<string, { note: string }> };
      expect(own.notesHidden).toBe(false);
      expect(own.ratings[MEASURE]?.note).toBe(PERSONAL);
      expect((await reader.get(`${base()}.csv?version=${n}`)).body).toContain('+234');
      expect(await pdfText((await reader.get(`${base()}.pdf?version=${n}`)).rawPayload)).toContain('+234');
    }
    expect(((await gov.get(base())).json() as { notesHidden: boolean }).notesHidden).toBe(true);
    // The writer is told why.
    const mail = await t.app.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('recipient', '=', 'government@demo.test').where('subject', 'like', '%self-assessment%').execute();
    expect(mail).toEqual([expect.objectContaining({ body_text: expect.stringContaining('A phone number of a person in a note.') })]);
  });

  it('keeps the queue entry closed to anyone who cannot read the draft', async () => {
    // A participant outside the government cannot report (or learn of) the assessment through the queue's paths.
    const cso = await t.signIn('cso@demo.test');
    for (const client of [cso, io]) {
      const res = await client.post('/api/v1/reports', { target: { type: 'self_assessment', id: ngId }, reason: 'personal_data' });
      expect(res.statusCode).toBe(404);
    }
  });
});
