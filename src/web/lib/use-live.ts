import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveTopic } from '../../contracts/live.ts';
import { liveClient, type LiveState } from './live.ts';

/** After an event, wait this long plus up to `jitterMs` before refetching: a burst of events becomes one request,
 * and the 200 candidates waiting in a queue that just moved do not all ask at the same millisecond. */
const debounceMs = 200;
const jitterMs = 300;
/** The safety net: while there is no working socket, refetch this often. */
const fallbackPollMs = 15_000;

export interface Live {
  /** The tab's socket state. */
  state: LiveState;
  /** The server refused the subscription (e.g. `TokenExpired`, `NotFound`), or null. */
  error: { code: string; message: string } | null;
}

/**
 * Keeps data fresh from the live socket: calls `refetch` (debounced, with jitter) on every event under `topic` and
 * after every (re)subscription, and polls every 15 s only while the socket is not open or the subscription was
 * refused. Pass `null` to subscribe to nothing. `refetch` may change between renders; the latest one is called.
 */
export function useLive(topic: LiveTopic | null, refetch: () => void): Live {
  const client = liveClient();
  const state = useSyncExternalStore(client.onStateChange, client.getState);
  const [error, setError] = useState<Live['error']>(null);
  const latest = useRef(refetch);
  latest.current = refetch;
  const key = topic ? JSON.stringify(topic) : null;

  useEffect(() => {
    if (key === null) return;
    setError(null);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => { timer = undefined; latest.current(); }, debounceMs + Math.random() * jitterMs);
    };
    const stop = client.subscribe(JSON.parse(key) as LiveTopic, {
      onEvent: soon,
      onResync: () => { setError(null); soon(); },
      onError: setError,
    });
    return () => { stop(); clearTimeout(timer); };
  }, [client, key]);

  const polling = key !== null && (state !== 'open' || error !== null);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => latest.current(), fallbackPollMs);
    return () => clearInterval(timer);
  }, [polling]);

  return { state, error };
}
