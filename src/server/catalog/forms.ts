import { AppError } from '../../core/shared/app-error.ts';
import { assembleForm, type BankItem } from '../../core/catalog/assemble-form.ts';
import type { ItemContent } from '../../core/catalog/item.ts';
import { equatingProblem, maxPoints } from '../../core/delivery/scoring.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import type { Db } from '../platform/db/database.ts';
import { getExamByCode, listDomains, lockExam, type ExamRow } from './repository.ts';

/** The active bank of an exam as assembly sees it (identifiers, domains, option ids; no item text). */
export async function loadBank(db: Db, exam: ExamRow): Promise<BankItem[]> {
  const rows = await db.selectFrom('items').select(['identifier', 'domain', 'scored', 'content']).where('exam_id', '=', exam.id).where('status', '=', 'active').execute();
  return rows.map((r) => {
    const c = r.content as ItemContent;
    return { identifier: r.identifier, domain: r.domain, scored: r.scored, optionIds: c.options.map((o) => o.id), fixedOptionIds: c.options.filter((o) => o.fixed).map((o) => o.id), shuffle: c.shuffle };
  });
}

/** Admin: the form a candidate with this seed would get (the delivery issue uses the same assembly). */
export async function previewForm(deps: Deps, principal: Principal | null, code: string, seed: string) {
  requireRole(principal, ['admin']);
  const exam = await getExamByCode(deps.db, code);
  const domains = await listDomains(deps.db, exam.id);
  if (domains.length === 0) throw new AppError('Conflict', 'The exam has no blueprint yet.', { shortfalls: [] });
  const form = assembleForm(await loadBank(deps.db, exam), { domains, scoredCount: exam.scored_item_count, unscoredCount: exam.unscored_item_count }, seed);
  if (!form.ok) {
    throw new AppError('Conflict', `The item bank cannot meet the blueprint: ${form.shortfalls.map((s) => `${s.domain} needs ${s.needed}, has ${s.available}`).join('; ')}.`, { shortfalls: form.shortfalls });
  }
  return { seed, items: form.items };
}

const presentForm = (r: { id: string; name: string; item_identifiers: string[]; equating: number[] | null; created_at: Date }) => ({ id: r.id, name: r.name, itemIdentifiers: r.item_identifiers, equating: r.equating, createdAt: r.created_at.toISOString() });

/**
 * Admin: sets (or, with null, removes) a fixed form's equating table: the scaled score of each raw score from 0 to the
 * form's maximum, checked against the form's items and the exam's scale. Attempts keep the table they started with.
 */
export async function setFormEquating(deps: Deps, principal: Principal | null, code: string, formId: string, table: number[] | null) {
  const actor = requireRole(principal, ['admin']);
  return deps.db.transaction().execute(async (trx) => {
    const exam = await lockExam(trx, code);
    const form = await trx.selectFrom('fixed_forms').selectAll().where('id', '=', formId).where('exam_id', '=', exam.id).forUpdate().executeTakeFirst();
    if (!form) throw new AppError('NotFound', `${exam.code} has no such form.`);
    if (table) {
      const items = await trx.selectFrom('items').select(['identifier', 'scored', 'content']).where('exam_id', '=', exam.id).where('identifier', 'in', form.item_identifiers).execute();
      const maxRaw = items.filter((i) => i.scored).reduce((sum, i) => sum + maxPoints(i.content as ItemContent), 0);
      const problem = equatingProblem(table, maxRaw, { min: exam.scale_min, max: exam.scale_max, passing: exam.passing_score });
      if (problem) throw new AppError('ValidationFailed', problem, { in: 'body', issues: [{ path: ['table'], message: problem }] });
    }
    const row = await trx.updateTable('fixed_forms').set({ equating: table }).where('id', '=', formId).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'catalog.form_equating_set', subjectType: 'exam', subjectId: exam.id, data: { code: exam.code, form: form.name, table } });
    return presentForm(row);
  });
}

/** Admin: the exam's fixed forms. */
export async function listFixedForms(deps: Deps, principal: Principal | null, code: string) {
  requireRole(principal, ['admin']);
  const exam = await getExamByCode(deps.db, code);
  return (await deps.db.selectFrom('fixed_forms').selectAll().where('exam_id', '=', exam.id).orderBy('name').execute()).map(presentForm);
}

/** Admin: a fixed form picked item by item; its items must be active items of the exam, scored ones matching the
 * blueprint's domain counts and unscored ones its pretest count. */
export async function createFixedForm(deps: Deps, principal: Principal | null, code: string, input: { name: string; itemIdentifiers: string[] }) {
  const actor = requireRole(principal, ['admin']);
  return deps.db.transaction().execute(async (trx) => {
    const exam = await lockExam(trx, code);
    if (new Set(input.itemIdentifiers).size !== input.itemIdentifiers.length) throw new AppError('ValidationFailed', 'An item appears twice in the form.', { in: 'body', issues: [{ path: ['itemIdentifiers'], message: 'An item appears twice.' }] });
    const bank = new Map((await loadBank(trx, exam)).map((b) => [b.identifier, b]));
    const missing = input.itemIdentifiers.filter((id) => !bank.has(id));
    if (missing.length) throw new AppError('ValidationFailed', `Not active items of ${exam.code}: ${missing.join(', ')}.`, { in: 'body', issues: [{ path: ['itemIdentifiers'], message: `Unknown or inactive: ${missing.join(', ')}` }] });
    const domains = await listDomains(trx, exam.id);
    const chosen = input.itemIdentifiers.map((id) => bank.get(id)!);
    const form = assembleForm(chosen, { domains, scoredCount: exam.scored_item_count, unscoredCount: exam.unscored_item_count }, 'check');
    if (!form.ok || chosen.length !== exam.scored_item_count + exam.unscored_item_count) {
      throw new AppError('ValidationFailed', `A form of ${exam.code} has exactly ${exam.scored_item_count} scored items in the blueprint's proportions and ${exam.unscored_item_count} unscored ones.`, { in: 'body', issues: [{ path: ['itemIdentifiers'], message: 'Does not match the blueprint.' }], ...(form.ok ? {} : { shortfalls: form.shortfalls }) });
    }
    const id = deps.ids.uuid();
    try {
      await trx.insertInto('fixed_forms').values({ id, exam_id: exam.id, name: input.name, item_identifiers: input.itemIdentifiers, created_by: actor.userId, created_at: deps.clock.now() }).execute();
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new AppError('Conflict', `A form named ${input.name} already exists.`);
      throw err;
    }
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'catalog.fixed_form_created', subjectType: 'exam', subjectId: exam.id, data: { code: exam.code, name: input.name } });
    return presentForm((await trx.selectFrom('fixed_forms').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
  });
}
