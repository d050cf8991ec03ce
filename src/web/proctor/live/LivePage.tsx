import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { ProctorLive } from '../../../contracts/proctoring.ts';
import { api, messageOf } from '../../lib/api.ts';
import { liveClient } from '../../lib/live.ts';
import { ProctorMedia, type RemoteVideo } from '../../proctoring/proctor-media.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { byAttention, countUnread, dutyText } from './live-text.ts';
import { SessionPanel } from './SessionPanel.tsx';
import { SessionTile } from './SessionTile.tsx';

/** The console tells the server it is open this often; 30 s of silence hands its sessions to someone else. */
const heartbeatMs = 10_000;
/** While only chat messages arrive, the console is refetched at most this often (the open chat reloads at once). */
const chatRefetchMs = 2_000;

/**
 * The proctor's live console (`/proctor/live`): while it is open the proctor is on duty and gets candidates (least
 * loaded first, within the exam's ratio). A grid of live webcam tiles sorted by what needs attention; a tile opens
 * the candidate's large view with actions, timeline and chat.
 */
export function LivePage() {
  const [live, setLive] = useState<ProctorLive | null>(null);
  const [received, setReceived] = useState(() => performance.now());
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [videos, setVideos] = useState<Map<string, RemoteVideo>>(new Map());
  const [versions, setVersions] = useState<Map<string, number>>(new Map());
  const [notice, setNotice] = useState('');
  const [, setTick] = useState(0);
  const media = useRef<ProctorMedia | null>(null);

  const beat = useCallback(async (path = '/proctor/live/heartbeat', method: 'POST' | 'GET' = 'POST') => {
    try {
      const next = await api(path, { method, schema: ProctorLive });
      setLive(next);
      setReceived(performance.now());
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  useEffect(() => {
    const client = liveClient();
    media.current = new ProctorMedia(client, (id, video) => setVideos((v) => new Map(v).set(id, video)));
    void beat();
    const timer = setInterval(() => void beat(), heartbeatMs);
    const tick = setInterval(() => setTick((n) => n + 1), 1000);
    // Events are coalesced into one refetch, 250 ms after a change (at most every 2 s while only staff chat arrives).
    // A candidate's message needs none: its tile counts it unread here (the heartbeat corrects any drift), and the
    // open session's chat reloads by itself.
    let soon: ReturnType<typeof setTimeout> | undefined;
    let soonAt = 0;
    let lastFetch = 0;
    const refetch = (chatOnly: boolean) => {
      const at = Math.max(performance.now() + 250, chatOnly ? lastFetch + chatRefetchMs : 0);
      if (soon !== undefined && soonAt <= at) return;
      clearTimeout(soon);
      soonAt = at;
      soon = setTimeout(() => {
        soon = undefined;
        lastFetch = performance.now();
        void beat('/proctor/live', 'GET');
      }, Math.max(0, at - performance.now()));
    };
    const stop = client.subscribe({ kind: 'proctor-live' }, {
      onEvent: (event) => {
        if (event.kind === 'attempt.changed') setVersions((v) => new Map(v).set(event.id, (v.get(event.id) ?? 0) + 1));
        if (event.kind === 'attempt.changed' && event.what === 'chat' && event.from === 'candidate') setLive((l) => l && countUnread(l, event.id));
        else refetch(event.kind === 'attempt.changed' && event.what === 'chat');
      },
      onResync: () => {
        void beat();
        media.current?.askAll();
      },
    });
    return () => {
      stop();
      clearInterval(timer);
      clearInterval(tick);
      clearTimeout(soon);
      media.current?.stop();
      media.current = null;
    };
  }, [beat]);

  const ids = live?.sessions.map((s) => s.attemptId).join(',') ?? '';
  const ice = JSON.stringify(live?.iceServers ?? []);
  useEffect(() => {
    media.current?.watch(ids ? ids.split(',') : [], JSON.parse(ice) as RTCIceServer[]);
  }, [ids, ice]);

  useEffect(() => {
    if (selected && live && !live.sessions.some((s) => s.attemptId === selected)) setSelected(null);
  }, [live, selected]);

  if (!live) return error ? <Alert tone="error" title="The console could not load.">{error}</Alert> : <Loading what="Opening the live console" />;

  const elapsed = performance.now() - received;
  const leftOf = (s: ProctorLive['sessions'][number]) => (s.status === 'in_progress' ? s.timeLeftMs - elapsed : s.timeLeftMs);
  const sessions = byAttention(live.sessions);
  const current = selected ? live.sessions.find((s) => s.attemptId === selected) : undefined;
  const videoOf = (id: string) => videos.get(id) ?? { stream: null, state: 'waiting' as const };

  return (
    <section className="page live-console">
      <div className="live-head">
        <PageTitle>Live</PageTitle>
        <p className="live-summary" role="status">
          {dutyText(live, new Date())}{' '}
          {live.sessions.length === 1 ? 'You watch 1 candidate.' : `You watch ${live.sessions.length} candidates.`}
        </p>
        <Button className="button button-small" onPress={() => void beat(live.accepting ? '/proctor/live/sign-off' : '/proctor/live/sign-on')}>
          {live.accepting ? 'Sign off (hand my candidates over)' : 'Take candidates again'}
        </Button>
      </div>
      {live.unassigned > 0 ? (
        <Alert tone="warning" title={`${live.unassigned} candidate${live.unassigned === 1 ? ' is' : 's are'} without a proctor.`}>
          Every proctor on the console is at their limit. Their clocks stop after a minute; ask another proctor to open this page.
        </Alert>
      ) : null}
      {error ? <Alert tone="error" title="The console lost touch with the server; retrying.">{error}</Alert> : null}
      <div className="visually-hidden" role="status">{notice}</div>
      {current ? (
        <SessionPanel
          session={current}
          video={videoOf(current.attemptId)}
          timeLeftMs={leftOf(current)}
          live={live}
          version={versions.get(current.attemptId) ?? 0}
          onChanged={(message) => { setNotice(message); void beat('/proctor/live', 'GET'); }}
          onClose={() => setSelected(null)}
        />
      ) : null}
      {sessions.length === 0 ? (
        <p className="live-empty">No candidates yet. Candidates appear here as their exams start; keep this page open.</p>
      ) : (
        <ul className={`session-grid${current ? ' session-grid-small' : ''}`} aria-label="Your candidates, most urgent first">
          {sessions.map((s) => (
            <SessionTile key={s.attemptId} session={s} video={videoOf(s.attemptId)} timeLeftMs={leftOf(s)} selected={s.attemptId === selected} onSelect={() => setSelected(s.attemptId)} />
          ))}
        </ul>
      )}
    </section>
  );
}
