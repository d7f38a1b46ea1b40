// Opaque list cursors ({items, nextCursor}): base64url JSON, checked when read back.
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
