import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';

export type CoverReason = 'fullscreen' | 'proctor' | 'disconnect' | 'warning' | 'no_proctor' | 'time-up';

/** Covers the exam while it cannot go on: full screen left ("Return to full screen to continue", with the button
 * that does it), a proctor's pause, or the time running out while the server confirms. No item content shows. */
export function PausedPanel({ reason, serverPaused, onReturn, returning, problem }: {
  reason: CoverReason;
  /** The server has stopped the clock (the pause is confirmed, not only noticed here). */
  serverPaused: boolean;
  onReturn: () => void;
  returning: boolean;
  problem: string | null;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    document.title = `${reason === 'time-up' ? 'Time is up' : 'Paused'} · Invigil`;
  }, [reason]);

  return (
    <section className="paused-panel" aria-labelledby="paused-heading">
      <h1 id="paused-heading" ref={heading} tabIndex={-1}>
        {reason === 'time-up' ? 'Time is up' : 'Your exam is paused'}
      </h1>
      {reason === 'fullscreen' ? (
        <>
          <p>You left full screen, so the exam is hidden{serverPaused ? ' and the clock is stopped' : ''}. This was recorded.</p>
          <p><strong>Return to full screen to continue.</strong></p>
          {problem ? <p className="field-error" role="alert">{problem}</p> : null}
          <Button className="button button-primary" onPress={onReturn} data-pending={returning || undefined}>
            Return to full screen
          </Button>
        </>
      ) : reason === 'disconnect' ? (
        <>
          <p><strong>Your connection was lost for longer than this exam allows.</strong> The clock is stopped.</p>
          <p>Your saved answers are safe. Stay on this page: a proctor will decide how you continue.</p>
        </>
      ) : reason === 'warning' ? (
        <>
          <p><strong>Your proctor sent you a warning.</strong> The clock is stopped.</p>
          <p>Read it and choose “I understand, continue the exam” to go on.</p>
        </>
      ) : reason === 'no_proctor' ? (
        <>
          <p><strong>No proctor is free to watch your exam right now.</strong> The clock is stopped, so you lose no time.</p>
          <p>Stay on this page: your exam continues by itself as soon as a proctor joins. Exam staff have been alerted.</p>
        </>
      ) : reason === 'proctor' ? (
        <>
          <p><strong>A proctor paused your exam.</strong> The clock is stopped.</p>
          <p>Stay on this page. Your exam continues here as soon as the proctor resumes it.</p>
        </>
      ) : (
        <p>Your answers are being submitted. Stay on this page: your result follows in a moment.</p>
      )}
    </section>
  );
}
