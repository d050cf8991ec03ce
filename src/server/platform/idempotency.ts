import { createHash } from 'node:crypto';
import { AppError } from '../../core/shared/app-error.ts';
import type { Db } from './db/database.ts';

/** A stable hash of a request body, to tell a retry from a different request reusing a key. */
export const requestHash = (body: unknown): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * Claims an idempotency key inside the caller's transaction. Returns null when this is the first use (the caller then
 * does the work and calls `saveIdempotentResponse`), or the stored response of the earlier request. A concurrent
 * request with the same key waits on the unique key until the first commits (then replays it) or rolls back (then
 * proceeds itself), so a double-click books once. Reusing a key for a different request is refused.
 */
export async function claimIdempotencyKey(trx: Db, userId: string, key: string, hash: string, now: Date): Promise<{ response: unknown } | null> {
  const inserted = await trx.insertInto('idempotency_keys').values({ user_id: userId, key, request_hash: hash, response: null, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing()).returning('key').executeTakeFirst();
  if (inserted) return null;
  const row = await trx.selectFrom('idempotency_keys').select(['request_hash', 'response']).where('user_id', '=', userId).where('key', '=', key).executeTakeFirstOrThrow();
  if (row.request_hash !== hash) throw new AppError('IdempotencyKeyReused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
  return { response: row.response };
}

export async function saveIdempotentResponse(trx: Db, userId: string, key: string, response: unknown): Promise<void> {
  await trx.updateTable('idempotency_keys').set({ response: JSON.stringify(response) }).where('user_id', '=', userId).where('key', '=', key).execute();
}
