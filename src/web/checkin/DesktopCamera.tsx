import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { messageOf } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';

/** Grabs the video's current frame as a JPEG. */
function frameOf(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('No frame.'))), 'image/jpeg', 0.9));
}

/** This computer's camera for one photo: a live preview, "Take photo" (uploads the frame) and "Cancel". */
export function DesktopCamera({ label, facing, onCapture, onCancel }: { label: string; facing: 'user' | 'environment'; onCapture: (image: Blob) => Promise<void>; onCancel: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const heading = useRef<HTMLParagraphElement>(null);
  const [ready, setReady] = useState(false);
  const [cameraError, setCameraError] = useState<string>();
  const submission = useSubmit();

  useEffect(() => {
    heading.current?.focus();
    let stream: MediaStream | undefined;
    let stopped = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setCameraError('This browser cannot use a camera here. Use your phone instead.');
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: facing, width: { ideal: 1280 } }, audio: false }).then(
      (s) => {
        if (stopped) { s.getTracks().forEach((t) => t.stop()); return; }
        stream = s;
        if (video.current) video.current.srcObject = s;
      },
      (failure: unknown) => setCameraError(failure instanceof DOMException && failure.name === 'NotAllowedError'
        ? 'The browser was not allowed to use the camera. Allow it in the address bar, or use your phone.'
        : 'No camera could be opened on this computer. Use your phone instead.'),
    );
    return () => { stopped = true; stream?.getTracks().forEach((t) => t.stop()); };
  }, [facing]);

  async function take() {
    const el = video.current;
    if (!el || !ready) return;
    await submission.run(async () => onCapture(await frameOf(el)));
  }

  return (
    <div className="desktop-camera" role="group" aria-label={`Camera: ${label}`}>
      <p ref={heading} tabIndex={-1} className="desktop-camera-title">Camera for: {label}</p>
      {cameraError ? <Alert tone="error" title="The camera is not available."><p>{cameraError}</p></Alert> : (
        <video ref={video} className="desktop-camera-preview" autoPlay muted playsInline aria-label={`Camera preview for: ${label}`} onLoadedData={() => setReady(true)} />
      )}
      {submission.error ? <Alert tone="error" title="The photo was not saved."><p>{messageOf(submission.error)}</p></Alert> : null}
      <div className="actions">
        {!cameraError ? (
          <Button className="button button-primary" isDisabled={!ready} onPress={() => void take()} data-pending={submission.pending || undefined}>
            {submission.pending ? 'Saving photo…' : 'Take photo'}
          </Button>
        ) : null}
        <Button className="button" onPress={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}
