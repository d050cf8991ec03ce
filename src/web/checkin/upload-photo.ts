import type { ZodType } from 'zod';
import { ErrorBody } from '../../contracts/common.ts';
import { ApiError, apiUrl } from '../lib/api.ts';

/**
 * PUTs an image as the raw request body to `/api/v1{path}` and parses the JSON answer with `schema`; `onProgress`
 * gets the share sent (0–1). `api()` only sends JSON, and fetch cannot report upload progress, hence XHR here.
 * Example: `await uploadPhoto('/checkins/…/photos/headshot', blob, CheckInResponse)`. Rejects with an `ApiError`.
 */
export async function uploadPhoto<T>(path: string, image: Blob, schema: ZodType<T>, onProgress?: (share: number) => void): Promise<T> {
  // A busy server (many photos arriving at once) answers 503 with Retry-After before reading the photo: wait, send again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(path, image, schema, onProgress);
    } catch (error) {
      if (!(error instanceof BusyError) || attempt >= maxBusyRetries) throw error instanceof BusyError ? error.apiError : error;
      onProgress?.(0);
      await new Promise((r) => setTimeout(r, error.retryAfterMs * (1 + Math.random() * 0.5)));
    }
  }
}

/** Sending again after "busy" this many times at most (a few minutes at the server's usual Retry-After). */
const maxBusyRetries = 40;

class BusyError extends Error {
  constructor(readonly apiError: ApiError, readonly retryAfterMs: number) {
    super(apiError.message);
  }
}

function sendOnce<T>(path: string, image: Blob, schema: ZodType<T>, onProgress?: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', apiUrl(path));
    // Same-origin requests carry the session cookie; the phone's token is in the path and needs none.
    xhr.setRequestHeader('Content-Type', image.type || 'image/jpeg');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    if (onProgress) xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.onerror = () => reject(new ApiError('NetworkError', 'The photo did not reach the Invigil server. Check your connection and try again.', 0));
    xhr.onload = () => {
      let json: unknown;
      try { json = JSON.parse(xhr.responseText); } catch { json = undefined; }
      if (xhr.status < 200 || xhr.status >= 300) {
        const body = ErrorBody.safeParse(json);
        if (xhr.status === 503) {
          const seconds = Number(xhr.getResponseHeader('Retry-After'));
          const apiError = body.success ? new ApiError(body.data.error.code, body.data.error.message, 503) : new ApiError('ServerBusy', 'The server is busy. Try again in a moment.', 503);
          reject(new BusyError(apiError, (Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) : 3) * 1000));
        } else if (body.success) reject(new ApiError(body.data.error.code, body.data.error.message, xhr.status, body.data.error.details));
        else if (xhr.status === 413) reject(new ApiError('PayloadTooLarge', 'The photo is too large. Take it again at a lower resolution.', 413));
        else reject(new ApiError('HttpError', `The server answered with status ${xhr.status}. Try again.`, xhr.status));
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) resolve(parsed.data);
      else reject(new ApiError('UnexpectedResponse', 'The server sent an answer this page does not understand. Reload the page and try again.', xhr.status));
    };
    xhr.send(image);
  });
}
