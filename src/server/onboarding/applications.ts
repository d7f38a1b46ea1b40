// Applications to join: anyone may apply on behalf of an organization; the organizers review the
// queue and approve (which creates the organization and its focal point's pending account and
// mails the activation link) or reject (which mails the reason).
import { notify } from '../notifications/notify.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import countries from 'i18n-iso-countries';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import { APPLICATION_STATUSES, ORGANIZATION_CATEGORIES } from '../../shared/participants.js';
import { authorize } from '../access/index.js';
import { audit } from '../audit/audit-log.js';
import { requireActor } from '../auth/sessions.js';
import type { Application, Database } from '../db/schema.js';
import { assertValid, isUuid, isWebAddress, lowerCaseField, objectAt, trimStrings } from '../http/form-input.js';
import { fieldError, problems, type FieldError } from '../http/problem.js';
import { consume, type Limit } from '../http/rate-limit.js';
import { SingleLine, StringEnum } from '../http/schema-helpers.js';
import { applicationApproved, applicationReceived, applicationRejected } from '../mail/messages.js';
import { enqueueMail } from '../mail/outbox.js';
import { accountByEmail, isUniqueViolation } from './accounts.js';
import { issueLink } from './links.js';

// Each application sends a mail to the address typed in: limited per sender and per address.
export const APPLICATION_LIMITS = {
  perIp: { bucket: 'applications:ip', max: 5, windowSeconds: 3600 } satisfies Limit,
  perEmail: { bucket: 'applications:email', max: 3, windowSeconds: 86_400 } satisfies Limit,
};

/** Names and job titles: one line (they go into the organizers' mails). */
const Name = SingleLine({ minLength: 2, maxLength: 200 });

const ApplicationBody = Type.Object({
  organization: Type.Object({
    name: Name,
    category: StringEnum(ORGANIZATION_CATEGORIES),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code, e.g. AT' }),
    website: Type.Optional(Type.String({ format: 'uri', maxLength: 500, description: 'http:// or https:// address' })),
  }),
  focalPoint: Type.Object({ name: Name, title: Name, email: Type.String({ format: 'email', maxLength: 254 }) }),
  motivation: Type.String({ minLength: 20, maxLength: 2000 }),
});

const ApplicationSchema = Type.Object({
  id: Type.String(),
  status: StringEnum(APPLICATION_STATUSES),
  organization: Type.Object({ name: Type.String(), category: StringEnum(ORGANIZATION_CATEGORIES), country: Type.String(), website: Type.Union([Type.String(), Type.Null()]) }),
  focalPoint: Type.Object({ name: Type.String(), title: Type.String(), email: Type.String() }),
  motivation: Type.String(),
  createdAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
  emailKnown: Type.Boolean(),
});

const IdParams = Type.Object({ id: Type.String() });

/** Applications with whether an account already uses the focal point's address (organizers only see this). */
function selectApplications(db: Kysely<Database>) {
  return db
    .selectFrom('applications')
    .selectAll()
    .select(sql<boolean>`exists (select 1 from users u where lower(u.email) = applications.focal_point_email)`.as('email_known'));
}

function applicationOf(row: Application & { email_known: boolean }) {
  return {
    id: row.id,
    status: row.status,
    organization: { name: row.organization_name, category: row.organization_category, country: row.organization_country.trim(), website: row.organization_website },
    focalPoint: { name: row.focal_point_name, title: row.focal_point_title, email: row.focal_point_email },
    motivation: row.motivation,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionReason: row.decision_reason,
    emailKnown: row.email_known,
  };
}

/** Checks a JSON schema cannot express: a real country, and a web address people can open. */
function formErrors(body: unknown): FieldError[] {
  const org = objectAt(body, 'organization');
  const errors: FieldError[] = [];
  if (typeof org?.country === 'string' && !(/^[A-Z]{2}$/.test(org.country) && countries.isValid(org.country))) {
    errors.push(fieldError('organization.country', 'must be a country, given as its two-letter code such as AT, NG or BR'));
  }
  if (typeof org?.website === 'string' && !isWebAddress(org.website)) {
    errors.push(fieldError('organization.website', 'must be a full web address starting with http:// or https://'));
  }
  return errors;
}

export const applicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app;

  app.post(
    '/api/v1/applications',
    {
      // No account yet, so no session authority to protect: no CSRF token needed.
      config: { csrf: false },
      // The handler merges schema errors with its own checks, so the form gets every mistake at once.
      attachValidation: true,
      preValidation: async (request) => {
        request.body = trimStrings(request.body) as typeof request.body;
        const org = objectAt(request.body, 'organization');
        if (org && (org.website === '' || org.website === null)) delete org.website;
        if (org && typeof org.country === 'string') org.country = org.country.toUpperCase();
        lowerCaseField(objectAt(request.body, 'focalPoint'), 'email');
      },
      schema: { tags: ['onboarding'], summary: 'Apply to join', body: ApplicationBody, response: { 202: Type.Object({ status: Type.Literal('received') }) } },
    },
    async (request, reply) => {
      assertValid(request, formErrors(request.body));
      const { organization, focalPoint, motivation } = request.body;
      await consume(db, APPLICATION_LIMITS.perIp, request.ip);
      await consume(db, APPLICATION_LIMITS.perEmail, focalPoint.email);
      await db.transaction().execute(async (tx) => {
        const { id } = await tx
          .insertInto('applications')
          .values({
            organization_name: organization.name,
            organization_category: organization.category,
            organization_country: organization.country,
            organization_website: organization.website ?? null,
            focal_point_name: focalPoint.name,
            focal_point_title: focalPoint.title,
            focal_point_email: focalPoint.email,
            motivation,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await enqueueMail(tx, { to: focalPoint.email, ...applicationReceived({ name: focalPoint.name, organizationName: organization.name }) });
        await notify(tx, { kind: 'application_received', actorId: null, recipients: { organizers: true }, subject: { type: 'application', id, title: organization.name }, url: '/organizer/applications' });
        await audit(tx, { actorUserId: null, action: 'application.submitted', targetType: 'application', targetId: id, ip: request.ip, details: { organizationName: organization.name } });
      });
      app.mail.kick();
      // Nothing here depends on whether the address has an account: the answer cannot tell.
      return reply.code(202).send({ status: 'received' as const });
    },
  );

  app.get(
    '/api/v1/applications',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'The applications, newest first',
        querystring: Type.Object({ status: Type.Optional(StringEnum(APPLICATION_STATUSES)) }),
        response: { 200: Type.Object({ items: Type.Array(ApplicationSchema) }) },
      },
    },
    async (request) => {
      authorize(request.actor, 'list', 'application', {});
      let query = selectApplications(db).orderBy('created_at', 'desc').orderBy('id', 'desc');
      if (request.query.status) query = query.where('status', '=', request.query.status);
      return { items: (await query.execute()).map(applicationOf) };
    },
  );

  app.post(
    '/api/v1/applications/:id/approve',
    {
      schema: {
        tags: ['onboarding'],
        summary: 'Approve: creates the organization and mails its focal point an activation link',
        params: IdParams,
        response: { 200: Type.Object({ application: ApplicationSchema, organizationId: Type.String(), userId: Type.String() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'approve', 'application', {});
      const { id } = request.params;
      if (!isUuid(id)) throw problems.notFound();
      let created: { organizationId: string; userId: string };
      try {
        created = await db.transaction().execute(async (tx) => {
          const application = await tx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
          if (!application) throw problems.notFound();
          if (application.status !== 'pending') throw applicationDecided(application.status);
          if (await accountByEmail(tx, application.focal_point_email)) throw emailInUse();
          const organization = await tx
            .insertInto('organizations')
            .values({ name: application.organization_name, category: application.organization_category, country: application.organization_country, website: application.organization_website })
            .returning('id')
            .executeTakeFirstOrThrow();
          const user = await tx
            .insertInto('users')
            .values({ organization_id: organization.id, email: application.focal_point_email, name: application.focal_point_name, title: application.focal_point_title, role: 'focal_point', status: 'pending' })
            .returning('id')
            .executeTakeFirstOrThrow();
          const link = await issueLink(tx, app.config.publicUrl, user.id, 'activation');
          await tx.updateTable('applications').set({ status: 'approved', decided_at: new Date(), decided_by: actor.id, organization_id: organization.id }).where('id', '=', id).execute();
          await enqueueMail(tx, { to: application.focal_point_email, ...applicationApproved({ name: application.focal_point_name, organizationName: application.organization_name, link, organizersEmail: app.config.mail.organizersEmail }) });
          await audit(tx, { actorUserId: actor.id, action: 'application.approved', targetType: 'application', targetId: id, ip: request.ip, details: { organizationId: organization.id, userId: user.id } });
          return { organizationId: organization.id, userId: user.id };
        });
      } catch (error) {
        // Another approval took the address between our check and our insert.
        if (isUniqueViolation(error)) throw emailInUse();
        throw error;
      }
      app.mail.kick();
      const application = await selectApplications(db).where('id', '=', id).executeTakeFirstOrThrow();
      return { application: applicationOf(application), ...created };
    },
  );

  app.post(
    '/api/v1/applications/:id/reject',
    {
      preValidation: async (request) => {
        request.body = trimStrings(request.body) as typeof request.body;
      },
      schema: {
        tags: ['onboarding'],
        summary: 'Reject, with a reason that is mailed to the applicant',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 5, maxLength: 1000 }) }),
        response: { 200: Type.Object({ application: ApplicationSchema }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorize(actor, 'reject', 'application', {});
      const { id } = request.params;
      if (!isUuid(id)) throw problems.notFound();
      const { reason } = request.body;
      await db.transaction().execute(async (tx) => {
        const application = await tx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!application) throw problems.notFound();
        if (application.status !== 'pending') throw applicationDecided(application.status);
        await tx.updateTable('applications').set({ status: 'rejected', decided_at: new Date(), decided_by: actor.id, decision_reason: reason }).where('id', '=', id).execute();
        await enqueueMail(tx, { to: application.focal_point_email, ...applicationRejected({ name: application.focal_point_name, organizationName: application.organization_name, reason }) });
        await audit(tx, { actorUserId: actor.id, action: 'application.rejected', targetType: 'application', targetId: id, ip: request.ip, details: { reason } });
      });
      app.mail.kick();
      return { application: applicationOf(await selectApplications(db).where('id', '=', id).executeTakeFirstOrThrow()) };
    },
  );
};

const applicationDecided = (status: string) => problems.conflict('application-decided', `This application has already been ${status}.`, { applicationStatus: status });
const emailInUse = () => problems.conflict('email-in-use', 'An account already uses the focal point’s email address. Reject the application, or ask the applicant for another address.');
