import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';

export type CoverReason = 'fullscreen' | 'proctor' | 'disconnect' | 'warning' | 'no_proctor' | 'break' | 'break_return' | 'camera' | 'screen' | 'rescan' | 'time-up';

/** Covers the exam while it cannot go on: full screen left ("Return to full screen to continue", with the button
 * that does it), a proctor's pause, or the time running out while the server confirms. No item content shows. */
export function PausedPanel({ reason, serverPaused, onReturn, returning, problem, breakInfo, onBreakEnd, onCameraRetry, onShareScreen, rescan }: {
  reason: CoverReason;
  /** The room re-scan the proctor asked for (its own panel, with the camera). */
  rescan?: ReactNode;
  /** Shares the entire screen again (inside this click, as browsers require). */
  onShareScreen?: () => void;
  /** Turns the camera on again (the exam continues by itself once it is back). */
  onCameraRetry?: () => void;
  /** On a break: its allowed length and what happens beyond it. */
  breakInfo?: { maxMinutes: number; stopsClock: boolean; overrun: 'deduct' | 'proctor'; since: number | null; proctored: boolean } | null;
  onBreakEnd?: () => void;
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
        {reason === 'time-up' ? 'Time is up' : reason === 'break' ? 'You are on a break' : reason === 'break_return' ? 'Welcome back' : reason === 'rescan' ? 'Show your room again' : 'Your exam is paused'}
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
      ) : reason === 'break' ? (
        <BreakBody info={breakInfo ?? null} onEnd={onBreakEnd} problem={problem} />
      ) : reason === 'break_return' ? (
        <>
          <p><strong>Thank you.</strong> Your proctor checks your room and continues your exam here; stay in front of the camera.</p>
          <p>The clock is stopped until then.</p>
        </>
      ) : reason === 'rescan' ? (
        rescan ?? <p>Your proctor asked you to show your room again. The clock is stopped. Loading your camera…</p>
      ) : reason === 'camera' ? (
        <>
          <p><strong>Your camera is off, so your exam is paused.</strong> The clock is stopped and your proctor has been told.</p>
          <p>Check that the camera is plugged in and that this page may use it. Your exam continues by itself as soon as the camera is back.</p>
          <Button className="button button-primary" onPress={onCameraRetry}>Turn the camera on again</Button>
        </>
      ) : reason === 'screen' ? (
        <>
          <p><strong>Your screen is not shared, so your exam is paused.</strong> The clock is stopped and your proctor has been told.</p>
          <p>This exam needs your entire screen shared with the proctor. Choose the whole screen (not a window or a tab) when your browser asks.</p>
          {problem ? <p className="field-error" role="alert">{problem}</p> : null}
          <Button className="button button-primary" onPress={onShareScreen}>Share your entire screen</Button>
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

/** The break: how long it may last (counting down), what happens beyond it, and the button to come back. */
function BreakBody({ info, onEnd, problem }: { info: NonNullable<Parameters<typeof PausedPanel>[0]['breakInfo']> | null; onEnd?: (() => void) | undefined; problem: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const leftMs = info?.since != null ? info.maxMinutes * 60_000 - (now - info.since) : null;
  const mmss = (ms: number) => `${Math.floor(Math.abs(ms) / 60_000)}:${String(Math.floor((Math.abs(ms) % 60_000) / 1000)).padStart(2, '0')}`;
  return (
    <>
      {info ? (
        <p>
          {info.stopsClock ? `The exam clock is stopped for up to ${info.maxMinutes} minutes.` : 'Your exam time keeps counting during the break.'}{' '}
          {info.overrun === 'deduct' ? 'A longer break is taken from your exam time.' : 'After that, your proctor decides how you continue.'}
        </p>
      ) : null}
      {leftMs !== null ? <p className="break-left"><strong>{leftMs >= 0 ? `Break time left: ${mmss(leftMs)}` : `Over the break by ${mmss(leftMs)}`}</strong></p> : null}
      <p>You may leave the desk. The questions stay hidden until you are back.{info?.proctored ? ' When you are back, you show your room again with the webcam, and your proctor then continues your exam.' : ''}</p>
      {problem ? <p className="field-error" role="alert">{problem}</p> : null}
      <Button className="button button-primary" onPress={onEnd}>I am back</Button>
    </>
  );
}
