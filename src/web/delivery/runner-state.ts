import type { Attempt } from '../../contracts/delivery.ts';
import type { JournalValue } from './journal-store.ts';
import { orderOptions } from './option-order.ts';
export { optionLetter } from './option-order.ts';

export type RunnerItem = Attempt['items'][number];
export type Values = ReadonlyMap<string, JournalValue>;

/** Journal keys of an item. */
export const answerKey = (item: RunnerItem) => `answer:${item.key}`;
export const flagKey = (item: RunnerItem) => `flag:${item.key}`;
export const strikeKey = (item: RunnerItem) => `strike:${item.key}`;

const strings = (value: JournalValue | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export const answerOf = (values: Values, item: RunnerItem) => strings(values.get(answerKey(item)));
export const struckOf = (values: Values, item: RunnerItem) => strings(values.get(strikeKey(item)));
export const isFlagged = (values: Values, item: RunnerItem) => values.get(flagKey(item)) === true;
export const isAnswered = (values: Values, item: RunnerItem) => answerOf(values, item).length > 0;
export const notesOf = (values: Values) => {
  const notes = values.get('notes');
  return typeof notes === 'string' ? notes : '';
};

/** The saved position, clamped to the items (a stale or foreign value never breaks the screen). */
export function positionOf(values: Values, count: number): number {
  const position = values.get('position');
  if (typeof position !== 'number' || !Number.isInteger(position)) return 0;
  return Math.min(Math.max(position, 0), Math.max(count - 1, 0));
}

/** The options of an item in the candidate's order. */
export const optionsOf = (item: RunnerItem) => orderOptions(item.options, item.optionOrder);

export interface ItemStatus {
  index: number;
  item: RunnerItem;
  answered: boolean;
  flagged: boolean;
}

export function statusesOf(items: readonly RunnerItem[], values: Values): ItemStatus[] {
  return items.map((item, index) => ({ index, item, answered: isAnswered(values, item), flagged: isFlagged(values, item) }));
}

/** "Question 3: answered, flagged" — the palette's and review list's accessible description of an item. */
export function statusText({ answered, flagged }: { answered: boolean; flagged: boolean }): string {
  return `${answered ? 'answered' : 'not answered'}${flagged ? ', flagged for review' : ''}`;
}

/** The stem as plain text, shortened, for the review list. */
export function stemExcerpt(html: string, max = 110): string {
  // A space after each block, so "…infrastructure.</p><p>Which…" does not read "infrastructure.Which".
  const spaced = html.replace(/<\/(p|li|div|h[1-6]|pre|blockquote|td|th)>|<br\s*\/?>/gi, '$& ');
  const text = new DOMParser().parseFromString(spaced, 'text/html').body.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** h:mm:ss (or m:ss under an hour) of a number of milliseconds, rounded up to the second. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "1 hour 5 minutes" for a screen reader or a sentence. */
export function durationWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} minute${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}
