import { defaultPolicy } from '../../core/catalog/policy.ts';
import type { SystemTestResult } from '../../contracts/systemcheck.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { findLatestSystemTestResult, presentSystemTestResult } from './repository.ts';

/** The signed-in user's own newest system test, or null; nobody else's is reachable from here. */
export async function latestSystemTestResult(deps: Pick<Deps, 'db'>, principal: Principal | null): Promise<SystemTestResult | null> {
  const user = requireRole(principal, []);
  const row = await findLatestSystemTestResult(deps.db, user.userId);
  return row ? presentSystemTestResult(row, defaultPolicy().systemTest.validDays) : null;
}

