// The audit log for organizers: newest first, 50 at a time, each event as a sentence with the
// names of what it touched; filtered by person, organization, kind, action and dates; also as
// CSV. Pages are cut by keyset (the last event's time and id), not by offset, so new events
// arriving meanwhile neither repeat nor skip rows.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { sql, type Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import { AUDIT_KINDS, AUDIT_KIND_LABELS, actionsOfKind, actorLabel, isAuditKind, kindOf, plainSentence, type AuditActorRef, type AuditRef } from '../../shared/audit.js';
import { authorize } from '../access/index.js';
import type { Database } from '../db/schema.js';
import { neutralizeFormula } from '../exchange/export-routes.js';
import { problems, fieldError, type FieldError } from '../http/problem.js';
import { refKey, relatedOf, resolveRefs } from './resolve.js';

export const AUDIT_PAGE_SIZE = 50;
/** Like the posts export: a list, not a dump; past this many rows, narrow the filters. */
export const AUDIT_EXPORT_MAX_ROWS = 5000;

const Ref = Type.Object({ type: Type.String(), id: Type.String(), name: Type.String(), url: Type.Union([Type.String(), Type.Null()]) });

const AuditEventSchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), email: Type.String(), organization: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]) }),
    Type.Null(),
  ]),
  action: Type.String(),
  kind: Type.Union([Type.String(), Type.Null()], { description: 'The group of the action (see AUDIT_KINDS); null for a code this server does not know' }),
  sentence: Type.String({ description: 'What happened, in words, with names instead of ids' }),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  target: Type.Union([Ref, Type.Null()]),
  related: Type.Union([Ref, Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const FilterQuery = {
  actor: Type.Optional(Type.String({ maxLength: 100, description: 'Only events by this person (user id)' })),
  organization: Type.Optional(Type.String({ maxLength: 100, description: 'Only events by people of this organization, or about it (organization id)' })),
  action: Type.Optional(Type.String({ maxLength: 100, description: 'Only events with this action, e.g. session.sign_in' })),
  kind: Type.Optional(Type.String({ maxLength: 40, description: `Only events of this group: ${AUDIT_KINDS.join(', ')}` })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Only events on or after this day (YYYY-MM-DD, UTC)' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Only events on or before this day (YYYY-MM-DD, UTC)' })),
};
const ListQuery = Type.Object({ ...FilterQuery, cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })) });
const ExportQuery = Type.Object(FilterQuery);
type Filters = Static<typeof ExportQuery>;

// The cursor holds the time to the microsecond, as PostgreSQL stores it: a JavaScript Date keeps
// only milliseconds, and events within one millisecond would otherwise be skipped between pages.
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const encodeCursor = (at: string, id: string): string => Buffer.from(`${at}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // A well-formed but impossible date (February 30th) must be refused here, not by the database.
  const real = match && !Number.isNaN(Date.parse(match[1]!)) && new Date(match[1]!).toISOString().slice(0, 23) === match[1]!.slice(0, 23);
  if (!match || !real) throw problems.validation([fieldError('cursor', 'is not a cursor this server gave out')]);
  return { at: match[1]!, id: match[2]! };
}

/** A real calendar day (not February 30th) as the UTC midnight that starts it, or null. */
function dayStart(value: string): Date | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && Number(match[1]) >= 1900 ? date : null;
}

interface Checked {
  actor?: string;
  organization?: string;
  actions?: string[];
  from?: Date;
  /** The start of the day after `to`, so the whole of that day is included. */
  before?: Date;
}

/** Every filter checked at once, so a person sees all that is wrong in one answer. */
function checkFilters(q: Filters): Checked {
  const errors: FieldError[] = [];
  const out: Checked = {};
  const actor = q.actor?.trim();
  if (actor) {
    if (UUID.test(actor)) out.actor = actor;
    else errors.push(fieldError('actor', 'does not name a person: choose one from the list'));
  }
  const organization = q.organization?.trim();
  if (organization) {
    if (UUID.test(organization)) out.organization = organization;
    else errors.push(fieldError('organization', 'does not name an organization: choose one from the list'));
  }
  const kind = q.kind?.trim();
  const action = q.action?.trim();
  if (kind && !isAuditKind(kind)) errors.push(fieldError('kind', `must be one of the kinds of event: ${AUDIT_KINDS.map((k) => AUDIT_KIND_LABELS[k]).join(', ')}`));
  else if (kind && isAuditKind(kind)) out.actions = actionsOfKind(kind);
  if (action) out.actions = out.actions ? out.actions.filter((a) => a === action) : [action];
  for (const field of ['from', 'to'] as const) {
    const value = q[field]?.trim();
    if (!value) continue;
    const day = dayStart(value);
    if (!day) errors.push(fieldError(field, 'must be a date written YYYY-MM-DD, such as 2026-05-20'));
    else if (field === 'from') out.from = day;
    else out.before = new Date(day.getTime() + 86_400_000);
  }
  if (out.from && out.before && out.from >= out.before) errors.push(fieldError('to', 'must be the same day as the start date or later'));
  if (errors.length) throw problems.validation(errors);
  return out;
}

function filteredEvents(db: Kysely<Database>, f: Checked) {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .leftJoin('organizations as ao', 'ao.id', 'u.organization_id')
    .select(['e.id', 'e.at', 'e.action', 'e.target_type', 'e.target_id', 'e.ip', 'e.details', 'u.id as actor_id', 'u.name as actor_name', 'u.email as actor_email', 'ao.id as actor_org_id', 'ao.name as actor_org_name'])
    .select(sql<string>`to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_exact'))
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc');
  if (f.actions) query = f.actions.length ? query.where('e.action', 'in', f.actions) : query.where(sql<boolean>`false`);
  if (f.actor) query = query.where('e.actor_user_id', '=', f.actor);
  if (f.organization) {
    const org = f.organization;
    // By its people, or about it (its application, its suspension, its self-assessment...).
    query = query.where((eb) => eb.or([eb('u.organization_id', '=', org), eb.and([eb('e.target_type', '=', 'organization'), eb('e.target_id', '=', org)])]));
  }
  if (f.from) query = query.where('e.at', '>=', f.from);
  if (f.before) query = query.where('e.at', '<', f.before);
  return query;
}

type Row = Awaited<ReturnType<ReturnType<typeof filteredEvents>['execute']>>[number];

/** Rows as the API gives them: names for ids, and the sentence. */
async function present(db: Kysely<Database>, rows: Row[]) {
  const targets = rows.filter((r) => r.target_type && r.target_id).map((r) => ({ type: r.target_type!, id: r.target_id! }));
  const related = rows.map((r) => relatedOf(r.action, r.details)).filter((r) => r !== null);
  const refs = await resolveRefs(db, [...targets, ...related]);
  return rows.map((row) => {
    const actor: (AuditActorRef & { email: string }) | null = row.actor_id
      ? { id: row.actor_id, name: row.actor_name!, email: row.actor_email!, organization: row.actor_org_id ? { id: row.actor_org_id, name: row.actor_org_name! } : null }
      : null;
    const target: AuditRef | null = row.target_type && row.target_id ? refs.get(refKey({ type: row.target_type, id: row.target_id }))! : null;
    const rel = relatedOf(row.action, row.details);
    const relatedRef = rel ? refs.get(refKey(rel))! : null;
    return {
      id: row.id,
      at: row.at.toISOString(),
      actor,
      action: row.action,
      kind: kindOf(row.action),
      sentence: plainSentence({ action: row.action, actor, target, related: relatedRef, details: row.details }),
      targetType: row.target_type,
      targetId: row.target_id,
      target,
      related: relatedRef,
      ip: row.ip,
      details: row.details,
    };
  });
}

const CSV_COLUMNS = ['at', 'what', 'kind', 'action', 'person', 'person_email', 'organization', 'target_type', 'target_id', 'target_name', 'ip', 'details'] as const;

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, as sentences with names; filtered by person, organization, kind, action and dates',
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditEventSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', 'auditLog', {});
      const filters = checkFilters(request.query);
      const { cursor } = request.query;
      const after = cursor ? decodeCursor(cursor) : null;
      // One more than a page tells whether there is a next page without counting.
      let query = filteredEvents(db, filters).limit(AUDIT_PAGE_SIZE + 1);
      if (after) query = query.where(sql<boolean>`(e.at, e.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
      const rows = await query.execute();
      const page = rows.slice(0, AUDIT_PAGE_SIZE);
      const last = page.at(-1);
      return { items: await present(db, page), nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor(last.at_exact, last.id) : null };
    },
  );

  app.get(
    '/api/v1/audit/choices',
    {
      schema: {
        tags: ['audit'],
        summary: 'The people and organizations that appear in the audit log as actors, and the kinds of event: the choices of its filters',
        response: {
          200: Type.Object({
            people: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), organization: Type.String() })),
            organizations: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
            kinds: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', 'auditLog', {});
      const [people, organizations] = await Promise.all([
        db
          .selectFrom('users as u')
          .innerJoin('organizations as o', 'o.id', 'u.organization_id')
          .select(['u.id', 'u.name', 'o.name as organization'])
          .where((eb) => eb.exists(eb.selectFrom('audit_events as e').select(sql`1`.as('one')).whereRef('e.actor_user_id', '=', 'u.id')))
          .orderBy('u.name')
          .execute(),
        db.selectFrom('organizations').select(['id', 'name']).orderBy('name').execute(),
      ]);
      return { people, organizations, kinds: AUDIT_KINDS.map((code) => ({ code, label: AUDIT_KIND_LABELS[code] })) };
    },
  );

  app.get(
    '/api/v1/audit.csv',
    {
      schema: {
        tags: ['audit'],
        summary: `The audit log with the same filters as GET /api/v1/audit, as CSV (UTF-8, at most ${AUDIT_EXPORT_MAX_ROWS} rows, newest first)`,
        querystring: ExportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', 'auditLog', {});
      const filters = checkFilters(request.query);
      const events = await present(db, await filteredEvents(db, filters).limit(AUDIT_EXPORT_MAX_ROWS).execute());
      const records = events.map((e) =>
        [
          e.at,
          e.sentence,
          e.kind ? AUDIT_KIND_LABELS[e.kind as keyof typeof AUDIT_KIND_LABELS] : '',
          e.action,
          e.actor ? e.actor.name : actorLabel(null),
          e.actor?.email ?? '',
          e.actor?.organization?.name ?? '',
          e.targetType ?? '',
          e.targetId ?? '',
          e.target?.name ?? '',
          e.ip ?? '',
          Object.keys(e.details).length ? JSON.stringify(e.details) : '',
        ].map((cell) => neutralizeFormula(String(cell))),
      );
      // A byte-order mark so that spreadsheet programs read the UTF-8 names right.
      const csv = `\uFEFF${stringify([[...CSV_COLUMNS], ...records], { record_delimiter: 'windows' })}`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="virtual-forum-audit-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  );
};
