import { useCallback, useEffect, useState } from 'react';
import type { ZodType } from 'zod';
import { api, type ApiOptions } from './api.ts';

export interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads a GET endpoint and reloads it when `path` or `query` change; pass `null` as path to wait. */
export function useApiData<T>(path: string | null, schema: ZodType<T>, query?: ApiOptions<T>['query']): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    api(path, { schema, query: JSON.parse(queryKey) as ApiOptions<T>['query'], signal: controller.signal }).then(
      (result) => {
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // The schema is a module-level constant at every call site; leaving it out avoids refetch loops.
  }, [path, queryKey, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
