import { useEffect, useState } from 'react';

export interface ScanCamera {
  stream: MediaStream | null;
  /** Why there is no camera, in words the candidate can act on. */
  error: { title: string; fix: string } | null;
  /** Asks for the camera again (after the candidate allowed it in the browser). */
  retry: () => void;
}

function problemOf(failure: unknown): ScanCamera['error'] {
  const name = failure instanceof DOMException ? failure.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return {
      title: 'The browser was not allowed to use your camera.',
      fix: 'Click the camera icon in the address bar (or open the site settings), choose "Allow" for the camera, then press "Try the camera again". If another app is using the camera, close it first.',
    };
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return { title: 'The camera is busy.', fix: 'Close other apps or tabs that use the camera (video calls, the camera app), then press "Try the camera again".' };
  }
  return { title: 'No camera was found on this computer.', fix: 'Connect a webcam, then press "Try the camera again". The room scan needs a camera you can turn around the room.' };
}

/** The webcam (640×480) with the microphone when there is one, for the room scan; stopped when the step closes. */
export function useScanCamera(): ScanCamera {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<ScanCamera['error']>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    let opened: MediaStream | undefined;
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setError({ title: 'This browser cannot use a camera here.', fix: 'Use a recent Chrome, Edge, Firefox or Safari on this computer.' });
      return;
    }
    const video = { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' };
    // The microphone is welcome but not required: without one (or without permission for it), record video only;
    // a refusal of the camera itself then comes from the second request.
    navigator.mediaDevices.getUserMedia({ video, audio: true })
      .catch(() => navigator.mediaDevices.getUserMedia({ video, audio: false }))
      .then(
        (s) => {
          if (stopped) { s.getTracks().forEach((t) => t.stop()); return; }
          opened = s;
          setStream(s);
        },
        (failure: unknown) => { if (!stopped) setError(problemOf(failure)); },
      );
    return () => {
      stopped = true;
      opened?.getTracks().forEach((t) => t.stop());
      setStream(null);
    };
  }, [attempt]);

  return { stream, error, retry: () => setAttempt((a) => a + 1) };
}
