// How the Forum's codes map onto IATI 2.03 code lists (https://iatistandard.org/en/iati-standard/203/codelists/).
// The README's IATI section prints the same mapping as a table; codes.test.ts keeps them honest.
import type { PostStatus } from '../../shared/exchange.js';
import type { OrganizationCategory } from '../../shared/participants.js';
import { AREA_CODES, type AreaCode } from '../../shared/taxonomy/index.js';

export const IATI_VERSION = '2.03';

/** ActivityStatus: 1 Pipeline/identification, 2 Implementation, 3 Finalisation, 4 Closed, 5 Cancelled, 6 Suspended. */
export const ACTIVITY_STATUS: Partial<Record<PostStatus, string>> = {
  idea: '1',
  drafting: '1',
  seeking_funding: '1',
  funded: '1',
  in_implementation: '2',
  ongoing: '2',
  completed: '4',
  withdrawn: '5',
};

/** An imported activity becomes project information, whose statuses are ongoing, completed, withdrawn. */
export const IMPORTED_STATUS: Record<string, 'ongoing' | 'completed' | 'withdrawn'> = {
  '1': 'ongoing',
  '2': 'ongoing',
  '3': 'completed',
  '4': 'completed',
  '5': 'withdrawn',
  '6': 'ongoing',
};

/** OrganisationType. The Forum does not know whether a civil-society organization works nationally or internationally: 22 (national NGO). */
export const ORGANISATION_TYPE: Record<OrganizationCategory, string> = {
  government: '10',
  intergovernmental: '40',
  civil_society: '22',
  private_sector: '70',
  academia: '80',
  media: '90',
  individual: '90',
};

/** OrganisationRole: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing. */
export const ORGANISATION_ROLE = {
  lead: '4',
  coauthor: '4',
  implementing_partner: '4',
  technical_adviser: '4',
  donor: '1',
  requester: '4',
  service_provider: '4',
  pledge: '1',
} as const satisfies Record<string, string>;

/**
 * DAC 5-digit purpose codes (Sector vocabulary 1) where a UN.GIFT technical-assistance area maps
 * clearly; the others (strategy and policy, prevention and awareness, international cooperation)
 * have no single DAC code and go out in the Forum's own vocabulary only.
 */
export const DAC_SECTOR: Partial<Record<AreaCode, string>> = {
  legislation: '15130', // Legal and judicial development (legal drafting, justice institutions)
  criminal_justice: '15130', // Legal and judicial development (police, prosecution, courts)
  data_research: '16062', // Statistical capacity building
  victim_protection: '15160', // Human rights (programmes for victims of trafficking)
};

/** A DAC code that one area alone maps to, back to that area (15130 is shared, so not reversed). */
export const AREA_OF_DAC: Record<string, AreaCode> = Object.fromEntries(
  Object.entries(DAC_SECTOR)
    .filter(([, dac]) => Object.values(DAC_SECTOR).filter((d) => d === dac).length === 1)
    .map(([area, dac]) => [dac, area as AreaCode]),
);

export const isArea = (code: string): code is AreaCode => (AREA_CODES as readonly string[]).includes(code);

/** The Forum's own vocabularies (vocabulary 99, "reporting organisation"), told apart by their URI. */
export const vocabularyUri = (publicUrl: string, list: 'areas' | 'themes' | 'exploitation') => `${publicUrl}/api/v1/taxonomies#${list}`;
export const vocabularyOf = (uri: string | undefined): 'areas' | 'themes' | 'exploitation' | null => {
  const match = uri?.match(/\/api\/v1\/taxonomies#(areas|themes|exploitation)$/);
  return (match?.[1] as 'areas' | 'themes' | 'exploitation' | undefined) ?? null;
};

/** n equal percentages that add up to exactly 100 (the last takes the rounding), as IATI decimals. */
export function equalShares(n: number): string[] {
  if (n === 0) return [];
  const each = Math.floor(10_000 / n) / 100;
  const last = Math.round((100 - each * (n - 1)) * 100) / 100;
  return [...Array<number>(n - 1).fill(each), last].map((v) => String(v));
}

export const orgIdentifier = (prefix: string, organizationId: string) => `${prefix}-ORG-${organizationId}`;
