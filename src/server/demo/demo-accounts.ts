// Demo organizations and accounts. Organizations are real actors named in the seed documents
// (the Vienna Forum reports); the people are invented, and everything is flagged is_demo.
// Nothing here concerns any victim.
import type { OrganizationCategory, Role } from '../../shared/participants.js';

export const DEMO_PASSWORD = 'vienna-2008-demo';

export interface DemoOrganization {
  key: string;
  name: string;
  category: OrganizationCategory;
  country: string;
  website: string | null;
}

export interface DemoAccount {
  email: string;
  name: string;
  title: string;
  role: Role;
  organization: string; // DemoOrganization.key
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'unodc', name: 'United Nations Office on Drugs and Crime (UNODC), UN.GIFT', category: 'intergovernmental', country: 'AT', website: 'https://www.unodc.org' },
  { key: 'naptip', name: 'National Agency for the Prohibition of Trafficking in Persons (NAPTIP), Nigeria', category: 'government', country: 'NG', website: null },
  { key: 'iom', name: 'International Organization for Migration (IOM)', category: 'intergovernmental', country: 'CH', website: 'https://www.iom.int' },
  { key: 'ilo', name: 'International Labour Organization (ILO)', category: 'intergovernmental', country: 'CH', website: 'https://www.ilo.org' },
  { key: 'osce', name: 'Organization for Security and Co-operation in Europe (OSCE)', category: 'intergovernmental', country: 'AT', website: 'https://www.osce.org' },
  { key: 'lastrada', name: 'La Strada International', category: 'civil_society', country: 'NL', website: null },
  { key: 'tdh', name: 'Terre des Hommes', category: 'civil_society', country: 'CH', website: null },
  { key: 'accor', name: 'Accor (hotel group)', category: 'private_sector', country: 'FR', website: null },
  { key: 'manpower', name: 'Manpower Inc.', category: 'private_sector', country: 'US', website: null },
  { key: 'university', name: 'Centre for Migration Research, University of Vienna (demo)', category: 'academia', country: 'AT', website: null },
  { key: 'media', name: 'Global Anti-Trafficking Reporting Network (demo)', category: 'media', country: 'GB', website: null },
  { key: 'expert', name: 'Independent expert: Dr. Priya Raman (demo)', category: 'individual', country: 'IN', website: null },
  // Further governments, so that the demo exchange has requests from several regions.
  { key: 'moldova', name: 'National Committee for Combating Trafficking in Human Beings, Republic of Moldova', category: 'government', country: 'MD', website: null },
  { key: 'thailand', name: 'Ministry of Social Development and Human Security, Thailand', category: 'government', country: 'TH', website: null },
  { key: 'brazil', name: 'Ministry of Justice, Brazil (National Secretariat of Justice)', category: 'government', country: 'BR', website: null },
];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'organizer@demo.test', name: 'Helena Berger', title: 'Virtual Forum moderator, UN.GIFT', role: 'organizer', organization: 'unodc' },
  { email: 'government@demo.test', name: 'Emeka Okafor', title: 'Director, Research and Programme Development', role: 'focal_point', organization: 'naptip' },
  { email: 'io@demo.test', name: 'Marta Silva', title: 'Counter-trafficking programme officer', role: 'focal_point', organization: 'iom' },
  { email: 'ilo@demo.test', name: 'Jonas Lindqvist', title: 'Forced labour specialist', role: 'focal_point', organization: 'ilo' },
  { email: 'osce@demo.test', name: 'Irina Petrova', title: 'Anti-trafficking adviser', role: 'focal_point', organization: 'osce' },
  { email: 'cso@demo.test', name: 'Anouk de Vries', title: 'Network coordinator', role: 'focal_point', organization: 'lastrada' },
  { email: 'tdh@demo.test', name: 'Luc Moreau', title: 'Child protection programme manager', role: 'focal_point', organization: 'tdh' },
  { email: 'business@demo.test', name: 'Claire Dubois', title: 'Corporate social responsibility lead', role: 'focal_point', organization: 'accor' },
  { email: 'manpower@demo.test', name: 'Daniel Brooks', title: 'Ethical recruitment director', role: 'focal_point', organization: 'manpower' },
  { email: 'academia@demo.test', name: 'Sophie Wagner', title: 'Senior researcher', role: 'focal_point', organization: 'university' },
  { email: 'media@demo.test', name: 'Tom Hughes', title: 'Editor', role: 'focal_point', organization: 'media' },
  { email: 'expert@demo.test', name: 'Priya Raman', title: 'Independent expert on labour migration', role: 'focal_point', organization: 'expert' },
  { email: 'member.io@demo.test', name: 'Ahmed Hassan', title: 'Project assistant', role: 'member', organization: 'iom' },
  { email: 'moldova@demo.test', name: 'Elena Rusu', title: 'Secretary of the National Committee', role: 'focal_point', organization: 'moldova' },
  { email: 'thailand@demo.test', name: 'Kanya Thongdee', title: 'Director, Bureau of Anti-Trafficking in Women and Children', role: 'focal_point', organization: 'thailand' },
  { email: 'brazil@demo.test', name: 'Ana Carolina Souza', title: 'Coordinator, National Policy against Trafficking in Persons', role: 'focal_point', organization: 'brazil' },
];
