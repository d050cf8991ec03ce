import { AppError } from '../../core/shared/app-error.ts';
import type { User } from '../../contracts/accounts.ts';
import { appendAudit } from '../platform/audit.ts';
import type { Deps } from '../platform/deps.ts';
import { spendToken } from './one-time-tokens.ts';
import { getUser, getUserRow } from './repository.ts';

/** Marks the address a verification link was sent to as verified (if it is still the account's address). */
export async function verifyEmail(deps: Deps, token: string): Promise<User> {
  const userId = await deps.db.transaction().execute(async (trx) => {
    const spent = await spendToken(trx, deps, token, ['verify_email']);
    const user = await getUserRow(trx, spent.userId);
    if (user.email !== spent.email) throw new AppError('TokenInvalid', 'This link was sent to an address that is no longer on the account.');
    if (!user.email_verified_at) {
      await trx.updateTable('users').set({ email_verified_at: deps.clock.now(), updated_at: deps.clock.now() }).where('id', '=', user.id).execute();
      await appendAudit(trx, deps.clock, { actorId: user.id, action: 'account.email_verified', subjectType: 'user', subjectId: user.id, data: { email: user.email } });
    }
    return user.id;
  });
  return getUser(deps.db, userId);
}
