/**
 * Appeals: a candidate may contest an official result (released or invalidated) within the policy's window after the
 * decision; a staff member who had no part in the session or its decision reviews it by the policy's deadline. The
 * outcomes: the decision is upheld, the result is reinstated (an invalidated or held result is released), or the
 * candidate gets a free retake (a voucher for the exam).
 */
const day = 86_400_000;

export type AppealOutcome = 'upheld' | 'reinstated' | 'retake';
export type AppealState = 'open' | AppealOutcome;

/** Until when a result decided at `decidedAt` may be appealed; null when the policy allows no appeals. */
export function appealCloses(decidedAt: Date, windowDays: number): Date | null {
  return windowDays > 0 ? new Date(decidedAt.getTime() + windowDays * day) : null;
}

/** The decision deadline of an appeal filed at `filedAt`. */
export const appealDueAt = (filedAt: Date, decisionDays: number) => new Date(filedAt.getTime() + decisionDays * day);

export interface AppealContext {
  resultState: 'validating' | 'held' | 'released' | 'invalidated';
  /** When the result became official (released or invalidated). */
  decidedAt: Date | null;
  windowDays: number;
  /** An appeal already filed on this result (one per result). */
  existing: boolean;
  now: Date;
}

/** Why the candidate cannot appeal now, in their words, or null when they can. */
export function appealRefusal(c: AppealContext): string | null {
  if (c.existing) return 'You have already appealed this result; one appeal per result is reviewed.';
  if (c.resultState === 'validating' || c.resultState === 'held' || !c.decidedAt) return 'A result can be appealed once it is official (released or invalidated).';
  const closes = appealCloses(c.decidedAt, c.windowDays);
  if (!closes) return 'This exam’s rules allow no appeals.';
  if (c.now >= closes) return `The appeal window closed on ${closes.toISOString().slice(0, 10)}.`;
  return null;
}

/** Which outcomes fit a result in `state`: reinstating is for a result that does not stand (invalidated). */
export function outcomeRefusal(outcome: AppealOutcome, resultState: AppealContext['resultState']): string | null {
  if (outcome === 'reinstated' && resultState !== 'invalidated') return 'Only an invalidated result can be reinstated; this one stands already.';
  return null;
}

/**
 * The reviewer for a new appeal: an admin who had no part in the session or its decision (not the proctor, not whoever
 * held, released or invalidated it, never the candidate), the one with the fewest open appeals, ties by id. Null
 * when nobody qualifies (the appeal waits for any uninvolved admin).
 */
export function pickReviewer(admins: readonly { id: string; openAppeals: number }[], involved: ReadonlySet<string>): string | null {
  const free = admins.filter((a) => !involved.has(a.id));
  free.sort((a, b) => a.openAppeals - b.openAppeals || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return free[0]?.id ?? null;
}
