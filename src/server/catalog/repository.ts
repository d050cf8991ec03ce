import { storedPolicy } from './stored-policy.ts';
import type { Selectable } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { ExamPolicy, defaultPolicy } from '../../core/catalog/policy.ts';
import type { ItemContent } from '../../core/catalog/item.ts';
import type { Exam, Item } from '../../contracts/catalog.ts';
import type { Db } from '../platform/db/database.ts';
import type { ExamsTable, ItemsTable } from '../platform/db/schema.ts';

export type ExamRow = Selectable<ExamsTable>;
export type ItemRow = Selectable<ItemsTable>;

/** The exam with this code, or undefined. */
export function findExamByCode(db: Db, code: string): Promise<ExamRow | undefined> {
  return db.selectFrom('exams').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
}

/** The exam with this code; throws NotFound. */
export async function getExamByCode(db: Db, code: string): Promise<ExamRow> {
  const exam = await findExamByCode(db, code);
  if (!exam) throw new AppError('NotFound', `No exam with the code ${code}.`);
  return exam;
}

/** Locks the exam row for the rest of the transaction (serialises policy, blueprint and item changes per exam). */
export async function lockExam(trx: Db, code: string): Promise<ExamRow> {
  const exam = await trx.selectFrom('exams').selectAll().where('code', '=', code.toUpperCase()).forUpdate().executeTakeFirst();
  if (!exam) throw new AppError('NotFound', `No exam with the code ${code}.`);
  return exam;
}

export async function listDomains(db: Db, examId: string) {
  return db.selectFrom('exam_domains').select(['code', 'name', 'weight']).where('exam_id', '=', examId).orderBy('position').execute();
}

/** The exam's current policy and its version (version 0 = never saved: the defaults). */
export async function currentPolicy(db: Db, examId: string): Promise<{ version: number; policy: ExamPolicy; updatedAt: Date | null }> {
  const row = await db.selectFrom('exam_policies').select(['version', 'policy', 'created_at']).where('exam_id', '=', examId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return { version: 0, policy: defaultPolicy(), updatedAt: null };
  // Stored policies are re-validated on read: a document from an older schema gets the newer defaults.
  return { version: row.version, policy: storedPolicy(row.policy), updatedAt: row.created_at };
}

/** The API view of an exam. */
export async function presentExam(db: Db, row: ExamRow): Promise<Exam> {
  const [program, domains, policy, items] = await Promise.all([
    db.selectFrom('programs').select('name').where('id', '=', row.program_id).executeTakeFirstOrThrow(),
    listDomains(db, row.id),
    currentPolicy(db, row.id),
    db.selectFrom('items').select((eb) => eb.fn.countAll<string>().as('n')).where('exam_id', '=', row.id).where('status', '=', 'active').executeTakeFirstOrThrow(),
  ]);
  return {
    id: row.id, code: row.code, programId: row.program_id, programName: program.name, title: row.title, level: row.level,
    description: row.description, languages: row.languages as Exam['languages'], durationMinutes: row.duration_minutes,
    scoredItemCount: row.scored_item_count, unscoredItemCount: row.unscored_item_count, scaleMin: row.scale_min, scaleMax: row.scale_max,
    passingScore: row.passing_score, priceMinor: Number(row.price_minor), currency: row.currency, practice: row.practice, formMode: row.form_mode,
    status: row.status, policyVersion: policy.version, domains, activeItemCount: Number(items.n), createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

/** The API view of items (with their exam code and author's email). */
export async function presentItems(db: Db, rows: ItemRow[], examCode: string): Promise<Item[]> {
  const authorIds = [...new Set(rows.map((r) => r.author_id).filter((x): x is string => x !== null))];
  const authors = authorIds.length ? await db.selectFrom('users').select(['id', 'email']).where('id', 'in', authorIds).execute() : [];
  const emailOf = new Map(authors.map((a) => [a.id, a.email]));
  return rows.map((r) => ({
    id: r.id, examCode, identifier: r.identifier, version: r.version, title: r.title, domain: r.domain, status: r.status, scored: r.scored,
    content: r.content as ItemContent, delivered: r.delivered_at !== null, authorEmail: r.author_id ? emailOf.get(r.author_id) ?? null : null,
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** The item with this id and its exam's code; throws NotFound. */
export async function getItemRow(db: Db, id: string): Promise<{ item: ItemRow; examCode: string }> {
  const row = await db.selectFrom('items').innerJoin('exams', 'exams.id', 'items.exam_id').selectAll('items').select('exams.code as exam_code').where('items.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such item.');
  const { exam_code, ...item } = row;
  return { item, examCode: exam_code };
}
