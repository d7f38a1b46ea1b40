// Reports and the one moderation queue. Any participant reports a post, comment, offer or document
// they can see (once per item); the organizers work the queue grouped by item and decide once for
// all its open reports: dismiss, hide (with a reason the author sees), ask the author to edit, or
// suspend the author's account. Each decision is audited; reporters are told the outcome in
// general terms and are never named to the reported party. Enough independent "personal data"
// reports hide the item at once, pending review.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely, type Transaction } from 'kysely';
import { Type } from 'typebox';
import { MODERATION_ACTIONS, REPORT_REASONS, REPORT_SOURCES, REPORT_TARGET_TYPES, type ModerationAction, type ReportTargetType } from '../../shared/moderation.js';
import { isOrganizer } from '../access/index.js';
import { audit, type AuditAction } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import type { Database } from '../db/schema.js';
import { fieldError, problems } from '../http/problem.js';
import { StringEnum } from '../http/schema-helpers.js';
import { enqueueMail } from '../mail/outbox.js';
import { THING, authorNotice, reportOutcome, reportReceived } from './messages.js';
import { notifyAndMail } from '../notifications/route-mail.js';
import { findVisibleTarget, setHidden, type TargetInfo } from './targets.js';

type Db = Kysely<Database> | Transaction<Database>;

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const TargetRef = Type.Object({ type: StringEnum(REPORT_TARGET_TYPES), id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const CreateReportBody = Type.Object(
  {
    target: TargetRef,
    reason: StringEnum(REPORT_REASONS, { description: 'personal_data: personal data of a victim or another person; other: say what in `detail`.' }),
    detail: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const ResolveBody = Type.Object(
  {
    action: StringEnum(MODERATION_ACTIONS),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'For hide and request_edit: the reason shown to the author (required). For dismiss: kept in the audit log.' })),
  },
  { additionalProperties: false },
);
const YourReport = Type.Object({
  id: Type.String(),
  target: Type.Object({ type: StringEnum(REPORT_TARGET_TYPES), id: Type.String() }),
  reason: StringEnum(REPORT_REASONS),
  detail: Type.String(),
  createdAt: Type.String(),
  status: StringEnum(['open', 'reviewed'] as const),
  outcome: Type.Union([StringEnum(['no_action', 'removed', 'author_asked_to_edit'] as const), Type.Null()], { description: 'What happened, in general terms.' }),
});
const QueueReport = Type.Object({
  id: Type.String(),
  source: StringEnum(REPORT_SOURCES),
  reason: StringEnum(REPORT_REASONS),
  detail: Type.String(),
  findings: Type.Array(Type.Object({ field: Type.String(), kind: Type.String() })),
  reporter: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), organization: Type.String(), organizationId: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  reporterWithheld: Type.Boolean({ description: 'A participant reported it, but the organizer reading the queue wrote the item: reporters are never shown to the reported party.' }),
  createdAt: Type.String(),
});
const QueueItem = Type.Object({
  target: Type.Object({ type: StringEnum(REPORT_TARGET_TYPES), id: Type.String() }),
  context: Type.Union([
    Type.Object({
      title: Type.String(),
      excerpt: Type.String(),
      path: Type.String(),
      author: Type.Object({ id: Type.String(), name: Type.String() }),
      organization: Type.Object({ id: Type.String(), name: Type.String() }),
      hidden: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
    }),
    Type.Null(),
  ]),
  autoHidden: Type.Boolean({ description: 'Hidden automatically by independent personal-data reports, pending this review.' }),
  reports: Type.Array(QueueReport),
  decision: Type.Union([Type.Object({ action: Type.String(), note: Type.String(), decidedAt: Type.String(), decidedBy: Type.String() }), Type.Null()]),
});

const AUTO_HIDE_REASON = 'Hidden automatically pending review: several participants reported that it may contain personal data.';
const AUDIT: Record<ModerationAction, AuditAction> = { dismiss: 'report.dismissed', hide: 'report.hidden', request_edit: 'report.edit_requested', suspend: 'report.account_suspended' };

async function organizers(db: Db) {
  return db.selectFrom('users').select(['id', 'name', 'email']).where('role', '=', 'organizer').where('status', '=', 'active').execute();
}

/** Independent reports: personal-data reports still open, counted once per reporting organization. */
async function independentPersonalDataReports(db: Db, type: ReportTargetType, id: string): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select(sql<number>`count(distinct reporter_organization_id)::int`.as('n'))
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('source', '=', 'participant')
    .where('reason', '=', 'personal_data')
    .where('decision_id', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

async function latestDecision(db: Db, type: ReportTargetType, id: string) {
  return db
    .selectFrom('moderation_decisions as m')
    .leftJoin('users as u', 'u.id', 'm.decided_by')
    .select(['m.id', 'm.action', 'm.note', 'm.decided_at', 'u.name as decided_by_name'])
    .where('m.target_type', '=', type)
    .where('m.target_id', '=', id)
    .orderBy('m.decided_at', 'desc')
    .orderBy('m.id', 'desc')
    .executeTakeFirst();
}

export const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app;
  const link = (path: string) => `${config.publicUrl}${path}`;

  app.post(
    '/api/v1/reports',
    { schema: { tags: ['moderation'], summary: 'Report a post, comment, offer, message or document you can see', body: CreateReportBody, response: { 201: YourReport } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const { target, reason } = request.body;
      const detail = request.body.detail?.trim() ?? '';
      const item = await findVisibleTarget(db, actor, target.type, target.id);
      if (reason === 'other' && detail.length < 5) throw problems.validation([fieldError('detail', 'say in a few words what is wrong (at least 5 characters) when the reason is "other"')]);
      if (item.author.id === actor.id) throw problems.conflict('own-content', 'You wrote this yourself: change or withdraw it instead of reporting it.');

      const created = await db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('reports')
          .values({ target_type: target.type, target_id: target.id, reporter_id: actor.id, reporter_organization_id: actor.organizationId, reason, detail })
          .onConflict((oc) => oc.columns(['target_type', 'target_id', 'reporter_id']).doNothing())
          .returning(['id', 'created_at'])
          .executeTakeFirst();
        if (!row) throw problems.conflict('already-reported', 'You have already reported this. The organizers review every report; you will hear from them.');

        let autoHidden = false;
        if (reason === 'personal_data' && !item.hidden && (await independentPersonalDataReports(tx, target.type, target.id)) >= config.moderation.autoHideAfter) {
          autoHidden = await setHidden(tx, target.type, target.id, { reason: AUTO_HIDE_REASON, by: null });
          if (autoHidden) {
            await tx.insertInto('moderation_decisions').values({ target_type: target.type, target_id: target.id, action: 'auto_hide', note: AUTO_HIDE_REASON, decided_by: null }).execute();
            await audit(tx, { actorUserId: null, action: 'report.auto_hidden', targetType: target.type, targetId: target.id, details: { threshold: config.moderation.autoHideAfter } });
          }
        }
        // Organizers hear of every new report: in the app, and by this mail.
        // By mail to those organizers who want new reports at once (their notification preferences).
        await notifyAndMail(tx, config.publicUrl, { kind: 'report_received', actorId: actor.id, recipients: { organizers: true }, subject: { type: 'report', id: row.id, title: `a ${target.type.replace(/_/g, ' ')}` }, url: '/organizer/moderation', details: { autoHidden } }, await organizers(tx), (o) =>
          reportReceived({ name: o.name, type: target.type, link: link('/organizer/moderation'), autoHidden }),
        );
        return row;
      });
      return reply.code(201).send({ id: created.id, target, reason, detail, createdAt: created.created_at.toISOString(), status: 'open' as const, outcome: null });
    },
  );

  app.get(
    '/api/v1/me/reports',
    { schema: { tags: ['moderation'], summary: 'Your reports and what became of them, in general terms', response: { 200: Type.Object({ items: Type.Array(YourReport) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const rows = await db
        .selectFrom('reports as r')
        .leftJoin('moderation_decisions as m', 'm.id', 'r.decision_id')
        .select(['r.id', 'r.target_type', 'r.target_id', 'r.reason', 'r.detail', 'r.created_at', 'm.action'])
        .where('r.reporter_id', '=', actor.id)
        .orderBy('r.created_at', 'desc')
        .limit(200)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          target: { type: r.target_type, id: r.target_id },
          reason: r.reason,
          detail: r.detail,
          createdAt: r.created_at.toISOString(),
          status: r.action ? ('reviewed' as const) : ('open' as const),
          outcome: !r.action ? null : r.action === 'dismiss' ? ('no_action' as const) : r.action === 'request_edit' ? ('author_asked_to_edit' as const) : ('removed' as const),
        })),
      };
    },
  );

  app.get(
    '/api/v1/reports',
    {
      schema: {
        tags: ['moderation'],
        summary: 'The moderation queue (organizers): reports grouped by item, with the item in context',
        querystring: Type.Object({ status: Type.Optional(StringEnum(['open', 'resolved'] as const)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
        response: { 200: Type.Object({ items: Type.Array(QueueItem), total: Type.Integer({ description: 'Items with reports in this state.' }) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!isOrganizer(actor)) throw problems.forbidden('Only the organizers see the moderation queue.');
      const open = (request.query.status ?? 'open') === 'open';
      const limit = request.query.limit ?? 50;
      const groups = await db
        .selectFrom('reports')
        .select(['target_type', 'target_id', sql<Date>`min(created_at)`.as('first_at'), sql<Date>`max(created_at)`.as('last_at')])
        .where('decision_id', open ? 'is' : 'is not', null)
        .groupBy(['target_type', 'target_id'])
        .orderBy(open ? sql`min(created_at)` : sql`max(created_at)`, open ? 'asc' : 'desc')
        .limit(limit)
        .execute();
      const total = await db
        .selectFrom(db.selectFrom('reports').select(['target_type', 'target_id']).where('decision_id', open ? 'is' : 'is not', null).groupBy(['target_type', 'target_id']).as('g'))
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      const items = [];
      for (const g of groups) {
        const reports = await db
          .selectFrom('reports as r')
          .leftJoin('users as u', 'u.id', 'r.reporter_id')
          .leftJoin('organizations as o', 'o.id', 'r.reporter_organization_id')
          .select(['r.id', 'r.source', 'r.reason', 'r.detail', 'r.findings', 'r.created_at', 'u.id as user_id', 'u.name as user_name', 'o.id as org_id', 'o.name as org_name'])
          .where('r.target_type', '=', g.target_type)
          .where('r.target_id', '=', g.target_id)
          .where('r.decision_id', open ? 'is' : 'is not', null)
          .orderBy('r.created_at')
          .execute();
        const target = await findVisibleTarget(db, actor, g.target_type, g.target_id).catch(() => null);
        // An organizer may be the reported party (they write posts too): reporters are never shown to it.
        const withheld = target?.author.id === actor.id;
        const decision = await latestDecision(db, g.target_type, g.target_id);
        items.push({
          target: { type: g.target_type, id: g.target_id },
          context: target
            ? { title: target.title, excerpt: target.excerpt, path: target.path, author: { id: target.author.id, name: target.author.name }, organization: target.organization, hidden: target.hidden ? { at: target.hidden.at.toISOString(), reason: target.hidden.reason } : null }
            : null,
          autoHidden: Boolean(target?.hidden) && decision?.action === 'auto_hide',
          reports: reports.map((r) => ({
            id: r.id,
            source: r.source,
            reason: r.reason,
            detail: r.detail,
            findings: r.findings,
            reporter: r.user_id && !withheld ? { id: r.user_id, name: r.user_name ?? '', organization: r.org_name ?? '', organizationId: r.org_id ?? null } : null,
            reporterWithheld: Boolean(r.user_id) && withheld,
            createdAt: r.created_at.toISOString(),
          })),
          decision: !open && decision ? { action: decision.action, note: decision.note, decidedAt: decision.decided_at.toISOString(), decidedBy: decision.decided_by_name ?? '' } : null,
        });
      }
      return { items, total: total.n };
    },
  );

  app.post(
    '/api/v1/reports/:id/resolve',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Decide on a report (organizers); the decision closes every open report on the same item',
        params: IdParams,
        body: ResolveBody,
        response: { 200: Type.Object({ action: StringEnum(MODERATION_ACTIONS), resolvedReports: Type.Integer(), target: Type.Object({ type: StringEnum(REPORT_TARGET_TYPES), id: Type.String() }) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!isOrganizer(actor)) throw problems.forbidden('Only the organizers decide on reports.');
      const { action } = request.body;
      const note = request.body.note?.trim() ?? '';
      if ((action === 'hide' || action === 'request_edit' || action === 'suspend') && note.length < 5) {
        throw problems.validation([fieldError('note', 'is required for this action (at least 5 characters): the author is told this reason')]);
      }
      const report = await db.selectFrom('reports').select(['id', 'target_type', 'target_id', 'decision_id']).where('id', '=', request.params.id).executeTakeFirst();
      if (!report) throw problems.notFound();
      if (report.decision_id) throw problems.conflict('report-resolved', 'This report was already decided on.');
      const item: TargetInfo | null = await findVisibleTarget(db, actor, report.target_type, report.target_id).catch(() => null);
      if (!item && action !== 'dismiss') throw problems.conflict('item-gone', 'The reported item no longer exists; the report can only be dismissed.');

      const resolved = await db.transaction().execute(async (tx) => {
        // Whether the item is hidden only because the reports hid it, pending this review.
        const autoHidden = Boolean(item?.hidden) && (await latestDecision(tx, report.target_type, report.target_id))?.action === 'auto_hide';
        const decision = await tx.insertInto('moderation_decisions').values({ target_type: report.target_type, target_id: report.target_id, action, note, decided_by: actor.id }).returning('id').executeTakeFirstOrThrow();
        const closed = await tx
          .updateTable('reports')
          .set({ decision_id: decision.id })
          .where('target_type', '=', report.target_type)
          .where('target_id', '=', report.target_id)
          .where('decision_id', 'is', null)
          .returning(['reporter_id'])
          .execute();
        if (closed.length === 0) throw problems.conflict('report-resolved', 'This report was already decided on.');

        if (item) {
          if (action === 'dismiss') {
            // An item the reports hid pending review comes back when the review finds nothing wrong.
            if (autoHidden) await setHidden(tx, report.target_type, report.target_id, null);
          } else if (action === 'hide' || action === 'suspend') {
            // Replaces an automatic hiding's reason with the organizers' own.
            if (item.hidden) await setHidden(tx, report.target_type, report.target_id, null);
            await setHidden(tx, report.target_type, report.target_id, { reason: note, by: actor.id });
          }
          if (action === 'suspend') {
            const author = await tx.selectFrom('users').select(['id', 'status', 'role']).where('id', '=', item.author.id).forUpdate().executeTakeFirstOrThrow();
            if (author.role === 'organizer') throw problems.conflict('cannot-suspend-organizer', 'An organizer’s account cannot be suspended from the queue.');
            if (author.status !== 'suspended') {
              await tx.updateTable('users').set({ status: 'suspended', status_before_suspension: author.status }).where('id', '=', author.id).execute();
              await app.sessions.revokeUsers(tx as unknown as Kysely<Database>, [author.id]);
              await audit(tx, { actorUserId: actor.id, action: 'account.suspended', targetType: 'user', targetId: author.id, ip: request.ip, details: { reportedItem: { type: report.target_type, id: report.target_id } } });
            }
          }
          if (action !== 'dismiss') {
            await enqueueMail(tx, { to: item.author.email, ...authorNotice({ name: item.author.name, type: report.target_type, title: item.title, action, note, link: link(item.path) }) });
          }
        }
        await audit(tx, { actorUserId: actor.id, action: AUDIT[action], targetType: report.target_type, targetId: report.target_id, ip: request.ip, details: { reports: closed.length, ...(note ? { note } : {}) } });

        // Each reporter hears the outcome once, in general terms.
        const reporterIds = [...new Set(closed.map((r) => r.reporter_id).filter((id): id is string => id !== null))];
        if (reporterIds.length) {
          const reporters = await tx.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', reporterIds).where('status', '=', 'active').execute();
          // In the app, and by mail to those who want it at once (report_decided; the rest in their digest or not at all).
          await notifyAndMail(tx, config.publicUrl, { kind: 'report_decided', actorId: actor.id, recipients: { users: reporters.map((r) => r.id) }, subject: { type: 'report', id: report.id, title: `your report of ${THING[report.target_type]}` }, url: '/reports', details: { action } }, reporters, (r) =>
            reportOutcome({ name: r.name, type: report.target_type, action, link: link('/reports') }),
          );
        }
        return closed.length;
      });
      return { action, resolvedReports: resolved, target: { type: report.target_type, id: report.target_id } };
    },
  );
};
