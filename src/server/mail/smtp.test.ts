// Mail over real SMTP: an in-process SMTP server stands in for the organization's mail relay.
// Checks that the activation mail arrives with its link, and that a message that cannot be sent
// stays in the outbox with the error and goes out on a later pass once the relay is back.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, freshEmail, STRONG_PASSWORD } from '../testing/accounts-fixtures.js';
import { createTestApp, parseEml, tokenFrom, type TestApp, type TestClient } from '../testing/test-app.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

class Relay {
  readonly received: Received[] = [];
  #server: SMTPServer | null = null;

  /** Listens on `port` (0: any free port) of the loopback interface; resolves with the port. */
  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    return (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string) {
    return this.received.filter((m) => m.to.includes(address)).map((m) => ({ ...m, ...parseEml(m.raw) }));
  }
}

const relay = new Relay();
let t: TestApp;
let organizer: TestClient;
let port: number;
let mailDir: string;

beforeAll(async () => {
  port = await relay.start();
  mailDir = await mkdtemp(path.join(tmpdir(), 'vf-smtp-'));
  t = await createTestApp({
    mail: { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'Virtual Forum <forum@unodc.example>', dir: mailDir, pollIntervalMs: 60_000, organizersEmail: 'forum@unodc.example' },
  });
  organizer = await t.signIn('organizer@demo.test');
});
afterAll(async () => {
  await t?.close();
  await relay.stop();
  await rm(mailDir, { recursive: true, force: true });
});

describe('delivery over SMTP', () => {
  it('delivers the activation mail, with a link that works, to the relay', async () => {
    const email = freshEmail('smtp');
    const applicant = t.client();
    applicant.ip = '10.30.0.1';
    const application = applicationBody({ email });
    expect((await applicant.post('/api/v1/applications', application)).statusCode).toBe(202);
    const { id } = await t.app.db.selectFrom('applications').select('id').where('focal_point_email', '=', email).executeTakeFirstOrThrow();
    expect((await organizer.post(`/api/v1/applications/${id}/approve`)).statusCode).toBe(200);
    await t.app.mail.deliverDue();

    const mails = relay.to(email);
    expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringContaining('received'), expect.stringContaining('approved')]));
    const activation = mails.find((m) => m.text.includes('/activate?token='))!;
    expect(activation.from).toBe('forum@unodc.example');
    expect(activation.text).toContain(`${t.config.publicUrl}/activate?token=`);
    const res = await t.client().post('/api/v1/activations', { token: tokenFrom(activation.text), password: STRONG_PASSWORD });
    expect(res.statusCode).toBe(200);
    const outbox = await t.app.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', email).execute();
    expect(outbox.every((m) => m.sent_at !== null && m.last_error === null)).toBe(true);
  });

  it('keeps a message that could not be sent, with the error, and sends it on a later pass', async () => {
    await relay.stop();
    const email = freshEmail('later');
    const requester = t.client();
    requester.ip = '10.30.0.2';
    // An account to reset: the demo expert, whose reset mail must wait for the relay.
    await t.app.db.updateTable('users').set({ email }).where('email', '=', 'expert@demo.test').execute();
    expect((await requester.post('/api/v1/password-resets', { email })).statusCode).toBe(202);
    expect(await t.app.mail.deliverDue()).toBe(0);

    const waiting = await t.app.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', email).executeTakeFirstOrThrow();
    expect(waiting.sent_at).toBeNull();
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(Date.now());

    expect(await relay.start(port)).toBe(port);
    // Nothing is sent before the back-off has passed …
    expect(await t.app.mail.deliverDue()).toBe(0);
    expect(relay.to(email)).toHaveLength(0);
    // … and once it has, the next pass delivers.
    await t.app.db.updateTable('mail_outbox').set({ next_attempt_at: sql<Date>`now()` }).where('id', '=', waiting.id).execute();
    expect(await t.app.mail.deliverDue()).toBe(1);
    const [mail] = relay.to(email);
    expect(mail?.text).toContain(`${t.config.publicUrl}/reset-password?token=`);
    const sent = await t.app.db.selectFrom('mail_outbox').selectAll().where('id', '=', waiting.id).executeTakeFirstOrThrow();
    expect(sent.sent_at).not.toBeNull();
    expect(sent.last_error).toBeNull();
  });
});
