import { useCallback, useState } from 'react';
import { messageOf } from './api.ts';

/** Data loaded only when the user asks (`load`), e.g. media whose every viewing is audited. */
export function useOnRequest<T>(fetch: () => Promise<T>): { data: T | null; error: string | null; loading: boolean; load: () => Promise<void> } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setData(await fetch());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, [fetch]);
  return { data, error, loading, load };
}
