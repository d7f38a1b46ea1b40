// The audit log's codes and the sentences they read as, shared by the server (its API and CSV
// export) and the web page. The writer (src/server/audit/audit-log.ts) accepts only the codes
// listed here, and AUDIT_SENTENCES is typed over all of them, so a code cannot be written without
// a sentence; audit-sentences.test.ts also scans src/server for codes written another way.

export const AUDIT_ACTIONS = [
  'session.sign_in',
  'session.sign_in_failed',
  'session.sign_out',
  'application.submitted',
  'application.approved',
  'application.rejected',
  'account.activated',
  'account.invited',
  'account.deactivated',
  'account.reactivated',
  'account.suspended',
  'account.reinstated',
  'organization.suspended',
  'organization.reinstated',
  'password.reset_requested',
  'password.reset',
  'password.changed',
  'post.hidden',
  'post.unhidden',
  'post.published',
  'comment.hidden',
  'comment.unhidden',
  'overlap.marked_related',
  'overlap.marked_not_duplicate',
  'overlap.unmarked',
  'organization.expertise_updated',
  'organization.donor_flagged',
  'organization.donor_unflagged',
  // ---- moderation and documents (issue 16)
  'document.hidden',
  'document.unhidden',
  'report.dismissed',
  'report.hidden',
  'report.edit_requested',
  'report.account_suspended',
  'report.auto_hidden',
  // ---- map, IATI and the public page (issue 17)
  'iati.imported',
  'post.marked_public',
  'post.unmarked_public',
  'organization.marked_public',
  'organization.unmarked_public',
  // ---- the network (issue 12)
  'session.revoked',
  'session.sign_in_second_factor_failed',
  'totp.enabled',
  'totp.disabled',
  'totp.recovery_code_used',
  'profile.updated',
  'image.uploaded',
  'account.data_exported',
  'account.deletion_requested',
  'account.deleted',
  // ---- self-assessment (issue 18)
  'self_assessment.submitted',
  'self_assessment.sharing_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The groups the log can be filtered by (`kind`), in the order the filter offers them. */
export const AUDIT_KINDS = ['security', 'accounts', 'applications', 'organizations', 'moderation', 'exchange'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  security: 'Sign-in and security',
  accounts: 'Accounts and profiles',
  applications: 'Applications to join',
  organizations: 'Organizations',
  moderation: 'Moderation',
  exchange: 'Posts, overlaps and the public page',
};

/**
 * A sentence with placeholders: {actor} (the person, with their organization), {target} (what was
 * touched), {related} (a second thing: the other post of an overlap, the organization someone was
 * invited to) and {details.KEY} (a value recorded with the event). Each placeholder becomes a
 * link on the page and plain text in the CSV.
 */
export interface AuditSentence {
  kind: AuditKind;
  text: string;
  /** Used instead when the event names no target (e.g. a password reset asked for an unknown address). */
  withoutTarget?: string;
}

export const AUDIT_SENTENCES: Record<AuditAction, AuditSentence> = {
  'session.sign_in': { kind: 'security', text: '{actor} signed in' },
  'session.sign_in_failed': { kind: 'security', text: 'A sign-in as {details.email} failed' },
  'session.sign_out': { kind: 'security', text: '{actor} signed out' },
  'session.revoked': { kind: 'security', text: '{actor} signed out their sessions on other devices' },
  'session.sign_in_second_factor_failed': { kind: 'security', text: 'A sign-in as {details.email} failed at the second step' },
  'password.reset_requested': { kind: 'security', text: 'A password reset was asked for the account of {target}', withoutTarget: 'A password reset was asked for an address with no account' },
  'password.reset': { kind: 'security', text: '{actor} reset their password' },
  'password.changed': { kind: 'security', text: '{actor} changed their password' },
  'totp.enabled': { kind: 'security', text: '{actor} turned on two-step sign-in' },
  'totp.disabled': { kind: 'security', text: '{actor} turned off two-step sign-in' },
  'totp.recovery_code_used': { kind: 'security', text: '{actor} signed in with a recovery code' },

  'account.activated': { kind: 'accounts', text: '{actor} activated their account' },
  'account.invited': { kind: 'accounts', text: '{actor} invited {target} to join {related}' },
  'account.deactivated': { kind: 'accounts', text: '{actor} deactivated the account of {target}' },
  'account.reactivated': { kind: 'accounts', text: '{actor} reactivated the account of {target}' },
  'account.suspended': { kind: 'accounts', text: '{actor} suspended the account of {target}' },
  'account.reinstated': { kind: 'accounts', text: '{actor} reinstated the account of {target}' },
  'account.data_exported': { kind: 'accounts', text: '{actor} downloaded a copy of their data' },
  'account.deletion_requested': { kind: 'accounts', text: '{actor} asked for their account to be deleted' },
  'account.deleted': { kind: 'accounts', text: '{actor} deleted the account of {target}' },
  'profile.updated': { kind: 'accounts', text: '{actor} updated their profile' },
  'image.uploaded': { kind: 'accounts', text: '{actor} uploaded a picture for {target}' },

  'application.submitted': { kind: 'applications', text: 'An application to join was submitted for {target}' },
  'application.approved': { kind: 'applications', text: '{actor} approved the application of {target}' },
  'application.rejected': { kind: 'applications', text: '{actor} rejected the application of {target}' },

  'organization.suspended': { kind: 'organizations', text: '{actor} suspended {target}' },
  'organization.reinstated': { kind: 'organizations', text: '{actor} reinstated {target}' },
  'organization.expertise_updated': { kind: 'organizations', text: '{actor} updated the expertise of {target}' },
  'organization.donor_flagged': { kind: 'organizations', text: '{actor} marked {target} as a donor' },
  'organization.donor_unflagged': { kind: 'organizations', text: '{actor} removed the donor mark from {target}' },
  'organization.marked_public': { kind: 'organizations', text: '{actor} put {target} on the public page' },
  'organization.unmarked_public': { kind: 'organizations', text: '{actor} took {target} off the public page' },
  'iati.imported': { kind: 'organizations', text: '{actor} imported IATI activities for {target}' },
  'self_assessment.submitted': { kind: 'organizations', text: '{actor} submitted the self-assessment of {target}' },
  'self_assessment.sharing_changed': { kind: 'organizations', text: '{actor} changed who may see the self-assessment of {target}' },

  'post.hidden': { kind: 'moderation', text: '{actor} hid the post {target}' },
  'post.unhidden': { kind: 'moderation', text: '{actor} made the post {target} visible again' },
  'post.published': { kind: 'exchange', text: '{actor} published the draft {target}' },
  'comment.hidden': { kind: 'moderation', text: '{actor} hid a comment on {target}' },
  'comment.unhidden': { kind: 'moderation', text: '{actor} made a comment on {target} visible again' },
  'document.hidden': { kind: 'moderation', text: '{actor} hid the document {target}' },
  'document.unhidden': { kind: 'moderation', text: '{actor} made the document {target} visible again' },
  'report.dismissed': { kind: 'moderation', text: '{actor} dismissed the reports about {target}' },
  'report.hidden': { kind: 'moderation', text: '{actor} hid {target} after reports' },
  'report.edit_requested': { kind: 'moderation', text: '{actor} asked for {target} to be edited after reports' },
  'report.account_suspended': { kind: 'moderation', text: '{actor} suspended the author of {target} after reports' },
  'report.auto_hidden': { kind: 'moderation', text: '{target} was hidden automatically after {details.threshold} reports' },

  'overlap.marked_related': { kind: 'exchange', text: '{actor} marked {target} and {related} as related' },
  'overlap.marked_not_duplicate': { kind: 'exchange', text: '{actor} marked {target} and {related} as not duplicates' },
  'overlap.unmarked': { kind: 'exchange', text: '{actor} removed the overlap mark between {target} and {related}' },
  'post.marked_public': { kind: 'exchange', text: '{actor} put {target} on the public page' },
  'post.unmarked_public': { kind: 'exchange', text: '{actor} took {target} off the public page' },
};

export const isAuditAction = (code: string): code is AuditAction => Object.hasOwn(AUDIT_SENTENCES, code);
export const isAuditKind = (value: string): value is AuditKind => (AUDIT_KINDS as readonly string[]).includes(value);
export const actionsOfKind = (kind: AuditKind): AuditAction[] => AUDIT_ACTIONS.filter((a) => AUDIT_SENTENCES[a].kind === kind);
export const kindOf = (code: string): AuditKind | null => (isAuditAction(code) ? AUDIT_SENTENCES[code].kind : null);

/** "overlap.marked_related" → "overlap marked related": for a code this table does not know yet. */
export const humanizeCode = (code: string): string => code.replace(/[._]+/g, ' ').trim();

/**
 * The sentence of an event. A code not in the table (written by a newer server, or before a
 * rename) still reads as a sentence, with the code in words, never as the bare code.
 */
export function sentenceOf(action: string, hasTarget: boolean): string {
  if (!isAuditAction(action)) return hasTarget ? `{actor}: ${humanizeCode(action)}, concerning {target}` : `{actor}: ${humanizeCode(action)}`;
  const entry = AUDIT_SENTENCES[action];
  return !hasTarget && entry.withoutTarget ? entry.withoutTarget : entry.text;
}

export type SentencePart = { text: string } | { slot: 'actor' | 'target' | 'related' } | { detail: string };

/** The sentence cut into text and placeholders, for whoever renders it (a page with links, a CSV cell). */
export function sentenceParts(template: string): SentencePart[] {
  const parts: SentencePart[] = [];
  const re = /\{(actor|target|related|details\.[A-Za-z0-9_]+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) parts.push({ text: template.slice(last, m.index) });
    const name = m[1]!;
    parts.push(name.startsWith('details.') ? { detail: name.slice('details.'.length) } : { slot: name as 'actor' | 'target' | 'related' });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** What the server resolved a target to: a name to show and, where there is one, a page. */
export interface AuditRef {
  type: string;
  id: string;
  name: string;
  url: string | null;
}

export interface AuditActorRef {
  id: string;
  name: string;
  organization: { id: string; name: string } | null;
}

export const NO_ACTOR = 'Someone who was not signed in';

export const actorLabel = (actor: AuditActorRef | null): string => (actor ? (actor.organization ? `${actor.name} (${actor.organization.name})` : actor.name) : NO_ACTOR);

const detailText = (details: Record<string, unknown>, key: string): string => {
  const value = details[key];
  return value === undefined || value === null ? '(not recorded)' : typeof value === 'string' ? value : JSON.stringify(value);
};

/** The sentence as plain text (the CSV, the API's `sentence`). */
export function plainSentence(event: { action: string; actor: AuditActorRef | null; target: AuditRef | null; related: AuditRef | null; details: Record<string, unknown> }): string {
  return sentenceParts(sentenceOf(event.action, event.target !== null))
    .map((part) => {
      if ('text' in part) return part.text;
      if ('detail' in part) return detailText(event.details, part.detail);
      if (part.slot === 'actor') return actorLabel(event.actor);
      const ref = event[part.slot];
      return ref ? ref.name : '(no longer on the Forum)';
    })
    .join('');
}

export { detailText as auditDetailText };
