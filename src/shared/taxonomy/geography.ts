// Geography: UN M49 regions and every ISO 3166-1 alpha-2 country placed in them.
// Posts and organizations are tagged with a country or an M49 region code; filtering by a region
// must also find items tagged with its sub-regions and countries, hence the chain helpers below.
// Country codes and names come from i18n-iso-countries; the region placement is ours (M49, UNSD).

import countries from 'i18n-iso-countries';
// An explicit JSON import, because in the browser build (package "browser" field) no locale is
// pre-registered; under Node the package registers all locales itself and this is a no-op.
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(en);

/** An M49 numeric area code as a 3-digit string, e.g. '002' (Africa). */
export type RegionCode = string;

export interface Region {
  code: string;
  name: string;
  /** The enclosing region, or null for a top-level region. */
  parent: string | null;
  level: 'region' | 'subregion' | 'intermediate';
}

// M49 names as published by UNSD. The world ('001') is left out: a filter on it means no filter.
export const REGIONS: readonly Region[] = [
  { code: '002', name: 'Africa', parent: null, level: 'region' },
  { code: '019', name: 'Americas', parent: null, level: 'region' },
  { code: '142', name: 'Asia', parent: null, level: 'region' },
  { code: '150', name: 'Europe', parent: null, level: 'region' },
  { code: '009', name: 'Oceania', parent: null, level: 'region' },
  // M49 gives Antarctica (an area code, not a region) no region; listed so that AQ has a home.
  { code: '010', name: 'Antarctica', parent: null, level: 'region' },
  { code: '015', name: 'Northern Africa', parent: '002', level: 'subregion' },
  { code: '202', name: 'Sub-Saharan Africa', parent: '002', level: 'subregion' },
  { code: '014', name: 'Eastern Africa', parent: '202', level: 'intermediate' },
  { code: '017', name: 'Middle Africa', parent: '202', level: 'intermediate' },
  { code: '018', name: 'Southern Africa', parent: '202', level: 'intermediate' },
  { code: '011', name: 'Western Africa', parent: '202', level: 'intermediate' },
  { code: '419', name: 'Latin America and the Caribbean', parent: '019', level: 'subregion' },
  { code: '029', name: 'Caribbean', parent: '419', level: 'intermediate' },
  { code: '013', name: 'Central America', parent: '419', level: 'intermediate' },
  { code: '005', name: 'South America', parent: '419', level: 'intermediate' },
  { code: '021', name: 'Northern America', parent: '019', level: 'subregion' },
  { code: '143', name: 'Central Asia', parent: '142', level: 'subregion' },
  { code: '030', name: 'Eastern Asia', parent: '142', level: 'subregion' },
  { code: '035', name: 'South-eastern Asia', parent: '142', level: 'subregion' },
  { code: '034', name: 'Southern Asia', parent: '142', level: 'subregion' },
  { code: '145', name: 'Western Asia', parent: '142', level: 'subregion' },
  { code: '151', name: 'Eastern Europe', parent: '150', level: 'subregion' },
  { code: '154', name: 'Northern Europe', parent: '150', level: 'subregion' },
  { code: '830', name: 'Channel Islands', parent: '154', level: 'intermediate' },
  { code: '039', name: 'Southern Europe', parent: '150', level: 'subregion' },
  { code: '155', name: 'Western Europe', parent: '150', level: 'subregion' },
  { code: '053', name: 'Australia and New Zealand', parent: '009', level: 'subregion' },
  { code: '054', name: 'Melanesia', parent: '009', level: 'subregion' },
  { code: '057', name: 'Micronesia', parent: '009', level: 'subregion' },
  { code: '061', name: 'Polynesia', parent: '009', level: 'subregion' },
];

// Alpha-2 → the most specific M49 region. Two codes M49 itself does not list are placed by convention:
// XK (Kosovo, a user-assigned code i18n-iso-countries includes) in Southern Europe, TW in Eastern Asia.
export const COUNTRY_REGION: Readonly<Record<string, RegionCode>> = {
  AD: '039', // Andorra
  AE: '145', // United Arab Emirates
  AF: '034', // Afghanistan
  AG: '029', // Antigua and Barbuda
  AI: '029', // Anguilla
  AL: '039', // Albania
  AM: '145', // Armenia
  AO: '017', // Angola
  AQ: '010', // Antarctica
  AR: '005', // Argentina
  AS: '061', // American Samoa
  AT: '155', // Austria
  AU: '053', // Australia
  AW: '029', // Aruba
  AX: '154', // Åland Islands
  AZ: '145', // Azerbaijan
  BA: '039', // Bosnia and Herzegovina
  BB: '029', // Barbados
  BD: '034', // Bangladesh
  BE: '155', // Belgium
  BF: '011', // Burkina Faso
  BG: '151', // Bulgaria
  BH: '145', // Bahrain
  BI: '014', // Burundi
  BJ: '011', // Benin
  BL: '029', // Saint Barthélemy
  BM: '021', // Bermuda
  BN: '035', // Brunei Darussalam
  BO: '005', // Bolivia
  BQ: '029', // Bonaire, Sint Eustatius and Saba
  BR: '005', // Brazil
  BS: '029', // Bahamas
  BT: '034', // Bhutan
  BV: '005', // Bouvet Island
  BW: '018', // Botswana
  BY: '151', // Belarus
  BZ: '013', // Belize
  CA: '021', // Canada
  CC: '053', // Cocos (Keeling) Islands
  CD: '017', // Democratic Republic of the Congo
  CF: '017', // Central African Republic
  CG: '017', // Republic of the Congo
  CH: '155', // Switzerland
  CI: '011', // Cote d'Ivoire
  CK: '061', // Cook Islands
  CL: '005', // Chile
  CM: '017', // Cameroon
  CN: '030', // People's Republic of China
  CO: '005', // Colombia
  CR: '013', // Costa Rica
  CU: '029', // Cuba
  CV: '011', // Cape Verde
  CW: '029', // Curaçao
  CX: '053', // Christmas Island
  CY: '145', // Cyprus
  CZ: '151', // Czech Republic
  DE: '155', // Germany
  DJ: '014', // Djibouti
  DK: '154', // Denmark
  DM: '029', // Dominica
  DO: '029', // Dominican Republic
  DZ: '015', // Algeria
  EC: '005', // Ecuador
  EE: '154', // Estonia
  EG: '015', // Egypt
  EH: '015', // Western Sahara
  ER: '014', // Eritrea
  ES: '039', // Spain
  ET: '014', // Ethiopia
  FI: '154', // Finland
  FJ: '054', // Fiji
  FK: '005', // Falkland Islands (Malvinas)
  FM: '057', // Micronesia, Federated States of
  FO: '154', // Faroe Islands
  FR: '155', // France
  GA: '017', // Gabon
  GB: '154', // United Kingdom
  GD: '029', // Grenada
  GE: '145', // Georgia
  GF: '005', // French Guiana
  GG: '830', // Guernsey
  GH: '011', // Ghana
  GI: '039', // Gibraltar
  GL: '021', // Greenland
  GM: '011', // Republic of The Gambia
  GN: '011', // Guinea
  GP: '029', // Guadeloupe
  GQ: '017', // Equatorial Guinea
  GR: '039', // Greece
  GS: '005', // South Georgia and the South Sandwich Islands
  GT: '013', // Guatemala
  GU: '057', // Guam
  GW: '011', // Guinea-Bissau
  GY: '005', // Guyana
  HK: '030', // Hong Kong
  HM: '053', // Heard Island and McDonald Islands
  HN: '013', // Honduras
  HR: '039', // Croatia
  HT: '029', // Haiti
  HU: '151', // Hungary
  ID: '035', // Indonesia
  IE: '154', // Ireland
  IL: '145', // Israel
  IM: '154', // Isle of Man
  IN: '034', // India
  IO: '014', // British Indian Ocean Territory
  IQ: '145', // Iraq
  IR: '034', // Islamic Republic of Iran
  IS: '154', // Iceland
  IT: '039', // Italy
  JE: '830', // Jersey
  JM: '029', // Jamaica
  JO: '145', // Jordan
  JP: '030', // Japan
  KE: '014', // Kenya
  KG: '143', // Kyrgyzstan
  KH: '035', // Cambodia
  KI: '057', // Kiribati
  KM: '014', // Comoros
  KN: '029', // Saint Kitts and Nevis
  KP: '030', // North Korea
  KR: '030', // South Korea
  KW: '145', // Kuwait
  KY: '029', // Cayman Islands
  KZ: '143', // Kazakhstan
  LA: '035', // Lao People's Democratic Republic
  LB: '145', // Lebanon
  LC: '029', // Saint Lucia
  LI: '155', // Liechtenstein
  LK: '034', // Sri Lanka
  LR: '011', // Liberia
  LS: '018', // Lesotho
  LT: '154', // Lithuania
  LU: '155', // Luxembourg
  LV: '154', // Latvia
  LY: '015', // Libya
  MA: '015', // Morocco
  MC: '155', // Monaco
  MD: '151', // Moldova, Republic of
  ME: '039', // Montenegro
  MF: '029', // Saint Martin (French part)
  MG: '014', // Madagascar
  MH: '057', // Marshall Islands
  MK: '039', // The Republic of North Macedonia
  ML: '011', // Mali
  MM: '035', // Myanmar
  MN: '030', // Mongolia
  MO: '030', // Macao
  MP: '057', // Northern Mariana Islands
  MQ: '029', // Martinique
  MR: '011', // Mauritania
  MS: '029', // Montserrat
  MT: '039', // Malta
  MU: '014', // Mauritius
  MV: '034', // Maldives
  MW: '014', // Malawi
  MX: '013', // Mexico
  MY: '035', // Malaysia
  MZ: '014', // Mozambique
  NA: '018', // Namibia
  NC: '054', // New Caledonia
  NE: '011', // Niger
  NF: '053', // Norfolk Island
  NG: '011', // Nigeria
  NI: '013', // Nicaragua
  NL: '155', // Netherlands
  NO: '154', // Norway
  NP: '034', // Nepal
  NR: '057', // Nauru
  NU: '061', // Niue
  NZ: '053', // New Zealand
  OM: '145', // Oman
  PA: '013', // Panama
  PE: '005', // Peru
  PF: '061', // French Polynesia
  PG: '054', // Papua New Guinea
  PH: '035', // Philippines
  PK: '034', // Pakistan
  PL: '151', // Poland
  PM: '021', // Saint Pierre and Miquelon
  PN: '061', // Pitcairn
  PR: '029', // Puerto Rico
  PS: '145', // State of Palestine
  PT: '039', // Portugal
  PW: '057', // Palau
  PY: '005', // Paraguay
  QA: '145', // Qatar
  RE: '014', // Reunion
  RO: '151', // Romania
  RS: '039', // Serbia
  RU: '151', // Russian Federation
  RW: '014', // Rwanda
  SA: '145', // Saudi Arabia
  SB: '054', // Solomon Islands
  SC: '014', // Seychelles
  SD: '015', // Sudan
  SE: '154', // Sweden
  SG: '035', // Singapore
  SH: '011', // Saint Helena
  SI: '039', // Slovenia
  SJ: '154', // Svalbard and Jan Mayen
  SK: '151', // Slovakia
  SL: '011', // Sierra Leone
  SM: '039', // San Marino
  SN: '011', // Senegal
  SO: '014', // Somalia
  SR: '005', // Suriname
  SS: '014', // South Sudan
  ST: '017', // Sao Tome and Principe
  SV: '013', // El Salvador
  SX: '029', // Sint Maarten (Dutch part)
  SY: '145', // Syrian Arab Republic
  SZ: '018', // Eswatini
  TC: '029', // Turks and Caicos Islands
  TD: '017', // Chad
  TF: '014', // French Southern Territories
  TG: '011', // Togo
  TH: '035', // Thailand
  TJ: '143', // Tajikistan
  TK: '061', // Tokelau
  TL: '035', // Timor-Leste
  TM: '143', // Turkmenistan
  TN: '015', // Tunisia
  TO: '061', // Tonga
  TR: '145', // Türkiye
  TT: '029', // Trinidad and Tobago
  TV: '061', // Tuvalu
  TW: '030', // Taiwan, Province of China
  TZ: '014', // United Republic of Tanzania
  UA: '151', // Ukraine
  UG: '014', // Uganda
  UM: '057', // United States Minor Outlying Islands
  US: '021', // United States of America
  UY: '005', // Uruguay
  UZ: '143', // Uzbekistan
  VA: '039', // Holy See (Vatican City State)
  VC: '029', // Saint Vincent and the Grenadines
  VE: '005', // Venezuela
  VG: '029', // Virgin Islands, British
  VI: '029', // Virgin Islands, U.S.
  VN: '035', // Vietnam
  VU: '054', // Vanuatu
  WF: '061', // Wallis and Futuna
  WS: '061', // Samoa
  XK: '039', // Kosovo
  YE: '145', // Yemen
  YT: '014', // Mayotte
  ZA: '018', // South Africa
  ZM: '014', // Zambia
  ZW: '014', // Zimbabwe
};

const regionIndex = new Map(REGIONS.map((r) => [r.code, r]));

const childrenIndex = new Map<string, string[]>();
for (const r of REGIONS) {
  if (r.parent === null) continue;
  const siblings = childrenIndex.get(r.parent) ?? [];
  siblings.push(r.code);
  childrenIndex.set(r.parent, siblings);
}

export function regionByCode(code: string): Region | undefined {
  return regionIndex.get(code);
}

export function isRegionCode(code: string): boolean {
  return regionIndex.has(code);
}

// The library is the source of truth for which codes exist; a test checks each one is mapped above.
const knownCountries = Object.keys(countries.getAlpha2Codes()).sort();
const knownCountrySet = new Set(knownCountries);

/** Every ISO 3166-1 alpha-2 code known to i18n-iso-countries, sorted. */
export function countryCodes(): string[] {
  return [...knownCountries];
}

/** True only for an upper-case alpha-2 code of a known country ('at' and 'AUT' are rejected). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && knownCountrySet.has(code);
}

/**
 * The country's name in `locale`. Under Node every locale of i18n-iso-countries is available;
 * in the browser bundle only 'en' is registered (call `registerLocale` to add more).
 */
export function countryName(code: string, locale = 'en'): string | undefined {
  if (!isCountryCode(code)) return undefined;
  return countries.getName(code, locale);
}

/** The M49 codes enclosing a region, itself first and the top-level region last. */
function regionChain(code: string): string[] {
  const chain: string[] = [];
  for (let r = regionIndex.get(code); r; r = r.parent === null ? undefined : regionIndex.get(r.parent)) {
    chain.push(r.code);
  }
  return chain;
}

/** The M49 codes enclosing a country, most specific first: 'NG' → ['011', '202', '002']. */
export function regionsOfCountry(code: string): string[] {
  const region = isCountryCode(code) ? COUNTRY_REGION[code] : undefined;
  return region === undefined ? [] : regionChain(region);
}

/** All countries lying anywhere inside the region, sorted. */
export function countriesInRegion(regionCode: string): string[] {
  if (!isRegionCode(regionCode)) return [];
  return knownCountries.filter((c) => regionsOfCountry(c).includes(regionCode));
}

/**
 * The region and all its descendants' codes, the region first. Used to match items tagged with a
 * sub-region when a user filters by the enclosing region. Unknown codes give [].
 */
export function expandRegion(code: string): string[] {
  if (!isRegionCode(code)) return [];
  const out: string[] = [];
  const visit = (c: string): void => {
    out.push(c);
    for (const child of childrenIndex.get(c) ?? []) visit(child);
  };
  visit(code);
  return out;
}
