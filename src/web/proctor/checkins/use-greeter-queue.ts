import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { GreeterQueue } from '../../../contracts/checkin.ts';
import type { LiveTopic } from '../../../contracts/live.ts';
import { api } from '../../lib/api.ts';
import { useLive } from '../../lib/use-live.ts';

export type Queue = z.infer<typeof GreeterQueue>;

const topic: LiveTopic = { kind: 'greeter-queue' };

export interface GreeterQueueData {
  queue: Queue | undefined;
  /** `performance.now()` when the queue was received: waiting times count on from there, so a wrong clock on
   * this computer never skews them (the server measured `waitingMs`). */
  receivedAt: number;
  error: unknown;
  reload: () => void;
}

/**
 * The greeter queue, fetched again whenever the live socket says it moved (arrivals, claims, decisions) and after
 * every reconnect; the live hook polls only while the socket is down. Waiting times tick on locally (useSecondTick).
 */
export function useGreeterQueue(): GreeterQueueData {
  const [state, setState] = useState<{ queue?: Queue; receivedAt: number; error?: unknown }>({ receivedAt: 0 });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api('/greeter/queue', { schema: GreeterQueue, signal: controller.signal }).then(
      (queue) => setState({ queue, receivedAt: performance.now() }),
      // Keep the last queue on screen when one refresh fails; the error is shown next to it.
      (failure: unknown) => { if (!controller.signal.aborted) setState((previous) => ({ ...previous, error: failure })); },
    );
    return () => controller.abort();
  }, [version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useLive(topic, reload);
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
