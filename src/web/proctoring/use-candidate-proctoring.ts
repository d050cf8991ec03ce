import { useCallback, useEffect, useRef, useState } from 'react';
import { AttemptProctoring } from '../../contracts/proctoring.ts';
import { api } from '../lib/api.ts';
import { liveClient } from '../lib/live.ts';
import { CandidateMedia, type CameraState } from './candidate-media.ts';
import { onScreenShareChange, sharedScreen } from './screen-share.ts';
import { useChat, type Chat } from './use-chat.ts';
import { useSessionRecording, type SessionRecording } from './use-session-recording.ts';

export interface CandidateProctoring {
  info: AttemptProctoring | null;
  camera: CameraState;
  stream: MediaStream | null;
  link: RTCPeerConnectionState | 'none';
  /** No live video path: a photo goes to the proctor every 10 s instead. */
  snapshotMode: boolean;
  chat: Chat;
  /** The session recording (webcam, shared screen) and room re-scans. */
  recording: SessionRecording;
  retryCamera: () => void;
  reload: () => void;
}

/**
 * The candidate's side of live proctoring while the exam runs: who watches (live over the attempt topic), the warning
 * to acknowledge, the chat, and the camera and microphone sent to the proctor. `onChanged` runs on every change the
 * server announces (so the page can refresh its clock); `onCamera` reports a lost or restored camera for the timeline.
 */
export function useCandidateProctoring(attemptId: string, enabled: boolean, handlers: { onChanged: () => void; onCamera: (lost: boolean) => void }): CandidateProctoring {
  const [info, setInfo] = useState<AttemptProctoring | null>(null);
  const [camera, setCamera] = useState<CameraState>('starting');
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [link, setLink] = useState<RTCPeerConnectionState | 'none'>('none');
  const [snapshotMode, setSnapshotMode] = useState(false);
  const chat = useChat(enabled ? attemptId : null, 'candidate');
  const media = useRef<CandidateMedia | null>(null);
  const latest = useRef(handlers);
  latest.current = handlers;
  const { reload: reloadChat } = chat;

  const reload = useCallback(() => {
    if (!enabled) return;
    api(`/attempts/${attemptId}/proctoring`, { schema: AttemptProctoring }).then(setInfo, () => undefined);
  }, [attemptId, enabled]);

  useEffect(() => {
    if (!enabled) return;
    reload();
    const client = liveClient();
    return client.subscribe({ kind: 'attempt', id: attemptId }, {
      onEvent: (event) => {
        if (event.kind !== 'attempt.changed') return;
        // Our own message is on the page already (the send returned it).
        if (event.what === 'chat') {
          if (event.from !== 'candidate') reloadChat();
        }
        else {
          reload();
          latest.current.onChanged();
        }
      },
      onResync: () => {
        reload();
        reloadChat();
        media.current?.announce();
      },
    });
  }, [attemptId, enabled, reload, reloadChat]);

  const iceKey = info?.proctored ? JSON.stringify(info.iceServers) : null;
  useEffect(() => {
    if (iceKey === null) return;
    let lostBefore = false;
    const m = new CandidateMedia({
      attemptId,
      port: liveClient(),
      iceServers: JSON.parse(iceKey) as RTCIceServer[],
      onCamera: (state, s) => {
        setCamera(state);
        setStream(s);
        if (state === 'lost' || state === 'denied') {
          if (!lostBefore) latest.current.onCamera(true);
          lostBefore = true;
        } else if (state === 'on' && lostBefore) {
          lostBefore = false;
          latest.current.onCamera(false);
        }
      },
      onLink: setLink,
      onSnapshotMode: setSnapshotMode,
      screen: sharedScreen,
      uploadSnapshot: async (jpeg) => {
        const res = await fetch(`/api/v1/attempts/${attemptId}/snapshot`, { method: 'PUT', body: jpeg, headers: { 'content-type': 'image/jpeg', accept: 'application/json' }, credentials: 'same-origin' });
        if (!res.ok) throw new Error(`snapshot refused: ${res.status}`);
      },
    });
    media.current = m;
    void m.start();
    // A screen shared or stopped: a fresh connection carries it.
    const stopScreen = onScreenShareChange(() => m.announce());
    return () => {
      stopScreen();
      m.stop();
      media.current = null;
    };
  }, [attemptId, iceKey]);

  // A new proctor: offer them the video at once.
  const proctorId = info?.proctor?.id ?? null;
  useEffect(() => {
    if (proctorId) media.current?.announce();
  }, [proctorId]);

  const recording = useSessionRecording(attemptId, enabled ? (info?.recording ?? null) : null, stream);

  const retryCamera = useCallback(() => void media.current?.retryCamera(), []);
  return { info, camera, stream, link, snapshotMode, chat, recording, retryCamera, reload };
}
