import { useCallback, useEffect, useRef, useState } from 'react';
import { JournalAck, type Attempt, type JournalEntry } from '../../contracts/delivery.ts';
import { api } from '../lib/api.ts';
import { liveClient, SocketUnavailable } from '../lib/live.ts';
import { JournalSync, mergeJournal, valuesOf, type Ack, type SaveState } from './journal.ts';
import { openJournalStore, type JournalStore, type JournalValue } from './journal-store.ts';

const heartbeatMs = 15_000;

export interface JournalHandlers {
  onAck: (ack: Ack) => void;
  onRefused: (error: unknown) => void;
}

export interface AttemptJournal {
  /** Every key's current value; null until the local journal and the server's are merged. */
  values: ReadonlyMap<string, JournalValue> | null;
  saveState: SaveState;
  /** Records a change: on screen at once, in IndexedDB next, on the server soon after. */
  write: (key: string, value: JournalValue) => void;
  /** Waits for the request in flight and returns the entries the server does not hold (for the submit request). */
  drain: () => Promise<JournalEntry[]>;
  /** After a successful submit: the entries it carried are saved, and the device copy can go. */
  finish: (carried: readonly JournalEntry[]) => Promise<void>;
  /** Asks the server for its clock now (after a tab comes back, or near the end of the time). */
  heartbeat: () => void;
}

/** Sends entries over the live socket when it is open, over HTTP otherwise (or when the socket hands them back). */
async function sendEntries(attemptId: string, entries: JournalEntry[]): Promise<JournalAck> {
  const overSocket = liveClient().save(attemptId, entries);
  if (overSocket) {
    try {
      return await overSocket;
    } catch (error) {
      if (!(error instanceof SocketUnavailable)) throw error;
    }
  }
  return api(`/attempts/${attemptId}/journal`, { method: 'POST', body: { entries }, schema: JournalAck });
}

/** The journal of a running attempt: merges this device's IndexedDB rows with the server's journal on load (a
 * reload, a new tab or a crash resumes exactly), sends changes in batches, heartbeats every 15 s, and retries
 * on `online`. */
export function useAttemptJournal(attempt: Attempt, handlers: JournalHandlers): AttemptJournal {
  const [values, setValues] = useState<ReadonlyMap<string, JournalValue> | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const sync = useRef<JournalSync | null>(null);
  const store = useRef<JournalStore | null>(null);
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  const attemptId = attempt.id;
  const serverJournal = useRef(attempt.journal);

  useEffect(() => {
    let cancelled = false;
    let opened: JournalStore | null = null;
    let running: JournalSync | null = null;
    void (async () => {
      opened = await openJournalStore(attemptId);
      if (cancelled) return opened.close();
      const merged = mergeJournal(await opened.all(), serverJournal.current);
      await opened.putAll(merged);
      if (cancelled) return opened.close();
      running = new JournalSync({
        store: opened,
        send: (entries) => sendEntries(attemptId, entries),
        onAck: (ack) => latest.current.onAck(ack),
        onRefused: (error) => latest.current.onRefused(error),
        onState: setSaveState,
      });
      store.current = opened;
      sync.current = running;
      setValues(valuesOf(merged));
      if (!navigator.onLine) running.wentOffline();
      void running.flush();
    })();
    return () => {
      cancelled = true;
      running?.stop();
      opened?.close();
      sync.current = null;
      store.current = null;
    };
  }, [attemptId]);

  // The tab's live socket stays open for the exam: saves travel over it (one connection instead of a request per
  // save), and after a reconnect whatever waits is sent at once.
  useEffect(() => liveClient().subscribe({ kind: 'attempt', id: attemptId }, {
    onEvent: () => undefined,
    onResync: () => void sync.current?.flush(),
  }), [attemptId]);

  useEffect(() => {
    const online = () => sync.current?.online();
    const offline = () => sync.current?.wentOffline();
    const visible = () => {
      if (document.visibilityState === 'visible') void sync.current?.heartbeat();
    };
    const timer = window.setInterval(() => void sync.current?.heartbeat(), heartbeatMs);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
    };
  }, []);

  const write = useCallback((key: string, value: JournalValue) => {
    setValues((previous) => new Map(previous ?? []).set(key, value));
    void sync.current?.write(key, value);
  }, []);

  const drain = useCallback(async () => (sync.current ? sync.current.drain() : []), []);

  const finish = useCallback(async (carried: readonly JournalEntry[]) => {
    await sync.current?.settled(carried);
    sync.current?.stop();
    await store.current?.destroy().catch(() => undefined);
  }, []);

  const heartbeat = useCallback(() => void sync.current?.heartbeat(), []);

  return { values, saveState, write, drain, finish, heartbeat };
}
