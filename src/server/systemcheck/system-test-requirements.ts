import { defaultPolicy } from '../../core/catalog/policy.ts';
import type { SystemTestRequirements } from '../../contracts/systemcheck.ts';

/** What the page compares its measurements with: the default policy's minimums (a system test belongs to no one
 * exam), and the ICE servers for the live-video check (none configured yet, so host candidates only). */
export function systemTestRequirements(): SystemTestRequirements {
  const { minUploadMbps, minDownloadMbps, maxRoundTripMs } = defaultPolicy().systemTest;
  return { minUploadMbps, minDownloadMbps, maxRoundTripMs, iceServers: [] };
}
