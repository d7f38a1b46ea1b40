// One gate every request passes before any handler, schema or recursive walk sees its input:
// the text type of the whole API (no NUL characters, no unpaired UTF-16 surrogates, in values and
// in keys), a nesting limit, and finite numbers with real bounds. What fails is one 400 problem
// naming each field in plain words, and nothing has changed yet. The database-error mapping below
// is the net under it: whatever value still reaches PostgreSQL and is refused there answers 4xx
// without SQL, never 500.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldError, Problem, problems, type FieldError } from './problem.js';

/** Deeper JSON than this is no form anyone fills in; refused before any recursive walk. */
export const MAX_INPUT_DEPTH = 32;
/** More values than this in one request is refused too (a flat 10 MB array of numbers, say). */
const MAX_INPUT_NODES = 50_000;
/** Integers beyond this lose precision in JavaScript; no count, page or revision comes near it. */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text cannot be taken, in plain words, or null if it is fine. */
export function textProblem(value: string): string | null {
  if (NUL.test(value)) return 'contains a NUL character, which text cannot hold; remove it';
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (half of a character pair); type or paste it again';
  return null;
}

type Context = 'body' | 'querystring' | 'params';
const fieldName = (context: Context, path: string[]) => (context === 'body' ? path : [context === 'querystring' ? 'query' : 'params', ...path]).join('.') || (context === 'body' ? 'body' : context);

/**
 * Checks a parsed input without recursion: text, depth and (when `numbers`) finite, safe numbers.
 * Returns the faults found, at most a handful.
 */
export function inspectInput(value: unknown, context: Context, options: { numbers: boolean }): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  let nodes = 0;
  while (stack.length > 0 && errors.length < 10) {
    const { value: v, path } = stack.pop()!;
    if (++nodes > MAX_INPUT_NODES) {
      errors.push(fieldError(fieldName(context, []), 'holds too many values for one request'));
      break;
    }
    if (typeof v === 'string') {
      const fault = textProblem(v);
      if (fault) errors.push(fieldError(fieldName(context, path), fault));
    } else if (typeof v === 'number') {
      if (options.numbers && !Number.isFinite(v)) errors.push(fieldError(fieldName(context, path), 'must be a number of ordinary size'));
      else if (options.numbers && Math.abs(v) > MAX_SAFE) errors.push(fieldError(fieldName(context, path), 'is far too large'));
    } else if (v && typeof v === 'object') {
      if (path.length >= MAX_INPUT_DEPTH) {
        errors.push(fieldError(fieldName(context, path.slice(0, 3)), `is nested too deeply (more than ${MAX_INPUT_DEPTH} levels)`));
        continue;
      }
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, String(i)] });
      } else {
        for (const [key, child] of Object.entries(v)) {
          const fault = textProblem(key);
          if (fault) {
            errors.push(fieldError(fieldName(context, path), `has a field name that ${fault.replace(/^contains/, 'contains')}`));
            continue;
          }
          stack.push({ value: child, path: [...path, key] });
        }
      }
    }
  }
  return errors;
}

function check(request: FastifyRequest, numbers: boolean): void {
  const errors = [
    ...inspectInput(request.params, 'params', { numbers }),
    ...inspectInput(request.query, 'querystring', { numbers }),
    ...(request.body !== undefined && !isStream(request.body) ? inspectInput(request.body, 'body', { numbers }) : []),
  ];
  if (errors.length > 0) throw problems.validation(errors);
}
const isStream = (body: unknown) => typeof (body as { pipe?: unknown } | null)?.pipe === 'function' || Buffer.isBuffer(body);

/** Registers the gate on the root instance, so it runs before every route's own hooks and schema. */
export function registerInputGuard(app: FastifyInstance): void {
  // Text and depth before the schema and before any route hook walks the body (trimStrings).
  app.addHook('preValidation', async (request) => check(request, false));
  // Numbers after the schema coerced query and path strings ("1e309" becomes Infinity there).
  app.addHook('preHandler', async (request) => check(request, true));
}

/** PostgreSQL's SQLSTATE codes for values it refuses, and what a person is told instead. */
const DATABASE_REFUSALS: Record<string, { status: number; slug: string; detail: string }> = {
  '22001': { status: 400, slug: 'value-too-long', detail: 'A value in your request is longer than the Forum can store. Shorten it and try again.' },
  '22003': { status: 400, slug: 'value-out-of-range', detail: 'A number in your request is out of range. Use a smaller number.' },
  '22007': { status: 400, slug: 'invalid-date', detail: 'A date or time in your request is not a valid one.' },
  '22008': { status: 400, slug: 'invalid-date', detail: 'A date or time in your request is out of range.' },
  '22021': { status: 400, slug: 'invalid-text', detail: 'A text in your request holds characters that cannot be stored. Remove them and try again.' },
  '22P05': { status: 400, slug: 'invalid-text', detail: 'A text in your request holds characters that cannot be stored. Remove them and try again.' },
  '22P02': { status: 400, slug: 'invalid-value', detail: 'A value in your request is not in the form expected.' },
  '22023': { status: 400, slug: 'invalid-value', detail: 'A value in your request is not in the form expected.' },
  '2201B': { status: 400, slug: 'invalid-value', detail: 'A search pattern in your request is not valid.' },
  '22025': { status: 400, slug: 'invalid-value', detail: 'A value in your request is not in the form expected.' },
  '54000': { status: 400, slug: 'value-too-large', detail: 'A value in your request is too large to process.' },
  '54001': { status: 400, slug: 'value-too-large', detail: 'Your request is too complex to process.' },
  '23503': { status: 409, slug: 'unknown-reference', detail: 'Your request refers to something that does not exist (any more).' },
  '23505': { status: 409, slug: 'already-exists', detail: 'This exists already.' },
  '23514': { status: 400, slug: 'invalid-value', detail: 'A value in your request is not allowed here.' },
  '40001': { status: 409, slug: 'concurrent-change', detail: 'Someone changed the same thing at the same moment. Please try again.' },
  '40P01': { status: 409, slug: 'concurrent-change', detail: 'Someone changed the same thing at the same moment. Please try again.' },
};

/** A database error that a request's values caused, as a 4xx problem (no SQL, no table names); else null. */
export function problemFromDatabaseError(error: unknown): Problem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
  const known = DATABASE_REFUSALS[code] ?? (code.startsWith('22') ? DATABASE_REFUSALS['22P02'] : undefined);
  if (!known) return null;
  return new Problem(known.status, known.slug, known.status === 409 ? 'Conflict' : 'Bad request', known.detail);
}
