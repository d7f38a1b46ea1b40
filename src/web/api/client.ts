// The one way the web app talks to the server: JSON in and out, the session cookie sent along,
// the CSRF token added to every state-changing request, and problem details (RFC 9457) turned
// into a typed ApiError the pages can show.
import { t } from '../i18n/i18n.js';

export interface ProblemFieldError {
  field: string;
  pointer?: string;
  detail: string;
}

export interface ApiErrorInit {
  status: number;
  type: string;
  title: string;
  detail: string;
  fieldErrors?: Record<string, string>;
  retryAfter?: number | null;
  /** The problem document's extension members (e.g. `findings` of /problems/personal-data-suspected). */
  extensions?: Record<string, unknown>;
}

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Problem type, e.g. `/problems/link-expired`. */
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** Server messages by dotted field path (`organization.country` → `is required`). */
  readonly fieldErrors: Record<string, string>;
  readonly retryAfter: number | null;
  readonly extensions: Record<string, unknown>;

  constructor(init: ApiErrorInit) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfter = init.retryAfter ?? null;
    this.extensions = init.extensions ?? {};
  }

  /** The last part of the problem type: `validation-error`, `link-used`, `not-found`… */
  get slug(): string {
    return this.type.replace(/^.*\/problems\//, '');
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).length > 0;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

let csrfToken: string | null = null;
/** The session layer sets this from the current Me; it goes out as X-CSRF-Token on non-GET requests. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthenticated: (() => void) | null = null;
/** Called when a request made while signed in answers 401 (the session ended on the server). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** A 401 is an ordinary answer here (sign-in, who-am-i) and must not end the session. */
  expectUnauthenticated?: boolean;
}

export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError({ status: 0, type: '/problems/network', title: t('error.network.title'), detail: t('error.network.detail') });
  }

  const data = response.status === 204 ? undefined : await readBody(response);
  if (response.ok) return data as T;

  const error = toApiError(response, data);
  if (error.status === 401 && !options.expectUnauthenticated) onUnauthenticated?.();
  throw error;
}

/** Sends a multipart form (a file upload) with the CSRF token; answers and errors like `request`. */
export async function uploadForm<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json, application/problem+json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) } });
  } catch {
    throw new ApiError({ status: 0, type: '/problems/network', title: t('error.network.title'), detail: t('error.network.detail') });
  }
  const data = await readBody(response);
  if (response.ok) return data as T;
  const error = toApiError(response, data);
  if (error.status === 401) onUnauthenticated?.();
  throw error;
}
/** The CSRF token of the session, for the few requests that send a body other than JSON (an IATI file). */
export const currentCsrfToken = (): string | null => csrfToken;

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  /** Always sends a JSON body (`{}` by default): the server refuses an empty JSON body. */
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  put: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('PUT', path, body, options),
};

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function toApiError(response: Response, data: unknown): ApiError {
  const status = response.status;
  if (!isRecord(data)) {
    // Not a problem document: a proxy, a gateway timeout or a crash in between.
    return new ApiError({
      status,
      type: '/problems/unexpected-response',
      title: t('error.server.title'),
      detail: status >= 500 ? t('error.server.detail') : t('error.unexpected.detail', { status }),
    });
  }
  const fieldErrors: Record<string, string> = {};
  if (Array.isArray(data['errors'])) {
    for (const item of data['errors'] as unknown[]) {
      if (!isRecord(item) || typeof item['detail'] !== 'string') continue;
      const field = typeof item['field'] === 'string' ? item['field'] : pointerToField(item['pointer']);
      const previous = fieldErrors[field];
      fieldErrors[field] = previous ? `${previous}; ${item['detail']}` : item['detail'];
    }
  }
  const retryHeader = Number(response.headers.get('retry-after'));
  const retryAfter = typeof data['retryAfter'] === 'number' ? data['retryAfter'] : Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null;
  return new ApiError({
    status,
    type: typeof data['type'] === 'string' ? data['type'] : 'about:blank',
    title: typeof data['title'] === 'string' ? data['title'] : t('error.server.title'),
    detail: typeof data['detail'] === 'string' ? data['detail'] : '',
    fieldErrors,
    retryAfter,
    extensions: data,
  });
}

function pointerToField(pointer: unknown): string {
  if (typeof pointer !== 'string') return '';
  return pointer.replace(/^#?\//, '').split('/').filter(Boolean).join('.');
}
