/**
 * Checks the Cloud DevOps demo content: run `npx tsx demo/authoring/check.ts` (exit code 1 on any problem).
 *
 * - every item's content passes `itemContentProblems`, and item and exam records pass the API contracts;
 * - identifiers are unique across the exams and run `<CODE>-0001 …` without gaps; every item is active;
 * - single response: 4 options A–D; "Choose two.": 5 options A–E and a 2-option key; shuffle on; match_correct;
 * - domain codes exist, weights add up to 100;
 * - a random-form bank (CDE-P01) has, per domain, at least ceil(scoredItemCount × weight / 100) + 3 scored items,
 *   at least 90 scored and 12 unscored items; a bank the size of its form (the practice test CDE-PR1, the quick
 *   check CDE-PQ1) has exactly `scoredItemCount` scored items and each domain's exact quota;
 * - HTML uses only p, code, pre, ul, li, balanced, with no bare `<` or `&`; no stem or title repeats;
 * - the key of a single-response item is the longest option in at most 40% of an exam's items (no length cue).
 */
import { itemContentProblems, type ItemDraft } from '../../src/core/catalog/item.ts';
import { domainQuotas } from '../../src/core/catalog/assemble-form.ts';
import { Blueprint, CreateExamBody, ItemBody } from '../../src/contracts/catalog.ts';
import * as professional from './cloud-devops-professional.ts';
import * as practice from './cloud-devops-practice.ts';
import * as quickCheck from './cloud-devops-quick-check.ts';
import type { DemoExam } from './shared.ts';

const exams: { exam: DemoExam; items: ItemDraft[] }[] = [professional, practice, quickCheck];
const problems: string[] = [];
const allowedTags = new Set(['p', 'code', 'pre', 'ul', 'li']);

function htmlProblems(html: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]*)[^>]*>/g)) {
    const [whole, slash, tag = ''] = m;
    if (!allowedTags.has(tag.toLowerCase())) out.push(`tag ${whole} is not allowed`);
    if (slash) {
      if (stack.pop() !== tag) out.push(`unbalanced </${tag}>`);
    } else stack.push(tag);
  }
  if (stack.length) out.push(`unclosed <${stack.join('>, <')}>`);
  const text = html.replace(/<\/?[a-zA-Z0-9]+[^>]*>/g, '');
  if (text.includes('<') || text.includes('>')) out.push('bare < or > in text (use &lt; / &gt;)');
  if (/&(?![a-zA-Z]+;|#\d+;)/.test(text)) out.push('bare & in text (use &amp;)');
  return out;
}

const sentences = (html: string) => html.replace(/<pre>[\s\S]*?<\/pre>/g, ' ').replace(/<[^>]+>/g, ' ').split(/(?<=[.?!])\s+(?=[A-Z“(])/).filter((s) => s.trim()).length;

const seenIds = new Set<string>();
const seenStems = new Map<string, string>();
const seenTitles = new Map<string, string>();
const warnings: string[] = [];

for (const { exam, items } of exams) {
  const p = (msg: string) => problems.push(`${exam.code}: ${msg}`);
  const { domains, code, ...fields } = exam;
  const examParse = CreateExamBody.safeParse({ code, ...fields });
  if (!examParse.success) p(`exam record: ${examParse.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const bp = Blueprint.safeParse({ domains });
  if (!bp.success) p(`blueprint: ${bp.error.issues.map((i) => i.message).join('; ')}`);
  const weightSum = domains.reduce((s, d) => s + d.weight, 0);
  if (weightSum !== 100) p(`domain weights add up to ${weightSum}, not 100`);
  const domainCodes = new Set(domains.map((d) => d.code));

  items.forEach((item, i) => {
    const at = (msg: string) => p(`${item.identifier}: ${msg}`);
    const expected = `${code}-${String(i + 1).padStart(4, '0')}`;
    if (item.identifier !== expected) at(`expected identifier ${expected} here (sequential, no gaps)`);
    if (seenIds.has(item.identifier)) at('duplicate identifier');
    seenIds.add(item.identifier);
    const parsed = ItemBody.safeParse(item);
    if (!parsed.success) at(`item record: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    for (const msg of itemContentProblems(item.content)) at(msg);
    if (!domainCodes.has(item.domain)) at(`unknown domain ${item.domain}`);
    if (item.status !== 'active') at(`status is ${item.status}, not active`);
    const c = item.content;
    if (!c.shuffle) at('shuffle is off');
    if (c.scoring.method !== 'match_correct') at('scoring is not match_correct');
    const ids = c.options.map((o) => o.id).join('');
    const choose2 = /\(Choose two\.\)/.test(c.stem);
    if (c.interaction === 'single') {
      if (ids !== 'ABCD') at(`single response needs options A–D, has ${ids}`);
      if (choose2) at('single-response stem says "Choose two."');
    } else {
      if (ids !== 'ABCDE') at(`multiple response needs options A–E, has ${ids}`);
      if (c.maxChoices !== 2 || c.correct.length !== 2) at('multiple response must be choose two');
      if (!choose2) at('multiple-response stem lacks "(Choose two.)"');
    }
    if (!c.rationale?.trim()) at('no rationale');
    for (const [where, html] of [['stem', c.stem], ['rationale', c.rationale ?? ''], ...c.options.map((o) => [`option ${o.id}`, o.html])] as const) {
      for (const msg of htmlProblems(html)) at(`${where}: ${msg}`);
    }
    const stemKey = c.stem.replace(/<[^>]+>/g, '').toLowerCase();
    if (seenStems.has(stemKey)) at(`same stem as ${seenStems.get(stemKey)}`);
    seenStems.set(stemKey, item.identifier);
    if (seenTitles.has(item.title)) at(`same title as ${seenTitles.get(item.title)}`);
    seenTitles.set(item.title, item.identifier);
    const ns = sentences(c.stem);
    if (ns < 2 || ns > 6) warnings.push(`${item.identifier}: stem has ${ns} sentences`);
    const nr = sentences(c.rationale ?? '');
    if (nr < 2 || nr > 5) warnings.push(`${item.identifier}: rationale has ${nr} sentences`);
  });

  // Counts per domain.
  const scored = items.filter((x) => x.scored);
  const unscored = items.filter((x) => !x.scored);
  // Every candidate sees the whole bank (in shuffled order) when it is no larger than the form.
  const fixedSize = items.length <= exam.scoredItemCount + exam.unscoredItemCount;
  const quotas = domainQuotas(domains, exam.scoredItemCount);
  console.log(`\n${exam.code} — ${exam.title}${exam.practice ? ' (practice)' : ''}`);
  console.log(`  domain  weight  quota  needed  scored  unscored  choose-two`);
  for (const d of domains) {
    const s = scored.filter((x) => x.domain === d.code).length;
    const u = unscored.filter((x) => x.domain === d.code).length;
    const m = items.filter((x) => x.domain === d.code && x.content.interaction === 'multiple').length;
    const quota = quotas.get(d.code) ?? 0;
    const needed = fixedSize ? quota : Math.ceil((exam.scoredItemCount * d.weight) / 100) + 3;
    if (fixedSize ? s !== needed : s < needed) p(`domain ${d.code} has ${s} scored items, needs ${fixedSize ? 'exactly' : 'at least'} ${needed}`);
    console.log(`  ${d.code.padEnd(6)}  ${String(d.weight).padStart(6)}  ${String(quota).padStart(5)}  ${String(needed).padStart(6)}  ${String(s).padStart(6)}  ${String(u).padStart(8)}  ${String(m).padStart(10)}`);
  }
  if (fixedSize) {
    if (scored.length !== exam.scoredItemCount) p(`form-sized bank has ${scored.length} scored items, the form has ${exam.scoredItemCount}`);
    if (unscored.length !== exam.unscoredItemCount) p(`form-sized bank has ${unscored.length} unscored items, the form has ${exam.unscoredItemCount}`);
  } else {
    if (scored.length < 90) p(`only ${scored.length} scored items (at least 90)`);
    if (unscored.length < Math.max(12, exam.unscoredItemCount)) p(`only ${unscored.length} unscored items (at least 12)`);
  }
  const multiple = items.filter((x) => x.content.interaction === 'multiple');
  const keyCount = (pool: ItemDraft[]) => Object.fromEntries(['A', 'B', 'C', 'D', 'E'].map((l) => [l, pool.filter((x) => x.content.correct.includes(l)).length]));
  console.log(`  total ${items.length}: ${scored.length} scored, ${unscored.length} unscored; choose-two ${multiple.length} (${Math.round((100 * multiple.length) / items.length)}%)`);
  console.log(`  keys, single response: ${JSON.stringify(keyCount(items.filter((x) => x.content.interaction === 'single')))}`);
  console.log(`  keys, choose two:      ${JSON.stringify(keyCount(multiple))}`);
  // Length cue: test-wise candidates pick the longest option, so the key should not stand out by length.
  const plain = (html: string) => html.replace(/<[^>]+>/g, '').length;
  const singles = items.filter((x) => x.content.interaction === 'single');
  const keyLongest = singles.filter((x) => {
    const keyLen = plain(x.content.options.find((o) => o.id === x.content.correct[0])!.html);
    return x.content.options.every((o) => o.id === x.content.correct[0] || plain(o.html) < keyLen);
  }).length;
  const share = singles.length ? keyLongest / singles.length : 0;
  console.log(`  single-response key is the longest option in ${keyLongest} of ${singles.length} (${Math.round(100 * share)}%; chance is 25%)`);
  if (singles.length >= 10 && share > 0.4) p(`the key is the longest option in ${Math.round(100 * share)}% of single-response items (at most 40%)`);
}

if (warnings.length) console.log(`\nStyle warnings (${warnings.length}):\n  ${warnings.join('\n  ')}`);
if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('\nAll checks passed.');
