import { Type } from 'typebox';
import { ORGANIZATION_CATEGORIES, ROLES, TIERS } from '../../shared/participants.js';
import { StringEnum } from '../http/schema-helpers.js';

export const PasswordSchema = Type.String({ minLength: 12, maxLength: 256, description: 'At least 12 characters; common passwords are refused.' });

export const MeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: StringEnum(ROLES),
  tier: StringEnum(TIERS),
  csrfToken: Type.String(),
  organization: Type.Object({
    id: Type.String(),
    name: Type.String(),
    category: StringEnum(ORGANIZATION_CATEGORIES),
    country: Type.String(),
  }),
  secondFactor: Type.Optional(
    Type.Object({
      enabled: Type.Boolean(),
      setup: Type.Union([Type.Literal('asked'), Type.Literal('required'), Type.Null()], { description: "'asked' for organizers and full-tier focal points without two-step sign-in; 'required' when the server requires it (VF_REQUIRE_2FA=1): until it is on, other API calls answer 403 /problems/second-factor-setup-required." }),
    }),
  ),
});
