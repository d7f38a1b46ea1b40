// The addresses /home reads, in one place: the page asks for them, and so does the first-screen
// start (web/boot) before the page's code has arrived. Both must build the same strings.
import type { Me } from '../api/types.js';
import type { Region, Taxonomy } from '../exchange/taxonomy.js';

export const HOME_LIMIT = 5;

export const homePaths = (me: Me) => ({
  own: `/api/v1/posts?limit=${HOME_LIMIT}&organization=${me.organization.id}`,
  offers: '/api/v1/offers?direction=received&status=pending',
  partnerships: '/api/v1/partnership-requests?direction=received&status=pending',
  discussions: '/api/v1/me/discussions',
});

/** The UN M49 sub-region of the user's organization, when the taxonomy knows it. */
export function homeRegion(me: Me, taxonomy: Taxonomy): Region | undefined {
  const code = taxonomy.countries.find((c) => c.code === me.organization.country)?.region;
  return code ? taxonomy.regions.find((r) => r.code === code) : undefined;
}

/** What is new near the user (their sub-region), else everywhere. */
export const latestPath = (region: Region | undefined) => `/api/v1/posts?limit=${HOME_LIMIT}${region ? `&region=${region.code}` : ''}`;
