import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { Meta } from '../../contracts/accounts.ts';
import { supportedLanguages } from '../../core/accounts/time-zone.ts';
import { api } from './api.ts';

/** The server's facts, and whether they came from the server yet (`loaded`) or are the fallback. */
export type AppMeta = z.infer<typeof Meta> & { loaded: boolean };

/** What we assume until `/meta` answers (or when it cannot): no demo features, every shipped language. */
const fallback: AppMeta = { name: 'Invigil', version: '', demo: false, languages: [...supportedLanguages], loaded: false };

const MetaContext = createContext<AppMeta>(fallback);

/** Loads `GET /api/v1/meta` (version, demo mode, languages) once for the whole app. */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<AppMeta>(fallback);
  useEffect(() => {
    const controller = new AbortController();
    api('/meta', { schema: Meta, signal: controller.signal }).then(
      (meta) => setMeta({ ...meta, loaded: true }),
      () => {
        // Without an answer we cannot know about demo mode; the safe assumption is that it is off.
        if (!controller.signal.aborted) setMeta({ ...fallback, loaded: true });
      },
    );
    return () => controller.abort();
  }, []);
  return <MetaContext.Provider value={meta}>{children}</MetaContext.Provider>;
}

/** The server's public facts (falls back to safe defaults while loading). */
export function useMeta(): AppMeta {
  return useContext(MetaContext);
}
