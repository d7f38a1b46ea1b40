// Reading and comparing self-assessments (issue 18). The draft is one row per government with a
// revision number; every save is kept in self_assessment_revisions (so a stale save's 409 can
// say who changed which measure since), and every submission is a dated, numbered version.
import type { Kysely, Transaction } from 'kysely';
import { MEASURES, measureByCode, type Rating } from '../../shared/framework.js';
import type { OrganizationCategory } from '../../shared/participants.js';
import { visibleDocumentsFilter, type Actor, type AssessmentFacts } from '../access/index.js';
import type { Database, RatingsJson } from '../db/schema.js';
import { problems } from '../http/problem.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface GovernmentRow {
  id: string;
  name: string;
  category: OrganizationCategory;
  country: string;
}

export interface AssessmentState {
  organization: GovernmentRow;
  ratings: RatingsJson;
  revision: number;
  scope: AssessmentFacts['scope'];
  sharedWith: { id: string; name: string }[];
  updatedAt: Date | null;
  updatedBy: { id: string; name: string } | null;
  facts: AssessmentFacts;
}

/** The organization and its assessment (an empty draft at revision 0 if none was saved yet); 404 for an unknown organization. */
export async function loadAssessment(db: Db, organizationId: string, options: { forUpdate?: boolean } = {}): Promise<AssessmentState> {
  const org = await db.selectFrom('organizations').select(['id', 'name', 'category', 'country']).where('id', '=', organizationId).executeTakeFirst();
  if (!org) throw problems.notFound();
  if (options.forUpdate) {
    // The first save of a government creates its row; concurrent first saves meet here.
    await db.insertInto('self_assessments').values({ organization_id: org.id }).onConflict((oc) => oc.column('organization_id').doNothing()).execute();
  }
  let query = db
    .selectFrom('self_assessments as sa')
    .leftJoin('users as u', 'u.id', 'sa.updated_by')
    .select(['sa.ratings', 'sa.revision', 'sa.sharing_scope', 'sa.updated_at', 'sa.notes_hidden_at', 'u.id as user_id', 'u.name as user_name'])
    .where('sa.organization_id', '=', org.id);
  if (options.forUpdate) query = query.forUpdate('sa');
  const row = await query.executeTakeFirst();
  const shares = await db
    .selectFrom('self_assessment_shares as sh')
    .innerJoin('organizations as o', 'o.id', 'sh.shared_with')
    .select(['o.id', 'o.name'])
    .where('sh.organization_id', '=', org.id)
    .orderBy('o.name')
    .execute();
  const organization = { ...org, country: org.country.trim() };
  const scope = row?.sharing_scope ?? 'private';
  return {
    organization,
    ratings: row?.ratings ?? {},
    revision: row?.revision ?? 0,
    scope,
    sharedWith: shares,
    updatedAt: row && row.revision > 0 ? row.updated_at : null,
    updatedBy: row?.user_id ? { id: row.user_id, name: row.user_name ?? '' } : null,
    facts: { organizationId: org.id, organizationCategory: org.category, scope, sharedWith: shares.map((s) => s.id), notesHidden: Boolean(row?.notes_hidden_at) },
  };
}

export interface RatingChange {
  measure: string;
  pillar: string;
  from: Rating | null;
  to: Rating | null;
  /** Which of status, priority, note and evidence document differ. */
  fields: ('status' | 'priority' | 'note' | 'document')[];
}

/** Which fields differ between two ratings of one measure (null: not rated), compared field by field. */
export function changedFields(a: Rating | null | undefined, b: Rating | null | undefined): RatingChange['fields'] {
  return (['status', 'priority', 'note', 'document'] as const).filter((f) => {
    const key = f === 'document' ? 'documentId' : f;
    return (a?.[key] ?? null) !== (b?.[key] ?? null);
  });
}

/** The measures whose rating differs between two sets of ratings, in framework order. */
export function compareRatings(from: RatingsJson, to: RatingsJson): RatingChange[] {
  const changes: RatingChange[] = [];
  for (const m of MEASURES) {
    const a = from[m.code] ?? null;
    const b = to[m.code] ?? null;
    const fields = changedFields(a, b);
    if (fields.length > 0) changes.push({ measure: m.code, pillar: m.pillar, from: a, to: b, fields });
  }
  return changes;
}

/** Ratings of one saved revision of the draft (revision 0: the empty draft); null if it is not kept. */
export async function ratingsAtRevision(db: Db, organizationId: string, revision: number): Promise<RatingsJson | null> {
  if (revision === 0) return {};
  const row = await db.selectFrom('self_assessment_revisions').select('ratings').where('organization_id', '=', organizationId).where('revision', '=', revision).executeTakeFirst();
  return row?.ratings ?? null;
}

/** Saves after `base`, oldest first: who saved and when. */
export async function revisionsSince(db: Db, organizationId: string, base: number) {
  const rows = await db
    .selectFrom('self_assessment_revisions as r')
    .innerJoin('users as u', 'u.id', 'r.edited_by')
    .select(['r.revision', 'r.edited_at', 'u.id as user_id', 'u.name as user_name'])
    .where('r.organization_id', '=', organizationId)
    .where('r.revision', '>', base)
    .orderBy('r.revision')
    .execute();
  return rows.map((r) => ({ revision: r.revision, editedAt: r.edited_at.toISOString(), editedBy: { id: r.user_id, name: r.user_name } }));
}

export async function listVersions(db: Db, organizationId: string) {
  const rows = await db
    .selectFrom('self_assessment_versions as v')
    .innerJoin('users as u', 'u.id', 'v.submitted_by')
    .select(['v.version', 'v.submitted_at', 'v.ratings', 'v.draft_revision', 'u.id as user_id', 'u.name as user_name'])
    .where('v.organization_id', '=', organizationId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    submittedAt: r.submitted_at.toISOString(),
    submittedBy: { id: r.user_id, name: r.user_name },
    draftRevision: r.draft_revision,
    ratings: r.ratings,
    counts: statusCounts(r.ratings),
  }));
}

export interface EvidenceDocument {
  id: string;
  title: string;
  fileName: string;
}

/**
 * The library documents cited as evidence in these ratings that the actor may see (by the
 * documents' own rule, in SQL), by id. A cited document the actor may not see is simply absent.
 */
export async function evidenceDocuments(db: Db, actor: Actor, ...sets: RatingsJson[]): Promise<Record<string, EvidenceDocument>> {
  const ids = [...new Set(sets.flatMap((ratings) => Object.values(ratings).flatMap((r) => (r.documentId ? [r.documentId] : []))))];
  if (ids.length === 0) return {};
  const rows = await db
    .selectFrom('documents as d')
    .innerJoin('document_versions as v', (join) => join.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
    .select(['d.id', 'd.title', 'v.file_name'])
    .where('d.id', 'in', ids)
    .where(visibleDocumentsFilter(actor))
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, { id: r.id, title: r.title, fileName: r.file_name }]));
}

/** The ratings as the actor may read them: a cited document it may not see is left out (it stays stored). */
export const withReadableDocuments = (ratings: RatingsJson, readable: Record<string, EvidenceDocument>): RatingsJson =>
  Object.fromEntries(
    Object.entries(ratings).map(([code, r]) => {
      if (!r.documentId || readable[r.documentId]) return [code, r];
      const { documentId: _hidden, ...rest } = r;
      return [code, rest];
    }),
  );

/** The ratings without their notes (for a reader the organizers' hiding keeps them from). */
export const withoutNotes = (ratings: RatingsJson): RatingsJson => Object.fromEntries(Object.entries(ratings).map(([code, r]) => [code, { ...r, note: '' }]));

export function statusCounts(ratings: RatingsJson): Record<string, number> {
  const counts: Record<string, number> = { in_place: 0, partly_in_place: 0, not_in_place: 0, not_applicable: 0, unknown: 0, unrated: 0 };
  for (const m of MEASURES) {
    const r = ratings[m.code];
    counts[r ? r.status : 'unrated']! += 1;
  }
  return counts;
}

/** Cuts a text at a word boundary. */
export const shorten = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max).replace(/[\s,;:]+\S*$/, '')}…`);

/** The fields of a `ta_request` pre-filled from one measure of a government's assessment. */
export function requestDraft(measureCode: string, organization: GovernmentRow, rating: Rating | null) {
  const measure = measureByCode(measureCode)!;
  const pillar = measure.pillar.replace(/_/g, ' ');
  const title = shorten(`Technical assistance (${pillar}): ${measure.text}`, 190);
  const status = rating ? ` We rated it ${rating.status.replace(/_/g, ' ')}, ${rating.priority} priority.` : '';
  const body = [
    rating?.note.trim() ? rating.note.trim() : null,
    `**Framework for Action measure** (${measure.code}): ${measure.text}${status}`,
    `_Source: ${measure.source}._`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    kind: 'ta_request' as const,
    title,
    body,
    audience: 'full' as const,
    regions: [] as string[],
    countries: [organization.country],
    areas: [...measure.areas] as string[],
    themes: [...measure.themes] as string[],
    measure: { code: measure.code, pillar: measure.pillar, text: measure.text, source: measure.source },
  };
}
