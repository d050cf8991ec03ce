/**
 * An exam item as Invigil stores and delivers it. Content is the subset of QTI 3.0 we support today: one
 * `qti-choice-interaction` per item, single (`cardinality="single"`) or multiple response, scored by
 * `match_correct` (all or nothing) or `map_response` (a value per option, clamped to bounds).
 * HTML fields hold sanitized, allow-listed HTML (see src/server/catalog/sanitize.ts).
 */
export type ItemStatus = 'draft' | 'active' | 'retired';
export const itemStatuses: readonly ItemStatus[] = ['draft', 'active', 'retired'];

export interface ChoiceOption {
  /** QTI identifier of the choice, e.g. `A`; unique within the item. */
  id: string;
  html: string;
  /** Keep this option in place when options are shuffled (e.g. "All of the above"). */
  fixed?: boolean;
}

export type ItemScoring =
  | { method: 'match_correct' }
  | { method: 'map_response'; map: Record<string, number>; defaultValue: number; lowerBound?: number; upperBound?: number };

export interface ItemContent {
  /** `single`: exactly one answer; `multiple`: choose `maxChoices` (e.g. "choose two"). */
  interaction: 'single' | 'multiple';
  stem: string;
  options: ChoiceOption[];
  /** Option ids of the keyed response. Never sent to a candidate's browser. */
  correct: string[];
  /** For `multiple`: how many options the candidate must choose (QTI max-choices); 1 for `single`. */
  maxChoices: number;
  /** Whether option order may be shuffled per candidate (QTI shuffle). */
  shuffle: boolean;
  scoring: ItemScoring;
  /** Why the key is right and the distractors wrong; shown to authors and reviewers, never during an exam. */
  rationale?: string;
}

/** What an item is, independent of where it is stored: its stable identifier, domain, status and content. */
export interface ItemDraft {
  /** Stable identifier across versions and packages (QTI `identifier`), e.g. `DOP-P01-0042`. */
  identifier: string;
  title: string;
  domain: string;
  status: ItemStatus;
  /** Unscored (pretest) items are delivered but do not count towards the score. */
  scored: boolean;
  content: ItemContent;
}

/** Problems with an item's content, in words an author can act on (empty when valid). */
export function itemContentProblems(c: ItemContent): string[] {
  const problems: string[] = [];
  const ids = c.options.map((o) => o.id);
  if (c.options.length < 2) problems.push('Give at least two options.');
  if (new Set(ids).size !== ids.length) problems.push('Option identifiers must be unique.');
  if (c.correct.length === 0) problems.push('Mark at least one option as correct.');
  for (const k of c.correct) if (!ids.includes(k)) problems.push(`The key ${k} is not one of the options.`);
  if (new Set(c.correct).size !== c.correct.length) problems.push('The key lists an option twice.');
  if (c.interaction === 'single') {
    if (c.correct.length !== 1) problems.push('A single-response item has exactly one correct option.');
    if (c.maxChoices !== 1) problems.push('A single-response item allows one choice.');
  } else {
    if (c.maxChoices < 1 || c.maxChoices >= c.options.length) problems.push('Choose-N must be at least 1 and fewer than the number of options.');
    if (c.scoring.method === 'match_correct' && c.correct.length !== c.maxChoices) problems.push(`The key must have exactly ${c.maxChoices} options ("choose ${c.maxChoices}").`);
  }
  if (c.scoring.method === 'map_response') {
    for (const k of Object.keys(c.scoring.map)) if (!ids.includes(k)) problems.push(`The score map names ${k}, which is not an option.`);
  }
  if (!c.stem.trim()) problems.push('Write the question (stem).');
  if (c.options.some((o) => !o.html.trim())) problems.push('Every option needs text.');
  return problems;
}

/** Score of a response to an item: 1/0 for match_correct, the clamped map sum for map_response. */
export function scoreResponse(c: ItemContent, response: readonly string[]): number {
  if (c.scoring.method === 'match_correct') {
    const chosen = new Set(response);
    return chosen.size === c.correct.length && c.correct.every((k) => chosen.has(k)) ? 1 : 0;
  }
  const s = c.scoring;
  let sum = 0;
  // Own properties only: an option named e.g. `constructor` must not pick up Object.prototype's.
  for (const r of new Set(response)) sum += Object.hasOwn(s.map, r) ? s.map[r]! : s.defaultValue;
  if (s.lowerBound !== undefined) sum = Math.max(s.lowerBound, sum);
  if (s.upperBound !== undefined) sum = Math.min(s.upperBound, sum);
  return sum;
}
