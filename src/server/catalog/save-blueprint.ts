import { inTransaction } from '../platform/db/sql-helpers.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import type { Db } from '../platform/db/database.ts';
import { computeBlueprintStatus, describeShortfalls } from './blueprint-status.ts';
import { getExamByCode, lockExam, presentExam } from './repository.ts';

/** Admin: replaces the exam's blueprint (domains with weights summing to 100). Domains still used by items
 * cannot be removed, and a published exam must still be assemblable afterwards. */
export async function saveBlueprint(deps: Deps, principal: Principal | null | 'system', code: string, input: { domains: { code: string; name: string; weight: number }[] }, trx?: Db) {
  const actorId = principal === 'system' ? null : requireRole(principal, ['admin']).userId;
  const run = async (t: Db) => {
    const exam = await lockExam(t, code);
    const used = await t.selectFrom('items').select('domain').distinct().where('exam_id', '=', exam.id).execute();
    const kept = new Set(input.domains.map((d) => d.code));
    const orphaned = used.map((u) => u.domain).filter((d) => !kept.has(d));
    if (orphaned.length) throw new AppError('Conflict', `Items still belong to ${orphaned.join(', ')}; move or retire them before removing the domain.`, { domains: orphaned });
    await t.deleteFrom('exam_domains').where('exam_id', '=', exam.id).execute();
    await t.insertInto('exam_domains').values(input.domains.map((d, i) => ({ exam_id: exam.id, code: d.code, name: d.name, weight: d.weight, position: i }))).execute();
    if (exam.status === 'published') {
      const status = await computeBlueprintStatus(t, exam);
      if (!status.ready) throw new AppError('Conflict', `A published exam must stay assemblable: ${describeShortfalls(status)}.`, { blueprint: status });
    }
    await appendAudit(t, deps.clock, { actorId, action: 'catalog.blueprint_saved', subjectType: 'exam', subjectId: exam.id, data: { code: exam.code, domains: input.domains } });
    return presentExam(t, await getExamByCode(t, code));
  };
  return inTransaction(deps.db, trx, run);
}

/** Admin: how far the active item bank meets the blueprint. */
export async function getBlueprintStatus(deps: Deps, principal: Principal | null, code: string) {
  requireRole(principal, ['admin']);
  return computeBlueprintStatus(deps.db, await getExamByCode(deps.db, code));
}
