import { containsPattern } from '../platform/db/sql-helpers.ts';
import { sql } from 'kysely';
import type { ItemContent } from '../../core/catalog/item.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { getExamByCode, getItemRow, presentItems } from './repository.ts';

export interface ItemFilter { q?: string; domain?: string; status?: 'draft' | 'active' | 'retired'; scored?: boolean; page: number; pageSize: number }

/** Admin: a page of an exam's items, searchable by identifier, title and question text. */
export async function listItems(deps: Deps, principal: Principal | null, code: string, f: ItemFilter) {
  requireRole(principal, ['admin']);
  const exam = await getExamByCode(deps.db, code);
  let q = deps.db.selectFrom('items').where('exam_id', '=', exam.id);
  if (f.domain) q = q.where('domain', '=', f.domain);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.scored !== undefined) q = q.where('scored', '=', f.scored);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('identifier', 'ilike', like), eb('title', 'ilike', like), eb(sql<string>`content->>'stem'`, 'ilike', like)]));
  }
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    q.selectAll().orderBy('identifier').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
  ]);
  return { items: await presentItems(deps.db, rows, exam.code), total: Number(total), page: f.page, pageSize: f.pageSize };
}

/** Admin: one item. */
export async function getItem(deps: Deps, principal: Principal | null, id: string) {
  requireRole(principal, ['admin']);
  const { item, examCode } = await getItemRow(deps.db, id);
  return (await presentItems(deps.db, [item], examCode))[0]!;
}

/** Admin: every version of an item, newest first. */
export async function itemHistory(deps: Deps, principal: Principal | null, id: string) {
  requireRole(principal, ['admin']);
  await getItemRow(deps.db, id);
  const rows = await deps.db.selectFrom('item_versions').leftJoin('users', 'users.id', 'item_versions.author_id')
    .select(['item_versions.version', 'item_versions.title', 'item_versions.status', 'item_versions.content', 'item_versions.created_at', 'users.email'])
    .where('item_versions.item_id', '=', id).orderBy('item_versions.version', 'desc').execute();
  return rows.map((r) => ({ version: r.version, title: r.title, status: r.status as 'draft' | 'active' | 'retired', content: r.content as ItemContent, authorEmail: r.email, createdAt: r.created_at.toISOString() }));
}
