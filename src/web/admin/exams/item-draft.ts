import type { ItemContent, ItemStatus } from '../../../core/catalog/item.ts';
import type { Item } from '../../../contracts/catalog.ts';

/** What the item editor edits: the fields of an ItemBody. */
export interface ItemForm {
  identifier: string;
  title: string;
  domain: string;
  status: ItemStatus;
  scored: boolean;
  content: ItemContent;
}

/** A new single-response item with four empty options, in the given domain. */
export function blankItem(domain: string): ItemForm {
  return {
    identifier: '',
    title: '',
    domain,
    status: 'draft',
    scored: true,
    content: {
      interaction: 'single',
      stem: '',
      options: ['A', 'B', 'C', 'D'].map((id) => ({ id, html: '' })),
      correct: [],
      maxChoices: 1,
      shuffle: true,
      scoring: { method: 'match_correct' },
    },
  };
}

/** The first free option identifier: A, B, … Z, then A2, B2, … */
export function nextOptionId(taken: readonly string[]): string {
  for (let round = 1; ; round++) {
    for (let code = 65; code <= 90; code++) {
      const id = String.fromCharCode(code) + (round === 1 ? '' : String(round));
      if (!taken.includes(id)) return id;
    }
  }
}

/** Switches between single and multiple response, keeping the key consistent with the new type. */
export function withInteraction(content: ItemContent, interaction: ItemContent['interaction']): ItemContent {
  if (interaction === content.interaction) return content;
  if (interaction === 'single') return { ...content, interaction, maxChoices: 1, correct: content.correct.slice(0, 1) };
  const maxChoices = Math.max(2, Math.min(content.correct.length, content.options.length - 1));
  return { ...content, interaction, maxChoices };
}

/** Marks or unmarks an option as correct; in a single-response item, marking one moves the key to it. */
export function withCorrect(content: ItemContent, id: string, correct: boolean): ItemContent {
  if (!correct) return { ...content, correct: content.correct.filter((k) => k !== id) };
  if (content.interaction === 'single') return { ...content, correct: [id] };
  // Keep the key in option order, as QTI packages list it.
  const key = new Set([...content.correct, id]);
  return { ...content, correct: content.options.map((o) => o.id).filter((o) => key.has(o)) };
}

/** The body to send: the rationale only when written, the identifier only when given. */
export function itemBody(form: ItemForm) {
  const { rationale, ...content } = form.content;
  return {
    ...(form.identifier.trim() ? { identifier: form.identifier.trim() } : {}),
    title: form.title,
    domain: form.domain,
    status: form.status,
    scored: form.scored,
    content: rationale && rationale.trim() ? { ...content, rationale } : content,
  };
}

/** The editable fields of a stored item. */
export function toForm(item: Item): ItemForm {
  return { identifier: item.identifier, title: item.title, domain: item.domain, status: item.status, scored: item.scored, content: item.content };
}
