import { Button } from 'react-aria-components';
import type { ProctorSession } from '../../../contracts/proctoring.ts';
import type { RemoteVideo } from '../../proctoring/proctor-media.ts';
import { WebcamView } from '../../proctoring/ProctoringDock.tsx';
import { attentionLabels, eventLabels, formatLeft, pauseLabels, statusLabels } from './live-text.ts';

/** A candidate on the grid: live webcam, status, time left, last event, unread chat and what needs attention. */
export function SessionTile({ session, video, timeLeftMs, selected, onSelect }: {
  session: ProctorSession;
  video: RemoteVideo;
  timeLeftMs: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const since = session.pausedSince ? ` for ${formatLeft(Date.now() - Date.parse(session.pausedSince))}` : '';
  const status = session.status === 'paused' && session.pausedReason
    ? session.pausedReason === 'break' ? `On a break${since}` : `Paused: ${pauseLabels[session.pausedReason] ?? session.pausedReason}`
    : statusLabels[session.status] ?? session.status;
  const needs = session.attention.length > 0;
  return (
    <li className={`session-tile${needs ? ' session-attention' : ''}${selected ? ' session-selected' : ''}`} data-attempt={session.attemptId}>
      <div className="session-video">
        <WebcamView attemptId={session.attemptId} name={session.candidateName} stream={video.stream} connected={video.state === 'connected'} snapshotAt={session.snapshotAt} className="tile-video" />
        {video.state !== 'connected' && session.snapshotAt ? null : (
          <span className="session-link">{video.state === 'connected' ? 'Live' : video.state === 'waiting' ? 'Waiting for video' : video.state === 'failed' ? 'Video lost, retrying' : 'Connecting video'}</span>
        )}
      </div>
      <h2 className="session-name">{session.candidateName}</h2>
      <p className="session-meta">{session.examCode} · {status} · <span className="session-left">{formatLeft(timeLeftMs)}</span> left</p>
      {session.lastEvent ? <p className="session-meta">Last: {eventLabels[session.lastEvent.kind] ?? session.lastEvent.kind} at {new Date(session.lastEvent.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</p> : null}
      {needs ? (
        <ul className="session-markers" aria-label="Needs attention">
          {session.attention.map((a) => <li key={a} className="tag tag-attention">{a === 'chat' ? `${session.unread} new message${session.unread === 1 ? '' : 's'}` : attentionLabels[a]?.label ?? a}</li>)}
        </ul>
      ) : null}
      <Button className="button button-small" onPress={onSelect} aria-pressed={selected}>Open {session.candidateName}</Button>
    </li>
  );
}
