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
});
