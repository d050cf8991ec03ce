/**
 * Official results: the feedback a score report gives per domain, and the checks that hold a result for a person to
 * look at before it is released. Pure rules: the server gathers the facts, these decide.
 */

/** A domain's line on the score report: its share of the points, and whether it meets the passing standard. */
export interface DomainFeedback {
  domain: string;
  percent: number;
  verdict: 'meets' | 'needs_improvement';
}

/**
 * Per-domain feedback, as real certification score reports give it: a domain "meets competencies" when the candidate
 * scored at least the exam's raw cut share in it, otherwise "needs improvement". A domain with no scored points (all
 * pretest) gives no feedback.
 */
export function domainFeedback(byDomain: readonly { domain: string; raw: number; max: number }[], cutPercent: number): DomainFeedback[] {
  return byDomain.filter((d) => d.max > 0).map((d) => {
    const percent = Math.round((d.raw / d.max) * 100);
    return { domain: d.domain, percent, verdict: d.raw * 100 >= cutPercent * d.max ? 'meets' : 'needs_improvement' };
  });
}

export type HoldReason = 'terminated' | 'proctor_incident' | 'fast_answering' | 'score_jump' | 'answer_similarity' | 'staff';

/** Why a result is held, with what was seen (shown to staff; the candidate sees that it is under review). */
export interface Hold {
  reason: HoldReason;
  evidence: string;
  at: string;
}

export interface CheckSettings {
  /** A gain over the candidate's previous scaled score of at least this share of the scale's range holds (0: off). */
  scoreJumpPercent: number;
  /** Fewer seconds per scored item than this, on a pass, holds (0: off). */
  minSecondsPerItem: number;
  /** At least this many identical wrong answers with another candidate on the same form holds (0: off). */
  similarWrongAnswers: number;
}

/** A score gain too large to take on trust (a proxy test-taker, leaked items): how many points, or null. */
export function scoreJump(previousScaled: number | null, scaled: number, scale: { min: number; max: number }, percent: number): number | null {
  if (percent <= 0 || previousScaled === null) return null;
  const gain = scaled - previousScaled;
  return gain * 100 >= percent * (scale.max - scale.min) ? gain : null;
}

/** Answering faster than anyone could read the items, and passing: the seconds per item, or null. */
export function fastAnswering(activeMs: number, scoredItems: number, passed: boolean, minSecondsPerItem: number): number | null {
  if (minSecondsPerItem <= 0 || !passed || scoredItems === 0) return null;
  const perItem = activeMs / 1000 / scoredItems;
  return perItem < minSecondsPerItem ? Math.round(perItem * 10) / 10 : null;
}

/** One candidate's answers on a form: item key → the chosen option ids (unanswered items are absent). */
export type AnswerSheet = ReadonlyMap<string, readonly string[]>;

const sameChoice = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * Identical wrong answers: the items both candidates answered wrongly with the very same choice. Right answers prove
 * nothing (both may know); the same wrong choice, again and again, is the classic sign of copying or of a shared key.
 * `correct` tells whether a choice earns the item's full points.
 */
export function identicalWrongAnswers(mine: AnswerSheet, theirs: AnswerSheet, correct: (itemKey: string, choice: readonly string[]) => boolean): { identical: number; bothWrong: number } {
  let identical = 0;
  let bothWrong = 0;
  for (const [key, a] of mine) {
    const b = theirs.get(key);
    if (!b || correct(key, a) || correct(key, b)) continue;
    bothWrong++;
    if (sameChoice(a, b)) identical++;
  }
  return { identical, bothWrong };
}

/** Whether the identical wrong answers with one other sheet are enough to hold: at least the setting, and most of the shared wrong ones. */
export const similarEnough = (r: { identical: number; bothWrong: number }, threshold: number) => threshold > 0 && r.identical >= threshold && r.identical * 4 >= r.bothWrong * 3;

/** A result's state, and what staff may do with it. Invalidation takes two different people. */
export type ResultState = 'validating' | 'held' | 'released' | 'invalidated';
export type ResultDecision = 'release' | 'hold' | 'invalidate';

/** Why a decision cannot be taken on a result in `state`, or null when it can. */
export function decisionRefusal(state: ResultState, decision: ResultDecision, who: { userId: string; invalidationRequestedBy: string | null }): string | null {
  if (state === 'invalidated') return 'This result has been invalidated; nothing more can change it here (an appeal can).';
  if (decision === 'release' && state === 'released') return 'This result is already released.';
  if (decision === 'hold' && state === 'released') return 'A released result cannot be put back on hold; invalidate it if it must not stand.';
  if (decision === 'invalidate' && who.invalidationRequestedBy === who.userId) return 'Invalidating needs a second staff member: someone else must confirm it.';
  return null;
}
