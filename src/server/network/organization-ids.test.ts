// Issue 12: an organization's name links to its page wherever it appears, so the answers that name
// one carry its id too: meeting answers and messages, the bell's actor, the moderation queue's
// reporter. Each id is the named organization's (checked against the directory), and a reader
// who may not see the meeting gets no answer at all (404), id or not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.js';

let t: TestApp;
let gov: TestClient, io: TestClient, cso: TestClient, organizer: TestClient;
const orgOf: Record<string, { id: string; name: string }> = {};

beforeAll(async () => {
  t = await createTestApp();
  [gov, io, cso, organizer] = await Promise.all([t.signIn('government@demo.test'), t.signIn('io@demo.test'), t.signIn('cso@demo.test'), t.signIn('organizer@demo.test')]);
  for (const [email, client] of [['government@demo.test', gov], ['io@demo.test', io], ['cso@demo.test', cso]] as const) orgOf[email] = (await client.get('/api/v1/me')).json().organization;
});
afterAll(() => t.close());

describe('organization ids beside organization names', () => {
  it("meeting answers and messages carry the writer's organization id; others still get 404", async () => {
    const meetings = (await gov.get('/api/v1/meetings')).json().items as { id: string; topic: string }[];
    const meeting = meetings.find((m) => m.topic.startsWith('Legislative review for NAPTIP'))!;
    expect(meeting).toBeDefined();
    const full = (await gov.get(`/api/v1/meetings/${meeting.id}`)).json() as { slots: { answers: { userId: string; organization: string; organizationId: string }[] }[] };
    const answers = full.slots.flatMap((s) => s.answers);
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) expect(a).toMatchObject({ organization: orgOf['government@demo.test']!.name, organizationId: orgOf['government@demo.test']!.id });

    const sent = await io.post(`/api/v1/meetings/${meeting.id}/messages`, { body: 'See you at the venue.' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().author).toMatchObject({ organization: orgOf['io@demo.test']!.name, organizationId: orgOf['io@demo.test']!.id });
    const read = (await gov.get(`/api/v1/meetings/${meeting.id}/messages`)).json().items as { author: { organizationId: string } }[];
    expect(read.map((m) => m.author.organizationId)).toContain(orgOf['io@demo.test']!.id);
    // Someone not in the meeting learns nothing of it.
    expect((await cso.get(`/api/v1/meetings/${meeting.id}/messages`)).statusCode).toBe(404);
    expect((await cso.get(`/api/v1/meetings/${meeting.id}`)).statusCode).toBe(404);
  });

  it("the bell's actor and the moderation queue's reporter carry their organization's id", async () => {
    // A conversation from La Strada (cso) to IOM: IOM's bell names the writer and her organization.
    const made = await cso.post('/api/v1/conversations', { subject: 'Shelter referrals', organizationIds: [orgOf['io@demo.test']!.id], body: 'Could we talk about referrals?' });
    expect(made.statusCode, made.body).toBe(201);
    const bell = (await io.get('/api/v1/me/notifications')).json().items as { kind: string; url: string; actor: { organization: string; organizationId: string | null } | null }[];
    const item = bell.find((n) => n.kind === 'message' && n.url === `/conversations/${made.json().id}`);
    expect(item?.actor).toMatchObject({ organization: orgOf['cso@demo.test']!.name, organizationId: orgOf['cso@demo.test']!.id });

    // IOM reports the message: the organizers' queue names IOM as reporter, with its id.
    const messageId = made.json().messages[0].id as string;
    expect((await io.post('/api/v1/reports', { target: { type: 'message', id: messageId }, reason: 'spam' })).statusCode).toBe(201);
    const queue = (await organizer.get('/api/v1/reports')).json().items as { target: { id: string }; reports: { reporter: { organization: string; organizationId: string | null } | null }[] }[];
    const entry = queue.find((q) => q.target.id === messageId);
    expect(entry?.reports[0]?.reporter).toMatchObject({ organization: orgOf['io@demo.test']!.name, organizationId: orgOf['io@demo.test']!.id });
  });
});
