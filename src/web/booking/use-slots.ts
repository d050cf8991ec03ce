import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { SlotsResponse } from '../../contracts/booking.ts';
import { api } from '../lib/api.ts';

export type Slots = z.infer<typeof SlotsResponse>;
export type SlotsRequest = {
  from: string;
  to: string;
  tz: string;
  language?: string | undefined;
  /** The appointment being moved: its own booking must not refuse the times (NEEDS the server's `reschedule` query). */
  reschedule?: string | undefined;
};

interface Loaded { key: string; data?: Slots; error?: unknown }

/** Loads the free slots of an exam for one request. Unlike `useApiData`, the answer is only returned while it
 * belongs to the current request, so the picker never reads last week's `earliest` or days as this week's. */
export function useSlots(examCode: string, request: SlotsRequest, refreshKey = 0) {
  const key = JSON.stringify([examCode, request.from, request.to, request.tz, request.language ?? null, request.reschedule ?? null]);
  const [loaded, setLoaded] = useState<Loaded>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const [code, from, to, tz, language, reschedule] = JSON.parse(key) as [string, string, string, string, string | null, string | null];
    api(`/exams/${encodeURIComponent(code)}/slots`, {
      schema: SlotsResponse,
      query: { from, to, tz, language: language ?? undefined, reschedule: reschedule ?? undefined },
      signal: controller.signal,
    }).then(
      (data) => setLoaded({ key, data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ key, error });
      },
    );
    return () => controller.abort();
  }, [key, version, refreshKey]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = loaded?.key === key ? loaded : undefined;
  // `latest` is the last answer of any request: refusals, bounds and extra time stay on screen while a week loads.
  return { data: current?.data, latest: loaded?.data, error: current?.error, loading: current === undefined, reload };
}
