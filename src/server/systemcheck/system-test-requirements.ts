import { defaultPolicy } from '../../core/catalog/policy.ts';
import type { SystemTestRequirements } from '../../contracts/systemcheck.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { iceServersFor } from '../platform/ice.ts';

/** What the page compares its measurements with: the default policy's minimums (a system test belongs to no one
 * exam), and the ICE servers the exam's live video uses (configured STUN/TURN, with TURN credentials minted for this
 * user), so the loopback check takes the same path exam day does. */
export function systemTestRequirements(deps: Pick<Deps, 'config' | 'clock'>, principal: Principal | null): SystemTestRequirements {
  const actor = requireRole(principal, []);
  const { minUploadMbps, minDownloadMbps, maxRoundTripMs } = defaultPolicy().systemTest;
  return { minUploadMbps, minDownloadMbps, maxRoundTripMs, iceServers: iceServersFor(deps.config, actor.userId, deps.clock.now()) };
}
