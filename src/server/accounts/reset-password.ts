import { assertAcceptablePassword } from './password-check.ts';
import { appendAudit } from '../platform/audit.ts';
import { forgetPrincipals } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { hashPassword } from '../platform/secrets.ts';
import { spendToken } from './one-time-tokens.ts';
import { getUserRow } from './repository.ts';

/**
 * Sets a new password from a reset or staff-invitation link. Every existing session of the account ends (a
 * reset often follows a compromise); the emailed address counts as verified, since the link reached it.
 */
export async function resetPassword(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const userId = await deps.db.transaction().execute(async (trx) => {
    const spent = await spendToken(trx, deps, input.token, ['reset_password', 'invite']);
    const user = await getUserRow(trx, spent.userId);
    assertAcceptablePassword(input.password, { email: user.email, legalName: user.legal_name });
    const now = deps.clock.now();
    await trx.updateTable('users').set({
      password_hash: passwordHash,
      updated_at: now,
      ...(user.email === spent.email && !user.email_verified_at ? { email_verified_at: now } : {}),
    }).where('id', '=', user.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('login_failures').where('email', '=', user.email).execute();
    await appendAudit(trx, deps.clock, { actorId: user.id, action: spent.purpose === 'invite' ? 'account.invitation_accepted' : 'account.password_reset', subjectType: 'user', subjectId: user.id });
    return user.id;
  });
  forgetPrincipals(deps, userId);
}
