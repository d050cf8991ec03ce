/**
 * Who watches whom. Sessions (proctored attempts in progress) go to proctors whose console is open and who take
 * sessions, least loaded first, never beyond the session's policy ratio (`candidatesPerProctor`).
 */

/** A proctor who can take sessions now, and how many they watch. */
export interface ProctorLoad {
  proctorId: string;
  load: number;
}

/** A session waiting for a proctor: `capacity` is its policy's candidates per proctor. */
export interface WaitingSession {
  attemptId: string;
  capacity: number;
  /** Never to this proctor (e.g. the one whose console just went away). */
  notTo?: string | null;
}

/**
 * Assigns waiting sessions in the order given (the longest waiting first): each to the least-loaded proctor whose load
 * is below the session's capacity (ties: the proctor listed first, so the result is deterministic). Returns
 * attempt → proctor for the sessions placed; the rest stay waiting. Example: two proctors with loads 3 and 1 and one
 * session of capacity 6 → it goes to the second.
 */
export function assignSessions(waiting: readonly WaitingSession[], proctors: readonly ProctorLoad[]): Map<string, string> {
  const loads = proctors.map((p) => ({ ...p }));
  const placed = new Map<string, string>();
  for (const session of waiting) {
    let best: { proctorId: string; load: number } | undefined;
    for (const p of loads) {
      if (p.load >= session.capacity || p.proctorId === session.notTo) continue;
      if (!best || p.load < best.load) best = p;
    }
    if (!best) continue;
    best.load += 1;
    placed.set(session.attemptId, best.proctorId);
  }
  return placed;
}

/** How long a proctor's console may be silent before their sessions go back to the pool. */
export const consoleGoneAfterMs = 30_000;
/** How long a running session may go unwatched (while nobody can take it) before its clock is stopped. */
export const unwatchedPauseAfterMs = 60_000;

/** The first name to show a candidate: the first word of the proctor's name. Example: `'Priya Raman'` → `'Priya'`. */
export function firstName(legalName: string): string {
  return legalName.trim().split(/\s+/)[0] ?? '';
}
