// Outgoing mail. A message is written to the mail_outbox table inside the same transaction as
// the change that causes it (an approval, an invitation), so neither is lost without the other;
// a sender then delivers due messages: over SMTP when SMTP_URL is set, otherwise as .eml files
// under <data dir>/mail/ so a local install works with no mail server.
// Several app servers may run senders at once: each claims messages with FOR UPDATE SKIP LOCKED
// and a lease, so a message is sent by one of them, and re-sent only if its sender died mid-way.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../db/schema.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, e.g. RFC 8058 List-Unsubscribe and List-Unsubscribe-Post (notifications). */
  headers?: Record<string, string>;
}

export interface MailSettings {
  smtpUrl: string | null;
  from: string;
  dir: string;
  pollIntervalMs: number;
}

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 8;

export async function enqueueMail(db: Kysely<Database> | Transaction<Database>, mail: OutgoingMail): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({ recipient: mail.to, subject: mail.subject, body_text: mail.text, next_attempt_at: new Date(), ...(mail.headers ? { headers: JSON.stringify(mail.headers) } : {}) })
    .execute();
}

type Send = (mail: OutgoingMail & { id: string }) => Promise<void>;

function createSend(settings: MailSettings): Send {
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl);
    return async (mail) => {
      await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.headers ? { headers: mail.headers } : {}) });
    };
  }
  // nodemailer builds the same RFC 5322 message it would send, and we keep it as a file.
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (mail) => {
    const info = await builder.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.headers ? { headers: mail.headers } : {}) });
    await mkdir(settings.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await writeFile(path.join(settings.dir, `${stamp}-${mail.id}.eml`), info.message as Buffer);
  };
}

export class MailSender {
  readonly #send: Send;
  #running: Promise<number> | null = null;
  readonly #preparers: (() => Promise<number>)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly settings: MailSettings,
  ) {
    this.#send = createSend(settings);
  }

  /**
   * Work that writes mail after the request that asked for it was answered (password-reset
   * requests, issue 10): each pass runs every preparer before it claims mail, until neither finds
   * anything. A preparer resolves with how many items it handled.
   */
  addPreparer(prepare: () => Promise<number>): void {
    this.#preparers.push(prepare);
  }

  /** Delivers every message that is due; resolves with how many were sent. */
  deliverDue(): Promise<number> {
    // One pass at a time in this process; other processes are kept apart by SKIP LOCKED.
    this.#running ??= this.#deliver().finally(() => (this.#running = null));
    return this.#running;
  }

  async #deliver(): Promise<number> {
    let sent = 0;
    for (;;) {
      let prepared = 0;
      for (const prepare of this.#preparers) prepared += await prepare();
      const claimed = await this.db
        .updateTable('mail_outbox')
        .set({
          attempts: sql`attempts + 1`,
          next_attempt_at: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
        })
        .where('id', 'in', (qb) =>
          qb
            .selectFrom('mail_outbox')
            .select('id')
            .where('sent_at', 'is', null)
            .where('next_attempt_at', '<=', sql<Date>`now()`)
            .where('attempts', '<', MAX_ATTEMPTS)
            .orderBy('next_attempt_at')
            .limit(20)
            .forUpdate()
            .skipLocked(),
        )
        .returning(['id', 'recipient', 'subject', 'body_text', 'attempts', 'headers'])
        .execute();
      if (claimed.length === 0) {
        if (prepared === 0) return sent;
        continue;
      }
      for (const row of claimed) {
        try {
          await this.#send({ id: row.id, to: row.recipient, subject: row.subject, text: row.body_text, ...(row.headers && Object.keys(row.headers).length ? { headers: row.headers } : {}) });
          await this.db.updateTable('mail_outbox').set({ sent_at: new Date(), last_error: null }).where('id', '=', row.id).execute();
          sent++;
        } catch (error) {
          // Back off: 1, 2, 4 … minutes. The message stays in the outbox; nothing is dropped silently.
          const delayMinutes = 2 ** (row.attempts - 1);
          await this.db
            .updateTable('mail_outbox')
            .set({ last_error: String((error as Error).message ?? error).slice(0, 500), next_attempt_at: new Date(Date.now() + delayMinutes * 60_000) })
            .where('id', '=', row.id)
            .execute();
        }
      }
    }
  }

  /** Ask for a delivery pass soon, e.g. right after a transaction that enqueued mail commits. */
  kick(): void {
    setImmediate(() => void this.deliverDue().catch(() => {}));
  }

  async stop(): Promise<void> {
    await this.#running?.catch(() => {});
  }
}
