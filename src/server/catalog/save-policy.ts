import { inTransaction } from '../platform/db/sql-helpers.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { policyProblems, type ExamPolicy } from '../../core/catalog/policy.ts';
import { renderRules } from '../../core/catalog/rules-text.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import type { Db } from '../platform/db/database.ts';
import { currentPolicy, getExamByCode, lockExam } from './repository.ts';

/** Admin: the exam's current policy, its version and the rules text candidates read. */
export async function getPolicy(deps: Deps, principal: Principal | null, code: string) {
  requireRole(principal, ['admin']);
  const exam = await getExamByCode(deps.db, code);
  const p = await currentPolicy(deps.db, exam.id);
  return { version: p.version, policy: p.policy, rules: renderRules(p.policy, { durationMinutes: exam.duration_minutes }), updatedAt: p.updatedAt?.toISOString() ?? null };
}

/**
 * Admin: saves a new version of the exam's policy. Optimistic concurrency: `expectedVersion` must be the current
 * version, so two admins editing at once cannot silently overwrite each other. Earlier versions are kept.
 */
export async function savePolicy(deps: Deps, principal: Principal | null | 'system', code: string, input: { policy: ExamPolicy; expectedVersion: number }, trx?: Db) {
  const actorId = principal === 'system' ? null : requireRole(principal, ['admin']).userId;
  const problems = policyProblems(input.policy);
  if (problems.length) {
    throw new AppError('ValidationFailed', problems.map((p) => p.message).join(' '), { in: 'body', issues: problems.map((p) => ({ path: ['policy', ...p.path], message: p.message })) });
  }
  const run = async (t: Db) => {
    const exam = await lockExam(t, code);
    const current = await currentPolicy(t, exam.id);
    if (current.version !== input.expectedVersion) {
      throw new AppError('Conflict', `The policy was changed by someone else (now version ${current.version}). Reload it and apply your changes again.`, { currentVersion: current.version });
    }
    const version = current.version + 1;
    await t.insertInto('exam_policies').values({ exam_id: exam.id, version, policy: JSON.stringify(input.policy), created_at: deps.clock.now(), created_by: actorId }).execute();
    await appendAudit(t, deps.clock, { actorId, action: 'catalog.policy_saved', subjectType: 'exam', subjectId: exam.id, data: { code: exam.code, version } });
    return { version, policy: input.policy, rules: renderRules(input.policy, { durationMinutes: exam.duration_minutes }), updatedAt: deps.clock.now().toISOString() };
  };
  return inTransaction(deps.db, trx, run);
}
