import { inTransaction } from '../platform/db/sql-helpers.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { domainQuotas } from '../../core/catalog/assemble-form.ts';
import type { ItemContent, ItemDraft } from '../../core/catalog/item.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import type { Db } from '../platform/db/database.ts';
import { QtiPackageError } from './qti/errors.ts';
import { readQtiPackage, type QtiPackageContents } from './qti/read-package.ts';
import { readQtiPackageOffThread } from './qti/read-off-thread.ts';
import { writeQtiPackage } from './qti/write-package.ts';
import { getExamByCode, listDomains, lockExam } from './repository.ts';
import { upsertItems } from './save-item.ts';

export interface ImportReport {
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: { identifier: string; file: string; problem: string }[];
  ms: number;
}

export interface ImportOptions {
  onProgress?: (done: number, total: number) => void;
  /** Inside this transaction instead of one of its own. */
  trx?: Db;
  /**
   * Read the package on this thread rather than in a worker: only where nothing else is served meanwhile (the demo
   * seeding before the server listens, the CLI), as starting a worker costs more than reading a small package.
   */
  inThread?: boolean;
}

/**
 * Admin (or the demo loader / CLI as 'system'): imports a QTI 3.0 content package into an exam's bank, all or
 * nothing, in one transaction. Items with interactions we do not support yet are skipped and listed; a hostile
 * or invalid package is refused with the reason and nothing is written.
 */
export async function importQtiPackage(deps: Deps, principal: Principal | null | 'system', code: string, zip: Buffer, opts: ImportOptions = {}): Promise<ImportReport> {
  const { onProgress, trx } = opts;
  const actorId = principal === 'system' ? null : requireRole(principal, ['admin']).userId;
  const started = Date.now();
  let pkg: QtiPackageContents;
  try {
    pkg = opts.inThread ? readQtiPackage(zip) : await readQtiPackageOffThread(zip);
  } catch (err) {
    if (err instanceof QtiPackageError) throw new AppError('ValidationFailed', `The package was not imported: ${err.message}`, { in: 'body', qti: err.code, ...(err.details ? { problem: err.details } : {}), issues: [] });
    throw err;
  }
  const run = async (t: Db) => {
    const exam = await lockExam(t, code);
    const domains = new Set((await listDomains(t, exam.id)).map((d) => d.code));
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const batch = 1000;
    for (let i = 0; i < pkg.items.length; i += batch) {
      for (const r of await upsertItems(t, deps, exam, domains, pkg.items.slice(i, i + batch), actorId, { alreadySanitized: true })) counts[r.outcome]++;
      onProgress?.(Math.min(i + batch, pkg.items.length), pkg.items.length);
    }
    await appendAudit(t, deps.clock, { actorId, action: 'catalog.qti_imported', subjectType: 'exam', subjectId: exam.id, data: { code: exam.code, ...counts, skipped: pkg.report.length } });
    return { imported: counts.created + counts.updated, ...counts, skipped: pkg.report, ms: Date.now() - started };
  };
  return inTransaction(deps.db, trx, run);
}

/** Admin (or CLI): the exam's whole bank as a QTI 3.0 content package, with an assessment test whose sections are
 * the blueprint's domains (selecting each domain's share of scored items). */
export async function exportQtiPackage(deps: Deps, principal: Principal | null | 'system', code: string): Promise<{ filename: string; zip: Buffer }> {
  if (principal !== 'system') requireRole(principal, ['admin']);
  const exam = await getExamByCode(deps.db, code);
  const rows = await deps.db.selectFrom('items').select(['identifier', 'title', 'domain', 'status', 'scored', 'content']).where('exam_id', '=', exam.id).orderBy('identifier').execute();
  const items: ItemDraft[] = rows.map((r) => ({ identifier: r.identifier, title: r.title, domain: r.domain, status: r.status, scored: r.scored, content: r.content as ItemContent }));
  const domains = await listDomains(deps.db, exam.id);
  const quotas = domainQuotas(domains, exam.scored_item_count);
  const test = {
    identifier: exam.code,
    title: exam.title,
    sections: domains.map((d) => ({ identifier: d.code, title: d.name, select: quotas.get(d.code) ?? 0, itemIdentifiers: items.filter((i) => i.domain === d.code && i.scored).map((i) => i.identifier) })),
  };
  if (items.length === 0) throw new AppError('Conflict', `${exam.code} has no items to export.`);
  return { filename: `${exam.code}-qti3.zip`, zip: writeQtiPackage({ identifier: exam.code, title: exam.title, items, test }) };
}
