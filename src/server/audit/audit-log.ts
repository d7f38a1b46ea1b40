// The audit trail: who did what, to what, when and from where. Never holds passwords or tokens.
import type { Kysely, Transaction } from 'kysely';
import type { AuditAction } from '../../shared/audit.js';
import type { Database } from '../db/schema.js';

// The codes, and the sentence each reads as, live in src/shared/audit.ts: a code cannot be
// written without one.
export type { AuditAction } from '../../shared/audit.js';

export interface AuditEntry {
  actorUserId: string | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function audit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      ip: entry.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
