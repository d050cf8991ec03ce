import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../../core/shared/app-error.ts';

/** Admin: revokes an API token; it stops working at once. Revoking twice is harmless. */
export async function revokeApiToken(deps: Deps, principal: Principal | null, id: string): Promise<void> {
  const actor = requireRole(principal, ['admin']);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NotFound', 'No such API token.');
    if (row.revoked_at) return;
    await trx.updateTable('api_tokens').set({ revoked_at: deps.clock.now() }).where('id', '=', id).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'staff.api_token_revoked', subjectType: 'api_token', subjectId: id });
  });
}
