import { describe, expect, it, vi } from 'vitest';
import type { JournalEntry } from '../../contracts/delivery.ts';
import { ApiError } from '../lib/api.ts';
import { memoryStore } from './journal-store.ts';
import { JournalSync, type Ack } from './journal.ts';

const ack = (entries: JournalEntry[]): Ack => ({ status: 'in_progress', timeLeftMs: 1000, pausedReason: null, acked: entries.map((e) => ({ key: e.key, seq: e.seq })) }) as unknown as Ack;

/** A journal with `n` answers written, and a server that refuses any request holding an entry `poisoned` picks out. */
async function journalWith(n: number, poisoned: (e: JournalEntry) => ApiError | null, batchSize = 200) {
  const store = memoryStore();
  const saved = new Map<string, unknown>();
  const requests: number[] = [];
  const refused: unknown[] = [];
  const sync = new JournalSync({
    store, batchSize, debounceMs: 1_000_000,
    send: async (entries) => {
      requests.push(entries.length);
      for (const e of entries) {
        const error = poisoned(e);
        if (error) throw error;
      }
      for (const e of entries) saved.set(e.key, e.value);
      return ack(entries);
    },
    onAck: () => {}, onState: () => {}, onRefused: (e) => refused.push(e),
  });
  for (let i = 0; i < n; i++) await store.put(`answer:Q${i}`, ['A']);
  await store.put('notes', 'bad');
  return { sync, store, saved, requests, refused };
}

describe('the answer journal in the browser', () => {
  it('drops only the entry the server refuses, and saves every other answer in a few requests', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const j = await journalWith(99, (e) => (e.key === 'notes' ? new ApiError('ValidationFailed', 'Notes are text.', 400) : null));
    await j.sync.flush();
    expect(j.saved.size).toBe(99);
    expect(j.saved.has('notes')).toBe(false);
    expect((await j.store.all()).every((e) => e.acked)).toBe(true);
    // Halving finds the culprit among 100 in about log2(100) refusals, not 100 single requests.
    expect(j.requests.length).toBeLessThan(20);
    expect(j.refused).toEqual([]);
  });

  it('keeps an entry that meets a server error, sends the others, and retries it later', async () => {
    let broken = true;
    const j = await journalWith(40, (e) => (broken && e.key === 'notes' ? new ApiError('Internal', 'Something went wrong.', 500) : null), 16);
    await j.sync.flush();
    expect(j.saved.size).toBe(40);
    const notes = (await j.store.all()).find((e) => e.key === 'notes')!;
    expect(notes.acked).toBe(false);
    broken = false;
    await vi.waitFor(() => expect(j.saved.get('notes')).toBe('bad'), { timeout: 3000, interval: 50 });
    j.sync.stop();
  });

  it('stops the whole journal when the exam has ended, and keeps every row for the submit', async () => {
    const j = await journalWith(3, () => new ApiError('AttemptFinished', 'This exam has ended.', 409));
    await j.sync.flush();
    expect(j.requests).toEqual([4]);
    expect(j.refused).toHaveLength(1);
    expect((await j.sync.drain())).toHaveLength(4);
  });

  it('backs off and keeps everything while the server is unreachable', async () => {
    const j = await journalWith(3, () => new ApiError('NetworkError', 'offline', 0));
    await j.sync.flush();
    expect(j.requests).toEqual([4]);
    expect((await j.store.all()).filter((e) => !e.acked)).toHaveLength(4);
    j.sync.stop();
  });
});
