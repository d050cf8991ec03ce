import { AppError } from '../shared/app-error.ts';
import type { ExamPolicy } from '../catalog/policy.ts';
import { windowState } from '../checkin/window.ts';

type CheckInPolicy = Pick<ExamPolicy, 'checkIn'>;

/**
 * Refuses (LaunchNotAuthorised) to open the attempt of an appointment outside its check-in window: before it opens,
 * and after it closes unless the candidate's check-in reached the greeters before the close (the no-show job's rule:
 * such a candidate waited in the queue and may still start). `zone` is the candidate's, for the times in the message.
 * Example: a 10:30 start (default policy) at 09:40 → "Check-in opens at 10:00 (UTC), in 20 minutes: the exam can be opened only from then."
 */
export function assertAttemptMayOpen(startsAt: Date, policy: CheckInPolicy, now: Date, zone: string, checkInSubmittedAt: Date | null): void {
  const w = windowState(startsAt, policy, now, zone);
  const window = { state: w.state, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() };
  if (w.state === 'not_yet') {
    throw new AppError('LaunchNotAuthorised', `${w.message.replace(/\.$/, '')}: the exam can be opened only from then.`, { window });
  }
  if (w.state === 'closed' && !(checkInSubmittedAt && checkInSubmittedAt.getTime() < w.closesAt.getTime())) {
    throw new AppError('LaunchNotAuthorised', w.message, { window });
  }
}

/**
 * Refuses (Conflict) a launch exception outside the appointment's check-in window, saying when it opens (or that it
 * closed) in the staff member's `zone`. An exception replaces the check-in, not the booked time.
 */
export function assertExceptionWindow(startsAt: Date, policy: CheckInPolicy, now: Date, zone: string): void {
  const w = windowState(startsAt, policy, now, zone);
  if (w.state === 'open') return;
  throw new AppError('Conflict', `A launch exception can be made only while the appointment's check-in is open. ${w.message}`,
    { window: { state: w.state, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() } });
}
