import { scoreResponse, type ItemContent } from '../catalog/item.ts';

export interface ScoredItem {
  key: string;
  domain: string;
  scored: boolean;
  content: ItemContent;
}

/**
 * Most points an item can give: 1 for match_correct; for map_response, the best total of up to `maxChoices` options
 * (each worth its mapped value, or the default), clamped by the bounds exactly as a response is scored.
 */
export function maxPoints(c: ItemContent): number {
  if (c.scoring.method === 'match_correct') return 1;
  const s = c.scoring;
  const values = c.options.map((o) => (Object.hasOwn(s.map, o.id) ? s.map[o.id]! : s.defaultValue)).sort((a, b) => b - a);
  const best = values.slice(0, c.maxChoices).filter((v) => v > 0).reduce((sum, v) => sum + v, 0);
  const upper = s.upperBound ?? Infinity;
  const lower = s.lowerBound ?? -Infinity;
  return Math.min(upper, Math.max(lower, best));
}

export interface RawScore {
  raw: number;
  max: number;
  byDomain: { domain: string; raw: number; max: number }[];
}

/** Raw points over the scored items (pretest items never count), in total and per domain. */
export function rawScore(items: readonly ScoredItem[], responses: ReadonlyMap<string, readonly string[]>): RawScore {
  const domains = new Map<string, { raw: number; max: number }>();
  let raw = 0;
  let max = 0;
  for (const item of items) {
    if (!item.scored) continue;
    const got = scoreResponse(item.content, responses.get(item.key) ?? []);
    const most = maxPoints(item.content);
    raw += got;
    max += most;
    const d = domains.get(item.domain) ?? { raw: 0, max: 0 };
    d.raw += got;
    d.max += most;
    domains.set(item.domain, d);
  }
  return { raw, max, byDomain: [...domains].map(([domain, d]) => ({ domain, ...d })) };
}

export interface Scale {
  min: number;
  max: number;
  passing: number;
}

/** The form's raw cut: the policy's share of its maximum points, rounded up (so the cut is never below the share). */
export const rawCut = (maxRaw: number, cutPercent: number) => Math.ceil((maxRaw * cutPercent) / 100 - 1e-9);

/**
 * Raw → scaled, per form: two straight lines that meet at the cut, so raw 0 → scale min, the raw cut → the passing
 * score, the maximum → scale max. Monotonic, and `scaled >= passing` exactly when `raw >= cut`, on every form.
 */
export function scaledScore(raw: number, maxRaw: number, cut: number, scale: Scale): number {
  if (maxRaw <= 0) return scale.min;
  if (raw >= cut) {
    if (maxRaw === cut) return scale.max;
    return Math.min(scale.max, scale.passing + Math.floor(((raw - cut) / (maxRaw - cut)) * (scale.max - scale.passing)));
  }
  // Below the cut, round down and stay below the passing score.
  return Math.max(scale.min, Math.min(scale.passing - 1, scale.min + Math.floor((raw / cut) * (scale.passing - scale.min))));
}

/**
 * An equating table a program supplies for a fixed form: the scaled score of every raw score, 0 to the form's maximum.
 * Whole numbers on the exam's scale, never falling as the raw score rises, reaching the passing score somewhere (its
 * first raw score there is the form's cut). Why the table cannot be used, or null.
 */
export function equatingProblem(table: readonly number[], maxRaw: number, scale: Scale): string | null {
  if (table.length !== maxRaw + 1) return `The table needs one scaled score for each raw score from 0 to ${maxRaw}: ${maxRaw + 1} values, not ${table.length}.`;
  const off = table.findIndex((v) => !Number.isInteger(v) || v < scale.min || v > scale.max);
  if (off >= 0) return `Raw ${off}: ${table[off]} is not a whole number on the scale ${scale.min}–${scale.max}.`;
  const fall = table.findIndex((v, i) => i > 0 && v < table[i - 1]!);
  if (fall >= 0) return `Raw ${fall} scores ${table[fall]}, below raw ${fall - 1} (${table[fall - 1]}); scaled scores never fall as raw scores rise.`;
  if (table[maxRaw]! < scale.passing) return `Even a perfect raw score (${maxRaw}) stays below the passing score ${scale.passing}.`;
  return null;
}

/** Raw → scaled through a valid equating table: the scaled score, and the form's raw cut (its first passing raw score). */
export function equatedScore(raw: number, table: readonly number[], passing: number): { scaled: number; cut: number } {
  const clamped = Math.max(0, Math.min(table.length - 1, raw));
  return { scaled: table[clamped]!, cut: table.findIndex((v) => v >= passing) };
}
