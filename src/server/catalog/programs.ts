import { inTransaction } from '../platform/db/sql-helpers.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import type { Db } from '../platform/db/database.ts';

export interface ProgramInput { name: string; contactEmail?: string | null; website?: string | null; issuerName?: string; issuerUrl?: string | null }

function present(r: { id: string; name: string; contact_email: string | null; website: string | null; issuer_name: string; issuer_url: string | null }) {
  return { id: r.id, name: r.name, contactEmail: r.contact_email, website: r.website, issuerName: r.issuer_name, issuerUrl: r.issuer_url };
}

/** Admin: every program (certification body) of this instance. */
export async function listPrograms(deps: Deps, principal: Principal | null) {
  requireRole(principal, ['admin']);
  return (await deps.db.selectFrom('programs').selectAll().orderBy('name').execute()).map(present);
}

/** Admin (or the demo loader as 'system'): creates a program; its name is the badge issuer unless given. */
export async function createProgram(deps: Deps, principal: Principal | null | 'system', input: ProgramInput, trx?: Db) {
  const actorId = principal === 'system' ? null : requireRole(principal, ['admin']).userId;
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  const run = async (t: Db) => {
    await t.insertInto('programs').values({
      id, name: input.name, contact_email: input.contactEmail ?? null, website: input.website ?? null, issuer_name: input.issuerName ?? input.name,
      issuer_url: input.issuerUrl ?? null, created_at: now, updated_at: now,
    }).execute();
    await appendAudit(t, deps.clock, { actorId, action: 'catalog.program_created', subjectType: 'program', subjectId: id, data: { name: input.name } });
    return present(await t.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  };
  return inTransaction(deps.db, trx, run);
}

/** Admin: changes a program's name, contact or issuer profile. */
export async function updateProgram(deps: Deps, principal: Principal | null, id: string, input: Partial<ProgramInput>) {
  const actor = requireRole(principal, ['admin']);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('programs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NotFound', 'No such program.');
    await trx.updateTable('programs').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.contactEmail !== undefined ? { contact_email: input.contactEmail } : {}),
      ...(input.website !== undefined ? { website: input.website } : {}),
      ...(input.issuerName !== undefined ? { issuer_name: input.issuerName } : {}),
      ...(input.issuerUrl !== undefined ? { issuer_url: input.issuerUrl } : {}),
      updated_at: deps.clock.now(),
    }).where('id', '=', id).execute();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'catalog.program_updated', subjectType: 'program', subjectId: id, data: { fields: Object.keys(input) } });
    return present(await trx.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}
