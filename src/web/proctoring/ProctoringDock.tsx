import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { ChatPanel } from './ChatPanel.tsx';
import type { CandidateProctoring } from './use-candidate-proctoring.ts';

/** A video element showing `stream` (muted: the candidate's own picture, or a tile whose sound is off). */
export function StreamVideo({ stream, label, muted = true, className }: { stream: MediaStream | null; label: string; muted?: boolean; className?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = stream;
    // Never wait on play(): it resolves only with the first frame.
    if (stream) el.play().catch(() => undefined);
  }, [stream]);
  return <video ref={ref} className={className} aria-label={label} muted={muted} playsInline autoPlay />;
}

/**
 * The strip under the exam bar in a proctored exam: who proctors now (first name, announced when it changes), the
 * candidate's own camera, the video link, and the chat with its unread count. What it says is what happens: with no
 * proctor yet it says the clock stops after a minute without one.
 */
export function ProctoringDock({ p }: { p: CandidateProctoring }) {
  const [chatOpen, setChatOpen] = useState(false);
  const proctor = p.info?.proctor ?? null;
  const unread = p.chat.unread;
  const incoming = p.chat.newest;

  // A proctor's message opens the chat, so it is never missed.
  useEffect(() => {
    if (incoming) setChatOpen(true);
  }, [incoming]);

  return (
    <div className="proctoring-dock">
      <p className="proctor-status" role="status">
        {proctor
          ? <>Proctor: <strong>{proctor.firstName}</strong> is watching your exam.</>
          : <>Connecting you to a proctor… If none is free within a minute, your clock stops until one joins.</>}
      </p>
      <div className="dock-camera">
        <StreamVideo stream={p.stream} label="Your camera, as the proctor sees it" className="self-view" />
        <span className="dock-camera-state">
          {p.camera === 'on'
            ? p.link === 'connected' ? 'Camera on · sent to your proctor' : p.snapshotMode ? 'No live video link: a photo goes to your proctor every 10 seconds' : 'Camera on'
            : p.camera === 'starting' ? 'Starting your camera…' : null}
          {p.recording.recording ? <span className="dock-recording"> · <span className="room-scan-dot" aria-hidden="true" /> Recorded{p.recording.waiting > 2 ? ` (${p.recording.waiting} parts waiting to be sent; they are kept on this computer)` : ''}</span> : null}
        </span>
      </div>
      {p.camera === 'lost' || p.camera === 'denied' ? (
        <div className="dock-camera-problem" role="alert">
          <p><strong>{p.camera === 'lost' ? 'Your camera stopped.' : 'Your camera is not available.'}</strong> The proctor has been told. Check that it is plugged in and that this page may use it, then:</p>
          <Button className="button button-small" onPress={p.retryCamera}>Turn the camera on again</Button>
        </div>
      ) : null}
      <Button className="button button-small" onPress={() => setChatOpen((o) => !o)} aria-expanded={chatOpen}>
        Chat with the proctor{unread > 0 && !chatOpen ? ` (${unread} new)` : ''}
      </Button>
      {chatOpen ? (
        <div className="dock-chat">
          <ChatPanel chat={p.chat} mine="candidate" title={proctor ? `Chat with ${proctor.firstName}` : 'Chat with the proctor'} onClose={() => setChatOpen(false)} />
        </div>
      ) : null}
    </div>
  );
}

/** The live webcam when the video link works; otherwise the newest snapshot (snapshot mode), marked as such. */
export function WebcamView({ attemptId, name, stream, connected, snapshotAt, muted = true, className }: {
  attemptId: string;
  name: string;
  stream: MediaStream | null;
  connected: boolean;
  snapshotAt: string | null;
  muted?: boolean;
  className: string;
}) {
  if (!connected && snapshotAt) {
    const at = new Date(snapshotAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return (
      <figure className="snapshot-view">
        <img className={className} src={`/api/v1/proctor/live/sessions/${attemptId}/snapshot?at=${encodeURIComponent(snapshotAt)}`} alt={`Webcam snapshot of ${name} at ${at}`} />
        <figcaption className="snapshot-note">Snapshots every 10 s (no live video) · {at}</figcaption>
      </figure>
    );
  }
  return <StreamVideo stream={stream} label={`Webcam of ${name}`} muted={muted} className={className} />;
}
