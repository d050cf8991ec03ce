import { defaultPolicy } from '../../core/catalog/policy.ts';
import type { SaveSystemTestBody, SystemTestResult } from '../../contracts/systemcheck.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { insertSystemTestResult, presentSystemTestResult } from './repository.ts';

/** Records the outcome of a system test the user's browser ran: passed when no check failed. A result belongs to
 * no single exam, so its validity comes from the default policy. */
export async function saveSystemTestResult(deps: Pick<Deps, 'db' | 'clock' | 'ids' | 'log'>, principal: Principal | null, input: SaveSystemTestBody & { userAgent: string }): Promise<SystemTestResult> {
  const user = requireRole(principal, []);
  const passed = input.checks.every((c) => c.status !== 'fail');
  const row = await insertSystemTestResult(deps.db, {
    id: deps.ids.uuid(), userId: user.userId, passed, checks: input.checks, userAgent: input.userAgent.slice(0, 500), createdAt: deps.clock.now(),
  });
  deps.log.info({ event: 'system_test.recorded', userId: user.userId, passed, failed: input.checks.filter((c) => c.status === 'fail').map((c) => c.id) }, 'system_test.recorded');
  return presentSystemTestResult(row, defaultPolicy().systemTest.validDays);
}
