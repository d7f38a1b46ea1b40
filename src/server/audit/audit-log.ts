// The audit trail: who did what, to what, when and from where. Never holds passwords or tokens.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export type AuditAction =
  | 'session.sign_in'
  | 'session.sign_in_failed'
  | 'session.sign_out'
  | 'application.submitted'
  | 'application.approved'
  | 'application.rejected'
  | 'account.activated'
  | 'account.invited'
  | 'account.deactivated'
  | 'account.reactivated'
  | 'account.suspended'
  | 'account.reinstated'
  | 'organization.suspended'
  | 'organization.reinstated'
  | 'password.reset_requested'
  | 'password.reset'
  | 'password.changed'
  | 'post.hidden'
  | 'post.unhidden'
  | 'post.published'
  | 'comment.hidden'
  | 'comment.unhidden'
  | 'overlap.marked_related'
  | 'overlap.marked_not_duplicate'
  | 'overlap.unmarked'
  | 'organization.expertise_updated'
  | 'organization.donor_flagged'
  | 'organization.donor_unflagged'
  // ---- moderation and documents (issue 16)
  | 'document.hidden'
  | 'document.unhidden'
  | 'report.dismissed'
  | 'report.hidden'
  | 'report.edit_requested'
  | 'report.account_suspended'
  | 'report.auto_hidden'
  // ---- map, IATI and the public page (issue 17)
  | 'iati.imported'
  | 'post.marked_public'
  | 'post.unmarked_public'
  | 'organization.marked_public'
  | 'organization.unmarked_public'
  // ---- the network (issue 12)
  | 'session.revoked'
  | 'session.sign_in_second_factor_failed'
  | 'totp.enabled'
  | 'totp.disabled'
  | 'totp.recovery_code_used'
  | 'profile.updated'
  | 'image.uploaded'
  | 'account.data_exported'
  | 'account.deletion_requested'
  | 'account.deleted'
  // ---- self-assessment (issue 18)
  | 'self_assessment.submitted'
  | 'self_assessment.sharing_changed';

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
