import type { z } from 'zod';
import type { JournalAck, JournalEntry } from '../../contracts/delivery.ts';
import { ApiError } from '../lib/api.ts';
import type { JournalStore, JournalValue, StoredEntry } from './journal-store.ts';

export type Ack = z.infer<typeof JournalAck>;

/** What the status line says: "All answers saved" / "Saving…" / "Offline — your answers are kept on this device". */
export type SaveState = 'saved' | 'saving' | 'offline';

/** The server's journal and this device's rows, merged per key: the higher seq wins; on a tie the server's row wins
 * (it is the same change, now acknowledged). Local rows newer than the server's, or missing there, are (re)sent. */
export function mergeJournal(local: readonly StoredEntry[], server: readonly JournalEntry[]): StoredEntry[] {
  const merged = new Map<string, StoredEntry>();
  for (const entry of server) merged.set(entry.key, { key: entry.key, value: entry.value, seq: entry.seq, acked: true });
  for (const entry of local) {
    const held = merged.get(entry.key);
    if (!held || entry.seq > held.seq) merged.set(entry.key, { ...entry, acked: false });
  }
  return [...merged.values()];
}

/** The current value of every key, e.g. `answer:CDE-1 → ['b']`. */
export function valuesOf(entries: readonly StoredEntry[]): Map<string, JournalValue> {
  return new Map(entries.map((entry) => [entry.key, entry.value]));
}

/** Failures worth retrying: no connection, a gateway or the server down (5xx), too many requests. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.code === 'NetworkError' || error.status === 0 || error.status === 429 || error.status >= 500;
}

export interface JournalSyncOptions {
  store: JournalStore;
  /** POSTs entries (an empty list is a heartbeat) and resolves with the server's acknowledgement. */
  send: (entries: JournalEntry[]) => Promise<Ack>;
  onAck: (ack: Ack) => void;
  onState: (state: SaveState) => void;
  /** A refusal that retrying cannot fix (the attempt finished, the session ended, a malformed entry). */
  onRefused: (error: unknown) => void;
  debounceMs?: number;
  batchSize?: number;
}

const maxBackoffMs = 30_000;

/**
 * Sends an attempt's journal to the server: each write is already in the store (IndexedDB) when it gets here; it is
 * sent in batches after a short pause in typing, one request at a time, and marked acknowledged when the server
 * answers. Failures keep the rows and retry with exponential backoff; `online` events and heartbeats retry at once.
 */
export class JournalSync {
  private readonly options: Required<JournalSyncOptions>;
  private debounceTimer: number | undefined;
  private retryTimer: number | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private offline = false;
  private refused = false;
  /** After a ValidationFailed answer: entries go one by one until the bad one is found. */
  private isolating = false;
  private stopped = false;
  private state: SaveState = 'saved';

  constructor(options: JournalSyncOptions) {
    this.options = { debounceMs: 300, batchSize: 200, ...options };
  }

  /** Writes a change to the store first, then schedules sending it. Resolves once it is on this device. */
  async write(key: string, value: JournalValue): Promise<void> {
    await this.options.store.put(key, value);
    this.setState(this.offline ? 'offline' : 'saving');
    if (this.stopped || this.refused) return;
    window.clearTimeout(this.debounceTimer);
    this.debounceTimer = window.setTimeout(() => void this.flush(), this.options.debounceMs);
  }

  /** Sends every unacknowledged row now (in batches); a no-op while offline backoff waits, unless `force`d. */
  flush(force = false): Promise<void> {
    if (force) {
      this.failures = 0;
      window.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    return this.run(false);
  }

  /** Sends the unacknowledged rows, or an empty batch when there are none, so the server's clock reaches the page. */
  heartbeat(): Promise<void> {
    return this.run(true);
  }

  /** Waits for the request in flight, then returns what the server does not hold yet (for the submit request). */
  async drain(): Promise<JournalEntry[]> {
    window.clearTimeout(this.debounceTimer);
    while (this.running) await this.running;
    return (await this.options.store.all()).filter((entry) => !entry.acked).map(toEntry);
  }

  /** Marks everything acknowledged after the submit request carried it. */
  async settled(entries: readonly JournalEntry[]): Promise<void> {
    await this.options.store.markAcked(entries);
    this.setState('saved');
  }

  /** The browser says the network is back: retry now instead of waiting for the backoff. */
  online(): void {
    this.offline = false;
    void this.flush(true);
  }

  /** The browser says the network is gone: say so at once (the next request would fail anyway). */
  wentOffline(): void {
    this.offline = true;
    this.setState('offline');
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.debounceTimer);
    window.clearTimeout(this.retryTimer);
  }

  private run(heartbeat: boolean): Promise<void> {
    if (this.stopped || this.refused) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // While a backoff waits, only its timer (or `online`, or a forced flush) sends; heartbeats still probe.
    if (this.retryTimer !== undefined && !heartbeat) return Promise.resolve();
    this.running = this.loop(heartbeat).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(heartbeat: boolean): Promise<void> {
    let probe = heartbeat;
    do {
      this.again = false;
      const unacked = (await this.options.store.all()).filter((entry) => !entry.acked);
      if (unacked.length === 0 && !probe) break;
      probe = false;
      const batch = unacked.slice(0, this.isolating ? 1 : this.options.batchSize).map(toEntry);
      if (batch.length > 0) this.setState(this.offline ? 'offline' : 'saving');
      try {
        const ack = await this.options.send(batch);
        await this.options.store.markAcked(ack.acked);
        this.failures = 0;
        this.offline = false;
        if (this.isolating && unacked.length === 1) this.isolating = false;
        window.clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        this.options.onAck(ack);
        if (unacked.length > batch.length) this.again = true;
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof ApiError && error.code === 'ValidationFailed' && batch.length > 0) {
          // One malformed entry must not hold back the others: send one at a time, and drop the entry the server
          // refuses on its own (it can never be saved, so keeping it would block the journal forever).
          if (this.isolating && batch.length === 1) {
            console.error('The server refused a journal entry; it is dropped.', batch[0], error.message);
            await this.options.store.markAcked(batch);
          }
          this.isolating = true;
          this.again = true;
          continue;
        }
        if (!isRetryable(error)) {
          this.refused = true;
          this.options.onRefused(error);
          return;
        }
        this.failures += 1;
        this.offline = true;
        this.scheduleRetry();
        break;
      }
    } while (this.again && !this.stopped);
    await this.refreshState();
  }

  private scheduleRetry(): void {
    window.clearTimeout(this.retryTimer);
    const delay = Math.min(maxBackoffMs, 1000 * 2 ** (this.failures - 1)) * (0.8 + Math.random() * 0.4);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = undefined;
      void this.run(false);
    }, delay);
  }

  private async refreshState(): Promise<void> {
    if (this.offline) return this.setState('offline');
    const pending = (await this.options.store.all()).some((entry) => !entry.acked);
    this.setState(pending ? 'saving' : 'saved');
  }

  private setState(state: SaveState): void {
    if (state === this.state || this.stopped) return;
    this.state = state;
    this.options.onState(state);
  }
}

function toEntry(entry: StoredEntry): JournalEntry {
  return { key: entry.key, value: entry.value, seq: entry.seq };
}
