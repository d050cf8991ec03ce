import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { hashSecret } from '../platform/secrets.ts';
import { getApiTokenView } from './api-tokens.ts';
import { getUserRow } from './repository.ts';

/** Admin (or the operator via CLI): issues an API token acting as `userId`. The secret is returned once and
 * stored only as a hash; its first characters are kept as a prefix so people can tell tokens apart. */
export async function createApiToken(deps: Deps, principal: Principal | null | 'system', input: { userId: string; name: string; expiresInDays?: number }) {
  const actorId = principal === 'system' ? null : requireRole(principal, ['admin']).userId;
  const token = deps.ids.secret('ivg_');
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const user = await getUserRow(trx, input.userId);
    await trx.insertInto('api_tokens').values({
      id, user_id: user.id, name: input.name, prefix: token.slice(0, 10), token_hash: hashSecret(token), created_by: actorId, created_at: now,
      expires_at: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    }).execute();
    await appendAudit(trx, deps.clock, { actorId, action: 'staff.api_token_created', subjectType: 'api_token', subjectId: id, data: { userId: user.id, name: input.name, expiresInDays: input.expiresInDays ?? null } });
  });
  return { token, apiToken: await getApiTokenView(deps.db, id) };
}
