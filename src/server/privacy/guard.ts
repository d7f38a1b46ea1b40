// The victim-privacy guard at every write: one function for posts, comments, offers, messages and
// document text. It never blocks silently: a text that looks like it identifies a person is
// refused with 422 /problems/personal-data-suspected, listing what was found and where, and the
// same request with `confirmNoVictimData: true` is saved and flagged for the organizers' queue.
import type { Kysely, Transaction } from 'kysely';
import { Type } from 'typebox';
import type { ReportTargetType } from '../../shared/moderation.js';
import type { Database } from '../db/schema.js';
import { Problem } from '../http/problem.js';
import { findPersonalData, type Finding } from './detector.js';

/** The request field that confirms the text is not about a victim; add it to every guarded body. */
export const ConfirmNoVictimData = Type.Optional(
  Type.Boolean({ description: 'Save even though the privacy guard found what looks like personal data (it is then flagged for the organizers).' }),
);

export function personalDataProblem(findings: Finding[]): Problem {
  const kinds = [...new Set(findings.map((f) => f.reason))].join('; ');
  return new Problem(
    422,
    'personal-data-suspected',
    'This may identify a person',
    `The Forum is about projects and organizations, never about individual victims. ${findings.every((f) => f.kind === 'face') ? 'This image' : 'This text'} looks like it carries personal data (${kinds}). Remove it, or confirm that it is not about a victim and send it again; the organizers will then review it.`,
    {
      findings: findings.map((f) => ({ field: f.field, pointer: `#/${f.field.split('.').join('/')}`, kind: f.kind, text: f.text, start: f.start, end: f.end, reason: f.reason, ...(f.region ? { region: f.region } : {}) })),
      // The field that confirms, for API clients; the sentence above is for people.
      confirmWith: 'confirmNoVictimData',
    },
  );
}

/** The outcome of screening one write: what to flag once it is saved. */
export class PrivacyScreen {
  constructor(readonly findings: readonly Finding[]) {}

  /** Files the confirmed findings into the moderation queue (kinds and fields only; the text stays in the item). */
  async flag(db: Kysely<Database> | Transaction<Database>, target: { type: ReportTargetType; id: string }): Promise<void> {
    if (this.findings.length === 0) return;
    await db
      .insertInto('reports')
      .values({
        target_type: target.type,
        target_id: target.id,
        source: 'privacy_guard',
        reason: 'personal_data',
        detail: 'The author confirmed that this is not about a victim.',
        findings: JSON.stringify(this.findings.map((f) => ({ field: f.field, kind: f.kind }))),
      })
      .execute();
  }
}

/**
 * Screens the texts of one write, field by field, with what else was found in it (`more`: the
 * faces in an uploaded image, see ./faces.ts). Throws the 422 unless the writer confirmed;
 * returns the screen whose `flag` files a confirmed write for review once it is saved.
 */
export function screenText(fields: Record<string, string | null | undefined>, confirmed: boolean | undefined, more: readonly Finding[] = []): PrivacyScreen {
  const findings = [...Object.entries(fields).flatMap(([field, text]) => (text ? findPersonalData(text, field) : [])), ...more];
  if (findings.length > 0 && confirmed !== true) throw personalDataProblem(findings);
  return new PrivacyScreen(findings);
}
