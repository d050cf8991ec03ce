import { useCallback, useState } from 'react';
import type { Clock } from './lockdown.ts';

/** The server's clock as last heard, with when (this page's monotonic time) it was heard. */
export interface ClockSnapshot extends Clock {
  receivedAt: number;
}

/** Time left to show at `now` (performance.now()): counted down locally only while the attempt runs; the server's
 * figure replaces it on every answer, so a wrong or sleeping computer clock never changes the real time. */
export function timeLeftAt(clock: ClockSnapshot, now: number): number {
  if (clock.status !== 'in_progress') return clock.timeLeftMs;
  // A tick taken just before the clock arrived must not add time.
  return Math.max(0, clock.timeLeftMs - Math.max(0, now - clock.receivedAt));
}

function snapshot(clock: Clock): ClockSnapshot {
  return { status: clock.status, timeLeftMs: clock.timeLeftMs, serverNow: clock.serverNow, pausedReason: clock.pausedReason, pausedSince: clock.pausedSince ?? null, receivedAt: performance.now() };
}

/** The attempt's clock and a function to apply each answer's clock. Answers can arrive out of order (a heartbeat and
 * an event batch in flight together), so one older than the clock we hold is ignored. */
export function useExamClock(initial: Clock): [ClockSnapshot, (next: Clock) => void] {
  const [clock, setClock] = useState(() => snapshot(initial));
  const apply = useCallback((next: Clock) => {
    setClock((previous) => (Date.parse(next.serverNow) < Date.parse(previous.serverNow) ? previous : snapshot(next)));
  }, []);
  return [clock, apply];
}
