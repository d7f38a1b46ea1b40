// How organizations and their members look on the wire (the contract's Organization and Member).
import { Type } from 'typebox';
import { ORGANIZATION_CATEGORIES, ORGANIZATION_STATUSES, ROLES, TIERS, USER_STATUSES } from '../../shared/participants.js';
import { tierOf } from '../access/index.js';
import type { Organization, User } from '../db/schema.js';
import { StringEnum } from '../http/schema-helpers.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const OrganizationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: StringEnum(ORGANIZATION_CATEGORIES),
  country: Type.String(),
  website: NullableString,
  tier: StringEnum(TIERS),
  status: Type.Optional(StringEnum(ORGANIZATION_STATUSES, { description: 'Shown to organizers only' })),
  isDemo: Type.Boolean(),
});

export const MemberSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: NullableString,
  email: Type.String(),
  role: StringEnum(ROLES),
  status: StringEnum(USER_STATUSES),
  createdAt: Type.String(),
  activatedAt: NullableString,
});

export const organizationColumns = ['id', 'name', 'category', 'country', 'website', 'status', 'is_demo'] as const;
export const memberColumns = ['id', 'name', 'title', 'email', 'role', 'status', 'created_at', 'activated_at'] as const;

/** `withStatus`: whether the viewer may see suspensions (organizers); others see active organizations only. */
export function organizationOf(row: Pick<Organization, (typeof organizationColumns)[number]>, withStatus: boolean) {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    country: row.country.trim(),
    website: row.website,
    // An organization's tier is that of its members ("member" is never the organizer role).
    tier: tierOf(row.category, 'member'),
    ...(withStatus ? { status: row.status } : {}),
    isDemo: row.is_demo,
  };
}

export function memberOf(row: Pick<User, (typeof memberColumns)[number]>) {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    email: row.email,
    role: row.role,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    activatedAt: row.activated_at?.toISOString() ?? null,
  };
}
