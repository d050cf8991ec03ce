import { containsPattern } from '../platform/db/sql-helpers.ts';
import { AppError } from '../../core/shared/app-error.ts';
import { renderRules } from '../../core/catalog/rules-text.ts';
import type { Deps } from '../platform/deps.ts';
import { currentPolicy, findExamByCode, listDomains, presentExam } from './repository.ts';

const summary = (e: Awaited<ReturnType<typeof presentExam>>) => ({
  code: e.code, title: e.title, level: e.level, languages: e.languages, durationMinutes: e.durationMinutes, scoredItemCount: e.scoredItemCount,
  unscoredItemCount: e.unscoredItemCount, passingScore: e.passingScore, scaleMin: e.scaleMin, scaleMax: e.scaleMax, priceMinor: e.priceMinor,
  currency: e.currency, practice: e.practice, programName: e.programName, description: e.description,
});

/** Anyone: the published exams, searchable by code, title and description, filtered by level and language. */
export async function listCatalog(deps: Deps, f: { q?: string; level?: string; language?: string }) {
  let q = deps.db.selectFrom('exams').selectAll().where('status', '=', 'published');
  if (f.level) q = q.where('level', '=', f.level as 'professional');
  if (f.language) q = q.where((eb) => eb(eb.val(f.language!), '=', eb.fn.any('languages')));
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('code', 'ilike', like), eb('title', 'ilike', like), eb('description', 'ilike', like)]));
  }
  const rows = await q.orderBy('practice').orderBy('code').limit(200).execute();
  return Promise.all(rows.map(async (r) => summary(await presentExam(deps.db, r))));
}

/** Anyone: a published exam's page: facts, domains with weights, and the rules rendered from its policy.
 * Never item content. */
export async function getCatalogExam(deps: Deps, code: string) {
  const row = await findExamByCode(deps.db, code);
  if (!row || row.status !== 'published') throw new AppError('NotFound', `No published exam with the code ${code}.`);
  const [exam, domains, policy] = await Promise.all([presentExam(deps.db, row), listDomains(deps.db, row.id), currentPolicy(deps.db, row.id)]);
  return {
    exam: summary(exam),
    domains: domains.map((d) => ({ name: d.name, weight: d.weight })),
    rules: renderRules(policy.policy, { durationMinutes: row.duration_minutes }),
    policy: policy.policy,
    questionCount: row.scored_item_count + row.unscored_item_count,
  };
}
