import { z } from 'zod';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { defineJob, enqueueJob } from '../platform/jobs.ts';
import { enqueueEmail, type OutgoingEmail } from '../platform/mail.ts';

/** While candidates keep waiting, staff are mailed again at most this often. */
export const alertEveryMs = 15 * 60_000;

/**
 * Staff are told when proctored exams had to stop for want of a proctor: called by the sweep that paused them. One
 * alert per quarter hour at most (the job's unique key), however many sweeps pause exams meanwhile.
 */
export async function scheduleNoProctorAlert(trx: Db, deps: Pick<Deps, 'ids' | 'clock'>): Promise<void> {
  const now = deps.clock.now();
  const bucket = new Date(Math.floor(now.getTime() / alertEveryMs) * alertEveryMs).toISOString();
  await enqueueJob(trx, deps, noProctorAlertJob, { bucket }, { runAt: now, uniqueKey: `no-proctor-alert:${bucket}` });
}

export function noProctorEmail(to: string, name: string, waiting: { code: string; since: Date }[], consoleUrl: string): OutgoingEmail {
  const lines = waiting.map((w) => `- ${w.code}, waiting since ${w.since.toISOString().slice(11, 16)} UTC`);
  return {
    to,
    subject: `${waiting.length} proctored ${waiting.length === 1 ? 'exam is' : 'exams are'} paused: no proctor is free`,
    text: `Hello ${name},\n\n${waiting.length === 1 ? 'A candidate is' : `${waiting.length} candidates are`} waiting with the exam clock stopped, because no proctor with the live console open has room:\n\n${lines.join('\n')}\n\nThe exams continue by themselves as soon as a proctor opens the live console:\n\n${consoleUrl}\n\nYou get this at most every 15 minutes while candidates wait.\n\n— Invigil`,
  };
}

/** Job: mails the admins the list of exams paused for want of a proctor (nothing when they have all been picked up). */
export const noProctorAlertJob = defineJob({
  name: 'proctoring.no-proctor-alert',
  version: 1,
  schema: z.object({ bucket: z.iso.datetime() }),
  async handler(deps, trx) {
    const waiting = await trx.selectFrom('attempts').innerJoin('exams', 'exams.id', 'attempts.exam_id').innerJoin('attempt_pauses', 'attempt_pauses.attempt_id', 'attempts.id')
      .select(['exams.code', 'attempt_pauses.started_at'])
      .where('attempts.status', '=', 'paused').where('attempts.paused_reason', '=', 'no_proctor').where('attempt_pauses.ended_at', 'is', null)
      .orderBy('attempt_pauses.started_at').limit(200).execute();
    if (waiting.length === 0) return;
    const admins = await trx.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').select(['users.email', 'users.legal_name'])
      .where('user_roles.role', '=', 'admin').where('users.disabled_at', 'is', null).execute();
    const list = waiting.map((w) => ({ code: w.code, since: w.started_at }));
    for (const a of admins) await enqueueEmail(trx, deps, noProctorEmail(a.email, a.legal_name, list, `${deps.config.publicUrl}/proctor/live`));
    deps.log.warn({ event: 'proctoring.no_proctor_alert', waiting: waiting.length, mailed: admins.length }, 'proctoring.no_proctor_alert');
  },
});

export const proctoringJobs = [noProctorAlertJob];
