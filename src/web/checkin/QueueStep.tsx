import type { CheckIn } from '../../contracts/checkin.ts';
import { ordinal, waitRange } from './checkin-text.ts';
import { stepNumber } from './CheckInProgress.tsx';
import { StepHeading } from './StepHeading.tsx';

/** Step 3 after sending: the place in the greeter queue and the wait estimate (refreshed live when the queue moves). */
export function QueueStep({ checkIn, focus }: { checkIn: CheckIn; focus: boolean }) {
  const queue = checkIn.queue;
  return (
    <section className="card checkin-step" aria-labelledby="queue-heading">
      <StepHeading id="queue-heading" focus={focus}>{stepNumber(checkIn, 'queue')}: Waiting for a greeter</StepHeading>
      {/* Polite: the position is read out when it changes, the estimate below is not (it moves every few seconds). */}
      <p className="queue-position" role="status">
        {checkIn.status === 'in_review' ? 'A greeter is looking at your photos now.' : queue ? `You are ${ordinal(Math.max(1, queue.position))} in line.${queue.position <= 1 ? ' You are next.' : ''}` : 'You are in line.'}
      </p>
      {checkIn.status !== 'in_review' && queue ? (
        <p className="queue-wait">Expected wait: {waitRange(queue.etaLowMs, queue.etaHighMs)}.</p>
      ) : null}
      <h3>While you wait</h3>
      <ul>
        <li>Keep this page open and stay at your computer: you will see the greeter's answer here.</li>
        <li>Keep your ID at hand and your room as it is in the photos.</li>
        <li>If the greeter needs another photo, this page says which one and why.</li>
      </ul>
      <p className="muted">
        If nothing happens after the expected wait, ask the greeters below (“Need help?”). Your place in line is kept
        while you do.
      </p>
    </section>
  );
}
