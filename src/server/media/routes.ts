import { z } from 'zod';
import { AppError } from '../../core/shared/app-error.ts';
import { blobSigner, isBlobKey } from '../platform/blobs.ts';
import type { Deps } from '../platform/deps.ts';
import { route } from '../platform/http/route.ts';
import { serverKey } from '../platform/server-keys.ts';

const BlobParams = z.strictObject({ key: z.string().refine(isBlobKey, 'Not a blob key.') });
const BlobQuery = z.strictObject({ exp: z.coerce.number().int().positive(), sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a signature.') });

/** The signer of blob links, with the key every instance shares. */
export async function blobLinks(deps: Pick<Deps, 'db'>) {
  return blobSigner(await serverKey(deps.db, 'blob-links'));
}

/** Serving photos and recordings through short-lived signed links (the link is the permission). */
export function mediaRoutes(deps: Deps) {
  return [
    route({
      method: 'GET', url: '/api/v1/blobs/:key', summary: 'A photo or recording, through a signed link that expires within minutes', tags: ['Media'], access: 'public',
      params: BlobParams, query: BlobQuery, response: { status: 200, binary: 'application/octet-stream', description: 'The file (image/jpeg or video/webm)' },
      handler: async ({ params, query, reply }) => {
        const verdict = (await blobLinks(deps)).verify(params.key, query.exp, query.sig, deps.clock.now());
        if (verdict === 'expired') throw new AppError('TokenExpired', 'This link has expired. Reload the page to get a new one.');
        if (verdict === 'invalid') throw new AppError('Forbidden', 'This link is not valid.');
        const blob = await deps.blobs.get(params.key);
        if (!blob) throw new AppError('NotFound', 'This file no longer exists (it may have been deleted after the retention period).');
        reply.header('cache-control', 'private, no-store').header('content-disposition', 'inline').type(blob.contentType);
        return blob.data;
      },
    }),
  ];
}
