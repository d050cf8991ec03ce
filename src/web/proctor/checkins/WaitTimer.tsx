import { formatWait, waitTargetMs } from './greeter-text.ts';

/** How long a check-in has waited, `mm:ss`, with "over target" in words past the service-level target. */
export function WaitTimer({ waitingMs }: { waitingMs: number }) {
  const over = waitingMs > waitTargetMs;
  return (
    <span className={over ? 'wait-timer wait-over' : 'wait-timer'}>
      <span className="wait-time">{formatWait(waitingMs)}</span>
      {over ? <span className="wait-flag"> over target</span> : null}
    </span>
  );
}
