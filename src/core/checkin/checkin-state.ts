import { AppError } from '../shared/app-error.ts';

/**
 * Where one check-in stands. `in_progress`: the candidate is accepting the rules and taking photos; `submitted`: in
 * the greeter queue; `in_review`: claimed by one greeter; then `approved`, `retake_requested` (some photos again,
 * with a reason) or `rejected`; after approval the `room_scan`, then `completed` (the exam may launch). `expired`:
 * the window closed first.
 */
export type CheckInStatus = 'in_progress' | 'submitted' | 'in_review' | 'approved' | 'retake_requested' | 'rejected' | 'room_scan' | 'completed' | 'expired';

/**
 * `submit` (candidate, all photos in), `claim` / `release` (a greeter takes it from the queue / gives it back
 * unreviewed), `approve` / `request_retake` / `reject` (the greeter's verdict), `retake` (the candidate starts on the
 * named photos), `start_scan` / `complete` (the room scan), `expire` (the window closed).
 */
export type CheckInAction = 'submit' | 'claim' | 'release' | 'approve' | 'request_retake' | 'reject' | 'retake' | 'start_scan' | 'complete' | 'expire';

export const checkInStatuses: readonly CheckInStatus[] = ['in_progress', 'submitted', 'in_review', 'approved', 'retake_requested', 'rejected', 'room_scan', 'completed', 'expired'];
export const checkInActions: readonly CheckInAction[] = ['submit', 'claim', 'release', 'approve', 'request_retake', 'reject', 'retake', 'start_scan', 'complete', 'expire'];

/** Finished check-ins never change again. */
export const finishedCheckInStatuses: readonly CheckInStatus[] = ['completed', 'rejected', 'expired'];
export const isCheckInFinished = (s: CheckInStatus) => finishedCheckInStatuses.includes(s);

const transitions: Record<CheckInAction, Partial<Record<CheckInStatus, CheckInStatus>>> = {
  submit: { in_progress: 'submitted' },
  claim: { submitted: 'in_review' },
  // A greeter who leaves or times out hands the check-in back to the queue rather than stranding it.
  release: { in_review: 'submitted' },
  approve: { in_review: 'approved' },
  request_retake: { in_review: 'retake_requested' },
  // The greeter watching the room scan may still reject (a second person in the room, notes on the desk).
  reject: { in_review: 'rejected', room_scan: 'rejected' },
  retake: { retake_requested: 'in_progress' },
  start_scan: { approved: 'room_scan' },
  // Straight from `approved` when the policy asks for no room scan; whether it does is the use case's decision.
  complete: { approved: 'completed', room_scan: 'completed' },
  expire: { in_progress: 'expired', submitted: 'expired', in_review: 'expired', approved: 'expired', retake_requested: 'expired', room_scan: 'expired' },
};

const statusWords: Record<CheckInStatus, string> = {
  in_progress: 'in progress',
  submitted: 'waiting in the queue',
  in_review: 'being reviewed',
  approved: 'approved',
  retake_requested: 'waiting for a retake',
  rejected: 'rejected',
  room_scan: 'in the room scan',
  completed: 'completed',
  expired: 'expired',
};

const actionWords: Record<CheckInAction, string> = {
  submit: 'be submitted',
  claim: 'be taken for review',
  release: 'be handed back to the queue',
  approve: 'be approved',
  request_retake: 'be sent back for a retake',
  reject: 'be rejected',
  retake: 'start a retake',
  start_scan: 'start the room scan',
  complete: 'be completed',
  expire: 'expire',
};

/** The status after `action`, or null when the action does not apply in `from`. */
export function nextCheckInStatus(from: CheckInStatus, action: CheckInAction): CheckInStatus | null {
  return transitions[action][from] ?? null;
}

/**
 * Like nextCheckInStatus, but refuses in words (AppError 'Conflict', details `{ from, action }`); a finished check-in
 * says it is final. Example: `checkInTransition('submitted', 'approve')` throws "A check-in that is waiting in the
 * queue cannot be approved."
 */
export function checkInTransition(from: CheckInStatus, action: CheckInAction): CheckInStatus {
  const to = nextCheckInStatus(from, action);
  if (to) return to;
  // TODO(#6): a 'CheckInFinished' code of its own, like AttemptFinished, once app-error.ts gains it.
  if (isCheckInFinished(from)) throw new AppError('Conflict', `This check-in is already ${statusWords[from]}; nothing more can change.`, { from, action });
  throw new AppError('Conflict', `A check-in that is ${statusWords[from]} cannot ${actionWords[action]}.`, { from, action });
}
