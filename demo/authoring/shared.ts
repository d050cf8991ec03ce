/**
 * Shared pieces of the Cloud DevOps Engineer demo content: the exam shape (the fields of CreateExamBody in
 * src/contracts/catalog.ts plus the blueprint's domains), the domains both exams use, and `buildItems`, which turns
 * compact item specs into `ItemDraft`s so each content file reads as questions rather than boilerplate.
 */
import type { ItemDraft } from '../../src/core/catalog/item.ts';

export interface DemoDomain { code: string; name: string; weight: number }

export interface DemoExam {
  code: string;
  title: string;
  level: 'foundational' | 'associate' | 'professional' | 'specialty';
  description: string;
  languages: 'en'[];
  durationMinutes: number;
  scoredItemCount: number;
  unscoredItemCount: number;
  scaleMin: number;
  scaleMax: number;
  passingScore: number;
  /** Price in minor units (cents). */
  priceMinor: number;
  currency: string;
  /** An unproctored practice exam. */
  practice: boolean;
  formMode: 'random' | 'fixed';
  domains: DemoDomain[];
}

/** The blueprint shared by the professional exam and its practice test; weights add up to 100. */
export const cloudDevOpsDomains: DemoDomain[] = [
  { code: 'D1', name: 'SDLC automation and CI/CD', weight: 25 },
  { code: 'D2', name: 'Configuration management and infrastructure as code', weight: 20 },
  { code: 'D3', name: 'Resilient cloud solutions', weight: 15 },
  { code: 'D4', name: 'Monitoring, logging and incident response', weight: 20 },
  { code: 'D5', name: 'Security, compliance and governance', weight: 20 },
];

type Letter = 'A' | 'B' | 'C' | 'D' | 'E';
const letters: Letter[] = ['A', 'B', 'C', 'D', 'E'];

/**
 * One item as an author writes it. `stem` is the scenario (plain text is wrapped in a paragraph; text starting with
 * `<` is used as HTML); `question` is the closing question, its own paragraph. `options` are given in A, B, C, D(, E)
 * order. A single letter key makes a single-response item (4 options); a pair makes a "Choose two." item (5 options).
 */
export interface ItemSpec {
  identifier: string;
  title: string;
  stem: string;
  question: string;
  options: readonly string[];
  key: Letter | readonly [Letter, Letter];
  rationale: string;
}

export function buildItems(domain: string, scored: boolean, specs: readonly ItemSpec[]): ItemDraft[] {
  return specs.map((s) => {
    const multiple = typeof s.key !== 'string';
    const scenario = s.stem.trimStart().startsWith('<') ? s.stem.trim() : `<p>${s.stem.trim()}</p>`;
    return {
      identifier: s.identifier,
      title: s.title,
      domain,
      status: 'active',
      scored,
      content: {
        interaction: multiple ? 'multiple' : 'single',
        stem: `${scenario}<p>${s.question.trim()}</p>`,
        options: s.options.map((html, i) => ({ id: letters[i] ?? `X${i}`, html })),
        correct: typeof s.key === 'string' ? [s.key] : [...s.key],
        maxChoices: multiple ? 2 : 1,
        shuffle: true,
        scoring: { method: 'match_correct' },
        rationale: s.rationale,
      },
    };
  });
}
