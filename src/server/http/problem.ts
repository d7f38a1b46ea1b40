// Every error leaves the server as RFC 9457 problem details (application/problem+json).
// Routes throw `Problem`s; the error handler in app.ts turns anything else into one without
// revealing stack traces, SQL or internal messages.
import { humanFieldName } from '../../shared/field-names.js';

export { humanFieldName };

export interface FieldError {
  /** Dotted path of the field at fault, e.g. `organization.country`. */
  field: string;
  /** JSON Pointer to the same field in the request body, as RFC 9457's example uses. */
  pointer: string;
  detail: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    /** Short stable name; the problem `type` is `/problems/<slug>`. */
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toBody(instance?: string): ProblemBody {
    return {
      type: `/problems/${this.slug}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export const fieldError = (field: string, detail: string): FieldError => ({
  field,
  pointer: '#/' + field.split('.').filter(Boolean).join('/'),
  detail,
});

export const problems = {
  validation: (errors: FieldError[], detail = validationDetail(errors)) => new Problem(400, 'validation-error', 'Your request has invalid fields', detail, { errors }),
  badRequest: (slug: string, detail: string) => new Problem(400, slug, 'Bad request', detail),
  unauthenticated: (detail = 'Sign in to continue.') => new Problem(401, 'unauthenticated', 'Not signed in', detail),
  forbidden: (detail = 'You are not allowed to do this.') => new Problem(403, 'forbidden', 'Not allowed', detail),
  csrf: () =>
    new Problem(403, 'csrf-token-invalid', 'Missing or wrong CSRF token', 'Requests that change something must carry the X-CSRF-Token header returned by GET /api/v1/me.'),
  /** Also used for what exists but the user may not see, so the two cannot be told apart. */
  notFound: (detail = 'There is nothing here, or you do not have access to it.') => new Problem(404, 'not-found', 'Not found', detail),
  conflict: (slug: string, detail: string, extensions: Record<string, unknown> = {}) => new Problem(409, slug, 'Conflict', detail, extensions),
  gone: (slug: string, detail: string) => new Problem(410, slug, 'No longer valid', detail),
  tooManyRequests: (retryAfterSeconds: number, detail = 'Too many attempts. Please wait and try again.') =>
    new Problem(429, 'too-many-requests', 'Too many requests', detail, { retryAfter: retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) }),
};

interface AjvError {
  keyword: string;
  instancePath: string;
  schemaPath?: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * Sentences for the patterns the API's schemas use. A person never sees the pattern itself; one
 * not listed here still reads "is not in the expected form". schema-helpers.ts adds the sentences of
 * the patterns it defines.
 */
export const PATTERN_SENTENCES: Record<string, string> = {
  '^\\d{1,13}(\\.\\d{1,2})?$': 'must be an amount in figures, such as 1,200,000 or 1200.50',
  '^[A-Z]{3}$': 'must be a three-letter currency code, such as USD or EUR',
  '^\\d{3}$': 'must be a region from the list',
  '^[A-Za-z]{2}$': 'must be a country from the list',
  '^[A-Z]{2}$': 'must be a country from the list',
  '^([A-Z]{2}|\\d{3})$': 'must be a country or region from the list',
  '^(\\d{3}|[A-Z]{2})$': 'must be a country or region from the list',
  '^[a-z]{2,3}$': 'must be a language from the list',
  '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$': 'must be a time such as 09:30',
  '^[A-Za-z0-9._-]{1,20}$': 'may use only letters, figures, full stops, dashes and underscores, at most 20',
};

const FORMAT_SENTENCES: Record<string, string> = {
  email: 'must be a valid email address',
  uri: 'must be a full web address starting with http:// or https://',
  date: 'must be a date written YYYY-MM-DD, between the years 1900 and 2199',
  'date-time': 'must be a date and time like 2026-05-20T09:30:00Z, between the years 1900 and 2199',
  time: 'must be a time such as 09:30',
  uuid: 'does not name anything that exists',
};

const TYPE_SENTENCES: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  integer: 'must be a whole number',
  boolean: 'must be yes or no',
  array: 'must be a list',
};

const plural = (n: unknown, one: string, other: string) => `${String(n)} ${Number(n) === 1 ? one : other}`;

/** One failed schema check as a sentence about the field, never in schema language. */
function sentenceFor(e: AjvError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'format':
      return FORMAT_SENTENCES[String(p.format)] ?? 'is not in the expected form';
    case 'pattern':
      return PATTERN_SENTENCES[String(p.pattern)] ?? 'is not in the expected form';
    case 'minLength':
      return Number(p.limit) === 1 ? 'must not be empty' : `must be at least ${plural(p.limit, 'character', 'characters')} long`;
    case 'maxLength':
      return `must be at most ${plural(p.limit, 'character', 'characters')} long`;
    case 'enum':
    case 'const':
      return 'must be one of the choices offered';
    case 'additionalProperties':
      return 'is not a known field';
    case 'type':
      return TYPE_SENTENCES[String(p.type)] ?? 'is not in the expected form';
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'maximum':
      return `must be at most ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `must be more than ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `must be less than ${String(p.limit)}`;
    case 'minItems':
      return Number(p.limit) === 1 ? 'needs at least one choice' : `needs at least ${String(p.limit)} choices`;
    case 'maxItems':
      return `allows at most ${plural(p.limit, 'choice', 'choices')}`;
    case 'uniqueItems':
      return 'lists the same choice twice';
    case 'multipleOf':
      return `must be a multiple of ${String(p.multipleOf)}`;
    default:
      return 'is not in the expected form';
  }
}

/**
 * Drops what a union (`anyOf`/`oneOf`, e.g. "an amount or null") says about its other branches:
 * the errors of the branch that came closest (the deepest, else the fewest errors) are kept, so a
 * budget of "1,2,3" reads "must be an amount..." and not also "must be null".
 */
function collapseUnions(errors: AjvError[]): AjvError[] {
  let out = errors;
  for (;;) {
    const union = out.find((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && e.schemaPath);
    if (!union) return out;
    const prefix = `${union.schemaPath!}/`;
    const branches = new Map<string, AjvError[]>();
    for (const e of out) {
      if (!e.schemaPath?.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const candidates = [...branches.values()].filter((list) => !list.every((e) => e.keyword === 'type' && e.params.type === 'null'));
    const depth = (list: AjvError[]) => Math.max(...list.map((e) => e.instancePath.split('/').length));
    candidates.sort((a, b) => depth(b) - depth(a) || a.length - b.length);
    const kept = candidates[0] ?? [];
    const inUnion = new Set([union, ...[...branches.values()].flat()]);
    const rest = out.filter((e) => !inUnion.has(e) || kept.includes(e));
    out = kept.length > 0 ? rest : [...rest, { ...union, keyword: 'union', schemaPath: undefined }];
  }
}

/** Plain-words messages for JSON-schema validation failures; `field` and `pointer` stay precise. */
export function fieldErrorsFromValidation(errors: AjvError[], context: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of collapseUnions(errors)) {
    let path = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required') path = [...path, String(e.params.missingProperty)];
    if (e.keyword === 'additionalProperties') path = [...path, String(e.params.additionalProperty)];
    const detail = sentenceFor(e);
    const field = (context === 'body' ? [] : [context]).concat(path).join('.') || context;
    const key = `${field}:${detail}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(fieldError(field, detail));
    }
  }
  return out;
}

/** The problem's `detail`: every field error as a sentence, for clients that show only the detail. */
export function validationDetail(errors: FieldError[]): string {
  if (errors.length === 0) return 'Some fields are missing or invalid.';
  const sentences = errors.slice(0, 5).map((e) => (/^[A-Z]/.test(e.detail) ? e.detail : `${humanFieldName(e.field)} ${e.detail.replace(/\.$/, '')}.`));
  if (errors.length > 5) sentences.push(`And ${errors.length - 5} more.`);
  return sentences.join(' ');
}
