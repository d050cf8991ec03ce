import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordingKind } from '../../contracts/proctoring.ts';
import { RecordingChunkStore, SessionRecorder, sendLeftovers, type RecordingSettings } from './session-recorder.ts';
import { onScreenShareChange, sharedScreen } from './screen-share.ts';

export interface SessionRecording {
  /** The webcam is being recorded now. */
  recording: boolean;
  /** Parts recorded here and not yet on the server (a slow or lost connection). */
  waiting: number;
  /** Stops every recording and sends what is left (bounded: at most a few seconds), before the exam is submitted. */
  finish: () => Promise<void>;
  /** A recorder for a room re-scan of the webcam (the caller starts and stops it), or null when none can be made. */
  roomScan: () => SessionRecorder | null;
}

/** A recorder that failed to start (the network) tries again after this long. */
const restartMs = 5_000;
/** Frames a second of the screen recording. */
const screenFps = 5;

/**
 * Records the proctored session while the exam page is open: the webcam with its microphone (a new recording for a new
 * camera stream: a reload, a camera that came back) and the shared screen when there is one. `settings` null: the exam
 * is not recorded. Parts an earlier page left on this computer are sent first.
 */
export function useSessionRecording(attemptId: string, settings: RecordingSettings | null, camera: MediaStream | null): SessionRecording {
  const [store, setStore] = useState<RecordingChunkStore | null>(null);
  const live = useRef(new Map<RecordingKind, SessionRecorder>());
  const [waiting, setWaiting] = useState(0);
  const [screen, setScreen] = useState<MediaStream | null>(() => sharedScreen());
  const settingsKey = settings ? JSON.stringify(settings) : null;

  useEffect(() => onScreenShareChange(() => setScreen(sharedScreen())), []);

  useEffect(() => {
    if (settingsKey === null) return;
    let closed = false;
    const opened = RecordingChunkStore.open(attemptId);
    void opened.then((s) => {
      if (closed) return;
      setStore(s);
      void sendLeftovers(attemptId, s);
    });
    return () => {
      closed = true;
      setStore(null);
      void opened.then((s) => s.close());
    };
  }, [attemptId, settingsKey]);

  const ctx = { attemptId, settingsKey: settings?.session ? settingsKey : null, store, live: live.current };
  const recording = useRecordingOf('camera', camera, ctx, setWaiting);
  useRecordingOf('screen', screen, ctx);

  const finish = useCallback(async () => {
    const recorders = [...live.current.values()];
    live.current.clear();
    await Promise.all(recorders.map((r) => r.stop(5_000)));
  }, []);

  const roomScan = useCallback(
    (): SessionRecorder | null => (settings && camera && store ? new SessionRecorder(attemptId, 'room_scan', camera, settings, store) : null),
    [attemptId, settings, camera, store],
  );

  return { recording, waiting, finish, roomScan };
}

/** Keeps one recording of `kind` running on `stream` while it lasts (a new stream: a new recording). */
function useRecordingOf(
  kind: 'camera' | 'screen',
  stream: MediaStream | null,
  ctx: { attemptId: string; settingsKey: string | null; store: RecordingChunkStore | null; live: Map<RecordingKind, SessionRecorder> },
  onWaiting?: (n: number) => void,
): boolean {
  const [recording, setRecording] = useState(false);
  const { attemptId, settingsKey, store, live } = ctx;
  const waitingRef = useRef(onWaiting);
  waitingRef.current = onWaiting;
  useEffect(() => {
    if (settingsKey === null || !stream || !store) return;
    const settings = JSON.parse(settingsKey) as RecordingSettings;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: SessionRecorder | null = null;
    // The screen is recorded from a copy of its track at a few frames a second: a screen changes little, and encoding it
    // at full rate twice (the live video to the proctor, and this) would cost the candidate's computer too much.
    const copy = kind === 'screen' ? stream.getVideoTracks()[0]?.clone() ?? null : null;
    if (copy) void copy.applyConstraints({ frameRate: { max: screenFps } }).catch(() => undefined);
    const source = copy ? new MediaStream([copy]) : stream;
    const begin = async () => {
      const recorder = new SessionRecorder(attemptId, kind, source, settings, store, (p) => waitingRef.current?.(p.waiting));
      current = recorder;
      try {
        await recorder.start();
        if (cancelled) return void recorder.stop();
        live.set(kind, recorder);
        setRecording(true);
      } catch (error) {
        console.warn(`The ${kind} recording could not start; trying again.`, error);
        if (!cancelled) timer = setTimeout(() => void begin(), restartMs);
      }
    };
    void begin();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (current && live.get(kind) === current) live.delete(kind);
      setRecording(false);
      void (current?.stop() ?? Promise.resolve()).finally(() => copy?.stop());
    };
  }, [attemptId, kind, settingsKey, store, stream, live]);
  return recording;
}
