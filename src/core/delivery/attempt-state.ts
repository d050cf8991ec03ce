import { AppError } from '../shared/app-error.ts';

export type AttemptStatus = 'authorised' | 'in_progress' | 'paused' | 'submitted' | 'expired' | 'terminated';
export type AttemptAction = 'start' | 'pause' | 'resume' | 'submit' | 'expire' | 'terminate';

/** Finished attempts never change again. */
export const finishedStatuses: readonly AttemptStatus[] = ['submitted', 'expired', 'terminated'];
export const isFinished = (s: AttemptStatus) => finishedStatuses.includes(s);

const transitions: Record<AttemptAction, Partial<Record<AttemptStatus, AttemptStatus>>> = {
  start: { authorised: 'in_progress' },
  pause: { in_progress: 'paused' },
  resume: { paused: 'in_progress' },
  // A paused attempt can be submitted (the candidate's answers are in) and can run out only while running.
  submit: { in_progress: 'submitted', paused: 'submitted' },
  expire: { in_progress: 'expired' },
  terminate: { authorised: 'terminated', in_progress: 'terminated', paused: 'terminated' },
};

/** The status after `action`, or null when the action does not apply in `from`. */
export function nextStatus(from: AttemptStatus, action: AttemptAction): AttemptStatus | null {
  return transitions[action][from] ?? null;
}

/** Like nextStatus, but refuses in words: finished attempts are final. */
export function transition(from: AttemptStatus, action: AttemptAction): AttemptStatus {
  const to = nextStatus(from, action);
  if (to) return to;
  if (isFinished(from)) throw new AppError('AttemptFinished', `This exam is already ${from === 'in_progress' ? 'running' : from.replace('_', ' ')}; nothing more can change.`);
  throw new AppError('Conflict', `An exam that is ${from.replace('_', ' ')} cannot ${action}.`);
}
