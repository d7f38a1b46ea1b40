// Request and response shapes of the funding and saved-search API.
import { Type, type Static } from 'typebox';
import { PLEDGE_STATUSES, PROJECT_KINDS, SAVED_SEARCH_SCOPES } from '../../shared/funding.js';
import { ALL_POST_STATUSES, POST_KINDS } from '../../shared/exchange.js';
import { AREA_CODES, EXPLOITATION_CODES, THEME_CODES } from '../../shared/taxonomy/index.js';
import { Money, OrganizationRef, PostSummary } from '../exchange/post-schemas.js';
import { StringEnum, SingleLine } from '../http/schema-helpers.js';

export const Amount = Type.String({ pattern: '^\\d{1,13}(\\.\\d{1,2})?$', description: 'A decimal amount such as "250000" or "1200.50".' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code, e.g. USD, EUR.' });
const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });
const Many = <const T extends readonly string[]>(values: T) => Type.Optional(Type.Array(StringEnum(values), { maxItems: 20, uniqueItems: true }));
const Regions = Type.Optional(Type.Array(Type.String({ pattern: '^\\d{3}$' }), { maxItems: 20, uniqueItems: true }));
const Countries = Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { maxItems: 60, uniqueItems: true }));

export const FundingTotals = Type.Object({
  target: Type.Union([Money, Type.Null()], { description: 'Funding sought, or else the budget, in the budget currency.' }),
  pledged: Type.Union([Money, Type.Null()], { description: 'Sum of pledges not withdrawn, in the budget currency only.' }),
  gap: Type.Union([Money, Type.Null()], { description: 'Target minus pledged, never below zero; null without a budget currency.' }),
  otherCurrencies: Type.Array(Money, { description: 'Pledges in other currencies, summed per currency and never converted.' }),
  pledgeCount: Type.Integer(),
  interestCount: Type.Integer(),
});

export const Pledge = Type.Object({
  id: Type.String(),
  postId: Type.String(),
  organization: OrganizationRef,
  author: PersonRef,
  amount: Money,
  conditions: Type.Union([Type.String(), Type.Null()]),
  status: StringEnum(PLEDGE_STATUSES),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  permissions: Type.Object({ confirm: Type.Boolean(), withdraw: Type.Boolean() }),
});

export const Interest = Type.Object({
  organization: OrganizationRef,
  user: PersonRef,
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const Funding = Type.Object({
  postId: Type.String(),
  seekingFunding: Type.Boolean(),
  budget: Type.Union([Money, Type.Null()]),
  totals: FundingTotals,
  pledges: Type.Array(Pledge, { description: 'Only the pledges you may see: all of them for the project organization and organizers, your own otherwise.' }),
  interests: Type.Array(Interest),
  myInterest: Type.Boolean(),
  permissions: Type.Object({ pledge: Type.Boolean(), interest: Type.Boolean(), readAll: Type.Boolean() }),
});

export const PledgeBody = Type.Object(
  {
    amount: Amount,
    currency: Currency,
    conditions: Type.Optional(Type.String({ maxLength: 2000 })),
    status: Type.Optional(StringEnum(['indicated', 'confirmed'] as const, { description: 'A new pledge is indicated unless said to be confirmed.' })),
  },
  { additionalProperties: false },
);

export const InterestBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

export const FundingQuery = Type.Object({
  region: Regions,
  country: Countries,
  area: Many(AREA_CODES),
  kind: Many(PROJECT_KINDS),
  minGap: Type.Optional(Amount),
  currency: Type.Optional(Currency),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});
export type FundingQueryInput = Static<typeof FundingQuery>;

export const FundingProject = Type.Object({ ...PostSummary.properties, funding: FundingTotals });
export const FundingProjectList = Type.Object({ items: Type.Array(FundingProject), total: Type.Integer(), nextOffset: Type.Union([Type.Integer(), Type.Null()]) });

export const DonorFlagBody = Type.Object({ donor: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const DonorOrganization = Type.Object({ ...OrganizationRef.properties, flaggedAt: Type.String(), flaggedBy: PersonRef });

/** What a saved search remembers: the browse filters (scope posts) or the donor view's (scope funding). */
export const SavedFilters = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Many(POST_KINDS),
    region: Regions,
    country: Countries,
    area: Many(AREA_CODES),
    theme: Many(THEME_CODES),
    exploitation: Many(EXPLOITATION_CODES),
    status: Many(ALL_POST_STATUSES),
    minGap: Type.Optional(Amount),
    currency: Type.Optional(Currency),
  },
  { additionalProperties: false },
);
export type SavedFiltersInput = Static<typeof SavedFilters>;

export const SavedSearchBody = Type.Object(
  { name: SingleLine({ minLength: 1, maxLength: 120 }), scope: StringEnum(SAVED_SEARCH_SCOPES), filters: SavedFilters },
  { additionalProperties: false },
);

export const SavedSearch = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: StringEnum(SAVED_SEARCH_SCOPES),
  filters: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  lastCheckedAt: Type.String(),
  notifiedCount: Type.Integer({ description: 'How many posts this search has announced so far.' }),
});
