import { inTransaction } from '../platform/db/sql-helpers.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { Exam } from '../../contracts/catalog.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import type { Db } from '../platform/db/database.ts';
import { computeBlueprintStatus, describeShortfalls } from './blueprint-status.ts';
import { getExamByCode, lockExam, presentExam } from './repository.ts';

type ExamFields = Omit<Exam, 'id' | 'code' | 'programId' | 'programName' | 'status' | 'policyVersion' | 'domains' | 'activeItemCount' | 'createdAt' | 'updatedAt'>;

const columns = (f: Partial<ExamFields>) => ({
  ...(f.title !== undefined ? { title: f.title } : {}),
  ...(f.level !== undefined ? { level: f.level } : {}),
  ...(f.description !== undefined ? { description: f.description } : {}),
  ...(f.languages !== undefined ? { languages: f.languages } : {}),
  ...(f.durationMinutes !== undefined ? { duration_minutes: f.durationMinutes } : {}),
  ...(f.scoredItemCount !== undefined ? { scored_item_count: f.scoredItemCount } : {}),
  ...(f.unscoredItemCount !== undefined ? { unscored_item_count: f.unscoredItemCount } : {}),
  ...(f.scaleMin !== undefined ? { scale_min: f.scaleMin } : {}),
  ...(f.scaleMax !== undefined ? { scale_max: f.scaleMax } : {}),
  ...(f.passingScore !== undefined ? { passing_score: f.passingScore } : {}),
  ...(f.priceMinor !== undefined ? { price_minor: f.priceMinor } : {}),
  ...(f.currency !== undefined ? { currency: f.currency } : {}),
  ...(f.practice !== undefined ? { practice: f.practice } : {}),
  ...(f.formMode !== undefined ? { form_mode: f.formMode } : {}),
});

/** Admin: all exams, newest first. */
export async function listExams(deps: Deps, principal: Principal | null): Promise<Exam[]> {
  requireRole(principal, ['admin']);
  const rows = await deps.db.selectFrom('exams').selectAll().orderBy('code').execute();
  return Promise.all(rows.map((r) => presentExam(deps.db, r)));
}

/** Admin: one exam. */
export async function getExam(deps: Deps, principal: Principal | null, code: string): Promise<Exam> {
  requireRole(principal, ['admin']);
  return presentExam(deps.db, await getExamByCode(deps.db, code));
}

/** Admin (or the demo loader): creates a draft exam in a program (the only program when none is named). */
export async function createExam(deps: Deps, principal: Principal | null | 'system', input: ExamFields & { code: string; programId?: string }, trx?: Db): Promise<Exam> {
  const actorId = principal === 'system' ? null : requireRole(principal, ['admin']).userId;
  const run = async (t: Db) => {
    let programId = input.programId;
    if (!programId) {
      const programs = await t.selectFrom('programs').select('id').limit(2).execute();
      if (programs.length !== 1) throw new AppError('ValidationFailed', programs.length === 0 ? 'Create a program first.' : 'Name the program (programId): this instance has several.', { in: 'body', issues: [{ path: ['programId'], message: 'Choose a program.' }] });
      programId = programs[0]!.id;
    } else if (!(await t.selectFrom('programs').select('id').where('id', '=', programId).executeTakeFirst())) {
      throw new AppError('ValidationFailed', 'No such program.', { in: 'body', issues: [{ path: ['programId'], message: 'No such program.' }] });
    }
    const id = deps.ids.uuid();
    const now = deps.clock.now();
    try {
      await t.insertInto('exams').values({
        id, program_id: programId, code: input.code.toUpperCase(), title: input.title, level: input.level, description: input.description,
        languages: input.languages, duration_minutes: input.durationMinutes, scored_item_count: input.scoredItemCount, unscored_item_count: input.unscoredItemCount,
        scale_min: input.scaleMin, scale_max: input.scaleMax, passing_score: input.passingScore, price_minor: input.priceMinor, currency: input.currency,
        practice: input.practice, form_mode: input.formMode, status: 'draft', created_at: now, updated_at: now,
      }).execute();
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AppError('Conflict', `An exam with the code ${input.code} already exists.`);
      throw err;
    }
    await appendAudit(t, deps.clock, { actorId, action: 'catalog.exam_created', subjectType: 'exam', subjectId: id, data: { code: input.code.toUpperCase() } });
    return presentExam(t, await getExamByCode(t, input.code));
  };
  return inTransaction(deps.db, trx, run);
}

/**
 * Admin: changes an exam's fields or status. Publishing requires a blueprint the active items can meet, so a
 * published exam can always assemble a form; a retired exam leaves the catalog but keeps its history.
 */
export async function updateExam(deps: Deps, principal: Principal | null | 'system', code: string, input: Partial<ExamFields> & { status?: Exam['status'] }, trx?: Db): Promise<Exam> {
  const actorId = principal === 'system' ? null : requireRole(principal, ['admin']).userId;
  const run = async (t: Db) => {
    const before = await lockExam(t, code);
    const after = { scale_min: input.scaleMin ?? before.scale_min, scale_max: input.scaleMax ?? before.scale_max, passing_score: input.passingScore ?? before.passing_score };
    if (!(after.scale_min < after.scale_max && after.passing_score >= after.scale_min && after.passing_score <= after.scale_max)) {
      throw new AppError('ValidationFailed', 'The passing score must lie within the scale, and the scale minimum below its maximum.', { in: 'body', issues: [{ path: ['passingScore'], message: 'Must lie within the scale.' }] });
    }
    await t.updateTable('exams').set({ ...columns(input), ...(input.status ? { status: input.status } : {}), updated_at: deps.clock.now() }).where('id', '=', before.id).execute();
    const updated = await getExamByCode(t, code);
    if (updated.status === 'published') {
      const status = await computeBlueprintStatus(t, updated);
      if (!status.ready) throw new AppError('Conflict', `The exam cannot be published while its item bank does not meet the blueprint: ${describeShortfalls(status)}.`, { blueprint: status });
    }
    await appendAudit(t, deps.clock, { actorId, action: input.status && input.status !== before.status ? `catalog.exam_${input.status}` : 'catalog.exam_updated', subjectType: 'exam', subjectId: before.id, data: { code: before.code, fields: Object.keys(input) } });
    return presentExam(t, updated);
  };
  return inTransaction(deps.db, trx, run);
}
