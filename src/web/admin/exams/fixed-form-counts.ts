import type { z } from 'zod';
import type { BlueprintStatus, Exam } from '../../../contracts/catalog.ts';

/** An item chosen for a fixed form: what the counts against the blueprint need to know. */
export interface ChosenItem {
  identifier: string;
  domain: string;
  scored: boolean;
}

/** One line of the counts: a blueprint domain (scored items), a domain outside the blueprint, or the pretest items. */
export interface CountRow {
  key: string;
  /** Short name for sentences: the domain code, or "Pretest". */
  short: string;
  /** Longer name for the table and headings. */
  label: string;
  needed: number;
  chosen: number;
}

export const pretestKey = '(pretest)';

/** The chosen items counted per blueprint domain (scored only) and as pretest, against what a form needs. */
export function countRows(items: readonly ChosenItem[], status: z.infer<typeof BlueprintStatus>): CountRow[] {
  const scored = new Map<string, number>();
  let pretest = 0;
  for (const item of items) {
    if (item.scored) scored.set(item.domain, (scored.get(item.domain) ?? 0) + 1);
    else pretest++;
  }
  const rows: CountRow[] = status.domains.map((d) => ({ key: d.code, short: d.code, label: `${d.code} ${d.name}`, needed: d.needed, chosen: scored.get(d.code) ?? 0 }));
  const known = new Set(status.domains.map((d) => d.code));
  for (const [code, count] of scored) {
    if (!known.has(code)) rows.push({ key: code, short: code, label: `${code} (not in the blueprint)`, needed: 0, chosen: count });
  }
  rows.push({ key: pretestKey, short: 'Pretest', label: 'Pretest (unscored), any domain', needed: status.unscoredItemCount, chosen: pretest });
  return rows;
}

/** A row's state in words: "Matches", "Needs 2 more" or "1 too many". */
export function rowState(row: CountRow): string {
  if (row.chosen === row.needed) return 'Matches';
  return row.chosen < row.needed ? `Needs ${row.needed - row.chosen} more` : `${row.chosen - row.needed} too many`;
}

/** One sentence on whether the chosen items make a form, naming every row that does not match yet. */
export function summaryText(rows: readonly CountRow[] | null, count: number): string {
  if (count === 0) return 'No items chosen yet. Start from a random form or add items below.';
  if (!rows) return `${count} ${count === 1 ? 'item' : 'items'} chosen.`;
  const off = rows.filter((r) => r.chosen !== r.needed);
  if (off.length === 0) return `Ready to save: all ${count} items match the blueprint.`;
  return `Not ready to save: ${off.map((r) => `${r.short} ${rowState(r).toLowerCase()}`).join('; ')}.`;
}

/** The counting row an item falls in, e.g. to announce "D1: 5 of 6" after adding it. */
export function progressOf(item: ChosenItem, rows: readonly CountRow[] | null, count: number): string {
  const row = rows?.find((r) => r.key === (item.scored ? item.domain : pretestKey));
  return row ? `${row.short}: ${row.chosen} of ${row.needed}.` : `${count} ${count === 1 ? 'item' : 'items'} chosen.`;
}

export interface ItemGroup {
  key: string;
  label: string;
  items: ChosenItem[];
}

/** The chosen items by blueprint domain (scored), then domains outside it, then pretest; empty groups left out. */
export function groupItems(items: readonly ChosenItem[], exam: Exam): ItemGroup[] {
  const groups = new Map<string, ItemGroup>(exam.domains.map((d) => [d.code, { key: d.code, label: `${d.code} ${d.name}`, items: [] }]));
  const pretest: ItemGroup = { key: pretestKey, label: 'Pretest (unscored)', items: [] };
  for (const item of items) {
    if (!item.scored) {
      pretest.items.push(item);
      continue;
    }
    let group = groups.get(item.domain);
    if (!group) groups.set(item.domain, (group = { key: item.domain, label: `${item.domain} (not in the blueprint)`, items: [] }));
    group.items.push(item);
  }
  return [...groups.values(), pretest].filter((g) => g.items.length > 0);
}
