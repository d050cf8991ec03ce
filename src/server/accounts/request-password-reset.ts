import { normalizeEmail } from '../../core/accounts/email.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { passwordResetEmail } from './emails.ts';
import { issueToken } from './one-time-tokens.ts';
import { findUserByEmail } from './repository.ts';

/** Emails a reset link when the account exists; answers the same either way, so it reveals no accounts. */
export async function requestPasswordReset(deps: Deps, input: { email: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  const user = await findUserByEmail(deps.db, email);
  if (!user || user.disabled_at) return;
  await deps.db.transaction().execute(async (trx) => {
    const recent = await trx.selectFrom('user_tokens').select('created_at').where('user_id', '=', user.id).where('purpose', '=', 'reset_password')
      .where('created_at', '>', new Date(deps.clock.now().getTime() - 60_000)).executeTakeFirst();
    if (recent) return; // one mail a minute at most; the earlier link still works
    const token = await issueToken(trx, deps, user.id, user.email, 'reset_password');
    await enqueueEmail(trx, deps, passwordResetEmail(user.email, user.legal_name, `${deps.config.publicUrl}/reset-password?token=${token}`));
  });
  deps.mailPoke();
}
