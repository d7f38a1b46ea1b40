// The audit log for organizers: newest first, 50 at a time. Pages are cut by keyset (the last
// event's time and id), not by offset, so new events arriving meanwhile neither repeat nor skip rows.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { authorize } from '../access/index.js';
import { problems, fieldError } from '../http/problem.js';

export const AUDIT_PAGE_SIZE = 50;

const AuditEventSchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

// The cursor holds the time to the microsecond, as PostgreSQL stores it: a JavaScript Date keeps
// only milliseconds, and events within one millisecond would otherwise be skipped between pages.
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const encodeCursor = (at: string, id: string): string => Buffer.from(`${at}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // A well-formed but impossible date (February 30th) must be refused here, not by the database.
  const real = match && !Number.isNaN(Date.parse(match[1]!)) && new Date(match[1]!).toISOString().slice(0, 23) === match[1]!.slice(0, 23);
  if (!match || !real) throw problems.validation([fieldError('cursor', 'is not a cursor this server gave out')]);
  return { at: match[1]!, id: match[2]! };
}

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: Type.Object({
          action: Type.Optional(Type.String({ maxLength: 100, description: 'Only events with this action, e.g. session.sign_in' })),
          cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
        }),
        response: { 200: Type.Object({ items: Type.Array(AuditEventSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', 'auditLog', {});
      const { action, cursor } = request.query;
      const after = cursor ? decodeCursor(cursor) : null;
      let query = db
        .selectFrom('audit_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_user_id')
        .select(['e.id', 'e.at', 'e.action', 'e.target_type', 'e.target_id', 'e.ip', 'e.details', 'u.id as actor_id', 'u.name as actor_name', 'u.email as actor_email'])
        .select(sql<string>`to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_exact'))
        .orderBy('e.at', 'desc')
        .orderBy('e.id', 'desc')
        // One more than a page tells whether there is a next page without counting.
        .limit(AUDIT_PAGE_SIZE + 1);
      if (action) query = query.where('e.action', '=', action);
      if (after) query = query.where(sql<boolean>`(e.at, e.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
      const rows = await query.execute();
      const page = rows.slice(0, AUDIT_PAGE_SIZE);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          actor: row.actor_id ? { id: row.actor_id, name: row.actor_name!, email: row.actor_email! } : null,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          ip: row.ip,
          details: row.details,
        })),
        nextCursor: rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor(last.at_exact, last.id) : null,
      };
    },
  );
};
