// Request and response shapes of the coordination API (validation and OpenAPI).
import { Type } from 'typebox';
import { ALL_PARTNER_ROLES, PARTNER_ROLES, PARTNERSHIP_REQUEST_STATUSES, LIFECYCLE_STEPS } from '../../shared/coordination.js';
import { ALL_POST_STATUSES, POST_KINDS } from '../../shared/exchange.js';
import { ORGANIZATION_CATEGORIES, TIERS } from '../../shared/participants.js';
import { StringEnum } from '../http/schema-helpers.js';

export const PostIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const RequestIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const CoauthorParams = Type.Object({ id: Type.String({ format: 'uuid' }), organizationId: Type.String({ format: 'uuid' }) });
export const PartnerParams = Type.Object({ id: Type.String({ format: 'uuid' }), organizationId: Type.String({ format: 'uuid' }), role: StringEnum(PARTNER_ROLES) });
export const DiffParams = Type.Object({ id: Type.String({ format: 'uuid' }), from: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), to: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const OrganizationRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: StringEnum(ORGANIZATION_CATEGORIES),
  country: Type.String(),
  tier: StringEnum(TIERS),
});
const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

export const Coauthor = Type.Object({ organization: OrganizationRef, addedAt: Type.String(), addedBy: PersonRef });
export const Partner = Type.Object({
  organization: OrganizationRef,
  role: StringEnum(ALL_PARTNER_ROLES, { description: 'implementing_partner, donor or technical_adviser on projects; requester or service_provider on a request whose offer was accepted.' }),
  since: Type.String(),
});

export const PartnershipRequest = Type.Object({
  id: Type.String(),
  postId: Type.String(),
  postTitle: Type.String(),
  organization: OrganizationRef,
  requestedBy: PersonRef,
  role: StringEnum(PARTNER_ROLES),
  message: Type.String(),
  status: StringEnum(PARTNERSHIP_REQUEST_STATUSES),
  createdAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Object({ accept: Type.Boolean(), decline: Type.Boolean(), withdraw: Type.Boolean() }),
});

export const Coordination = Type.Object({
  postId: Type.String(),
  kind: StringEnum(POST_KINDS),
  isProject: Type.Boolean({ description: 'Project ideas and pipeline projects have a lifecycle, co-authors and partners.' }),
  status: StringEnum(ALL_POST_STATUSES),
  lifecycle: Type.Union([
    Type.Object({
      steps: Type.Array(StringEnum(LIFECYCLE_STEPS), { description: 'The main path, in order.' }),
      next: Type.Array(StringEnum(ALL_POST_STATUSES), { description: 'Where this project may move from its status now (empty if you may not move it).' }),
    }),
    Type.Null(),
  ]),
  lead: OrganizationRef,
  coauthors: Type.Array(Coauthor),
  partners: Type.Array(Partner),
  cooperative: Type.Boolean({ description: 'Partners or co-authors from at least one organization besides the lead.' }),
  requests: Type.Array(PartnershipRequest, { description: 'All requests for the lead and organizers; your own organization\'s otherwise.' }),
  permissions: Type.Object({
    changeStatus: Type.Boolean(),
    manageCoauthors: Type.Boolean(),
    leaveCoauthorship: Type.Boolean({ description: 'Whether your organization co-authors this project and may step back.' }),
    requestPartnership: Type.Boolean({ description: 'Whether your organization may ask to join now (the project is open, and it has no pending request).' }),
    decidePartnerships: Type.Boolean(),
    managePartners: Type.Boolean({ description: 'Whether you may remove partners (the lead, organizers).' }),
    readRevisions: Type.Boolean(),
  }),
});

export const StatusBody = Type.Object(
  {
    status: StringEnum(ALL_POST_STATUSES),
    revision: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The revision you saw; a stale one is refused with 409.' })),
  },
  { additionalProperties: false },
);
export const AddCoauthorBody = Type.Object({ organizationId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const CreateRequestBody = Type.Object(
  { role: StringEnum(PARTNER_ROLES), message: Type.String({ minLength: 10, maxLength: 5000, description: 'What your organization would bring.' }) },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false });
export const RequestListQuery = Type.Object({
  direction: StringEnum(['sent', 'received'] as const),
  status: Type.Optional(StringEnum(PARTNERSHIP_REQUEST_STATUSES)),
});

const RevisionRef = Type.Object({
  revision: Type.Integer(),
  editedAt: Type.String(),
  editedBy: Type.Object({ id: Type.String(), name: Type.String(), organization: Type.Object({ id: Type.String(), name: Type.String() }) }),
});
const FieldChange = Type.Union([
  Type.Object({
    field: Type.String(),
    type: Type.Literal('text'),
    parts: Type.Array(Type.Object({ op: StringEnum(['same', 'added', 'removed'] as const), text: Type.String() })),
  }),
  Type.Object({ field: Type.String(), type: Type.Literal('list'), added: Type.Array(Type.String()), removed: Type.Array(Type.String()) }),
  Type.Object({ field: Type.String(), type: Type.Literal('value'), from: Type.Unknown(), to: Type.Unknown() }),
]);
export const RevisionDiff = Type.Object({
  from: RevisionRef,
  to: RevisionRef,
  between: Type.Array(RevisionRef, { description: 'The revisions after `from` up to `to`, oldest first.' }),
  changes: Type.Array(FieldChange, { description: 'Changed fields only: words added/removed in text, codes added/removed in lists, old and new value otherwise.' }),
});
export const RevisionList = Type.Object({ items: Type.Array(RevisionRef) });
