/**
 * Who watches whom. Sessions (proctored attempts in progress) go to proctors whose console is open and who take
 * sessions: those on shift first, least loaded first, never beyond the session's policy ratio (`candidatesPerProctor`).
 * A proctor whose shift is over (or who has none now) still takes a session nobody on shift has room for, so that no
 * candidate waits while someone is watching.
 */

/** A proctor who can take sessions now, and how many they watch. */
export interface ProctorLoad {
  proctorId: string;
  load: number;
  /** Inside a scheduled proctoring shift now (default true). */
  onShift?: boolean;
}

/** A session waiting for a proctor: `capacity` is its policy's candidates per proctor. */
export interface WaitingSession {
  attemptId: string;
  capacity: number;
  /** Never to this proctor (e.g. the one whose console just went away). */
  notTo?: string | null;
}

/**
 * Assigns waiting sessions in the order given (the longest waiting first): each to the least-loaded proctor on shift
 * whose load is below the session's capacity, or when none has room, to the least-loaded one off shift (ties: the
 * proctor listed first, so the result is deterministic). Returns attempt → proctor for the sessions placed; the rest
 * stay waiting. Example: two proctors on shift with loads 3 and 1 and one session of capacity 6 → it goes to the
 * second; if the second's shift had ended, to the first.
 */
export function assignSessions(waiting: readonly WaitingSession[], proctors: readonly ProctorLoad[]): Map<string, string> {
  const loads = proctors.map((p) => ({ ...p }));
  const placed = new Map<string, string>();
  for (const session of waiting) {
    let best: ProctorLoad | undefined;
    for (const p of loads) {
      if (p.load >= session.capacity || p.proctorId === session.notTo) continue;
      if (!best || before(p, best)) best = p;
    }
    if (!best) continue;
    best.load += 1;
    placed.set(session.attemptId, best.proctorId);
  }
  return placed;
}

const onShift = (p: ProctorLoad): boolean => p.onShift ?? true;
/** Whether `a` should get a session before `b`: on shift first, then the lighter load. */
const before = (a: ProctorLoad, b: ProctorLoad): boolean => (onShift(a) !== onShift(b) ? onShift(a) : a.load < b.load);

/** How long a proctor's console may be silent before their sessions go back to the pool. */
export const consoleGoneAfterMs = 30_000;
/** How long a running session may go unwatched (while nobody can take it) before its clock is stopped. */
export const unwatchedPauseAfterMs = 60_000;

/** The first name to show a candidate: the first word of the proctor's name. Example: `'Priya Raman'` → `'Priya'`. */
export function firstName(legalName: string): string {
  return legalName.trim().split(/\s+/)[0] ?? '';
}
