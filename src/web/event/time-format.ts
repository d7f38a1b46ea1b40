// Event times: shown in the venue's time zone, and in the user's own when it differs.
// Built on Intl, like the helpers in i18n/i18n.ts, with one formatter per zone and style.
import { DEFAULT_LOCALE, type Locale } from '../i18n/i18n.js';

const cache = new Map<string, Intl.DateTimeFormat>();
function format(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export const userTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function timeIn(iso: string, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  return format(`t:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(new Date(iso));
}

export function dayIn(iso: string, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  return format(`d:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })).format(new Date(iso));
}

/** A calendar date ('YYYY-MM-DD') as a long date, without shifting it through a time zone. */
export function longDate(date: string, locale: Locale = DEFAULT_LOCALE): string {
  return format(`ld:${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })).format(new Date(`${date}T12:00:00Z`));
}

/** 'YYYY-MM-DD' of an instant in a zone. */
export function dateKey(iso: string, timeZone: string): string {
  return format(`k:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).format(new Date(iso));
}

/** "09:30–12:30", in the given zone. */
export const rangeIn = (start: string, end: string, timeZone: string): string => `${timeIn(start, timeZone)}–${timeIn(end, timeZone)}`;

/** Short name of a zone at a moment, e.g. "CET" or "GMT+1". */
export function zoneName(iso: string, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  const parts = format(`z:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })).formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Does the user's zone show different clock times than the venue's at this moment? */
export const differs = (iso: string, venueZone: string): boolean => timeIn(iso, venueZone) !== timeIn(iso, userTimeZone()) || dateKey(iso, venueZone) !== dateKey(iso, userTimeZone());

/** Every date from..until inclusive. */
export function datesBetween(from: string, until: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${until}T00:00:00Z`);
  while (d <= end && out.length < 60) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** The instant at which clocks in `timeZone` show date + 'HH:MM' (two passes settle the offset). */
export function zonedToIso(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const offset = (at: number) => {
    const f = format(`o:${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }));
    const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - Math.floor(at / 60_000) * 60_000;
  };
  let instant = guess - offset(guess);
  instant = guess - offset(instant);
  return new Date(instant).toISOString();
}
