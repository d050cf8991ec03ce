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
