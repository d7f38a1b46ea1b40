// The translation layer: every text the user sees comes from a message catalogue through `t`.
// Messages are plain strings with `{name}` placeholders, or plural forms chosen by Intl.PluralRules
// from the `count` variable. Only English exists today; a new locale is a new catalogue file with
// the same keys (the `Catalogue` type makes a missing key a compile error).
import { createContext, useCallback, useContext } from 'react';
import { en, type Catalogue, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';
export type Locale = 'en';
export type Vars = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const catalogues: Record<Locale, Catalogue> = { en };

export const DEFAULT_LOCALE: Locale = 'en';
export const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

const cache = new Map<string, unknown>();
/** Intl objects are costly to build; one per locale and option set is enough. */
function memo<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const pluralRules = (locale: Locale) => memo(`plural:${locale}`, () => new Intl.PluralRules(locale));
const numberFormat = (locale: Locale) => memo(`number:${locale}`, () => new Intl.NumberFormat(locale));

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const message = catalogues[locale][key];
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(vars?.['count'] ?? 0);
    const form = pluralRules(locale).select(count);
    text = message[form] ?? message.other;
  }
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = vars[name];
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? numberFormat(locale).format(value) : value;
  });
}

/** Translate outside React (API client, helpers). Inside components prefer `useT()`. */
export const t: Translate = (key, vars) => translate(DEFAULT_LOCALE, key, vars);

export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useCallback<Translate>((key, vars) => translate(locale, key, vars), [locale]);
}

// ---- dates, numbers, countries ----------------------------------------------------------------

type DateInput = string | number | Date;
const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

export function formatDate(value: DateInput, locale: Locale = DEFAULT_LOCALE): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return memo(`date:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(date);
}

export function formatDateTime(value: DateInput, locale: Locale = DEFAULT_LOCALE): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return memo(`datetime:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

export function formatNumber(value: number, locale: Locale = DEFAULT_LOCALE): string {
  return numberFormat(locale).format(value);
}

/** The name of a country or territory from its ISO 3166-1 alpha-2 code; the code itself if unknown. */
export function formatCountry(code: string, locale: Locale = DEFAULT_LOCALE): string {
  try {
    const names = memo(`region:${locale}`, () => new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }));
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Locale-aware string comparison, for sorting names shown to the user. */
export function compareText(a: string, b: string, locale: Locale = DEFAULT_LOCALE): number {
  return memo(`collator:${locale}`, () => new Intl.Collator(locale, { sensitivity: 'base' })).compare(a, b);
}
