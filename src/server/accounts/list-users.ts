import type { Role } from '../../core/accounts/roles.ts';
import type { User } from '../../contracts/accounts.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { listUserRows, presentUsers } from './repository.ts';

/** Admin: lists accounts, newest first, by role and a search on name or email. */
export async function listUsers(deps: Deps, principal: Principal | null, filter: { role?: Role; q?: string; limit: number }): Promise<User[]> {
  requireRole(principal, ['admin']);
  return presentUsers(deps.db, await listUserRows(deps.db, filter));
}
