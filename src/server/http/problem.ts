// Every error leaves the server as RFC 9457 problem details (application/problem+json).
// Routes throw `Problem`s; the error handler in app.ts turns anything else into one without
// revealing stack traces, SQL or internal messages.

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
  validation: (errors: FieldError[], detail = 'Some fields are missing or invalid; see errors.') =>
    new Problem(400, 'validation-error', 'Your request has invalid fields', detail, { errors }),
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
  message?: string;
  params: Record<string, unknown>;
}

const FORMAT_WORDS: Record<string, string> = {
  email: 'must be a valid email address',
  uri: 'must be a full web address starting with http:// or https://',
  date: 'must be a date written YYYY-MM-DD, between the years 1900 and 2199',
  'date-time': 'must be a date and time like 2026-05-20T09:30:00Z, between the years 1900 and 2199',
  uuid: 'is not a valid identifier',
};

/** Plain words for the patterns the schemas use (schema-helpers.ts). */
export const PATTERN_WORDS: Record<string, string> = {};

/** Plain-words messages for JSON-schema validation failures. */
export function fieldErrorsFromValidation(errors: AjvError[], context: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    let path = e.instancePath.split('/').filter(Boolean);
    let detail: string;
    switch (e.keyword) {
      case 'required':
        path = [...path, String(e.params.missingProperty)];
        detail = 'is required';
        break;
      case 'format':
        detail = FORMAT_WORDS[String(e.params.format)] ?? `must be a valid ${String(e.params.format)}`;
        break;
      case 'pattern':
        detail = PATTERN_WORDS[String(e.params.pattern)] ?? 'is not in the expected form';
        break;
      case 'minimum':
      case 'maximum':
        detail = `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(e.params.limit)}`;
        break;
      case 'minLength':
        detail = Number(e.params.limit) === 1 ? 'must not be empty' : `must be at least ${String(e.params.limit)} characters long`;
        break;
      case 'maxLength':
        detail = `must be at most ${String(e.params.limit)} characters long`;
        break;
      case 'enum':
        detail = `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
        break;
      case 'additionalProperties':
        path = [...path, String(e.params.additionalProperty)];
        detail = 'is not a known field';
        break;
      case 'type':
        detail = `must be of type ${String(e.params.type)}`;
        break;
      default:
        detail = e.message ?? 'is invalid';
    }
    const field = (context === 'body' ? [] : [context]).concat(path).join('.') || context;
    const key = `${field}:${detail}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(fieldError(field, detail));
    }
  }
  return out;
}
