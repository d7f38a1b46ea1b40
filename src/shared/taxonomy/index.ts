// Shared taxonomies: one import for the server (validation, JSON-schema enums) and the web app
// (filters, labels). Codes are stable API values; labels are English display text.

import { AREAS, areaByCode } from './areas.js';
import { EXPLOITATION_FORMS, exploitationByCode } from './exploitation.js';
import { countryName, regionByCode } from './geography.js';
import { THEMES, themeByCode } from './themes.js';

export * from './areas.js';
export * from './exploitation.js';
export * from './geography.js';
export * from './themes.js';

/** The union of the `code` literals of a taxonomy declared `as const`. */
export type Code<T extends readonly { code: string }[]> = T[number]['code'];

export type AreaCode = Code<typeof AREAS>;
export type ThemeCode = Code<typeof THEMES>;
export type ExploitationCode = Code<typeof EXPLOITATION_FORMS>;

/** The codes of a taxonomy as a readonly tuple of literals, in the taxonomy's order. */
type CodeTuple<T extends readonly { code: string }[]> = { readonly [K in keyof T]: T[K]['code'] };

function codesOf<const T extends readonly { code: string }[]>(items: T): CodeTuple<T> {
  return Object.freeze(items.map((item) => item.code)) as unknown as CodeTuple<T>;
}

// Tuples rather than string[], so that they can feed JSON-schema enums and literal unions alike.
export const AREA_CODES = codesOf(AREAS);
export const THEME_CODES = codesOf(THEMES);
export const EXPLOITATION_CODES = codesOf(EXPLOITATION_FORMS);

export function isAreaCode(code: string): code is AreaCode {
  return (AREA_CODES as readonly string[]).includes(code);
}

export function isThemeCode(code: string): code is ThemeCode {
  return (THEME_CODES as readonly string[]).includes(code);
}

export function isExploitationCode(code: string): code is ExploitationCode {
  return (EXPLOITATION_CODES as readonly string[]).includes(code);
}

export type TaxonomyKind = 'area' | 'theme' | 'exploitation' | 'region' | 'country';

/** The English label of a code (a country's name in `locale`); undefined when the code is unknown. */
export function labelOf(kind: TaxonomyKind, code: string, locale = 'en'): string | undefined {
  switch (kind) {
    case 'area':
      return areaByCode(code)?.label;
    case 'theme':
      return themeByCode(code)?.label;
    case 'exploitation':
      return exploitationByCode(code)?.label;
    case 'region':
      return regionByCode(code)?.name;
    case 'country':
      return countryName(code, locale);
  }
}
