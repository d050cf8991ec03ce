import { AppError } from '../../core/shared/app-error.ts';
import { assertAcceptablePassword } from './password-check.ts';
import { appendAudit } from '../platform/audit.ts';
import { forgetPrincipals, requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { hashPassword, verifyPassword } from '../platform/secrets.ts';
import { getUserRow } from './repository.ts';

/** Changes the signed-in user's password after checking the current one; other sessions of the account end. */
export async function changePassword(deps: Deps, principal: Principal | null, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const actor = requireRole(principal, []);
  const user = await getUserRow(deps.db, actor.userId);
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('ValidationFailed', 'Your current password is not correct.', { in: 'body', issues: [{ path: ['currentPassword'], message: 'Your current password is not correct.' }] });
  }
  assertAcceptablePassword(input.newPassword, { email: user.email, legalName: user.legal_name }, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: deps.clock.now() }).where('id', '=', user.id).execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (actor.sessionId) others = others.where('id', '!=', actor.sessionId);
    await others.execute();
    await appendAudit(trx, deps.clock, { actorId: user.id, action: 'account.password_changed', subjectType: 'user', subjectId: user.id });
  });
  forgetPrincipals(deps, user.id);
}
