import { sql } from 'kysely';
import type { JournalEntry } from '../../contracts/delivery.ts';
import type { Db } from '../platform/db/database.ts';
import { graceMs, type AttemptRow } from './repository.ts';

/** The attempt columns a save reads. */
export type ClockRow = Pick<AttemptRow, 'id' | 'candidate_id' | 'status' | 'started_at' | 'ended_at' | 'last_seen_at' | 'duration_minutes' | 'extra_minutes' | 'added_minutes' | 'paused_reason'>;

/** One candidate's save: the entries (at most one per key, the highest seq) for one attempt. */
export interface SaveRequest {
  attemptId: string;
  candidateId: string;
  entries: readonly JournalEntry[];
  /** Items whose answer or strike-outs the save changes (refused as a whole if any was locked at a break). */
  touched: readonly string[];
  now: Date;
}

/** What the save read of the attempt (as it was before the save) and whether it took the entries. */
export interface SaveOutcome {
  row: ClockRow;
  pauses: [string, string | null][];
  lockedHit: string[];
  accepted: boolean;
}

interface Pending {
  request: SaveRequest;
  resolve: (outcome: SaveOutcome | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the answer journal. Saves are written by at most `maxConcurrent` statements at a time; saves that
 * arrive while those run wait and then go together, up to `maxBatch` attempts in one statement (and so one commit,
 * one WAL flush). Under light load every save is written alone at once; under a burst the cost per save falls instead
 * of the queue growing. Each caller's promise settles only after the statement holding its save has committed, so an
 * acknowledged answer is durable. An attempt is in at most one statement at a time: batches never lock the same
 * rows, so they cannot deadlock each other, and a candidate's two saves are applied in order.
 */
export class JournalWriter {
  private readonly queue: Pending[] = [];
  private readonly writing = new Set<string>();
  private running = 0;
  /** Statements run and saves written, for tests and metrics. */
  readonly stats = { statements: 0, saves: 0, largestBatch: 0 };

  constructor(private readonly db: Db, private readonly maxConcurrent = 1, private readonly maxBatch = 200) {}

  save(request: SaveRequest): Promise<SaveOutcome | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.maxConcurrent && this.queue.length > 0) {
      const batch: Pending[] = [];
      const ids = new Set<string>();
      for (let k = 0; k < this.queue.length && batch.length < this.maxBatch;) {
        const p = this.queue[k]!;
        const id = p.request.attemptId;
        if (this.writing.has(id) || ids.has(id)) {
          k++;
          continue;
        }
        ids.add(id);
        batch.push(p);
        this.queue.splice(k, 1);
      }
      if (batch.length === 0) return; // all waiting saves belong to attempts being written; their turn comes next
      this.running++;
      for (const id of ids) this.writing.add(id);
      void this.write(batch).finally(() => {
        this.running--;
        for (const id of ids) this.writing.delete(id);
        this.pump();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await saveStatement(this.db, batch.map((p) => p.request));
      this.stats.statements++;
      this.stats.saves += batch.length;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
      batch.forEach((p, i) => p.resolve(outcomes.get(i)));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // Something in the batch broke the statement: write each alone, so that only the broken save fails.
      await Promise.all(batch.map(async (p) => {
        try {
          p.resolve((await saveStatement(this.db, [p.request])).get(0));
        } catch (e) {
          p.reject(e);
        }
      }));
    }
  }
}

const writers = new WeakMap<Db, JournalWriter>();

/** The journal writer of a database handle (one per app instance). */
export function journalWriter(db: Db): JournalWriter {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new JournalWriter(db)));
  return writer;
}

/**
 * Many saves in one statement (this runs for every answer of every candidate): read each attempt and its pauses,
 * decide whether it takes saves now (running and within its time plus the grace, paused, or finished within the
 * grace), and if so mark it seen and upsert its entries (highest seq per key wins). Returns, by position in
 * `requests`, the attempt as it was read (with its previous last-seen time); none for an attempt that is not the
 * candidate's.
 */
async function saveStatement(db: Db, requests: readonly SaveRequest[]): Promise<Map<number, SaveOutcome>> {
  const heads = JSON.stringify(requests.map((r, i) => ({ i, id: r.attemptId, c: r.candidateId, now: r.now.toISOString(), touched: r.touched })));
  const rows = JSON.stringify(requests.flatMap((r, i) => r.entries.map((e) => ({ i, key: e.key, value: e.value, seq: e.seq }))));
  const graceSeconds = graceMs / 1000;
  const result = await sql<ClockRow & { i: number; pause_list: [string, string | null][]; accepted: boolean; locked_hit: string[] }>`
    with r as (
      select * from jsonb_to_recordset(${heads}::jsonb) as r(i int, id uuid, c uuid, now timestamptz, touched text[])
    ), a as (
      select r.i, r.now, t.id, t.candidate_id, t.status, t.started_at, t.ended_at, t.last_seen_at, t.duration_minutes, t.extra_minutes, t.added_minutes, t.paused_reason,
        coalesce((select json_agg(json_build_array(p.started_at, p.ended_at) order by p.started_at) from attempt_pauses p where p.attempt_id = t.id), '[]'::json) as pause_list,
        array(select unnest(t.locked_items) intersect select unnest(r.touched)) as locked_hit,
        coalesce((select sum(extract(epoch from coalesce(p.ended_at, r.now) - greatest(p.started_at, t.started_at)))
                  from attempt_pauses p where p.attempt_id = t.id and coalesce(p.ended_at, r.now) > t.started_at), 0) as paused_seconds
      from r join attempts t on t.id = r.id and t.candidate_id = r.c
    ), ok as (
      select i, id, now from a where cardinality(a.locked_hit) = 0 and (a.status = 'paused'
        or (a.status = 'in_progress' and a.now <= a.started_at
              + make_interval(mins => a.duration_minutes + a.extra_minutes + a.added_minutes) + make_interval(secs => a.paused_seconds + ${graceSeconds}))
        or (a.status in ('submitted', 'expired') and a.now <= a.ended_at + make_interval(secs => ${graceSeconds})))
    ), seen as (
      update attempts t set last_seen_at = ok.now from ok where t.id = ok.id and t.status in ('in_progress', 'paused') returning 1
    ), saved as (
      insert into attempt_journal (attempt_id, key, value, seq, saved_at)
      select ok.id, e.key, e.value, e.seq, ok.now from ok join jsonb_to_recordset(${rows}::jsonb) as e(i int, key text, value jsonb, seq bigint) on e.i = ok.i
      on conflict (attempt_id, key) do update set value = excluded.value, seq = excluded.seq, saved_at = excluded.saved_at
        where attempt_journal.seq < excluded.seq
      returning 1
    )
    select a.i, a.id, a.candidate_id, a.status, a.started_at, a.ended_at, a.last_seen_at, a.duration_minutes, a.extra_minutes, a.added_minutes,
      a.paused_reason, a.pause_list, a.locked_hit, exists (select 1 from ok where ok.i = a.i) as accepted
    from a`.execute(db);
  const outcomes = new Map<number, SaveOutcome>();
  for (const { i, pause_list: pauses, accepted, locked_hit: lockedHit, ...row } of result.rows) outcomes.set(i, { row, pauses, lockedHit, accepted });
  return outcomes;
}
