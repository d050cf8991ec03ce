import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { GreeterQueue } from '../../../contracts/checkin.ts';
import { api } from '../../lib/api.ts';

export type Queue = z.infer<typeof GreeterQueue>;

/** How often the queue is fetched again. */
const refreshMs = 5_000;

export interface GreeterQueueData {
  queue: Queue | undefined;
  /** `performance.now()` when the queue was received: waiting times count on from there, so a wrong clock on
   * this computer never skews them (the server measured `waitingMs`). */
  receivedAt: number;
  error: unknown;
  reload: () => void;
}

/**
 * The greeter queue, fetched again every 5 seconds while the page is open.
 * TODO(issue 6): a WebSocket pushing queue changes will replace this polling.
 */
export function useGreeterQueue(): GreeterQueueData {
  const [state, setState] = useState<{ queue?: Queue; receivedAt: number; error?: unknown }>({ receivedAt: 0 });
  const [version, setVersion] = useState(0);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      try {
        const queue = await api('/greeter/queue', { schema: GreeterQueue, signal: current.signal });
        if (!stopped) setState({ queue, receivedAt: performance.now() });
      } catch (failure) {
        // Keep the last queue on screen when one refresh fails; the error is shown next to it.
        if (!stopped && !current.signal.aborted) setState((previous) => ({ ...previous, error: failure }));
      }
      if (!stopped) timer = setTimeout(load, refreshMs);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.current?.abort();
    };
  }, [version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { queue: state.queue, receivedAt: state.receivedAt, error: state.error, reload };
}

/** A number that changes every second, to redraw running timers. */
export function useSecondTick(): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
