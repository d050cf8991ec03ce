import { AppError } from '../../core/shared/app-error.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { hashSecret } from '../platform/secrets.ts';
import type { UserTokensTable } from '../platform/db/schema.ts';

export type TokenPurpose = UserTokensTable['purpose'];

/** How long each kind of emailed link stays valid. */
export const tokenLifetimeMs: Record<TokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
  invite: 7 * 24 * 3600_000,
};

/** Issues a single-use token for an emailed link, replacing earlier unused ones of the same purpose. */
export async function issueToken(trx: Db, deps: Pick<Deps, 'clock' | 'ids'>, userId: string, email: string, purpose: TokenPurpose): Promise<string> {
  const now = deps.clock.now();
  const secret = deps.ids.secret();
  await trx.updateTable('user_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  await trx.insertInto('user_tokens').values({
    id: hashSecret(secret), user_id: userId, purpose, email, created_at: now, expires_at: new Date(now.getTime() + tokenLifetimeMs[purpose]),
  }).execute();
  return secret;
}

/**
 * Spends a token inside the caller's transaction: exactly one request can spend it (the update is conditional
 * on `used_at is null`). Throws TokenInvalid, TokenExpired or TokenUsed with a message the user can act on.
 */
export async function spendToken(trx: Db, deps: Pick<Deps, 'clock'>, secret: string, purposes: TokenPurpose[]): Promise<{ userId: string; email: string; purpose: TokenPurpose }> {
  const now = deps.clock.now();
  const id = hashSecret(secret);
  const row = await trx.selectFrom('user_tokens').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || !purposes.includes(row.purpose)) throw new AppError('TokenInvalid', 'This link is not valid. Check that you opened the whole link from the latest email.');
  if (row.used_at) throw new AppError('TokenUsed', 'This link has already been used or was replaced by a newer one.');
  if (row.expires_at <= now) throw new AppError('TokenExpired', 'This link has expired. Ask for a new one.');
  await trx.updateTable('user_tokens').set({ used_at: now }).where('id', '=', id).execute();
  return { userId: row.user_id, email: row.email, purpose: row.purpose };
}
