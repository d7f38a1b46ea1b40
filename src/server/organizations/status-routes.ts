// Switching accounts and organizations off and on again. Deactivation is a focal point tidying up
// their own organization; suspension is the organizers' sanction. Either ends the sessions at
// once, so a switched-off account cannot finish what it was doing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { OrganizationStatus, UserStatus } from '../../shared/participants.js';
import { authorize } from '../access/index.js';
import { audit, type AuditAction } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import { isUuid, trimStrings } from '../http/form-input.js';
import { problems } from '../http/problem.js';
import { memberColumns, MemberSchema, memberOf, organizationColumns, organizationOf, OrganizationSchema } from './views.js';

interface Transition<S extends string, R, C> {
  /** Statuses this action changes; any other status is left as it is (the action is idempotent). */
  from: S[];
  /** The columns the action sets. */
  to: (row: R) => C;
  auditAction: AuditAction;
  endsSessions: boolean;
}

/** Back from deactivation: active if the account was ever activated, else still awaiting activation. */
const restored = (user: { activated_at: Date | null }): UserStatus => (user.activated_at ? 'active' : 'pending');

type UserRow = { status: UserStatus; activated_at: Date | null; status_before_suspension: Exclude<UserStatus, 'suspended'> | null };
type UserChange = { status: UserStatus; status_before_suspension?: Exclude<UserStatus, 'suspended'> | null };

const USER_TRANSITIONS: Record<'deactivate' | 'reactivate' | 'suspend' | 'reinstate', Transition<UserStatus, UserRow, UserChange>> = {
  deactivate: { from: ['active', 'pending'], to: () => ({ status: 'deactivated' }), auditAction: 'account.deactivated', endsSessions: true },
  reactivate: { from: ['deactivated'], to: (user) => ({ status: restored(user) }), auditAction: 'account.reactivated', endsSessions: false },
  // The status before the suspension is kept, and given back on reinstatement.
  suspend: {
    from: ['active', 'pending', 'deactivated'],
    to: (user) => ({ status: 'suspended', status_before_suspension: user.status === 'suspended' ? null : user.status }),
    auditAction: 'account.suspended',
    endsSessions: true,
  },
  reinstate: { from: ['suspended'], to: (user) => ({ status: user.status_before_suspension ?? restored(user), status_before_suspension: null }), auditAction: 'account.reinstated', endsSessions: false },
};

const ORGANIZATION_TRANSITIONS: Record<'suspend' | 'reinstate', Transition<OrganizationStatus, unknown, { status: OrganizationStatus }>> = {
  suspend: { from: ['active'], to: () => ({ status: 'suspended' }), auditAction: 'organization.suspended', endsSessions: true },
  reinstate: { from: ['suspended'], to: () => ({ status: 'active' }), auditAction: 'organization.reinstated', endsSessions: false },
};

const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Kept in the audit log' })) });
const IdParams = Type.Object({ id: Type.String() });
/** Object.entries with the keys kept as their literal type. */
const entries = <K extends string, V>(record: Record<K, V>) => Object.entries(record) as [K, V][];
const trimBody = async (request: { body: unknown }) => {
  request.body = trimStrings(request.body);
};

export const statusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, sessions } = app;

  for (const [action, transition] of entries(USER_TRANSITIONS)) {
    app.post(
      `/api/v1/users/:id/${action}`,
      { preValidation: trimBody, schema: { tags: ['accounts'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} an account`, params: IdParams, body: ReasonBody, response: { 200: MemberSchema } } },
      async (request) => {
        const actor = requireActor(request);
        const { id } = request.params;
        if (!isUuid(id)) throw problems.notFound();
        const member = await db.transaction().execute(async (tx) => {
          const user = await tx.selectFrom('users').select([...memberColumns, 'organization_id', 'status_before_suspension']).where('id', '=', id).forUpdate().executeTakeFirst();
          if (!user) throw problems.notFound();
          authorize(actor, action, 'user', { id: user.id, organizationId: user.organization_id, role: user.role });
          if (!transition.from.includes(user.status)) {
            // Only the organizers lift a suspension, and only by reinstating.
            if (user.status === 'suspended') throw problems.conflict('account-suspended', 'This account is suspended by the organizers; only they can reinstate it.');
            return user;
          }
          const updated = await tx.updateTable('users').set(transition.to(user)).where('id', '=', id).returning(memberColumns).executeTakeFirstOrThrow();
          if (transition.endsSessions) await sessions.revokeUsers(tx, [id]);
          await audit(tx, {
            actorUserId: actor.id,
            action: transition.auditAction,
            targetType: 'user',
            targetId: id,
            ip: request.ip,
            details: { organizationId: user.organization_id, ...(request.body.reason ? { reason: request.body.reason } : {}) },
          });
          return updated;
        });
        return memberOf(member);
      },
    );
  }

  for (const [action, transition] of entries(ORGANIZATION_TRANSITIONS)) {
    app.post(
      `/api/v1/organizations/:id/${action}`,
      { preValidation: trimBody, schema: { tags: ['organizations'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} an organization and all its members`, params: IdParams, body: ReasonBody, response: { 200: OrganizationSchema } } },
      async (request) => {
        const actor = requireActor(request);
        const { id } = request.params;
        authorize(actor, action, 'organization', { id });
        if (!isUuid(id)) throw problems.notFound();
        const organization = await db.transaction().execute(async (tx) => {
          const org = await tx.selectFrom('organizations').select(organizationColumns).where('id', '=', id).forUpdate().executeTakeFirst();
          if (!org) throw problems.notFound();
          if (!transition.from.includes(org.status)) return org;
          const updated = await tx.updateTable('organizations').set(transition.to(org)).where('id', '=', id).returning(organizationColumns).executeTakeFirstOrThrow();
          if (transition.endsSessions) await sessions.revokeOrganization(tx, id);
          await audit(tx, {
            actorUserId: actor.id,
            action: transition.auditAction,
            targetType: 'organization',
            targetId: id,
            ip: request.ip,
            details: request.body.reason ? { reason: request.body.reason } : {},
          });
          return updated;
        });
        return organizationOf(organization, true);
      },
    );
  }
};
