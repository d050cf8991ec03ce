import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { AttemptClock } from '../../../contracts/delivery.ts';
import { Timeline, type ProctorLive, type ProctorSession } from '../../../contracts/proctoring.ts';
import { api } from '../../lib/api.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { ChatPanel } from '../../proctoring/ChatPanel.tsx';
import type { RemoteVideo } from '../../proctoring/proctor-media.ts';
import { StreamVideo, WebcamView } from '../../proctoring/ProctoringDock.tsx';
import { useChat } from '../../proctoring/use-chat.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { eventLabels, formatLeft, pauseLabels, rescanReasons, statusLabels } from './live-text.ts';
import { SessionRecordings } from './SessionRecordings.tsx';

/** The selected candidate: large webcam with sound, the actions, the timeline and the chat. */
export function SessionPanel({ session, video, timeLeftMs, live, version, onChanged, onClose }: {
  session: ProctorSession;
  video: RemoteVideo;
  timeLeftMs: number;
  live: ProctorLive;
  /** Grows with every live change of this attempt: the timeline and the chat reload. */
  version: number;
  onChanged: (message: string) => void;
  onClose: () => void;
}) {
  const id = session.attemptId;
  const [muted, setMuted] = useState(true);
  const chat = useChat(id, 'proctor');
  const timeline = useApiData(`/proctor/live/sessions/${id}/timeline`, Timeline);
  const { reload: reloadChat } = chat;
  const { reload: reloadTimeline } = timeline;
  useEffect(() => {
    if (version > 0) {
      reloadChat();
      reloadTimeline();
    }
  }, [version, reloadChat, reloadTimeline]);

  const act = (action: string, body: Record<string, unknown>, done: string) => async () => {
    await api(`/staff/attempts/${id}/${action}`, { method: 'POST', body, schema: AttemptClock });
    onChanged(done);
    reloadTimeline();
  };
  const running = session.status === 'in_progress' || session.status === 'paused';
  const name = session.candidateName;
  const status = session.status === 'paused' && session.pausedReason ? `Paused: ${pauseLabels[session.pausedReason] ?? session.pausedReason}` : statusLabels[session.status];

  return (
    <section className="session-panel" aria-labelledby="session-panel-title">
      <div className="session-panel-head">
        <h2 id="session-panel-title">{name}</h2>
        <p className="session-meta">{session.examCode} {session.examTitle} · {status} · {formatLeft(timeLeftMs)} left{session.addedMinutes > 0 ? ` (${session.addedMinutes} min added)` : ''}</p>
        <Button className="button button-small" onPress={onClose}>Back to all candidates</Button>
      </div>
      <div className="session-panel-body">
        <div className="session-large">
          <WebcamView attemptId={id} name={`${name}, large`} stream={video.stream} connected={video.state === 'connected'} snapshotAt={session.snapshotAt} muted={muted} className="large-video" />
          <Button className="button button-small" onPress={() => setMuted((m) => !m)} aria-pressed={!muted}>{muted ? 'Turn sound on' : 'Turn sound off'}</Button>
          {video.screen ? <StreamVideo stream={video.screen} label={`Screen of ${name}`} className="screen-video" /> : null}
        </div>
        <div className="session-actions" role="group" aria-label={`Actions for ${name}`}>
          <ActionDialog label="Warn" title={`Warn ${name}`} intro="The candidate sees the reason in a dialog and must acknowledge it; their clock stops until then."
            reasons={session.interventionReasons} note={{ label: 'Message to the candidate' }} submitLabel="Send warning"
            onSubmit={({ reason, note }) => act('warn', { reason, ...(note ? { note } : {}) }, `Warned ${name}.`)()} />
          {session.status === 'paused' ? (
            <ActionDialog label="Resume" title={`Resume ${name}'s exam`} intro="The clock runs again and the questions come back." note={{ label: 'Note for the timeline' }} submitLabel="Resume"
              onSubmit={({ note }) => act('resume', { reason: note || 'Resumed by the proctor' }, `Resumed ${name}'s exam.`)()} />
          ) : (
            <ActionDialog label="Pause" title={`Pause ${name}'s exam`} intro="The clock stops and the questions are hidden until you resume." reasons={session.interventionReasons} submitLabel="Pause"
              onSubmit={({ reason }) => act('pause', { reason }, `Paused ${name}'s exam.`)()} />
          )}
          <ActionDialog label="Add time" title={`Add time for ${name}`} intro="For time lost to a problem that was not the candidate's doing. The candidate's timer shows it at once."
            minutes={{ max: Math.max(1, session.maxAddMinutes - session.addedMinutes) }} reasons={session.interventionReasons} submitLabel="Add time"
            onSubmit={({ reason, minutes }) => act('add-time', { reason, minutes }, `Added ${minutes} minutes for ${name}.`)()} />
          {running && session.pausedReason !== 'break' && session.pausedReason !== 'rescan' ? (
            <ActionDialog label="Re-scan" title={`Ask ${name} to show the room again`} intro="The exam pauses (the clock stops) while the candidate films the room again with the webcam; you watch it live here, and it is recorded. The exam continues once the re-scan is done, or when you resume it."
              reasons={rescanReasons} submitLabel="Ask for a re-scan"
              onSubmit={({ reason }) => act('rescan', { reason }, `Asked ${name} to show the room again.`)()} />
          ) : null}
          <ActionDialog label="Hand over" title={`Hand ${name} to another proctor`} intro="Your notes stay on the timeline for the next proctor."
            targets={[{ id: '', label: 'Whoever has room (the pool)' }, ...live.colleagues.map((c) => ({ id: c.id, label: `${c.name} (${c.onShift ? 'on shift' : 'off shift'}, ${c.load} watched)` }))]} note={{ label: 'Handover note' }} submitLabel="Hand over"
            onSubmit={async ({ target, note }) => {
              await api(`/proctor/live/sessions/${id}/handover`, { method: 'POST', body: { ...(target ? { toProctorId: target } : {}), ...(note ? { note } : {}) } });
              onChanged(`Handed ${name} over.`);
              onClose();
            }} />
          {running ? (
            <ActionDialog label="Terminate" tone="danger" title={`End ${name}'s exam`} intro="The exam ends now and cannot be resumed. The candidate sees the reason; the result is held for review."
              reasons={session.interventionReasons} note={{ label: 'What you saw (for the reviewers)', required: true }} confirm="I am sure: end this exam now." submitLabel="End the exam"
              onSubmit={({ reason, note }) => act('terminate', { reason, note }, `Ended ${name}'s exam.`)()} />
          ) : null}
        </div>
        <section className="session-timeline" aria-labelledby="timeline-title">
          <h3 id="timeline-title">Timeline</h3>
          <ol className="timeline-list">
            {(timeline.data?.events ?? []).slice(-50).reverse().map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <time dateTime={e.at}>{new Date(e.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time>{' '}
                {eventLabels[e.kind] ?? e.kind}{e.reason ? `: ${e.reason}` : ''}{e.detail ? ` (${e.detail})` : ''}{e.actor ? ` · ${e.actor}` : ''}
              </li>
            ))}
          </ol>
        </section>
        <SessionRecordings attemptId={id} name={name} />
        <ChatPanel chat={chat} mine="proctor" title={`Chat with ${name}`} canned={session.cannedMessages} closed={!running && session.status !== 'authorised'} />
      </div>
    </section>
  );
}
