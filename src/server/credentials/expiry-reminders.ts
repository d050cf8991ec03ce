import { z } from 'zod';
import { passLockout } from '../../core/booking/rules.ts';
import type { Db } from '../platform/db/database.ts';
import { defineJob } from '../platform/jobs.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { currentPolicy } from '../catalog/repository.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Job: mail the holder `daysBefore` (90, then 30) days before their credential expires, with when and how to renew.
 * Scheduled once each at issuance (unique keys); skipped when the credential is revoked, already expired, or renewed
 * by a newer credential for the same exam that lasts longer.
 */
export const expiryReminderJob = defineJob({
  name: 'credentials.expiry-reminder',
  version: 1,
  schema: z.object({ credentialId: z.uuid(), daysBefore: z.number().int().positive() }),
  async handler(deps, trx, { credentialId, daysBefore }) {
    const c = await trx.selectFrom('credentials').innerJoin('users', 'users.id', 'credentials.candidate_id').innerJoin('exams', 'exams.id', 'credentials.exam_id')
      .innerJoin('results', 'results.attempt_id', 'credentials.attempt_id')
      .select(['credentials.id', 'credentials.candidate_id', 'credentials.exam_id', 'credentials.valid_until', 'credentials.revoked_at', 'results.taken_at', 'users.email', 'users.legal_name', 'exams.code', 'exams.title'])
      .where('credentials.id', '=', credentialId).executeTakeFirst();
    if (!c || !c.valid_until || c.revoked_at || c.valid_until <= deps.clock.now()) return;
    if (await renewed(trx, { ...c, valid_until: c.valid_until })) return;
    const { policy } = await currentPolicy(trx, c.exam_id);
    const lock = passLockout({ outcome: 'pass', at: c.taken_at, credentialValidUntil: c.valid_until }, policy);
    const bookFrom = lock && lock.until > deps.clock.now() ? `You can book a sitting that starts from ${day(lock.until)}.` : 'You can book a sitting now.';
    const validity = policy.credential.validityMonths > 0 ? ` A new pass earns a new credential, valid for ${policy.credential.validityMonths} months from that exam.` : '';
    await enqueueEmail(trx, deps, {
      to: c.email,
      subject: `Your ${c.code} certification expires on ${day(c.valid_until)}`,
      text: `Hello ${c.legal_name},\n\nYour ${c.code} ${c.title} certification expires in ${daysBefore} days, on ${day(c.valid_until)}. After that date its verification page and badge show it as expired.\n\nTo renew it, pass the exam again. ${bookFrom}${validity}\n\nBook here:\n\n${deps.config.publicUrl}/exams/${c.code}/book\n\nYour credentials:\n\n${deps.config.publicUrl}/credentials\n\n— Invigil`,
    });
  },
});

async function renewed(trx: Db, c: { id: string; candidate_id: string; exam_id: string; valid_until: Date }): Promise<boolean> {
  const newer = await trx.selectFrom('credentials').select('id').where('candidate_id', '=', c.candidate_id).where('exam_id', '=', c.exam_id).where('id', '<>', c.id)
    .where('revoked_at', 'is', null).where((w) => w.or([w('valid_until', 'is', null), w('valid_until', '>', c.valid_until)])).executeTakeFirst();
  return newer !== undefined;
}

export const credentialJobs = [expiryReminderJob];
