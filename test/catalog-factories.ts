/** Factories for catalog tests: a program, an exam with a blueprint, and items that meet it. */
import type { ItemDraft } from '../src/core/catalog/item.ts';
import { createProgram } from '../src/server/catalog/programs.ts';
import { createExam } from '../src/server/catalog/exams.ts';
import { saveBlueprint } from '../src/server/catalog/save-blueprint.ts';
import { upsertItem } from '../src/server/catalog/save-item.ts';
import { getExamByCode } from '../src/server/catalog/repository.ts';
import type { TestApp } from './harness.ts';

let n = 0;
/** A unique exam code for a test. */
export const uniqueCode = (prefix = 'TST') => `${prefix}-${(Date.now() % 1e6).toString(36).toUpperCase()}${(n++).toString(36).toUpperCase()}`;

export const examInput = (code: string) => ({
  code, title: `Test exam ${code}`, level: 'associate' as const, description: 'An exam for tests.', languages: ['en' as const],
  durationMinutes: 90, scoredItemCount: 10, unscoredItemCount: 2, scaleMin: 100, scaleMax: 1000, passingScore: 700,
  priceMinor: 15000, currency: 'USD', practice: false, formMode: 'random' as const,
});

export function item(identifier: string, domain: string, scored = true, over: Partial<ItemDraft> = {}): ItemDraft {
  return {
    identifier, title: `Item ${identifier}`, domain, status: 'active', scored,
    content: {
      interaction: 'single', stem: `<p>Question ${identifier}?</p>`, shuffle: true, maxChoices: 1, correct: ['B'], scoring: { method: 'match_correct' },
      options: [{ id: 'A', html: 'Alpha' }, { id: 'B', html: 'Bravo' }, { id: 'C', html: 'Charlie' }, { id: 'D', html: 'Delta' }],
      rationale: '<p>Bravo is right.</p>',
    },
    ...over,
  };
}

/** A program (if none), an exam with a two-domain blueprint (60/40) and `extra` spare items per domain. */
export async function examWithBank(t: TestApp, opts: { extra?: number; code?: string } = {}) {
  const code = opts.code ?? uniqueCode();
  await t.deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('programs').select('id').limit(1).executeTakeFirst();
    if (!existing) await createProgram(t.deps, 'system', { name: 'Test Certification Board' }, trx);
    await createExam(t.deps, 'system', examInput(code), trx);
    await saveBlueprint(t.deps, 'system', code, { domains: [{ code: 'D1', name: 'Domain one', weight: 60 }, { code: 'D2', name: 'Domain two', weight: 40 }] }, trx);
    const exam = await getExamByCode(trx, code);
    const domains = new Set(['D1', 'D2']);
    const extra = opts.extra ?? 2;
    let i = 0;
    for (const [d, count] of [['D1', 6 + extra], ['D2', 4 + extra]] as const) for (let k = 0; k < count; k++) await upsertItem(trx, t.deps, exam, domains, item(`${code}-${String(++i).padStart(3, '0')}`, d), null);
    for (let k = 0; k < 3; k++) await upsertItem(trx, t.deps, exam, domains, item(`${code}-P${k}`, 'D1', false), null);
  });
  return code;
}
