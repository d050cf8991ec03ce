import type { CheckIn } from '../../contracts/checkin.ts';

export type CheckInStep = 'rules' | 'photos' | 'queue' | 'decided';

/** Which screen a check-in in this state shows. */
export function stepOf(checkIn: CheckIn): CheckInStep {
  if (checkIn.status === 'in_progress' || checkIn.status === 'retake_requested') return checkIn.rulesAccepted ? 'photos' : 'rules';
  if (checkIn.status === 'submitted' || checkIn.status === 'in_review') return 'queue';
  return 'decided';
}

const steps = [
  { key: 'rules', label: 'Accept the rules' },
  { key: 'photos', label: 'Take the photos' },
  { key: 'queue', label: 'Review by a greeter' },
] as const;

/** The three steps, the current one marked in words (not by colour alone). */
export function CheckInProgress({ step }: { step: CheckInStep }) {
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
