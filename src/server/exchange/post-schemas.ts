// Request and response shapes of the exchange API, as JSON schema (validation and OpenAPI).
import { Type, type Static } from 'typebox';
import { ALL_POST_STATUSES, AUDIENCES, OFFER_STATUSES, POST_KINDS } from '../../shared/exchange.js';
import { ORGANIZATION_CATEGORIES } from '../../shared/participants.js';
import { AREA_CODES, EXPLOITATION_CODES, THEME_CODES } from '../../shared/taxonomy/index.js';
import { StringEnum, SingleLine } from '../http/schema-helpers.js';
import { ConfirmNoVictimData } from '../privacy/guard.js';

const Code = (values: readonly string[]) => Type.Array(StringEnum(values), { maxItems: 20, uniqueItems: true });
const Amount = Type.String({ pattern: '^\\d{1,13}(\\.\\d{1,2})?$', description: 'A decimal amount such as "250000" or "1200.50".' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code, e.g. USD, EUR.' });
const IsoDate = Type.String({ format: 'date' });
export const Money = Type.Object({ amount: Amount, currency: Currency });

const postFields = {
  title: SingleLine({ minLength: 5, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 20_000, description: 'Markdown.' }),
  audience: StringEnum(AUDIENCES, { description: '`full`: only governments, international organizations and organizers see it.' }),
  status: StringEnum(ALL_POST_STATUSES),
  regions: Type.Array(Type.String({ pattern: '^\\d{3}$' }), { maxItems: 20, uniqueItems: true, description: 'UN M49 region codes.' }),
  countries: Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 60, uniqueItems: true, description: 'ISO 3166-1 alpha-2 codes.' }),
  areas: Code(AREA_CODES),
  themes: Code(THEME_CODES),
  exploitation: Code(EXPLOITATION_CODES),
  budget: Type.Union([Money, Type.Null()]),
  fundingSought: Type.Union([Amount, Type.Null()]),
  startsOn: Type.Union([IsoDate, Type.Null()]),
  endsOn: Type.Union([IsoDate, Type.Null()]),
};

/** Every post field, optional: what an edit may send, and what a new post may leave out. */
const optionalPostFields = Type.Partial(Type.Object(postFields)).properties;

export const CreatePostBody = Type.Object(
  {
    ...optionalPostFields,
    kind: StringEnum(POST_KINDS),
    title: postFields.title,
    body: postFields.body,
    confirmNoVictimData: ConfirmNoVictimData,
    draft: Type.Optional(Type.Boolean({ description: 'Save as a private draft: only your organization and co-authors see it until your organization publishes it (POST /api/v1/posts/:id/publish).' })),
  },
  { additionalProperties: false },
);
export type CreatePostInput = Static<typeof CreatePostBody>;

export const UpdatePostBody = Type.Object(
  {
    revision: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The revision being edited; a stale one is refused with 409.' })),
    ...optionalPostFields,
    confirmNoVictimData: ConfirmNoVictimData,
  },
  { additionalProperties: false },
);
export type UpdatePostInput = Static<typeof UpdatePostBody>;

export const OrganizationRef = Type.Object({ id: Type.String(), name: Type.String(), category: StringEnum(ORGANIZATION_CATEGORIES), country: Type.String() });
const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

const postCommon = {
  id: Type.String(),
  kind: StringEnum(POST_KINDS),
  title: Type.String(),
  audience: StringEnum(AUDIENCES),
  status: StringEnum(ALL_POST_STATUSES),
  organization: OrganizationRef,
  author: PersonRef,
  regions: Type.Array(Type.String()),
  countries: Type.Array(Type.String()),
  areas: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  exploitation: Type.Array(Type.String()),
  budget: Type.Union([Money, Type.Null()]),
  fundingSought: Type.Union([Type.String(), Type.Null()]),
  startsOn: Type.Union([Type.String(), Type.Null()]),
  endsOn: Type.Union([Type.String(), Type.Null()]),
  hidden: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
  isDemo: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  draft: Type.Boolean({ description: 'A private draft: only its organization and co-authors see it.' }),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
};

export const PostSummary = Type.Object({
  ...postCommon,
  /** HTML-escaped text with matches wrapped in <mark>. */
  snippet: Type.String(),
});

export const Post = Type.Object({
  ...postCommon,
  body: Type.String(),
  bodyHtml: Type.String(),
  revision: Type.Integer(),
  commentCount: Type.Integer(),
  cooperative: Type.Boolean({ description: 'A project developed cooperatively: partners or co-authors from at least one organization besides the lead.' }),
  following: Type.Boolean({ description: 'You follow this post: you are told of its comments, offers and changes (PUT/DELETE /api/v1/posts/:id/follow).' }),
  permissions: Type.Object({ update: Type.Boolean(), comment: Type.Boolean(), offer: Type.Boolean(), hide: Type.Boolean(), readOffers: Type.Boolean(), publish: Type.Boolean() }),
});

const FacetCounts = Type.Record(Type.String(), Type.Integer());
export const PostList = Type.Object({
  items: Type.Array(PostSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ description: 'How many posts match, counting only those you may see; at most 10,000 (see totalExact).' }),
  totalExact: Type.Boolean({ description: 'false when more than 10,000 posts match: total is then 10,000 ("10,000+") and each facet count is among the first matches found, a lower bound.' }),
  facets: Type.Object({ kind: FacetCounts, region: FacetCounts, area: FacetCounts, theme: FacetCounts }),
});

const Many = <const T extends readonly string[]>(values: T) => Type.Optional(Type.Array(StringEnum(values), { maxItems: 20 }));
export const ListPostsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Many(POST_KINDS),
  region: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{3}$' }), { maxItems: 20 })),
  country: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 60 })),
  area: Many(AREA_CODES),
  theme: Many(THEME_CODES),
  exploitation: Many(EXPLOITATION_CODES),
  status: Many(ALL_POST_STATUSES),
  // The time span (issue 17, shared by Browse and the map): posts whose planned period overlaps it.
  from: Type.Optional(Type.String({ format: 'date', description: 'Posts whose planned period (start to end) reaches this day or later; a post without dates is left out, a missing end counts as still running.' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Posts whose planned period starts on or before this day; a post without dates is left out, a missing start counts as already begun.' })),
  organization: Type.Optional(Type.String({ format: 'uuid' })),
  hidden: Type.Optional(Type.Boolean({ description: 'Only hidden posts (organizers: the moderation queue; others: their own hidden posts).' })),
  sort: Type.Optional(StringEnum(['recent', 'relevance'] as const)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type ListPostsFilters = Static<typeof ListPostsQuery>;

export const Revision = Type.Object({
  revision: Type.Integer(),
  editedAt: Type.String(),
  editedBy: PersonRef,
  snapshot: Type.Record(Type.String(), Type.Unknown()),
});

export const Comment = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  author: PersonRef,
  organization: OrganizationRef,
  body: Type.String(),
  bodyHtml: Type.String(),
  hidden: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
  editedAt: Type.Union([Type.String(), Type.Null()]),
  canEdit: Type.Boolean(),
  canModerate: Type.Boolean({ description: 'Whether you may hide (or show again) this comment.' }),
});

export const Offer = Type.Object({
  id: Type.String(),
  postId: Type.String(),
  postTitle: Type.String(),
  organization: OrganizationRef,
  author: PersonRef,
  summary: Type.String(),
  body: Type.String(),
  bodyHtml: Type.String(),
  timeframe: Type.Union([Type.String(), Type.Null()]),
  cost: Type.Union([Money, Type.Null()]),
  status: StringEnum(OFFER_STATUSES),
  createdAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  hidden: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()], { description: 'Hidden by the organizers, with the reason shown to its author.' }),
  permissions: Type.Object({ accept: Type.Boolean(), decline: Type.Boolean(), withdraw: Type.Boolean() }),
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 5, maxLength: 1000 }) }, { additionalProperties: false });
