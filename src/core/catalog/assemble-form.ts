import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** What assembly needs to know about a bank item (no content). */
export interface BankItem {
  identifier: string;
  domain: string;
  scored: boolean;
  optionIds: string[];
  /** Options that stay in place when the others are shuffled. */
  fixedOptionIds: string[];
  shuffle: boolean;
}

export interface BlueprintSpec {
  domains: { code: string; weight: number }[];
  scoredCount: number;
  unscoredCount: number;
}

export interface FormItem { identifier: string; domain: string; scored: boolean; optionOrder: string[] }
export interface Shortfall { domain: string; needed: number; available: number }

export type Assembly = { ok: true; items: FormItem[] } | { ok: false; shortfalls: Shortfall[] };

/** The pseudo-domain naming unscored (pretest) items in shortfalls. */
export const unscoredDomain = '(unscored)';

/**
 * How many scored items each domain gets: its weight's share of `scoredCount`, rounded by the largest-remainder
 * method (ties go to the earlier domain), so the counts always add up to `scoredCount` and each is within one of
 * its exact share.
 */
export function domainQuotas(domains: { code: string; weight: number }[], scoredCount: number): Map<string, number> {
  const total = domains.reduce((s, d) => s + d.weight, 0);
  const exact = domains.map((d, i) => ({ code: d.code, i, share: total === 0 ? 0 : (d.weight * scoredCount) / total }));
  const quotas = new Map(exact.map((e) => [e.code, Math.floor(e.share)]));
  let left = scoredCount - [...quotas.values()].reduce((s, q) => s + q, 0);
  const byRemainder = [...exact].sort((a, b) => (b.share - Math.floor(b.share)) - (a.share - Math.floor(a.share)) || a.i - b.i);
  for (const e of byRemainder) {
    if (left <= 0) break;
    quotas.set(e.code, quotas.get(e.code)! + 1);
    left--;
  }
  return quotas;
}

/** A 32-bit FNV-1a hash, to turn a text seed into the generator's integer seed. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

type Rng = ReturnType<typeof xoroshiro128plus>;

/** Fisher–Yates shuffle of a copy, drawing from `rng` (advanced in place). */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The option order for one candidate: shuffled unless the item forbids it, fixed options kept in place. */
function optionOrder(item: BankItem, rng: Rng): string[] {
  if (!item.shuffle) return [...item.optionIds];
  const fixed = new Set(item.fixedOptionIds);
  const movable = shuffled(item.optionIds.filter((id) => !fixed.has(id)), rng);
  return item.optionIds.map((id) => (fixed.has(id) ? id : movable.shift()!));
}

/**
 * Assembles one candidate's form from the bank: exactly each domain's quota of distinct scored items, the
 * blueprint's number of unscored (pretest) items mixed in at random positions, and a per-item option order —
 * all determined by `seed`, so the same seed always gives the same form. A bank that cannot meet the
 * blueprint yields the domains that are short, and by how much.
 */
export function assembleForm(bank: readonly BankItem[], spec: BlueprintSpec, seed: string): Assembly {
  const quotas = domainQuotas(spec.domains, spec.scoredCount);
  // Sort first so the result depends on the bank's content, not on the order rows came from the database.
  const sorted = [...bank].sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
  const byDomain = new Map<string, BankItem[]>();
  const unscored: BankItem[] = [];
  for (const item of sorted) {
    if (!item.scored) unscored.push(item);
    else byDomain.set(item.domain, [...(byDomain.get(item.domain) ?? []), item]);
  }
  const shortfalls: Shortfall[] = [];
  for (const d of spec.domains) {
    const available = byDomain.get(d.code)?.length ?? 0;
    const needed = quotas.get(d.code) ?? 0;
    if (available < needed) shortfalls.push({ domain: d.code, needed, available });
  }
  if (unscored.length < spec.unscoredCount) shortfalls.push({ domain: unscoredDomain, needed: spec.unscoredCount, available: unscored.length });
  if (shortfalls.length) return { ok: false, shortfalls };

  const rng = xoroshiro128plus(seedOf(seed));
  const chosen: BankItem[] = [];
  for (const d of spec.domains) chosen.push(...shuffled(byDomain.get(d.code) ?? [], rng).slice(0, quotas.get(d.code)));
  chosen.push(...shuffled(unscored, rng).slice(0, spec.unscoredCount));
  return { ok: true, items: shuffled(chosen, rng).map((item) => ({ identifier: item.identifier, domain: item.domain, scored: item.scored, optionOrder: optionOrder(item, rng) })) };
}
