// Live updates over Server-Sent Events. Each app server holds its own open streams and one LISTEN
// (PostgreSQL LISTEN/NOTIFY; PGlite has it in-process), so an event written through any server
// reaches the streams of every server. Nothing shared lives here: a NOTIFY names a batch of
// notifications or a post, and this server reads, from the database, what its own streams may see.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import type { NotificationItem } from '../../shared/notifications.js';
import { canSeePost } from '../access/index.js';
import { meetingFacts, postFacts, type LiveMessage } from './notify.js';
import { canSeeNotification, rowsOfBatch, serializeNotification } from './queries.js';

export interface LiveClient {
  principal: Principal;
  /** Writes one SSE frame. */
  send(event: 'notification' | 'post' | 'unread', data: unknown, id?: string): void;
}

export class LiveHub {
  readonly #clients = new Map<string, Set<LiveClient>>();
  #count = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: FastifyBaseLogger,
  ) {}

  get connections(): number {
    return this.#count;
  }

  add(client: LiveClient): () => void {
    const set = this.#clients.get(client.principal.id) ?? new Set();
    set.add(client);
    this.#clients.set(client.principal.id, set);
    this.#count++;
    return () => {
      if (set.delete(client)) this.#count--;
      if (set.size === 0 && this.#clients.get(client.principal.id) === set) this.#clients.delete(client.principal.id);
    };
  }

  /** A payload from the channel. Errors are logged, never thrown into the listener. */
  receive(payload: string): void {
    let message: LiveMessage;
    try {
      message = JSON.parse(payload) as LiveMessage;
    } catch {
      return;
    }
    void this.deliver(message).catch((error: unknown) => this.log.warn({ err: error }, 'live delivery failed'));
  }

  /** Delivers one message to this server's streams; resolves when every frame is written. */
  async deliver(message: LiveMessage): Promise<void> {
    if (this.#count === 0) return;
    await (message.t === 'n' ? this.#deliverBatch(message.b) : this.#deliverPost(message.id, message.change));
  }

  async #deliverBatch(batch: string): Promise<void> {
    const connected = [...this.#clients.keys()];
    const rows: Awaited<ReturnType<typeof rowsOfBatch>> = [];
    for (let i = 0; i < connected.length; i += 1000) rows.push(...(await rowsOfBatch(this.db, batch, connected.slice(i, i + 1000))));
    if (rows.length === 0) return;
    const meetings = await meetingFacts(this.db, [...new Set(rows.flatMap((r) => (r.meeting_id ? [r.meeting_id] : [])))]);
    for (const row of rows) {
      const item: NotificationItem = serializeNotification(row);
      for (const client of this.#clients.get(row.user_id) ?? []) {
        // Checked against the viewer as this stream knows them (refreshed at every heartbeat).
        if (canSeeNotification(client.principal, row, meetings)) client.send('notification', item, String(row.seq));
      }
    }
  }

  async #deliverPost(postId: string, change: string): Promise<void> {
    const facts = await postFacts(this.db, postId);
    if (!facts) return;
    // A stream's principal is refreshed at each heartbeat; an account or organization suspended
    // since then hears nothing more, not even that a post changed.
    const active = await activeUsers(this.db, [...this.#clients.keys()]);
    for (const [userId, set] of this.#clients) {
      if (!active.has(userId)) continue;
      for (const client of set) if (canSeePost(client.principal, facts)) client.send('post', { id: postId, change });
    }
  }
}

/** Those of these users whose account and organization are active now. */
async function activeUsers(db: Kysely<Database>, userIds: readonly string[]): Promise<Set<string>> {
  const active = new Set<string>();
  for (let i = 0; i < userIds.length; i += 1000) {
    const rows = await db
      .selectFrom('users as u')
      .innerJoin('organizations as o', 'o.id', 'u.organization_id')
      .select('u.id')
      .where('u.id', 'in', userIds.slice(i, i + 1000))
      .where('u.status', '=', 'active')
      .where('o.status', '=', 'active')
      .execute();
    for (const r of rows) active.add(r.id);
  }
  return active;
}
