import type { z } from 'zod';
import type { MyResult } from '../../contracts/results.ts';

type Mine = z.infer<typeof MyResult>;

/** How a result's state reads to its candidate (a held result is "under review", never an accusation). */
export function resultStateLabel(r: Pick<Mine, 'state' | 'passed' | 'provisional'> & { appeal?: Mine['appeal'] }): string {
  if (r.appeal === 'open') return `${baseLabel(r)} · appealed, under review`;
  return baseLabel(r);
}

function baseLabel(r: Pick<Mine, 'state' | 'passed' | 'provisional'>): string {
  if (r.state === 'released') return `Official result: ${r.passed ? 'pass' : 'not passed'}`;
  if (r.state === 'invalidated') return 'Result invalidated';
  if (r.state === 'held') return 'Under review';
  return r.provisional ? `Provisional: ${r.provisional}, under validation` : 'Under validation';
}

/** What each hold reason means, for staff. */
export const holdLabels: Record<string, string> = {
  terminated: 'Ended by staff',
  proctor_incident: 'Proctor incident',
  fast_answering: 'Implausibly fast',
  score_jump: 'Score jump',
  answer_similarity: 'Answers like another candidate',
  staff: 'Held by staff',
};

/** An appeal's outcome, as its candidate reads it. */
export const appealOutcomeText: Record<'upheld' | 'reinstated' | 'retake', string> = {
  upheld: 'Your appeal was reviewed: the decision on your result stands.',
  reinstated: 'Your appeal was upheld: your result is reinstated and counts.',
  retake: 'Your appeal was reviewed: you are offered a free retake.',
};
