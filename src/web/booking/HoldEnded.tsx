import { useEffect, useRef } from 'react';
import { Link } from 'react-router';

/** Shown in place of checkout when the hold lapsed: says so plainly and leads back to the times. Focus moves to
 * the heading so keyboard and screen-reader users learn it at once. */
export function HoldEnded({ backTo }: { backTo: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="card hold-ended" aria-labelledby="hold-ended-heading">
      <h2 id="hold-ended-heading" ref={heading} tabIndex={-1}>Your hold ended</h2>
      <p className="empty-state">Your hold ended and the seat was released. Pick a time again.</p>
      <p>Nothing was booked and nothing was charged.</p>
      <p><Link className="button button-primary" to={backTo}>Pick a time again</Link></p>
    </section>
  );
}
