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

/**
 * Whom a failed save concerns: `retry` the connection or the server as a whole (wait and send again), `attempt` the
 * whole journal (signed out, not yours, the exam ended: stop), `entry` something in this batch the server will never
 * take, `suspect` an unexpected server error (500) that may be caused by one entry of the batch.
 */
export function failureScope(error: unknown): 'retry' | 'attempt' | 'entry' | 'suspect' {
  if (!(error instanceof ApiError) || error.code === 'NetworkError' || error.status === 0) return 'retry';
  if (error.status === 500) return 'suspect';
  if (error.status === 429 || error.status > 500) return 'retry';
  if ([401, 403, 404, 409, 410].includes(error.status)) return 'attempt';
  return 'entry';
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
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private offline = false;
  private refused = false;
  /** Entries per request now: halved after a refusal that may be one entry's doing, until that entry is alone. */
  private limit: number;
  /** Entries that failed alone with a server error: retried later (with growing waits), never ahead of the others. */
  private readonly parked = new Map<string, { seq: number; until: number; tries: number }>();
  private parkedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Server errors in a row without a success between them (many mean the server is failing, not one entry). */
  private serverErrors = 0;
  private stopped = false;
  private state: SaveState = 'saved';

  constructor(options: JournalSyncOptions) {
    this.options = { debounceMs: 300, batchSize: 200, ...options };
    this.limit = this.options.batchSize;
  }

  /** Writes a change to the store first, then schedules sending it. Resolves once it is on this device. */
  async write(key: string, value: JournalValue): Promise<void> {
    await this.options.store.put(key, value);
    this.setState(this.offline ? 'offline' : 'saving');
    if (this.stopped || this.refused) return;
    globalThis.clearTimeout(this.debounceTimer);
    this.debounceTimer = globalThis.setTimeout(() => void this.flush(), this.options.debounceMs);
  }

  /** Sends every unacknowledged row now (in batches); a no-op while offline backoff waits, unless `force`d. */
  flush(force = false): Promise<void> {
    if (force) {
      this.failures = 0;
      globalThis.clearTimeout(this.retryTimer);
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
    globalThis.clearTimeout(this.debounceTimer);
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
    globalThis.clearTimeout(this.debounceTimer);
    globalThis.clearTimeout(this.retryTimer);
    globalThis.clearTimeout(this.parkedTimer);
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

  private isParked(entry: StoredEntry, now: number): boolean {
    const parked = this.parked.get(entry.key);
    return parked !== undefined && parked.seq === entry.seq && parked.until > now;
  }

  /**
   * One entry can never hold back the others: a batch refused for something in it is split in halves until the
   * culprit is alone; an entry the server refuses on its own is dropped (it can never be saved), one that meets a
   * server error on its own is parked and retried later behind the others. Refusals of the whole attempt stop the
   * journal; connection and server trouble back off and retry everything.
   */
  private async loop(heartbeat: boolean): Promise<void> {
    let probe = heartbeat;
    do {
      this.again = false;
      const now = Date.now();
      const unacked = (await this.options.store.all()).filter((entry) => !entry.acked);
      // Entries never parked first; parked ones whose wait is over go one at a time.
      const fresh = unacked.filter((entry) => !this.parked.has(entry.key) || this.parked.get(entry.key)!.seq !== entry.seq);
      const due = fresh.length > 0 ? fresh : unacked.filter((entry) => !this.isParked(entry, now)).slice(0, 1);
      if (due.length === 0 && !probe) {
        if (unacked.length > 0) this.scheduleParked(unacked);
        break;
      }
      probe = false;
      const batch = due.slice(0, this.limit).map(toEntry);
      if (batch.length > 0) this.setState(this.offline ? 'offline' : 'saving');
      try {
        const ack = await this.options.send(batch);
        await this.options.store.markAcked(ack.acked);
        for (const entry of batch) this.parked.delete(entry.key);
        this.failures = 0;
        this.serverErrors = 0;
        this.offline = false;
        globalThis.clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        this.options.onAck(ack);
        if (unacked.length > batch.length) this.again = true;
      } catch (error) {
        if (this.stopped) return;
        let scope = batch.length > 0 ? failureScope(error) : isRetryable(error) ? 'retry' : 'attempt';
        if (scope === 'suspect' && ++this.serverErrors > 10) scope = 'retry';
        if ((scope === 'entry' || scope === 'suspect') && batch.length > 1) {
          this.limit = Math.ceil(batch.length / 2);
          this.again = true;
          continue;
        }
        if (scope === 'entry') {
          console.error('The server refused a journal entry; it is dropped.', batch[0], error instanceof Error ? error.message : error);
          await this.options.store.markAcked(batch);
          this.limit = this.options.batchSize;
          this.again = true;
          continue;
        }
        if (scope === 'suspect') {
          const entry = batch[0]!;
          const tries = (this.parked.get(entry.key)?.tries ?? 0) + 1;
          this.parked.set(entry.key, { seq: entry.seq, tries, until: Date.now() + backoffMs(tries) });
          this.limit = this.options.batchSize;
          this.again = true;
          continue;
        }
        if (scope === 'attempt') {
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

  private scheduleParked(unacked: readonly StoredEntry[]): void {
    const next = Math.min(...unacked.map((entry) => this.parked.get(entry.key)?.until ?? Date.now()));
    globalThis.clearTimeout(this.parkedTimer);
    this.parkedTimer = globalThis.setTimeout(() => void this.run(false), Math.max(0, next - Date.now()));
  }

  private scheduleRetry(): void {
    globalThis.clearTimeout(this.retryTimer);
    const delay = backoffMs(this.failures);
    this.retryTimer = globalThis.setTimeout(() => {
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

/** Exponential backoff with jitter: about 1 s, 2 s, 4 s … up to 30 s. */
function backoffMs(failures: number): number {
  return Math.min(maxBackoffMs, 1000 * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
}

function toEntry(entry: StoredEntry): JournalEntry {
  return { key: entry.key, value: entry.value, seq: entry.seq };
}
