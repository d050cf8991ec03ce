import type { AttemptStatus } from '../../contracts/delivery.ts';

export { isFinished } from '../../core/delivery/attempt-state.ts';

export const attemptStatusLabels: Record<AttemptStatus, string> = {
  authorised: 'Ready to start',
  in_progress: 'In progress',
  paused: 'Paused',
  submitted: 'Submitted',
  expired: 'Time ran out',
  terminated: 'Ended by staff',
};

/** The server's `pausedReason` when the candidate left full screen: the only pause they can lift themselves. */
export const fullscreenPauseReason = 'fullscreen';
