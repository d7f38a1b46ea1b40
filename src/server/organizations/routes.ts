// The directory of participating organizations, their members, and invitations to join one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize, can, type Actor } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import { isUuid, lowerCaseField, objectAt, trimStrings } from '../http/form-input.js';
import { problems } from '../http/problem.js';
import { consume, type Limit } from '../http/rate-limit.js';
import { SingleLine, StringEnum } from '../http/schema-helpers.js';
import { invitation, invitationExistingAccount } from '../mail/messages.js';
import { enqueueMail } from '../mail/outbox.js';
import { accountByEmail, isUniqueViolation } from '../onboarding/accounts.js';
import { issueLink } from '../onboarding/links.js';
import { statusRoutes } from './status-routes.js';
import { memberColumns, MemberSchema, memberOf, organizationColumns, organizationOf, OrganizationSchema } from './views.js';

/** Every invitation mails an address someone typed in; a generous cap keeps that from becoming a spam tool. */
export const INVITATION_LIMIT: Limit = { bucket: 'invitations:user', max: 50, windowSeconds: 86_400 };

const IdParams = Type.Object({ id: Type.String() });
/** Names and job titles: one line (they go into the invitation mail). */
const Name = SingleLine({ minLength: 2, maxLength: 200 });

/** Organizers see suspended organizations and every status; participants see the active directory. */
const seesAll = (actor: Actor, organizationId: string) => can(actor, 'listAll', 'organization', { id: organizationId });

export const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.get(
    '/api/v1/organizations',
    { schema: { tags: ['organizations'], summary: 'The directory of participating organizations', response: { 200: Type.Object({ items: Type.Array(OrganizationSchema) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const all = seesAll(actor, actor.organizationId);
      let query = db.selectFrom('organizations').select(organizationColumns).orderBy('name').orderBy('id');
      if (!all) query = query.where('status', '=', 'active');
      const rows = await query.execute();
      return { items: rows.filter((row) => can(actor, 'read', 'organization', row)).map((row) => organizationOf(row, all)) };
    },
  );

  app.get(
    '/api/v1/organizations/:id',
    { schema: { tags: ['organizations'], summary: 'One organization', params: IdParams, response: { 200: OrganizationSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { id } = request.params;
      authorize(actor, 'read', 'organization', { id }, { hide: true });
      const row = isUuid(id) ? await db.selectFrom('organizations').select(organizationColumns).where('id', '=', id).executeTakeFirst() : undefined;
      const all = seesAll(actor, id);
      if (!row || (row.status !== 'active' && !all)) throw problems.notFound();
      return organizationOf(row, all);
    },
  );

  app.get(
    '/api/v1/organizations/:id/members',
    { schema: { tags: ['organizations'], summary: 'The accounts of an organization', params: IdParams, response: { 200: Type.Object({ items: Type.Array(MemberSchema) }) } } },
    async (request) => {
      const actor = requireActor(request);
      const { id } = request.params;
      authorize(actor, 'listMembers', 'organization', { id });
      const exists = isUuid(id) && (await db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst());
      if (!exists) throw problems.notFound();
      const rows = await db.selectFrom('users').select(memberColumns).where('organization_id', '=', id).orderBy('name').orderBy('id').execute();
      return { items: rows.map(memberOf) };
    },
  );

  app.post(
    '/api/v1/organizations/:id/invitations',
    {
      preValidation: async (request) => {
        request.body = trimStrings(request.body) as typeof request.body;
        lowerCaseField(objectAt(request.body), 'email');
      },
      schema: {
        tags: ['organizations'],
        summary: 'Invite someone to join the organization; they get a mail with an activation link',
        params: IdParams,
        body: Type.Object({ name: Name, title: Name, email: Type.String({ format: 'email', maxLength: 254 }), role: StringEnum(['member', 'focal_point'] as const) }),
        response: { 202: Type.Object({ status: Type.Literal('invited') }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id } = request.params;
      authorize(actor, 'invite', 'organization', { id });
      const org = isUuid(id) ? await db.selectFrom('organizations').select(['id', 'name', 'status']).where('id', '=', id).executeTakeFirst() : undefined;
      if (!org) throw problems.notFound();
      if (org.status !== 'active') throw problems.conflict('organization-suspended', 'This organization is suspended; nobody can be invited to it until it is reinstated.');
      await consume(db, INVITATION_LIMIT, actor.id);

      const { name, title, email, role } = request.body;
      const inviter = actor.name;
      try {
        await db.transaction().execute(async (tx) => {
          const existing = await accountByEmail(tx, email);
          if (existing && existing.status === 'pending' && existing.organization_id === org.id) {
            // Invited before but never activated (the mail was lost, or the link expired): a fresh
            // link replaces any earlier one, so only the newest invitation works.
            await tx.updateTable('tokens').set({ used_at: new Date() }).where('user_id', '=', existing.id).where('purpose', '=', 'activation').where('used_at', 'is', null).execute();
            const link = await issueLink(tx, app.config.publicUrl, existing.id, 'activation');
            await enqueueMail(tx, { to: existing.email, ...invitation({ name: existing.name, organizationName: org.name, inviterName: inviter, role, link }) });
            await audit(tx, { actorUserId: actor.id, action: 'account.invited', targetType: 'user', targetId: existing.id, ip: request.ip, details: { organizationId: org.id, role, invitedAgain: true } });
            return;
          }
          if (existing) {
            // Nothing is created, and the answer is the same: the inviter learns nothing about the address.
            const { publicUrl } = app.config;
            await enqueueMail(tx, { to: existing.email, ...invitationExistingAccount({ name: existing.name, organizationName: org.name, inviterName: inviter, signInLink: `${publicUrl}/sign-in`, resetLink: `${publicUrl}/forgot-password` }) });
            await audit(tx, { actorUserId: actor.id, action: 'account.invited', targetType: 'user', targetId: existing.id, ip: request.ip, details: { organizationId: org.id, role, existingAccount: true } });
            return;
          }
          const user = await tx
            .insertInto('users')
            .values({ organization_id: org.id, email, name, title, role, status: 'pending' })
            .returning('id')
            .executeTakeFirstOrThrow();
          const link = await issueLink(tx, app.config.publicUrl, user.id, 'activation');
          await enqueueMail(tx, { to: email, ...invitation({ name, organizationName: org.name, inviterName: inviter, role, link }) });
          await audit(tx, { actorUserId: actor.id, action: 'account.invited', targetType: 'user', targetId: user.id, ip: request.ip, details: { organizationId: org.id, role } });
        });
      } catch (error) {
        // A simultaneous request created the account first; the answer stays the same.
        if (!isUniqueViolation(error)) throw error;
      }
      app.mail.kick();
      return reply.code(202).send({ status: 'invited' as const });
    },
  );

  await app.register(statusRoutes);
};
