import { Link } from 'react-router';
import { messageOf } from '../../lib/api.ts';
import { formatWait, waitTargetMs } from './greeter-text.ts';
import { useGreeterQueue, useSecondTick } from './use-greeter-queue.ts';

/** The console's check-in card: how many wait and the longest wait, leading to the greeter console. */
export function QueueSummaryCard() {
  const { queue, receivedAt, error } = useGreeterQueue();
  const now = useSecondTick();
  const longest = queue?.entries[0] ? queue.entries[0].waitingMs + Math.max(0, now - receivedAt) : null;
  return (
    <section id="checkin-queue" className="card" aria-labelledby="queue-heading" tabIndex={-1}>
      <h2 id="queue-heading">Check-in queue</h2>
      {error && !queue ? (
        <p className="field-error">{messageOf(error)}</p>
      ) : !queue ? (
        <p>Loading the queue…</p>
      ) : queue.entries.length === 0 ? (
        <p className="empty-state">Nobody is waiting to check in.</p>
      ) : (
        <p className="empty-state">
          {queue.entries.length === 1 ? '1 candidate waiting' : `${queue.entries.length} candidates waiting`}; longest wait{' '}
          {formatWait(longest!)}{longest! > waitTargetMs ? ' (over target)' : ''}.
        </p>
      )}
      <p><Link to="/proctor/checkins">Open the check-ins</Link></p>
    </section>
  );
}
