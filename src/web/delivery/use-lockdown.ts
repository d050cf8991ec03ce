import { useEffect, useMemo, useRef } from 'react';
import { AttemptClock } from '../../contracts/delivery.ts';
import { api } from '../lib/api.ts';
import { startLockdown, type Clock, type Lockdown, type LockdownKind } from './lockdown.ts';

export interface LockdownHandlers {
  onClock: (clock: Clock) => void;
  onFullscreenChange: (inFullscreen: boolean) => void;
  onRefused: (error: unknown) => void;
}

/** Runs the browser lockdown while the runner is on screen and sends its events to `/attempts/:id/events`. */
export function useLockdown(attemptId: string, requireFullscreen: boolean, handlers: LockdownHandlers): Pick<Lockdown, 'record' | 'flush'> {
  const lockdown = useRef<Lockdown | null>(null);
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const running = startLockdown({
      requireFullscreen,
      send: (events) => api(`/attempts/${attemptId}/events`, { method: 'POST', body: { events }, schema: AttemptClock }),
      onClock: (clock) => latest.current.onClock(clock),
      onFullscreenChange: (inFullscreen) => latest.current.onFullscreenChange(inFullscreen),
      onRefused: (error) => latest.current.onRefused(error),
    });
    lockdown.current = running;
    return () => {
      running.stop();
      lockdown.current = null;
    };
  }, [attemptId, requireFullscreen]);

  return useMemo(
    () => ({
      record: (kind: LockdownKind, detail?: string) => lockdown.current?.record(kind, detail),
      flush: () => lockdown.current?.flush() ?? Promise.resolve(),
    }),
    [],
  );
}
