import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { CheckInResponse, type CheckIn } from '../../contracts/checkin.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { stepNumber } from './CheckInProgress.tsx';
import { ScanUploader, type UploadProgress } from './scan-upload.ts';
import { StepHeading } from './StepHeading.tsx';
import { useScanCamera } from './use-scan-camera.ts';

/** Chunks of about two seconds: a lost connection costs little, and the server stores each as it arrives. */
const timesliceMs = 2_000;
const mimeTypes = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp8', 'video/webm'];
/** How often completion is tried again after the server named missing chunks (each time they are sent again). */
const completeTries = 4;

type Phase = 'ready' | 'recording' | 'finishing';

/** "0:07", "1:30". */
function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function missingOf(error: unknown): number[] | null {
  if (!(error instanceof ApiError) || error.code !== 'Conflict') return null;
  const missing = (error.details as { missing?: unknown } | undefined)?.missing;
  return Array.isArray(missing) && missing.every((n) => Number.isInteger(n)) ? (missing as number[]) : null;
}

function stopped(recorder: MediaRecorder): Promise<void> {
  if (recorder.state === 'inactive') return Promise.resolve();
  return new Promise((resolve) => {
    recorder.addEventListener('stop', () => resolve(), { once: true });
    recorder.stop();
  });
}

/**
 * The step after the greeter's approval: a webcam recording of the whole room, uploaded in chunks while it records.
 * "Finish scan" is offered once the policy's minimum length is reached; completing it lets the exam start.
 */
export function RoomScanStep({ checkIn, onChange, focus, announce }: { checkIn: CheckIn; onChange: (next: CheckIn) => void; focus: boolean; announce: (message: string) => void }) {
  const camera = useScanCamera();
  const video = useRef<HTMLVideoElement>(null);
  const start = useSubmit();
  const finish = useSubmit();
  const [phase, setPhase] = useState<Phase>('ready');
  const [elapsed, setElapsed] = useState(0);
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const [recorderError, setRecorderError] = useState<string>();
  const recording = useRef<{ recorder: MediaRecorder; uploader: ScanUploader; take: number; chunks: number } | null>(null);
  const minSeconds = checkIn.roomScan.minSeconds;
  // A take left unfinished (the page was reloaded or closed while recording): it cannot be continued.
  const [interrupted] = useState(checkIn.status === 'room_scan');

  useEffect(() => {
    if (video.current) video.current.srcObject = camera.stream;
  }, [camera.stream]);

  // Leaving the step (or the page) stops the recorder and its uploads.
  useEffect(() => () => {
    const r = recording.current;
    if (r?.recorder.state !== 'inactive') r?.recorder.stop();
    r?.uploader.stop();
  }, []);

  // The elapsed time, measured here from the server's answer to "start" (so never ahead of the server's clock).
  useEffect(() => {
    if (phase !== 'recording') return;
    const began = performance.now();
    let half = false;
    let enough = false;
    const timer = setInterval(() => {
      const seconds = (performance.now() - began) / 1000;
      setElapsed(seconds);
      if (!half && seconds >= minSeconds / 2) {
        half = true;
        announce(`Half-way: ${Math.floor(seconds)} of at least ${minSeconds} seconds recorded. Keep turning slowly.`);
      }
      if (!enough && seconds >= minSeconds) {
        enough = true;
        announce('The room scan is long enough. Show your desk and the floor, then press "Finish scan".');
      }
    }, 250);
    return () => clearInterval(timer);
  }, [phase, minSeconds, announce]);

  async function startRecording() {
    const stream = camera.stream;
    if (!stream) return;
    if (typeof MediaRecorder === 'undefined') {
      setRecorderError('This browser cannot record video. Use a recent Chrome, Edge or Firefox for your exam.');
      return;
    }
    recording.current?.uploader.stop();
    const result = await start.run(() => api(`/checkins/${checkIn.id}/room-scan`, { method: 'POST', schema: CheckInResponse }));
    if (!result.ok) return;
    const next = result.value.checkIn;
    const take = next.roomScan.take;
    const mimeType = mimeTypes.find((t) => MediaRecorder.isTypeSupported(t));
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, mimeType ? { mimeType, videoBitsPerSecond: 500_000 } : undefined);
    } catch {
      setRecorderError('This browser cannot record the camera. Use a recent Chrome, Edge or Firefox for your exam.');
      return;
    }
    const uploader = new ScanUploader(checkIn.id, take, setUpload);
    const current = { recorder, uploader, take, chunks: 0 };
    recorder.addEventListener('dataavailable', (event: BlobEvent) => {
      if (event.data.size > 0) uploader.add(current.chunks++, event.data);
    });
    recorder.start(timesliceMs);
    recording.current = current;
    setRecorderError(undefined);
    setElapsed(0);
    setUpload({ uploaded: 0, waiting: 0, retrying: false, error: null });
    setPhase('recording');
    announce('Recording. Turn your camera slowly around the whole room.');
    onChange(next);
  }

  async function finishScan() {
    const current = recording.current;
    if (!current) return;
    setPhase('finishing');
    const result = await finish.run(async () => {
      await stopped(current.recorder);
      for (let tries = 1; ; tries += 1) {
        await current.uploader.drain();
        try {
          return await api(`/checkins/${checkIn.id}/room-scan/${current.take}/complete`, { method: 'POST', body: { chunks: current.chunks }, schema: CheckInResponse });
        } catch (failure) {
          const missing = missingOf(failure);
          if (!missing || tries >= completeTries) throw failure;
          current.uploader.resend(missing);
        }
      }
    });
    if (result.ok) onChange(result.value.checkIn);
  }

  function tryAgain() {
    recording.current?.uploader.retry();
    void finishScan();
  }

  const progressLabel = `Recorded ${clock(elapsed)} of at least ${clock(minSeconds)}`;
  const longEnough = elapsed >= minSeconds;
  const uploadError = upload?.error ?? null;

  return (
    <section className="card checkin-step room-scan" aria-labelledby="scan-heading">
      <StepHeading id="scan-heading" focus={focus}>{stepNumber(checkIn, 'scan')}: Room scan</StepHeading>
      {phase === 'ready' ? <Alert tone="success" title="A greeter approved your photos." /> : null}
      {interrupted && phase === 'ready' ? (
        <Alert tone="warning" title="Your last room scan was not finished.">
          <p>A recording cannot continue after the page was closed or reloaded. Record the scan again from the start.</p>
        </Alert>
      ) : null}
      <p>One last step before your exam: a video of your room, recorded with your webcam.</p>
      <ol className="room-scan-instructions">
        <li>Press "Start recording".</li>
        <li>Slowly turn your webcam (or your laptop) all the way around the room, so every wall can be seen.</li>
        <li>Then point the camera at your desk, and at the floor around your chair.</li>
        <li>Keep recording for at least {minSeconds} seconds, then press "Finish scan".</li>
      </ol>

      {camera.error ? (
        <Alert tone="error" title={camera.error.title}>
          <p>{camera.error.fix}</p>
          <Button className="button" onPress={camera.retry}>Try the camera again</Button>
        </Alert>
      ) : (
        <div className="room-scan-camera">
          <video ref={video} className="desktop-camera-preview" autoPlay muted playsInline aria-label="Camera preview for the room scan" />
          {phase === 'recording' ? (
            <p className="room-scan-recording"><span className="room-scan-dot" aria-hidden="true" /> Recording</p>
          ) : null}
        </div>
      )}

      {phase !== 'ready' ? (
        <div className="room-scan-status">
          <p id="scan-progress-label" className="room-scan-elapsed">{progressLabel}{longEnough ? ' — long enough' : ''}</p>
          <progress className="room-scan-progress" max={minSeconds} value={Math.min(elapsed, minSeconds)} aria-labelledby="scan-progress-label" />
          {upload ? (
            <p className="muted">
              Uploaded {upload.uploaded} {upload.uploaded === 1 ? 'part' : 'parts'}
              {upload.retrying ? '; the connection is slow, sending again…' : upload.waiting > 0 && phase === 'finishing' ? `; sending the last ${upload.waiting}…` : '.'}
            </p>
          ) : null}
        </div>
      ) : null}

      {recorderError ? <Alert tone="error" title="The room scan cannot be recorded."><p>{recorderError}</p></Alert> : null}
      {start.error ? <Alert tone="error" title="The recording did not start."><p>{messageOf(start.error)}</p></Alert> : null}
      {uploadError && phase === 'recording' ? (
        <Alert tone="error" title="Parts of the recording are not being saved."><p>{messageOf(uploadError)}</p></Alert>
      ) : null}
      {finish.error && phase === 'finishing' ? (
        <Alert tone="error" title="The room scan was not saved.">
          <p>{messageOf(finish.error)}</p>
          <p>Press "Try again" to send it again, or "Record again" to start a new recording.</p>
        </Alert>
      ) : null}

      <div className="actions">
        {phase === 'ready' && !camera.error ? (
          <Button className="button button-primary" isDisabled={!camera.stream} onPress={() => void startRecording()} data-pending={start.pending || undefined}>
            Start recording
          </Button>
        ) : null}
        {phase === 'recording' ? (
          <Button className="button button-primary" isDisabled={!longEnough} aria-describedby="scan-progress-label" onPress={() => void finishScan()}>
            Finish scan
          </Button>
        ) : null}
        {phase === 'finishing' && finish.error ? (
          <>
            <Button className="button button-primary" onPress={tryAgain}>Try again</Button>
            <Button className="button" onPress={() => { setPhase('ready'); void startRecording(); }}>Record again</Button>
          </>
        ) : null}
        {phase === 'finishing' && !finish.error ? <p className="muted" role="status">Saving your room scan…</p> : null}
      </div>
    </section>
  );
}
