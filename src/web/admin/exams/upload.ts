import type { ZodType } from 'zod';
import { ApiError, apiUrl, sessionEvents } from '../../lib/api.ts';
import { ErrorBody } from '../../../contracts/common.ts';

/** Sends a file as the raw request body (not JSON) to `/api/v1{path}` and parses the JSON answer with `schema`.
 * Rejects with an `ApiError` like `api()` does. */
export async function uploadFile<T>(path: string, file: Blob, contentType: string, schema: ZodType<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': contentType },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('NetworkError', 'The upload did not reach the Invigil server. Check your connection and try again.', 0);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(json);
    if (parsed.success) {
      if (parsed.data.error.code === 'NotAuthenticated') sessionEvents.dispatchEvent(new Event('unauthenticated'));
      throw new ApiError(parsed.data.error.code, parsed.data.error.message, response.status, parsed.data.error.details);
    }
    if (response.status === 413) throw new ApiError('PayloadTooLarge', 'The file is too large for the server.', 413);
    throw new ApiError('HttpError', `The server answered with status ${response.status}. Try again.`, response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError('UnexpectedResponse', 'The server sent an answer this page does not understand. Reload the page and try again.', response.status);
  return parsed.data;
}
