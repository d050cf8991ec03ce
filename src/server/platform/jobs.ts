import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from './db/database.ts';
import type { Deps } from './deps.ts';

/**
 * A kind of background job: a name, a payload schema (payloads are validated when they run: rows may be older than
 * the code), a version, and a handler. Handlers run inside the transaction that claims the job, so their effects and
 * the job's completion commit together; a handler must still be idempotent (it may run again after a crash between
 * its side effects outside the database and the commit).
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  version: number;
  schema: S;
  /** `afterCommit` runs a function once the job's transaction has committed (e.g. to publish on the live bus). */
  handler(deps: Deps, trx: Db, payload: z.output<S>, afterCommit: (fn: () => void) => void): Promise<void>;
}

/** Declares a job kind with a typed handler. */
export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition {
  return def as unknown as JobDefinition;
}

/**
 * Schedules a job; call inside the transaction of the change that needs it, so the job exists exactly when the
 * change commits. A `uniqueKey` makes scheduling idempotent (a second enqueue with the same key does nothing).
 */
export async function enqueueJob<S extends z.ZodType>(trx: Db, deps: Pick<Deps, 'ids' | 'clock'>, job: JobDefinition<S> | JobDefinition, payload: z.input<S>, opts: { runAt: Date; uniqueKey?: string }): Promise<void> {
  await enqueueJobs(trx, deps, [{ job, payload, ...opts }]);
}

/** Schedules several jobs in one statement (same rules as `enqueueJob`). */
export async function enqueueJobs(trx: Db, deps: Pick<Deps, 'ids' | 'clock'>, jobs: { job: JobDefinition; payload: unknown; runAt: Date; uniqueKey?: string }[]): Promise<void> {
  if (jobs.length === 0) return;
  await trx.insertInto('jobs').values(jobs.map((j) => jobRow(deps, j.job, j.payload, j))).onConflict((oc) => oc.column('unique_key').doNothing()).execute();
}

/** The row of a job, for callers that insert it within a larger statement. */
export function jobRow(deps: Pick<Deps, 'ids' | 'clock'>, job: JobDefinition, payload: unknown, opts: { runAt: Date; uniqueKey?: string }) {
  return {
    id: deps.ids.uuid(), name: job.name, version: job.version, payload: JSON.stringify(payload), unique_key: opts.uniqueKey ?? null,
    run_at: opts.runAt, created_at: deps.clock.now(),
  };
}

const maxAttempts = 10;
/** Backoff after the nth failure: 10 s, 20 s, 40 s … capped at 30 min. */
const retryDelayMs = (attempts: number) => Math.min(10_000 * 2 ** (attempts - 1), 1_800_000);

export interface JobRunner {
  /** Runs every job due now, one transaction each; returns how many ran. Safe on several instances at once. */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

/** Runs one due job, if any; returns false when none was due. */
async function runOne(deps: Deps, byName: Map<string, JobDefinition>): Promise<boolean> {
  let failed: { id: string; attempts: number; error: string } | null = null;
  let committed: (() => void)[] = [];
  const ran = await deps.db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom('jobs').selectAll().where('done_at', 'is', null).where('failed_at', 'is', null).where('run_at', '<=', deps.clock.now())
      .orderBy('run_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
    if (!job) return false;
    const def = byName.get(job.name);
    try {
      if (!def) throw new Error(`No handler for job ${job.name}.`);
      if (job.version > def.version) throw new Error(`Job ${job.name} v${job.version} is newer than this code (v${def.version}).`);
      const payload = def.schema.parse(job.payload);
      await sql`savepoint job_handler`.execute(trx);
      try {
        await def.handler(deps, trx, payload, (fn) => committed.push(fn));
      } catch (err) {
        committed = [];
        await sql`rollback to savepoint job_handler`.execute(trx);
        throw err;
      }
      await trx.updateTable('jobs').set({ done_at: deps.clock.now(), attempts: sql`attempts + 1`, last_error: null }).where('id', '=', job.id).execute();
      deps.log.info({ event: 'job.done', job: job.name, jobId: job.id }, 'job.done');
    } catch (err) {
      failed = { id: job.id, attempts: job.attempts + 1, error: String((err as Error).message ?? err).slice(0, 500) };
      const giveUp = failed.attempts >= maxAttempts;
      await trx.updateTable('jobs').set({
        attempts: failed.attempts, last_error: failed.error,
        run_at: new Date(deps.clock.now().getTime() + retryDelayMs(failed.attempts)),
        failed_at: giveUp ? deps.clock.now() : null,
      }).where('id', '=', job.id).execute();
      deps.log.warn({ event: 'job.failed', job: job.name, jobId: job.id, attempts: failed.attempts, giveUp, err: failed.error }, 'job.failed');
    }
    return true;
  });
  for (const fn of committed) {
    try {
      fn();
    } catch (err) {
      deps.log.warn({ err }, 'job.after_commit_failed');
    }
  }
  return ran;
}

/**
 * Polls the job table and runs due jobs. Jobs are claimed with FOR UPDATE SKIP LOCKED, so instances share the work and
 * never run one job twice at once; a job left half-done by a crash is simply claimed again (its transaction rolled back).
 */
export function startJobRunner(deps: Deps, jobs: JobDefinition[], opts: { intervalMs?: number } = {}): JobRunner {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  let running: Promise<number> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function drain(): Promise<number> {
    let n = 0;
    while (!stopped && (await runOne(deps, byName))) n += 1;
    return n;
  }
  function runDue(): Promise<number> {
    running ??= drain().finally(() => { running = null; });
    return running;
  }
  function schedule(ms: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      runDue().catch((err) => deps.log.error({ event: 'job.loop_failed', err }, 'job.loop_failed')).finally(() => schedule(opts.intervalMs ?? 2_000));
    }, ms);
    timer.unref();
  }
  schedule(0);
  return {
    runDue,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** Runs every due job once, in this process (tests, CLI). */
export async function runDueJobs(deps: Deps, jobs: JobDefinition[]): Promise<number> {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  let n = 0;
  while (await runOne(deps, byName)) n += 1;
  return n;
}
