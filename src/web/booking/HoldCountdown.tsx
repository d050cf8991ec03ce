import { useEffect, useRef, useState } from 'react';

/** mm:ss of a number of seconds, e.g. 299 → "04:59". */
export function minutesAndSeconds(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** What screen readers are told, only when a threshold is crossed (never each second). */
function announcementFor(left: number): string {
  if (left <= 0) return 'Your hold has ended and the seat was released.';
  if (left <= 60) return 'One minute left to confirm your booking.';
  if (left <= 300) return 'Five minutes left to confirm your booking.';
  return '';
}

/** The time left on a seat hold, counted down each second from the server's `secondsLeft` (so a wrong clock on
 * this computer does not matter); calls `onExpire` once at zero. */
export function HoldCountdown({ secondsLeft, onExpire }: { secondsLeft: number; onExpire: () => void }) {
  const [deadline] = useState(() => Date.now() + secondsLeft * 1000);
  const [left, setLeft] = useState(secondsLeft);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  useEffect(() => {
    const tick = () => {
      const next = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      setLeft(next);
      if (next === 0) {
        window.clearInterval(timer);
        expire.current();
      }
    };
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [deadline]);

  const urgent = left <= 60;
  return (
    <div className={`countdown ${urgent ? 'countdown-urgent' : ''}`}>
      <p className="countdown-text">
        We hold this seat for you for{' '}
        <span className="countdown-time" role="timer">{minutesAndSeconds(left)}</span>
        <span className="visually-hidden"> (minutes and seconds)</span>
        {urgent ? <strong className="countdown-warning"> Less than a minute left.</strong> : null}
      </p>
      <p className="visually-hidden" role="status">{announcementFor(left)}</p>
    </div>
  );
}
