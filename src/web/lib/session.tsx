import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { UserResponse, type User } from '../../contracts/accounts.ts';
import { api, ApiError, sessionEvents } from './api.ts';

export type SessionStatus = 'loading' | 'ready' | 'unreachable';

export interface Session {
  /** The signed-in user, or null when signed out (or not known yet). */
  user: User | null;
  status: SessionStatus;
  /** Asks the server who is signed in (after login, logout, verification, profile changes). */
  refresh: () => Promise<User | null>;
  /** Replaces the user with one the server just returned. */
  setUser: (user: User | null) => void;
  /** Ends the session on the server and forgets the user here. */
  logOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Loads the current user from `GET /api/v1/me` once and shares it with the whole app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');

  const refresh = useCallback(async () => {
    try {
      const { user: current } = await api('/me', { schema: UserResponse });
      setUser(current);
      setStatus('ready');
      return current;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setUser(null);
        setStatus('ready');
        return null;
      }
      setStatus((previous) => (previous === 'loading' ? 'unreachable' : previous));
      throw error;
    }
  }, []);

  const logOut = useCallback(async () => {
    await api('/auth/logout', { method: 'POST' });
    setUser(null);
  }, []);

  const acceptUser = useCallback((next: User | null) => {
    setUser(next);
    setStatus('ready');
  }, []);

  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  useEffect(() => {
    const forget = () => setUser(null);
    sessionEvents.addEventListener('unauthenticated', forget);
    return () => sessionEvents.removeEventListener('unauthenticated', forget);
  }, []);

  const value = useMemo<Session>(
    () => ({ user, status, refresh, setUser: acceptUser, logOut }),
    [user, status, refresh, acceptUser, logOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; must be used under `SessionProvider`. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>.');
  return session;
}
