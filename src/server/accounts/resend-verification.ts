import { AppError } from '../../core/shared/app-error.ts';
import type { Principal } from '../platform/auth.ts';
import { requireRole } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { verificationEmail } from './emails.ts';
import { issueToken } from './one-time-tokens.ts';
import { getUserRow } from './repository.ts';

/** Sends the signed-in user a fresh verification link (earlier links stop working). */
export async function resendVerification(deps: Deps, principal: Principal | null): Promise<void> {
  const actor = requireRole(principal, []);
  await deps.db.transaction().execute(async (trx) => {
    const user = await getUserRow(trx, actor.userId);
    if (user.email_verified_at) throw new AppError('Conflict', 'Your email address is already verified.');
    // At most one new link a minute, so the button cannot be used to flood a mailbox.
    const recent = await trx.selectFrom('user_tokens').select('created_at').where('user_id', '=', user.id).where('purpose', '=', 'verify_email')
      .where('created_at', '>', new Date(deps.clock.now().getTime() - 60_000)).executeTakeFirst();
    if (recent) throw new AppError('TooManyAttempts', 'We just sent you a link. Wait a minute before asking for another.');
    const token = await issueToken(trx, deps, user.id, user.email, 'verify_email');
    await enqueueEmail(trx, deps, verificationEmail(user.email, user.legal_name, `${deps.config.publicUrl}/verify-email?token=${token}`));
  });
  deps.mailPoke();
}
