import { z } from 'zod';
import { timeLeftMs } from '../../core/delivery/clock.ts';
import { defineJob, enqueueJob } from '../platform/jobs.ts';
import { clockOf, graceMs } from './repository.ts';
import { expireNow } from './submit-attempt.ts';

/**
 * Job: ends an attempt when its time is up, even if the browser is gone. It runs a grace after the expected end (so
 * in-flight saves land first); if pauses or added time moved the end, it schedules itself again; a paused attempt is
 * left alone (resuming schedules a new run). Idempotent: a finished attempt is left as it is.
 */
export const expiryJob = defineJob({
  name: 'delivery.expire-attempt',
  version: 1,
  schema: z.object({ attemptId: z.uuid() }),
  async handler(deps, trx, { attemptId }) {
    const row = await trx.selectFrom('attempts').selectAll().where('id', '=', attemptId).forUpdate().executeTakeFirst();
    if (!row || row.status !== 'in_progress') return;
    const now = deps.clock.now();
    const left = timeLeftMs(await clockOf(trx, row), now);
    if (left > 0) {
      await enqueueJob(trx, deps, expiryJob, { attemptId }, { runAt: new Date(now.getTime() + left + graceMs) });
      return;
    }
    await expireNow(deps, attemptId, trx);
  },
});

export const deliveryJobs = [expiryJob];
