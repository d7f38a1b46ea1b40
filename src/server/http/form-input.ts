// Helpers for the public forms (applications, invitations, reset requests): tidy what people type
// before the schema sees it, and report schema errors and the handler's own checks in one answer,
// so a form shows every mistake at once instead of one round trip per mistake.
import type { FastifyRequest } from 'fastify';
import { MAX_INPUT_DEPTH } from './input-guard.js';
import { fieldErrorsFromValidation, problems, type FieldError } from './problem.js';

/**
 * Trims every string in a JSON value. Passwords never pass through here: they are taken as typed.
 * The input gate (input-guard.ts) refuses deeper input before this runs; below that depth the
 * values are left as they are, so this walk can never run out of stack.
 */
export function trimStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.trim();
  if (depth >= MAX_INPUT_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => trimStrings(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimStrings(v, depth + 1)]));
  }
  return value;
}

/** The object at `key` of a JSON value, or null when it is not an object. */
export function objectAt(value: unknown, key?: string): Record<string, unknown> | null {
  const target = key === undefined ? value : value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return target && typeof target === 'object' && !Array.isArray(target) ? (target as Record<string, unknown>) : null;
}

/** Lower-cases `obj[key]` when it is a string (emails are compared case-insensitively). */
export function lowerCaseField(obj: Record<string, unknown> | null, key: string): void {
  if (obj && typeof obj[key] === 'string') obj[key] = obj[key].toLowerCase();
}

/**
 * For routes with `attachValidation: true`: throws one validation problem listing the schema's
 * errors and `extra` (checks a JSON schema cannot express), or returns when there are none.
 * Where both speak of one field, `extra` is kept: its words are written for people.
 */
export function assertValid(request: FastifyRequest, extra: FieldError[] = []): void {
  const failed = request.validationError;
  const fromSchema = failed ? fieldErrorsFromValidation(failed.validation as never, failed.validationContext ?? 'body') : [];
  const errors = [...fromSchema.filter((s) => !extra.some((e) => e.field === s.field)), ...extra];
  if (errors.length > 0) throw problems.validation(errors);
}

/** A web address people can open: http or https only (no javascript:, data:, mailto:). */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are UUIDs; anything else names nothing (404), and must not reach the database as a cast error. */
export const isUuid = (value: string): boolean => UUID.test(value);
