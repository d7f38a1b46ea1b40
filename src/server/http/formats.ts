// The date formats of the whole API, bounded: a date or time must be a real one (as ajv-formats
// checks) and fall between the years 1900 and 2199, so no value the schema accepts is one that
// PostgreSQL or JavaScript's Date cannot hold (year 0, +275760) or that arithmetic on it would
// push out of range (the day after 9999-12-31).
import type { Ajv } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const yearWithin = (value: string) => {
  const year = Number(value.slice(0, 4));
  return /^\d{4}-/.test(value) && year >= MIN_YEAR && year <= MAX_YEAR;
};

type FormatCheck = { validate: (value: string) => boolean; compare?: (a: string, b: string) => number | undefined };
const bounded = (format: FormatCheck) => ({ ...format, validate: (value: string) => yearWithin(value) && format.validate(value) });

/** For Fastify's `ajv.onCreate`: replaces `date` and `date-time` with their bounded versions. */
export function addBoundedDateFormats(ajv: Ajv): void {
  ajv.addFormat('date', bounded(fullFormats.date as FormatCheck));
  ajv.addFormat('date-time', bounded(fullFormats['date-time'] as FormatCheck));
}
