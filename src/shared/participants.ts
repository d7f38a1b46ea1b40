// Who takes part in the Forum: organization categories, access tiers and roles.
// Stable codes travel through the API; the web app turns them into human labels.

export const ORGANIZATION_CATEGORIES = [
  'government',
  'intergovernmental',
  'civil_society',
  'private_sector',
  'academia',
  'media',
  'individual',
] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

/** `full` sees every entry; `partial` sees only entries whose audience is `all`. */
export const TIERS = ['full', 'partial'] as const;
export type Tier = (typeof TIERS)[number];

export const ROLES = ['organizer', 'focal_point', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['pending', 'active', 'deactivated', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const ORGANIZATION_STATUSES = ['active', 'suspended'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The shape of `GET /api/v1/me` and of the sign-in answer. */
export interface Me {
  id: string;
  name: string;
  email: string;
  role: Role;
  tier: Tier;
  csrfToken: string;
  organization: { id: string; name: string; category: OrganizationCategory; country: string };
  /**
   * Issue 12: two-step sign-in. `setup` is 'asked' for organizers and full-tier focal points without
   * it, 'required' instead when the server has VF_REQUIRE_2FA=1 (then every other API call answers
   * 403 /problems/second-factor-setup-required until it is on), null otherwise.
   */
  secondFactor?: { enabled: boolean; setup: 'asked' | 'required' | null };
}
