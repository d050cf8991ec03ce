import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../core/shared/app-error.ts';
import { itemContentProblems, type ItemContent, type ItemDraft } from '../../core/catalog/item.ts';
import type { Item } from '../../contracts/catalog.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import type { Db } from '../platform/db/database.ts';
import { sanitizeItemHtml } from './sanitize.ts';
import { getItemRow, listDomains, lockExam, presentItems, type ExamRow, type ItemRow } from './repository.ts';

/** Item HTML through the allow-list sanitizer: what is stored is what may be shown. */
export function sanitizeContent(c: ItemContent): ItemContent {
  return {
    ...c,
    stem: sanitizeItemHtml(c.stem),
    options: c.options.map((o) => ({ ...o, html: sanitizeItemHtml(o.html) })),
    ...(c.rationale !== undefined ? { rationale: sanitizeItemHtml(c.rationale) } : {}),
  };
}

function invalid(message: string, path: string[]) {
  return new AppError('ValidationFailed', message, { in: 'body', issues: [{ path, message }] });
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const chunk = <T,>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * Creates or changes items of a locked exam, inside the caller's transaction; checks every draft before writing
 * any. An item that was delivered is never changed in place: the change becomes a new version (attempts keep
 * pointing at the version they saw). New items are inserted in batches, so a 10,000-item import stays fast.
 * `domains` is the exam's blueprint domain codes.
 */
export async function upsertItems(trx: Db, deps: Pick<Deps, 'clock' | 'ids'>, exam: ExamRow, domains: Set<string>, drafts: ItemDraft[], authorId: string | null, opts: { alreadySanitized?: boolean } = {}): Promise<{ id: string; outcome: UpsertOutcome }[]> {
  const seen = new Set<string>();
  const prepared = drafts.map((draft) => {
    if (seen.has(draft.identifier)) throw invalid(`The identifier ${draft.identifier} appears twice.`, ['identifier']);
    seen.add(draft.identifier);
    if (!domains.has(draft.domain)) throw invalid(`Item ${draft.identifier}: the domain ${draft.domain} is not in the exam's blueprint (${[...domains].join(', ') || 'none yet'}).`, ['domain']);
    // The QTI reader sanitizes as it parses; sanitizing twice would only cost time (it is idempotent).
    const content = opts.alreadySanitized ? draft.content : sanitizeContent(draft.content);
    const problems = itemContentProblems(content);
    if (problems.length) throw new AppError('ValidationFailed', `Item ${draft.identifier}: ${problems.join(' ')}`, { in: 'body', issues: problems.map((message) => ({ path: ['content'], message })) });
    return { draft, content, json: JSON.stringify(content), fields: { title: draft.title, domain: draft.domain, status: draft.status, scored: draft.scored } };
  });
  const existing = new Map<string, ItemRow>();
  for (const ids of chunk(prepared.map((p) => p.draft.identifier), 1000)) {
    const rows = await trx.selectFrom('items').selectAll().where('exam_id', '=', exam.id).where('identifier', 'in', ids).forUpdate().execute();
    for (const r of rows) existing.set(r.identifier, r);
  }
  const now = deps.clock.now();
  const results: { id: string; outcome: UpsertOutcome }[] = [];
  const fresh: { id: string; p: (typeof prepared)[number] }[] = [];
  for (const p of prepared) {
    const row = existing.get(p.draft.identifier);
    if (!row) {
      const id = deps.ids.uuid();
      fresh.push({ id, p });
      results.push({ id, outcome: 'created' });
      continue;
    }
    const same = row.title === p.fields.title && row.domain === p.fields.domain && row.status === p.fields.status && row.scored === p.fields.scored && isDeepStrictEqual(row.content, JSON.parse(p.json));
    if (same) {
      results.push({ id: row.id, outcome: 'unchanged' });
      continue;
    }
    const version = row.delivered_at ? row.version + 1 : row.version;
    await trx.updateTable('items').set({ ...p.fields, content: p.json, version, author_id: authorId, updated_at: now }).where('id', '=', row.id).execute();
    if (version === row.version) {
      await trx.updateTable('item_versions').set({ ...p.fields, content: p.json, author_id: authorId, created_at: now }).where('item_id', '=', row.id).where('version', '=', version).execute();
    } else {
      await trx.insertInto('item_versions').values({ item_id: row.id, version, ...p.fields, content: p.json, author_id: authorId, created_at: now }).execute();
    }
    results.push({ id: row.id, outcome: 'updated' });
  }
  for (const batch of chunk(fresh, 500)) {
    await trx.insertInto('items').values(batch.map(({ id, p }) => ({ id, exam_id: exam.id, identifier: p.draft.identifier, version: 1, ...p.fields, content: p.json, author_id: authorId, created_at: now, updated_at: now }))).execute();
    await trx.insertInto('item_versions').values(batch.map(({ id, p }) => ({ item_id: id, version: 1, ...p.fields, content: p.json, author_id: authorId, created_at: now }))).execute();
  }
  return results;
}

/** One item: see upsertItems. */
export async function upsertItem(trx: Db, deps: Pick<Deps, 'clock' | 'ids'>, exam: ExamRow, domains: Set<string>, draft: ItemDraft, authorId: string | null) {
  return (await upsertItems(trx, deps, exam, domains, [draft], authorId))[0]!;
}

/** The next free identifier of an exam's bank: `<CODE>-0001`, `<CODE>-0002`, … */
async function nextIdentifier(trx: Db, exam: ExamRow): Promise<string> {
  const n = await trx.selectFrom('items').select((eb) => eb.fn.countAll<string>().as('n')).where('exam_id', '=', exam.id).executeTakeFirstOrThrow();
  for (let i = Number(n.n) + 1; ; i++) {
    const candidate = `${exam.code}-${String(i).padStart(4, '0')}`;
    if (!(await trx.selectFrom('items').select('id').where('exam_id', '=', exam.id).where('identifier', '=', candidate).executeTakeFirst())) return candidate;
  }
}

/** Admin: adds an item to an exam's bank. */
export async function createItem(deps: Deps, principal: Principal | null, code: string, input: Omit<ItemDraft, 'identifier'> & { identifier?: string }): Promise<Item> {
  const actor = requireRole(principal, ['admin']);
  return deps.db.transaction().execute(async (trx) => {
    const exam = await lockExam(trx, code);
    const identifier = input.identifier ?? (await nextIdentifier(trx, exam));
    if (await trx.selectFrom('items').select('id').where('exam_id', '=', exam.id).where('identifier', '=', identifier).executeTakeFirst()) {
      throw new AppError('Conflict', `An item with the identifier ${identifier} already exists in ${exam.code}.`);
    }
    const domains = new Set((await listDomains(trx, exam.id)).map((d) => d.code));
    const { id } = await upsertItem(trx, deps, exam, domains, { ...input, identifier }, actor.userId);
    await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'catalog.item_created', subjectType: 'item', subjectId: id, data: { exam: exam.code, identifier } });
    const row = await trx.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return (await presentItems(trx, [row], exam.code))[0]!;
  });
}

/** Admin: changes an item (a new version when it was delivered). The identifier cannot change. */
export async function updateItem(deps: Deps, principal: Principal | null, id: string, input: Omit<ItemDraft, 'identifier'> & { identifier?: string }): Promise<Item> {
  const actor = requireRole(principal, ['admin']);
  return deps.db.transaction().execute(async (trx) => {
    const { item, examCode } = await getItemRow(trx, id);
    if (input.identifier !== undefined && input.identifier !== item.identifier) throw invalid('An item keeps its identifier; create a new item instead.', ['identifier']);
    const exam = await lockExam(trx, examCode);
    const domains = new Set((await listDomains(trx, exam.id)).map((d) => d.code));
    const { outcome } = await upsertItem(trx, deps, exam, domains, { ...input, identifier: item.identifier }, actor.userId);
    if (outcome !== 'unchanged') await appendAudit(trx, deps.clock, { actorId: actor.userId, action: 'catalog.item_updated', subjectType: 'item', subjectId: id, data: { exam: exam.code, identifier: item.identifier } });
    const row = await trx.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return (await presentItems(trx, [row], exam.code))[0]!;
  });
}
