import { useCallback, useEffect, useState } from 'react';

/**
 * A newest-first list read a page at a time: `fetchPage(before)` returns a page and the cursor of the next older one
 * (null at the end). `loadMore()` appends the next page and ignores presses while a page is loading.
 * Example: `usePagedList((before) => api('/admin/ledger', …).then((p) => ({ items: p.entries, next: p.nextBefore })))`.
 */
export function usePagedList<T>(fetchPage: (before: number | undefined) => Promise<{ items: T[]; next: number | null }>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (before?: number) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await fetchPage(before);
      setItems((previous) => (before === undefined ? page.items : [...(previous ?? []), ...page.items]));
      setNext(page.next);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
    // The fetcher is read once, on purpose: callers pass a module-level function.
  }, []);

  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);

  const loadMore = () => {
    if (!loading && next !== null) void load(next);
  };
  return { items, error, loading, hasMore: next !== null, loadMore };
}
