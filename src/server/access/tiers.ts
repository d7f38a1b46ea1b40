import type { OrganizationCategory, Role, Tier } from '../../shared/participants.js';

/**
 * The aide-memoire's two tiers: governments and international organizations (and the
 * organizers) view all entries; everyone else a part of the exchange. The tier always follows
 * from the organization's category and role as stored, never from anything a client sends.
 */
export function tierOf(category: OrganizationCategory, role: Role): Tier {
  if (role === 'organizer') return 'full';
  return category === 'government' || category === 'intergovernmental' ? 'full' : 'partial';
}
