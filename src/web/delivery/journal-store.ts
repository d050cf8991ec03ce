import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { JournalEntry } from '../../contracts/delivery.ts';

export type JournalValue = JournalEntry['value'];

/** A journal entry as this browser keeps it: the newest value of one key, its seq, and whether the server holds it. */
export interface StoredEntry extends JournalEntry {
  acked: boolean;
}

/** The browser-side journal of one attempt. The newest entry per key is the only one that matters (the server keeps
 * the highest seq), so the store holds one row per key, and that row's seq is the key's persisted counter. */
export interface JournalStore {
  /** Writes `value` under `key` with the key's next seq. Reading the counter and writing happen in one transaction, so
   * two tabs of the same attempt never hand out the same seq. */
  put(key: string, value: JournalValue): Promise<StoredEntry>;
  all(): Promise<StoredEntry[]>;
  /** Replaces rows wholesale (after merging with the server's journal). */
  putAll(entries: readonly StoredEntry[]): Promise<void>;
  /** Marks rows acknowledged when the server holds their seq or a newer one (a row rewritten meanwhile stays unacked). */
  markAcked(acks: readonly { key: string; seq: number }[]): Promise<void>;
  /** Deletes the attempt's journal from this device (after the attempt is finished). */
  destroy(): Promise<void>;
  close(): void;
}

interface JournalSchema extends DBSchema {
  entries: { key: string; value: StoredEntry };
}

/** The IndexedDB database name of an attempt's journal: one database (one `entries` store) per attempt, so
 * finishing an attempt deletes exactly its data and no schema upgrade is ever needed for a new attempt. */
export const journalDatabaseName = (attemptId: string) => `invigil-attempt-${attemptId}`;

/** Opens the attempt's journal in IndexedDB, or in memory when the browser refuses IndexedDB (some private modes):
 * answers are then still sent at once, only a crash of the browser could lose the unsent ones. */
export async function openJournalStore(attemptId: string): Promise<JournalStore> {
  try {
    const db = await openDB<JournalSchema>(journalDatabaseName(attemptId), 1, {
      upgrade(database) {
        database.createObjectStore('entries', { keyPath: 'key' });
      },
    });
    return idbStore(db, attemptId);
  } catch (error) {
    console.warn('IndexedDB is not available; the exam journal is kept in memory only.', error);
    return memoryStore();
  }
}

function idbStore(db: IDBPDatabase<JournalSchema>, attemptId: string): JournalStore {
  return {
    async put(key, value) {
      const tx = db.transaction('entries', 'readwrite');
      const current = await tx.store.get(key);
      const entry: StoredEntry = { key, value, seq: (current?.seq ?? 0) + 1, acked: false };
      await tx.store.put(entry);
      await tx.done;
      return entry;
    },
    all: () => db.getAll('entries'),
    async putAll(entries) {
      const tx = db.transaction('entries', 'readwrite');
      await Promise.all([...entries.map((entry) => tx.store.put(entry)), tx.done]);
    },
    async markAcked(acks) {
      if (acks.length === 0) return;
      const tx = db.transaction('entries', 'readwrite');
      for (const ack of acks) {
        const current = await tx.store.get(ack.key);
        if (current && !current.acked && current.seq <= ack.seq) await tx.store.put({ ...current, acked: true });
      }
      await tx.done;
    },
    async destroy() {
      db.close();
      await deleteDB(journalDatabaseName(attemptId));
    },
    close: () => db.close(),
  };
}

/** A journal kept in memory: the fallback without IndexedDB, and the store of unit tests. */
export function memoryStore(): JournalStore {
  const rows = new Map<string, StoredEntry>();
  return {
    async put(key, value) {
      const entry: StoredEntry = { key, value, seq: (rows.get(key)?.seq ?? 0) + 1, acked: false };
      rows.set(key, entry);
      return entry;
    },
    all: async () => [...rows.values()],
    async putAll(entries) {
      for (const entry of entries) rows.set(entry.key, entry);
    },
    async markAcked(acks) {
      for (const ack of acks) {
        const current = rows.get(ack.key);
        if (current && current.seq <= ack.seq) rows.set(ack.key, { ...current, acked: true });
      }
    },
    async destroy() {
      rows.clear();
    },
    close: () => undefined,
  };
}

/** Deletes an attempt's journal without opening it (the result screen of a finished attempt). */
export async function deleteJournal(attemptId: string): Promise<void> {
  try {
    await deleteDB(journalDatabaseName(attemptId));
  } catch {
    // Nothing to delete, or IndexedDB is unavailable: either way nothing is left behind.
  }
}
