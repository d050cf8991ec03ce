import type { ZodType } from 'zod';
import { ErrorBody } from '../../contracts/common.ts';

/** An API failure with the server's stable error code (or `NetworkError` / `UnexpectedResponse` from here). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(code: string, message: string, status: number, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** Fires `unauthenticated` when a call is refused because the session ended (expired, logged out elsewhere),
 * so the session provider can forget the user and the route guards can send them to the login page. */
export const sessionEvents = new EventTarget();

export interface ApiOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Query parameters; `undefined` and empty-string values are left out. */
  query?: Record<string, string | number | undefined>;
  /** Parses the answer; the call rejects with `UnexpectedResponse` when the server broke the contract. */
  schema?: ZodType<T>;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `{ 'Idempotency-Key': key }`; they cannot replace Accept or Content-Type. */
  headers?: Record<string, string>;
}

/** Calls `/api/v1{path}` with the session cookie and returns the parsed JSON (undefined for empty answers).
 * Example: `await api('/me', { schema: UserResponse })`. Rejects with an `ApiError`. */
export async function api<T = undefined>(path: string, options: ApiOptions<T> = {}): Promise<T> {
  const { method = 'GET', body, query, schema, signal } = options;
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  // Only send a JSON content type with a body: the server refuses an empty body that claims to be JSON.
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError('NetworkError', 'We could not reach the Invigil server. Check your connection and try again.', 0);
  }

  const json = await readJson(response);
  // A request cancelled while its body was downloading reads as an empty body: report the cancellation, not a
  // malformed answer.
  if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
  if (!response.ok) {
    const error = errorFrom(response, json);
    if (error.code === 'NotAuthenticated' && path !== '/me') sessionEvents.dispatchEvent(new Event('unauthenticated'));
    throw error;
  }
  if (!schema) return json as T;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected answer from ${method} ${path}`, parsed.error.issues);
    throw new ApiError('UnexpectedResponse', 'The server sent an answer this page does not understand. Reload the page and try again.', response.status);
  }
  return parsed.data;
}

/** The URL of an API path with its query string. */
export function apiUrl(path: string, query?: ApiOptions<unknown>['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 202) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function errorFrom(response: Response, json: unknown): ApiError {
  const parsed = ErrorBody.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, message, response.status, details);
  }
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    return new ApiError('NetworkError', 'The Invigil server is not answering right now. Try again in a moment.', response.status);
  }
  return new ApiError('HttpError', `The server answered with status ${response.status}. Try again.`, response.status);
}

/** Field messages from a `ValidationFailed` error, keyed by the first path segment (a form field's name). */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError) || error.code !== 'ValidationFailed') return {};
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return {};
  const fields: Record<string, string[]> = {};
  for (const issue of issues as { path?: unknown; message?: unknown }[]) {
    const key = Array.isArray(issue.path) && issue.path.length > 0 ? String(issue.path[0]) : '';
    if (!key || typeof issue.message !== 'string') continue;
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** A sentence to show for any error thrown by `api` (or anything else). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.keys(fieldErrorsOf(error));
    if (fields.length > 0) return 'Some fields need attention. Check the messages next to them.';
    return error.message;
  }
  return 'Something went wrong. Reload the page and try again.';
}
