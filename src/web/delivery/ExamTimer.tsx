import { useEffect, useRef, useState } from 'react';
import { clockText } from './runner-state.ts';
import { timeLeftAt, type ClockSnapshot } from './use-exam-clock.ts';

const warnings = [15, 5] as const;

function warnedKey(attemptId: string) {
  return `invigil.timeWarnings.${attemptId}`;
}

function readWarned(attemptId: string): number[] {
  try {
    return JSON.parse(sessionStorage.getItem(warnedKey(attemptId)) ?? '[]') as number[];
  } catch {
    return [];
  }
}

/** Time left, from the server's figure (re-synced on every save) counted down here for display only. Screen readers
 * hear the 15- and 5-minute warnings once each (assertively), never the seconds. Reports when the time is up here,
 * so the runner can stop answering and ask the server. */
export function ExamTimer({ clock, attemptId, onTimeUp }: { clock: ClockSnapshot; attemptId: string; onTimeUp: (up: boolean) => void }) {
  const [now, setNow] = useState(() => performance.now());
  const [message, setMessage] = useState('');
  const warned = useRef<number[]>(readWarned(attemptId));
  const timeUp = useRef(onTimeUp);
  useEffect(() => {
    timeUp.current = onTimeUp;
  });

  useEffect(() => {
    const timer = window.setInterval(() => setNow(performance.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const left = timeLeftAt(clock, now);
  const minutes = left / 60_000;
  const up = left <= 0 && clock.status === 'in_progress';

  useEffect(() => {
    timeUp.current(up);
  }, [up]);

  useEffect(() => {
    // Staff added time (or this computer's countdown ran ahead of the server): a warning may be due again later.
    if (warned.current.some((threshold) => minutes > threshold + 1)) warned.current = warned.current.filter((threshold) => minutes <= threshold + 1);
    // The lowest threshold crossed counts; a reload with 4 minutes left says "less than 5", not "15" then "5".
    const crossed = warnings.filter((threshold) => minutes <= threshold && !warned.current.includes(threshold));
    if (crossed.length === 0 || left <= 0) return;
    const threshold = Math.min(...crossed);
    warned.current = [...warned.current, ...warnings.filter((t) => t >= threshold)];
    try {
      sessionStorage.setItem(warnedKey(attemptId), JSON.stringify(warned.current));
    } catch {
      // Without storage a reload may warn again; that is harmless.
    }
    setMessage(minutes > threshold - 1 ? `${threshold} minutes left.` : `Less than ${threshold} minutes left.`);
  }, [minutes, left, attemptId]);

  const level = minutes <= 5 ? 'urgent' : minutes <= 15 ? 'warning' : 'normal';
  return (
    <div className={`exam-timer exam-timer-${level}`}>
      <span className="exam-timer-label">Time left</span>{' '}
      <span className="exam-timer-time" role="timer">{clockText(left)}</span>
      <span className="visually-hidden"> ({left >= 3_600_000 ? 'hours, minutes and seconds' : 'minutes and seconds'})</span>
      {clock.status === 'paused' ? <span className="exam-timer-note"> Clock stopped</span> : null}
      {clock.status === 'in_progress' && level !== 'normal' ? (
        <span className="exam-timer-note"> Under {level === 'urgent' ? 5 : 15} minutes</span>
      ) : null}
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">{message}</p>
    </div>
  );
}
