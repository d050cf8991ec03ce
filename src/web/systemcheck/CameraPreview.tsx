import { useEffect, useRef } from 'react';

/** The camera's live picture while the test uses it (muted, never recorded or sent anywhere). */
export function CameraPreview({ stream }: { stream: MediaStream }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    void element.play().catch(() => undefined);
    return () => { element.srcObject = null; };
  }, [stream]);
  return (
    <figure className="camera-preview">
      <video ref={video} muted playsInline autoPlay aria-describedby="camera-preview-caption" />
      <figcaption id="camera-preview-caption">Live preview of your camera. Nothing is recorded.</figcaption>
    </figure>
  );
}
