import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { Quote } from '../../contracts/booking.ts';
import { api, ApiError } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';

export type QuoteData = z.infer<typeof Quote>;

/** True for the error the server gives once a hold has lapsed. */
export function isHoldExpired(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'HoldExpired' || error.status === 410);
}

/** The price of a held seat, first without a code, then with the code the candidate applies (or removes).
 * Calls `onExpired` when the server says the hold has lapsed. */
export function useQuote(holdId: string, onExpired: () => void) {
  const [quote, setQuote] = useState<QuoteData>();
  const [loadError, setLoadError] = useState<unknown>();
  const [applied, setApplied] = useState<string | null>(null);
  const submit = useSubmit();

  useEffect(() => {
    const controller = new AbortController();
    api(`/holds/${holdId}/quote`, { method: 'POST', body: {}, schema: Quote, signal: controller.signal }).then(
      (first) => setQuote(first),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isHoldExpired(error)) onExpired();
        else setLoadError(error);
      },
    );
    return () => controller.abort();
    // onExpired only changes identity between renders, not meaning: load the first quote once per hold.
  }, [holdId]);

  async function requote(code: string | null) {
    const result = await submit.run(async () => {
      try {
        return await api(`/holds/${holdId}/quote`, { method: 'POST', body: { code }, schema: Quote });
      } catch (error) {
        if (isHoldExpired(error)) onExpired();
        throw error;
      }
    });
    if (!result.ok) return;
    setQuote(result.value);
    setApplied(result.value.code?.code ?? null);
  }

  return {
    quote,
    loadError,
    applied,
    description: quote?.code?.description ?? null,
    pending: submit.pending,
    error: submit.error,
    apply: (code: string) => requote(code),
    remove: () => requote(null),
  };
}
