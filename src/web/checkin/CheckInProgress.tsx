import type { CheckIn } from '../../contracts/checkin.ts';

export type CheckInStep = 'rules' | 'photos' | 'queue' | 'scan' | 'decided';

/** Which screen a check-in in this state shows. */
export function stepOf(checkIn: CheckIn): CheckInStep {
  if (checkIn.status === 'in_progress' || checkIn.status === 'retake_requested') return checkIn.rulesAccepted ? 'photos' : 'rules';
  if (checkIn.status === 'submitted' || checkIn.status === 'in_review') return 'queue';
  if (checkIn.status === 'room_scan' || (checkIn.status === 'approved' && checkIn.roomScan.required)) return 'scan';
  return 'decided';
}

const allSteps = [
  { key: 'rules', label: 'Accept the rules' },
  { key: 'photos', label: 'Take the photos' },
  { key: 'queue', label: 'Review by a greeter' },
  { key: 'scan', label: 'Room scan' },
] as const;

/** The steps this check-in has: the room scan only when the exam's policy asks for one. */
export function stepsOf(checkIn: CheckIn) {
  return allSteps.filter((s) => s.key !== 'scan' || checkIn.roomScan.required);
}

/** "Step 2 of 4" for a step of this check-in. */
export function stepNumber(checkIn: CheckIn, step: CheckInStep): string {
  const steps = stepsOf(checkIn);
  return `Step ${steps.findIndex((s) => s.key === step) + 1} of ${steps.length}`;
}

/** The steps, the current one marked in words (not by colour alone). */
export function CheckInProgress({ checkIn, step }: { checkIn: CheckIn; step: CheckInStep }) {
  const steps = stepsOf(checkIn);
  const current = steps.findIndex((s) => s.key === step);
  return (
    <ol className="checkin-progress" aria-label="Check-in steps">
      {steps.map((s, i) => {
        const state = step === 'decided' || i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={s.key} className={`checkin-progress-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="checkin-progress-label">{s.label}</span>{' '}
            <span className="checkin-progress-state">{state === 'done' ? '(done)' : state === 'current' ? '(now)' : ''}</span>
          </li>
        );
      })}
    </ol>
  );
}
