import { PATTERN_SENTENCES } from './problem.js';
import { Type, type TUnsafe } from 'typebox';

/** A string that must be one of `values`: a plain JSON-schema enum, typed as the literal union. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/**
 * One line of text: titles, topics and names. Refuses CR and LF (and the other line breaks), which
 * would otherwise land in mail subjects and bodies, calendar entries and CSV cells as new lines.
 */
export const SINGLE_LINE_PATTERN = '^[^\\r\\n\\u2028\\u2029\\u0085]*$';
PATTERN_SENTENCES[SINGLE_LINE_PATTERN] = 'must be on one line (no line breaks)';
export const SingleLine = (options: { minLength?: number; maxLength: number; description?: string; default?: string }) =>
  Type.String({ ...options, pattern: SINGLE_LINE_PATTERN });
