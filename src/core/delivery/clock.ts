/**
 * The exam clock, owned by the server. An attempt has a start, a time budget (duration + approved extra time + time
 * staff added) and a list of pauses; the time left is derived from them and never stored as a countdown, so a
 * restart, a crash or a slow network can neither lose nor gain a minute.
 */
export interface Pause {
  from: Date;
  /** Null while the pause lasts. */
  to: Date | null;
}

export interface ClockState {
  startedAt: Date | null;
  budgetMs: number;
  pauses: readonly Pause[];
}

/** Milliseconds spent paused up to `now` (an open pause counts until `now`; pauses before the start count nothing). */
export function pausedMs(pauses: readonly Pause[], now: Date, startedAt: Date): number {
  let total = 0;
  for (const p of pauses) {
    const from = Math.max(p.from.getTime(), startedAt.getTime());
    const to = Math.min((p.to ?? now).getTime(), now.getTime());
    if (to > from) total += to - from;
  }
  return total;
}

/** Running time used so far: wall time since the start minus the pauses. */
export function usedMs(c: ClockState, now: Date): number {
  if (!c.startedAt || now <= c.startedAt) return 0;
  return now.getTime() - c.startedAt.getTime() - pausedMs(c.pauses, now, c.startedAt);
}

/** Time left (never negative); the full budget before the start. */
export function timeLeftMs(c: ClockState, now: Date): number {
  return Math.max(0, c.budgetMs - usedMs(c, now));
}

/** When the time runs out if nothing else pauses it (null before the start, or while paused). */
export function expectedEnd(c: ClockState, now: Date): Date | null {
  if (!c.startedAt || now < c.startedAt || c.pauses.some((p) => p.to === null)) return null;
  return new Date(now.getTime() + timeLeftMs(c, now));
}

/** The budget in ms: the exam's minutes, extra minutes from accommodations, and minutes added by staff. */
export const budgetMs = (durationMinutes: number, extraMinutes: number, addedMinutes: number) => (durationMinutes + extraMinutes + addedMinutes) * 60_000;
