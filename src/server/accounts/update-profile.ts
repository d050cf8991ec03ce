import { normalizeLegalName } from '../../core/accounts/email.ts';
import type { User } from '../../contracts/accounts.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { getUser, getUserRow } from './repository.ts';

/** Changes the signed-in user's own legal name, time zone or language; a name change is audited (it must match the ID). */
export async function updateProfile(deps: Deps, principal: Principal | null, input: { legalName?: string; timeZone?: string; language?: string }): Promise<User> {
  const actor = requireRole(principal, []);
  await deps.db.transaction().execute(async (trx) => {
    const before = await getUserRow(trx, actor.userId);
    const changes = {
      ...(input.legalName !== undefined ? { legal_name: normalizeLegalName(input.legalName) } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
    };
    if (Object.keys(changes).length === 0) return;
    await trx.updateTable('users').set({ ...changes, updated_at: deps.clock.now() }).where('id', '=', actor.userId).execute();
    const changed = Object.entries(changes).filter(([k, v]) => before[k as keyof typeof before] !== v).map(([k]) => k);
    if (changed.length) {
      await appendAudit(trx, deps.clock, {
        actorId: actor.userId, action: 'account.profile_updated', subjectType: 'user', subjectId: actor.userId,
        data: { fields: changed, ...(changes.legal_name && changes.legal_name !== before.legal_name ? { legalNameFrom: before.legal_name, legalNameTo: changes.legal_name } : {}) },
      });
    }
  });
  return getUser(deps.db, actor.userId);
}
