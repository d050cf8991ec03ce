import { useCallback } from 'react';
import { Button } from 'react-aria-components';
import { SessionRecordings as RecordingsSchema, type SessionRecording } from '../../../contracts/proctoring.ts';
import { api } from '../../lib/api.ts';
import { useOnRequest } from '../../lib/use-on-request.ts';
import { Alert } from '../../ui/Alert.tsx';
import { formatLeft } from './live-text.ts';

export const kindLabels: Record<SessionRecording['kind'], string> = { camera: 'Webcam and microphone', screen: 'Screen', room_scan: 'Room re-scan' };

export const stateText = (r: SessionRecording) =>
  r.state === 'ready' ? `${formatLeft(r.durationMs ?? 0)} · ${(r.bytes / 1e6).toFixed(1)} MB`
    : r.state === 'assembling' ? `recording or being joined · ${r.chunks} parts so far (plays from the start; seeking once joined)`
      : r.state === 'empty' ? 'nothing arrived'
        : 'deleted after the retention period';

/** A session's recordings, loaded on request (every viewing is audited), each playable in place. */
export function SessionRecordings({ attemptId, name }: { attemptId: string; name: string }) {
  const fetchList = useCallback(async () => (await api(`/proctor/live/sessions/${attemptId}/recordings`, { schema: RecordingsSchema })).recordings, [attemptId]);
  const { data: list, error, loading, load } = useOnRequest(fetchList);
  return (
    <section className="session-recordings" aria-labelledby={`recordings-${attemptId}`}>
      <h3 id={`recordings-${attemptId}`}>Recordings</h3>
      <Button className="button button-small" onPress={() => void load()} data-pending={loading || undefined}>{list ? 'Reload the recordings' : 'Show the recordings'}</Button>
      <p className="muted">Opening them is logged.</p>
      {error ? <Alert tone="error" title="The recordings could not be loaded."><p>{error}</p></Alert> : null}
      {list && list.length === 0 ? <p>Nothing has been recorded yet.</p> : null}
      {list && list.length > 0 ? (
        <ul className="recording-list">
          {list.map((r) => (
            <li key={r.id}>
              <p>
                <strong>{kindLabels[r.kind]}</strong>, from <time dateTime={r.startedAt}>{new Date(r.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time>: {stateText(r)}
                {r.assemblyError ? ` (${r.assemblyError})` : ''}
              </p>
              {r.url ? <video controls preload="metadata" src={r.url} aria-label={`${kindLabels[r.kind]} recording of ${name}`} data-recording={r.id} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
