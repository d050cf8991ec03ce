/**
 * One `qti-assessment-item` → Invigil item content. We take what our model can hold faithfully (one choice
 * interaction, scored by the match_correct or map_response template) and say precisely why anything else is left
 * out, so an author knows which items to rework rather than finding them silently changed.
 */
import { itemContentProblems, type ItemContent, type ItemScoring } from '../../../core/catalog/item.ts';
import { sanitizeItemHtml, type SanitizeItemHtmlOptions } from '../sanitize.ts';
import { QTI_IDENTIFIER, RATIONALE_USE } from './vocabulary.ts';
import { element, elements, own, textOf, type XmlElement, type XmlNode } from './xml.ts';

export type ReadItemResult =
  | { kind: 'item'; identifier: string; title: string; content: ItemContent }
  | { kind: 'unsupported'; identifier: string; reason: string }
  | { kind: 'invalid'; identifier: string; problems: string[] };

type ImageSrc = SanitizeItemHtmlOptions['imageSrc'];

/** Content we cannot show faithfully: importing the item without it would change the question. */
const UNSUPPORTED_CONTENT: Record<string, string> = {
  math: 'MathML',
  svg: 'inline SVG',
  audio: 'audio',
  video: 'video',
  object: 'an embedded object',
  include: 'an XInclude',
  'qti-printed-variable': 'a printed variable',
  'qti-template-inline': 'template content',
  'qti-template-block': 'template content',
};
/** QTI elements we understand inside an item body; any other `qti-*` element makes the item unsupported. */
const KNOWN_QTI = new Set(['qti-choice-interaction', 'qti-prompt', 'qti-simple-choice', 'qti-rubric-block', 'qti-content-body', 'qti-feedback-block', 'qti-feedback-inline']);
const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'source', 'track', 'wbr']);
const BLOCK = new Set(['p', 'div', 'ul', 'ol', 'dl', 'table', 'pre', 'blockquote', 'figure', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'aside', 'address', 'details']);
const RATIONALE_USES = new Set([RATIONALE_USE, 'rationale']);

const escText = (s: string) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const escAttr = (s: string) => s.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
const isTrue = (v: string | undefined) => v === 'true' || v === '1';

/**
 * XHTML nodes back to an HTML string for the sanitizer. `hook` may replace an element's output (the interaction by
 * its prompt, rubric blocks by their content or nothing); feedback is never part of the question.
 */
function toHtml(nodes: readonly XmlNode[], hook?: (el: XmlElement) => string | undefined): string {
  let s = '';
  for (const n of nodes) {
    if (n.kind === 'text') {
      s += escText(n.text);
      continue;
    }
    const replaced = hook?.(n);
    if (replaced !== undefined) s += replaced;
    else if (n.name === 'qti-feedback-block' || n.name === 'qti-feedback-inline') continue;
    else if (n.name === 'qti-content-body') s += toHtml(n.children, hook);
    else {
      let attrs = '';
      for (const [k, v] of Object.entries(n.attrs)) attrs += ` ${k}="${escAttr(v)}"`;
      // Empty non-void elements are written out in full: HTML parsers ignore the "/" of <p/> and leave it open.
      s += VOID.has(n.name) ? `<${n.name}${attrs} />` : `<${n.name}${attrs}>${toHtml(n.children, hook)}</${n.name}>`;
    }
  }
  return s;
}

const clean = (html: string, imageSrc: ImageSrc) => sanitizeItemHtml(html, imageSrc && html.includes('<img') ? { imageSrc } : {});

/** Interactions and unsupported content anywhere in the body, in document order. */
function scan(body: XmlElement): { interactions: XmlElement[]; unsupported: string[] } {
  const interactions: XmlElement[] = [];
  const unsupported: string[] = [];
  const stack: XmlElement[] = [body];
  while (stack.length) {
    const el = stack.pop()!;
    for (const c of elements(el)) {
      if (c.name.endsWith('-interaction')) interactions.push(c);
      else if (Object.hasOwn(UNSUPPORTED_CONTENT, c.name)) unsupported.push(UNSUPPORTED_CONTENT[c.name]!);
      else if (c.name.startsWith('qti-') && !KNOWN_QTI.has(c.name)) unsupported.push(`<${c.name}>`);
      stack.push(c);
    }
  }
  return { interactions, unsupported };
}

const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

function number(v: string | undefined, what: string, problems: string[]): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  if (!DECIMAL.test(v.trim()) || !Number.isFinite(n)) {
    problems.push(`${what} "${v}" is not a number.`);
    return undefined;
  }
  return n;
}

function readScoring(item: XmlElement, decl: XmlElement, problems: string[]): ItemScoring | string {
  const rp = element(item, 'qti-response-processing');
  const mapping = element(decl, 'qti-mapping');
  const template = rp?.attrs.template;
  let method: ItemScoring['method'];
  if (template !== undefined) {
    const name = template.replace(/[?#].*$/s, '').split('/').pop()!.replace(/\.xml$/, '');
    if (name !== 'match_correct' && name !== 'map_response') return `it uses the response-processing template "${template}"; only match_correct and map_response are supported`;
    // A literal rather than `name`, which is a view into the item's XML text (see `own` in xml.ts).
    method = name === 'match_correct' ? 'match_correct' : 'map_response';
  } else if (rp && elements(rp).length > 0) {
    return 'it has custom response processing; only the match_correct and map_response templates are supported';
  } else {
    // No response processing at all: the declaration alone says how the author meant it to be scored.
    method = mapping ? 'map_response' : 'match_correct';
  }
  if (method === 'match_correct') return { method };
  if (!mapping) {
    problems.push('It uses map_response but its response declaration has no qti-mapping.');
    return { method: 'map_response', map: {}, defaultValue: 0 };
  }
  const entries: [string, number][] = [];
  const seen = new Set<string>();
  for (const e of elements(mapping, 'qti-map-entry')) {
    const key = (e.attrs['map-key'] ?? '').trim();
    const value = number(e.attrs['mapped-value'], `The mapped value of ${key}`, problems);
    if (seen.has(key)) problems.push(`The score map lists ${key} twice.`);
    seen.add(key);
    if (value !== undefined) entries.push([key, value]);
  }
  const lowerBound = number(mapping.attrs['lower-bound'], 'lower-bound', problems);
  const upperBound = number(mapping.attrs['upper-bound'], 'upper-bound', problems);
  return {
    method: 'map_response',
    // fromEntries defines own properties, so a choice named "__proto__" cannot reach the prototype.
    map: Object.fromEntries(entries),
    defaultValue: number(mapping.attrs['default-value'], 'default-value', problems) ?? 0,
    ...(lowerBound !== undefined ? { lowerBound } : {}),
    ...(upperBound !== undefined ? { upperBound } : {}),
  };
}

function ownContent(c: ItemContent): ItemContent {
  return {
    ...c,
    stem: own(c.stem),
    options: c.options.map((o) => ({ ...o, id: own(o.id), html: own(o.html) })),
    correct: c.correct.map(own),
    ...(c.rationale !== undefined ? { rationale: own(c.rationale) } : {}),
  };
}

/** Reads a parsed `qti-assessment-item`: the item, or why it is unsupported (skip and report) or invalid (refuse the package). */
export function readItem(root: XmlElement, imageSrc?: ImageSrc): ReadItemResult {
  const identifier = (root.attrs.identifier ?? '').trim();
  const problems: string[] = [];
  const unsupported = (reason: string): ReadItemResult => ({ kind: 'unsupported', identifier, reason: `Skipped: ${reason}.` });
  if (root.name !== 'qti-assessment-item') return { kind: 'invalid', identifier, problems: [`The root element is <${root.name}>; expected <qti-assessment-item>.`] };
  if (!QTI_IDENTIFIER.test(identifier)) problems.push(`The item identifier "${identifier}" is not a QTI identifier (a letter or _, then letters, digits, _, - or .).`);
  if (isTrue(root.attrs.adaptive)) return unsupported('it is an adaptive item');
  if (element(root, 'qti-template-declaration') || element(root, 'qti-template-processing')) return unsupported('it is a template (cloned) item');
  const body = element(root, 'qti-item-body');
  if (!body) return { kind: 'invalid', identifier, problems: ['It has no qti-item-body.'] };

  const { interactions, unsupported: extra } = scan(body);
  if (interactions.length === 0) return unsupported('it has no interaction');
  if (interactions.length > 1) return unsupported(`it has ${interactions.length} interactions (${interactions.map((i) => i.name).join(', ')}); Invigil supports exactly one qti-choice-interaction`);
  const interaction = interactions[0]!;
  if (interaction.name !== 'qti-choice-interaction') return unsupported(`it uses ${interaction.name}; only qti-choice-interaction is supported`);
  if (extra.length) return unsupported(`it contains ${[...new Set(extra)].join(', ')}, which Invigil cannot show yet`);

  const responseId = interaction.attrs['response-identifier'];
  const decl = elements(root, 'qti-response-declaration').find((d) => d.attrs.identifier === responseId);
  if (!decl) return { kind: 'invalid', identifier, problems: [`The choice interaction answers "${responseId ?? ''}", but no qti-response-declaration has that identifier.`] };
  const cardinality = decl.attrs.cardinality;
  if (cardinality !== 'single' && cardinality !== 'multiple') return unsupported(`its response has cardinality "${cardinality ?? ''}"; only single and multiple are supported`);
  if (decl.attrs['base-type'] !== 'identifier') problems.push(`The response must have base-type="identifier", not "${decl.attrs['base-type'] ?? ''}".`);
  const maxChoices = number(interaction.attrs['max-choices'] ?? '1', 'max-choices', problems) ?? 1;
  if (!Number.isInteger(maxChoices) || maxChoices < 0) problems.push(`max-choices must be a whole number, not ${maxChoices}.`);
  if (cardinality === 'multiple' && maxChoices === 0) return unsupported('it allows any number of choices (max-choices="0"); Invigil items say how many to choose');
  const scoring = readScoring(root, decl, problems);
  if (typeof scoring === 'string') return unsupported(scoring);

  const options = elements(interaction, 'qti-simple-choice').map((c) => {
    const id = (c.attrs.identifier ?? '').trim();
    if (!QTI_IDENTIFIER.test(id)) problems.push(`The choice identifier "${id}" is not a QTI identifier.`);
    return { id, html: clean(toHtml(c.children), imageSrc), ...(isTrue(c.attrs.fixed) ? { fixed: true } : {}) };
  });
  const prompt = element(interaction, 'qti-prompt');
  const promptHtml = prompt ? toHtml(prompt.children) : '';
  // The prompt stands where the interaction stood; inline-only prompt text becomes its own paragraph.
  const promptBlock = !prompt || !promptHtml.trim() ? '' : elements(prompt).some((e) => BLOCK.has(e.name)) ? promptHtml : `<p>${promptHtml}</p>`;
  const rationales: string[] = [];
  const stemHtml = toHtml(body.children, (el) => {
    if (el === interaction) return promptBlock;
    if (el.name !== 'qti-rubric-block') return undefined;
    if (RATIONALE_USES.has(el.attrs.use ?? '')) rationales.push(toHtml(el.children));
    // Rubric blocks for the candidate are part of the question; those for authors or scorers are not.
    else if ((el.attrs.view ?? '').split(/\s+/).includes('candidate')) return toHtml(el.children);
    return '';
  });
  const rationale = clean(rationales.join(''), imageSrc);
  const correctResponse = element(decl, 'qti-correct-response');
  const content: ItemContent = {
    interaction: cardinality,
    stem: clean(stemHtml, imageSrc),
    options,
    correct: correctResponse ? elements(correctResponse, 'qti-value').map((v) => textOf(v).trim()) : [],
    maxChoices,
    shuffle: isTrue(interaction.attrs.shuffle),
    scoring,
    ...(rationale ? { rationale } : {}),
  };
  problems.push(...itemContentProblems(content));
  if (problems.length) return { kind: 'invalid', identifier, problems };
  return { kind: 'item', identifier: own(identifier), title: own(root.attrs.title ?? identifier), content: ownContent(content) };
}
