import type { BusMessage } from '../platform/bus.ts';
import type { Deps } from '../platform/deps.ts';

/** Bus channels. Messages say what changed (ids, statuses), never personal data; listeners refetch over HTTP. */
export const checkInChannel = (id: string) => `checkin:${id}`;
export const greeterQueueChannel = 'greeter-queue';

/**
 * After a commit that changed a check-in: tells its candidate, phone and reviewer, and (when the queue moved:
 * submitted, claimed, released, decided, expired) the greeters and the candidates waiting in it.
 */
export function publishCheckIn(deps: Pick<Deps, 'bus'>, checkIn: { id: string; status: string }, opts: { queueMoved: boolean }) {
  deps.bus.publish(checkInChannel(checkIn.id), { id: checkIn.id, status: checkIn.status });
  if (opts.queueMoved) deps.bus.publish(greeterQueueChannel, { at: Date.now() });
}

/** An attempt's channel: its candidate's exam screen and the proctor watching it listen. */
export const attemptChannel = (id: string) => `attempt:${id}`;
/** A proctor's console: sessions assigned or taken away, and their candidates' changes. */
export const proctorChannel = (userId: string) => `proctor:${userId}`;
/** WebRTC signalling addressed to one user (every socket of theirs hears it and keeps what concerns its attempt). */
export const signalChannel = (userId: string) => `signal:${userId}`;

export type AttemptChange = 'status' | 'proctor' | 'warning' | 'chat' | 'event';

/**
 * After a commit that changed an attempt: tells its candidate, and the proctor watching it (when there is one). A chat
 * message says who wrote it (`from`), so the writer's own page need not reload and a console counts it unread.
 */
export function publishAttempt(deps: Pick<Deps, 'bus'>, attempt: { id: string; proctorId: string | null }, what: AttemptChange, from?: 'candidate' | 'staff') {
  const message: BusMessage = { id: attempt.id, what };
  if (from) message.from = from;
  deps.bus.publish(attemptChannel(attempt.id), message);
  if (attempt.proctorId) deps.bus.publish(proctorChannel(attempt.proctorId), message);
}

/** After a commit that changed who watches whom: tells the proctors concerned to refetch their sessions. */
export function publishSessions(deps: Pick<Deps, 'bus'>, proctorIds: Iterable<string>) {
  for (const id of new Set(proctorIds)) deps.bus.publish(proctorChannel(id), { sessions: true });
}
