import { domainQuotas, unscoredDomain } from '../../core/catalog/assemble-form.ts';
import type { Db } from '../platform/db/database.ts';
import type { ExamRow } from './repository.ts';
import { listDomains } from './repository.ts';

/** Per domain: scored items the blueprint needs, active scored items available, and the shortfall. */
export async function computeBlueprintStatus(db: Db, exam: ExamRow) {
  const domains = await listDomains(db, exam.id);
  const counts = await db.selectFrom('items').select(['domain', 'scored', (eb) => eb.fn.countAll<string>().as('n')])
    .where('exam_id', '=', exam.id).where('status', '=', 'active').groupBy(['domain', 'scored']).execute();
  const scoredIn = new Map(counts.filter((c) => c.scored).map((c) => [c.domain, Number(c.n)]));
  const unscoredAvailable = counts.filter((c) => !c.scored).reduce((s, c) => s + Number(c.n), 0);
  const quotas = domainQuotas(domains, exam.scored_item_count);
  const rows = domains.map((d) => {
    const needed = quotas.get(d.code) ?? 0;
    const available = scoredIn.get(d.code) ?? 0;
    return { code: d.code, name: d.name, weight: d.weight, needed, available, shortfall: Math.max(0, needed - available) };
  });
  const unscoredShortfall = Math.max(0, exam.unscored_item_count - unscoredAvailable);
  return {
    scoredItemCount: exam.scored_item_count,
    unscoredItemCount: exam.unscored_item_count,
    domains: rows,
    unscoredAvailable,
    unscoredShortfall,
    ready: domains.length > 0 && rows.every((r) => r.shortfall === 0) && unscoredShortfall === 0,
  };
}

/** A sentence naming what the bank lacks, for errors. */
export function describeShortfalls(status: Awaited<ReturnType<typeof computeBlueprintStatus>>): string {
  if (status.domains.length === 0) return 'The exam has no blueprint yet.';
  const short = status.domains.filter((d) => d.shortfall > 0).map((d) => `${d.code} needs ${d.needed} active scored items and has ${d.available}`);
  if (status.unscoredShortfall > 0) short.push(`${unscoredDomain}: needs ${status.unscoredItemCount} active unscored items and has ${status.unscoredAvailable}`);
  return short.join('; ');
}
