// The seven technical-assistance priority areas of the UN.GIFT work programme 2008-2009
// (section 5, "Technical assistance priorities"). Requests for and offers of technical assistance
// on the Virtual Forum are tagged with these. Descriptions condense the work programme's own text.

export interface Area {
  code: string;
  label: string;
  description: string;
}

export const AREAS = [
  {
    code: 'legislation',
    label: 'Pre-ratification assistance and legislative frameworks',
    description:
      'Assessment of existing legislation, evaluation of the requirements for ratification, and consultation with and advice to multiple parties on implementation.',
  },
  {
    code: 'data_research',
    label: 'Data collection and research',
    description:
      'Building the capacity of law enforcement authorities and States to collect and analyse data and to manage knowledge on human trafficking trends and threat assessments.',
  },
  {
    code: 'strategy_policy',
    label: 'Strategic planning and policy development',
    description:
      'Developing regional and national policymaking and coordination mechanisms to produce viable national action plans supported by inter-agency coordination.',
  },
  {
    code: 'prevention_awareness',
    label: 'Prevention and awareness-raising',
    description:
      'Information campaigns, awareness-raising for policymakers and practitioners, and measures to reduce the demand for products and services produced by exploitative and forced labour.',
  },
  {
    code: 'criminal_justice',
    label: 'Criminal justice responses',
    description:
      'Support for necessary legislation, related institutions, special police units and prosecutorial structures, and building the capacity of criminal justice practitioners through specialist training.',
  },
  {
    code: 'victim_protection',
    label: 'Victim protection and support',
    description:
      'Developing identification and referral practices, providing housing, physical, psychological, social, employment and educational assistance for victims, and securing their safety.',
  },
  {
    code: 'international_cooperation',
    label: 'International cooperation',
    description:
      'Fostering cooperation among officials of different States in investigation, prosecution, prevention and victim and witness protection, including mutual legal assistance and extradition.',
  },
] as const satisfies readonly Area[];

export function areaByCode(code: string): Area | undefined {
  return AREAS.find((a) => a.code === code);
}
