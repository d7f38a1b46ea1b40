// Opaque list cursors ({items, nextCursor}): base64url JSON, checked when read back.
import { isUuid } from '../http/form-input.js';
import { textProblem } from '../http/input-guard.js';
import { problems } from '../http/problem.js';

export const encodeCursor = (value: Record<string, unknown>): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeCursor<T extends Record<string, unknown>>(raw: string | undefined, valid: (value: Record<string, unknown>) => boolean): T | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && valid(value as Record<string, unknown>)) return value as T;
  } catch {
    // fall through
  }
  throw problems.badRequest('invalid-cursor', 'The cursor is not one this server gave out. Start again from the first page.');
}

/** A time as the lists' cursors hold it: ISO 8601 in UTC, between the years 1900 and 9000 (what a row's time can be, and PostgreSQL holds). */
export function isCursorTime(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value)) return false;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= Date.UTC(1900, 0, 1) && ms < Date.UTC(9000, 0, 1);
}

/** A position by time and id ({at, id}): each part checked as the query uses it, and nothing else. */
export const byTimeAndId = (c: Record<string, unknown>): boolean => Object.keys(c).length === 2 && isCursorTime(c.at) && typeof c.id === 'string' && isUuid(c.id);

/** A position by name and id ({name, id}): text the database can hold, at most 400 characters, and a uuid. */
export const byNameAndId = (c: Record<string, unknown>): boolean =>
  Object.keys(c).length === 2 && typeof c.name === 'string' && c.name.length <= 400 && textProblem(c.name) === null && typeof c.id === 'string' && isUuid(c.id);
