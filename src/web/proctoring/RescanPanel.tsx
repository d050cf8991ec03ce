import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { AttemptClock } from '../../contracts/delivery.ts';
import type { AttemptProctoring } from '../../contracts/proctoring.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { Alert } from '../ui/Alert.tsx';
import type { SessionRecorder } from './session-recorder.ts';

type Phase = 'ready' | 'recording' | 'saving';

/** How often, and how many times, to ask again while the last parts of the re-scan are still arriving. */
const settleRetryMs = 2_000;
const settleRetries = 10;

/**
 * The room re-scan a proctor asked for, in place of the paused exam: the proctor's reason, what to show, the camera's
 * picture, and a recording of at least the policy's length. The exam continues once the server has the whole scan.
 */
export function RescanPanel({ attemptId, rescan, stream, newRecorder, onDone }: {
  attemptId: string;
  rescan: NonNullable<AttemptProctoring['rescan']>;
  stream: MediaStream | null;
  newRecorder: () => SessionRecorder | null;
  onDone: (clock: AttemptClock) => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const recorder = useRef<SessionRecorder | null>(null);
  const [phase, setPhase] = useState<Phase>('ready');
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (video.current && video.current.srcObject !== stream) video.current.srcObject = stream;
  }, [stream]);
  useEffect(() => {
    if (phase !== 'recording') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [phase]);
  // Leaving the panel (the proctor resumed the exam) stops a recording in progress.
  useEffect(() => () => void recorder.current?.stop(), []);

  const elapsed = startedAt === null ? 0 : Math.floor((now - startedAt) / 1000);
  const longEnough = elapsed >= rescan.minSeconds;

  async function start() {
    setProblem(null);
    const r = newRecorder();
    if (!r) {
      setProblem('Your camera is not on. Turn it on first (check that it is plugged in and that this page may use it).');
      return;
    }
    try {
      await r.start();
      recorder.current = r;
      setStartedAt(Date.now());
      setNow(Date.now());
      setPhase('recording');
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  async function finish() {
    const r = recorder.current;
    if (!r?.id) return;
    setPhase('saving');
    await r.stop(30_000);
    for (let attempt = 0; ; attempt++) {
      try {
        onDone(await api(`/attempts/${attemptId}/rescan/complete`, { method: 'POST', body: { recordingId: r.id }, schema: AttemptClock }));
        return;
      } catch (error) {
        // The last parts may still be on their way: ask again for a while.
        const arriving = error instanceof ApiError && error.status === 409 && /on their way/.test(error.message);
        if (arriving && attempt < settleRetries) {
          await new Promise((resolve) => setTimeout(resolve, settleRetryMs));
          continue;
        }
        setProblem(messageOf(error));
        setPhase('ready');
        setStartedAt(null);
        recorder.current = null;
        return;
      }
    }
  }

  const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return (
    <div className="rescan">
      <p><strong>Your proctor asked you to show your room again.</strong> The clock is stopped until you have.</p>
      <p className="rescan-reason">Your proctor’s reason: {rescan.reason}</p>
      <ol className="room-scan-instructions">
        <li>Press “Start the re-scan”.</li>
        <li>Slowly turn your webcam (or your laptop) all the way around the room, so every wall can be seen.</li>
        <li>Then show your desk and the floor around your chair, and face the camera again.</li>
        <li>Keep going for at least {rescan.minSeconds} seconds, then press “I have shown the room”.</li>
      </ol>
      <p className="muted">The re-scan is recorded with the rest of your session; your proctor also watches it live.</p>
      <div className="room-scan-camera">
        <video ref={video} className="desktop-camera-preview" autoPlay muted playsInline aria-label="Your camera, for the re-scan" />
        {phase === 'recording' ? <p className="room-scan-recording"><span className="room-scan-dot" aria-hidden="true" /> Recording</p> : null}
      </div>
      {phase !== 'ready' ? (
        <div className="room-scan-status">
          <p id="rescan-progress-label" className="room-scan-elapsed">Recorded {mmss(elapsed)} of at least {mmss(rescan.minSeconds)}{longEnough ? ' — long enough' : ''}</p>
          <progress className="room-scan-progress" max={rescan.minSeconds} value={Math.min(elapsed, rescan.minSeconds)} aria-labelledby="rescan-progress-label" />
        </div>
      ) : null}
      {problem ? <Alert tone="error" title="The re-scan is not done yet."><p>{problem}</p></Alert> : null}
      <div className="actions">
        {phase === 'ready' ? <Button className="button button-primary" isDisabled={!stream} onPress={() => void start()}>Start the re-scan</Button> : null}
        {phase === 'recording' ? (
          <Button className="button button-primary" isDisabled={!longEnough} aria-describedby="rescan-progress-label" onPress={() => void finish()}>I have shown the room</Button>
        ) : null}
        {phase === 'saving' ? <p className="muted" role="status">Saving your re-scan…</p> : null}
      </div>
    </div>
  );
}
