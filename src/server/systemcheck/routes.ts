import { randomBytes } from 'node:crypto';
import {
  DownloadQuery, LatestSystemTestResponse, maxTransferBytes, PingResponse, SaveSystemTestBody, SystemTestRequirements, SystemTestResultResponse, UploadReceipt,
} from '../../contracts/systemcheck.ts';
import type { Deps } from '../platform/deps.ts';
import { route } from '../platform/http/route.ts';
import { latestSystemTestResult } from './latest-system-test-result.ts';
import { saveSystemTestResult } from './save-system-test-result.ts';
import { systemTestRequirements } from './system-test-requirements.ts';

const tags = ['System test'];
const signedIn = [] as const;
const base = '/api/v1/system-test';
// A run makes about a dozen pings and six transfers; this leaves room for several runs a minute and no more.
const transferLimit = { max: 40, timeWindow: '1 minute' };

/** The system test: the measuring endpoints (ping, download, upload) and the stored results of the signed-in user. */
export function systemCheckRoutes(deps: Deps) {
  return [
    route({ method: 'GET', url: `${base}/requirements`, summary: 'Minimum speeds and the ICE servers the system test checks against', tags, access: signedIn, response: { status: 200, schema: SystemTestRequirements },
      handler: async ({ principal }) => systemTestRequirements(deps, principal) }),
    route({ method: 'GET', url: `${base}/ping`, summary: "The server's time (the page times round trips and jitter with it)", tags, access: signedIn, response: { status: 200, schema: PingResponse },
      handler: async ({ reply }) => {
        reply.header('cache-control', 'no-store');
        return { serverTime: deps.clock.now().toISOString() };
      } }),
    route({ method: 'GET', url: `${base}/download`, summary: 'Random bytes to time a download (at most 5 MB)', tags, access: signedIn, query: DownloadQuery, rateLimit: transferLimit,
      response: { status: 200, binary: 'application/octet-stream', description: 'Incompressible random bytes, never cached.' },
      handler: async ({ query, reply }) => {
        reply.header('cache-control', 'no-store');
        return randomBytes(query.bytes);
      } }),
    route({ method: 'POST', url: `${base}/upload`, summary: 'Receives bytes to time an upload (at most 5 MB); they are discarded', tags, access: signedIn, rateLimit: transferLimit,
      rawBody: { contentType: 'application/octet-stream', maxBytes: maxTransferBytes, description: 'Any bytes; only their count is kept.' },
      response: { status: 200, schema: UploadReceipt },
      handler: async ({ body }) => ({ bytes: (body as unknown as Buffer).length, receivedAt: deps.clock.now().toISOString() }) }),
    route({ method: 'POST', url: `${base}/results`, summary: 'Store the outcome of a system test (no images)', tags, access: signedIn, body: SaveSystemTestBody, response: { status: 201, schema: SystemTestResultResponse },
      handler: async ({ principal, body, req }) => ({ result: await saveSystemTestResult(deps, principal, { ...body, userAgent: req.headers['user-agent'] ?? '' }) }) }),
    route({ method: 'GET', url: `${base}/results/latest`, summary: 'Your newest system test, or null', tags, access: signedIn, response: { status: 200, schema: LatestSystemTestResponse },
      handler: async ({ principal }) => ({ result: await latestSystemTestResult(deps, principal) }) }),
  ];
}
