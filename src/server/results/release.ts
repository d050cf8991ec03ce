import { z } from 'zod';
import { appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { defineJob } from '../platform/jobs.ts';
import { enqueueEmail, type OutgoingEmail } from '../platform/mail.ts';
import { issueCredential } from '../credentials/issue-credential.ts';
import { verifyPageUrl } from '../credentials/urls.ts';

/** The facts a result mail needs. */
export async function mailFacts(trx: Db, attemptId: string) {
  return trx.selectFrom('results').innerJoin('users', 'users.id', 'results.candidate_id').innerJoin('exams', 'exams.id', 'results.exam_id')
    .select(['results.attempt_id', 'results.scaled_score', 'results.passing_score', 'results.passed', 'results.taken_at', 'users.email', 'users.legal_name', 'exams.code', 'exams.title'])
    .where('results.attempt_id', '=', attemptId).executeTakeFirstOrThrow();
}
export type ResultFacts = Awaited<ReturnType<typeof mailFacts>>;
type Facts = ResultFacts;

/** The signature and the exam line every result mail uses. */
export const sign = '\n\n— Invigil';
export const examLine = (f: Facts) => `${f.code} ${f.title}, taken on ${f.taken_at.toISOString().slice(0, 10)}`;

export function releasedEmail(f: Facts, link: string, credential: { verifyUrl: string; credentialsUrl: string } | null = null): OutgoingEmail {
  const badge = credential
    ? `\n\nYour certification is issued as a digital credential (Open Badges 3.0), with a certificate to download. Anyone can check it here:\n\n${credential.verifyUrl}\n\nDownload it, or add it to your LinkedIn profile, from your credentials page:\n\n${credential.credentialsUrl}`
    : '';
  return {
    to: f.email,
    subject: `Your official result for ${f.code}: ${f.passed ? 'pass' : 'not passed'}`,
    text: `Hello ${f.legal_name},\n\nYour official result for ${examLine(f)} is released.\n\nScaled score: ${f.scaled_score} (passing score ${f.passing_score})\nResult: ${f.passed ? 'Pass' : 'Not passed'}\n\nYour score report, with feedback by domain and everything recorded about your session, is here:\n\n${link}${badge}${sign}`,
  };
}

export function heldEmail(f: Facts, link: string): OutgoingEmail {
  return {
    to: f.email,
    subject: `Your result for ${f.code} is being reviewed`,
    text: `Hello ${f.legal_name},\n\nYour result for ${examLine(f)} is being reviewed by our staff before it is released. This can happen for several reasons, and it does not by itself mean that anything was wrong. We will write to you when the review is finished.\n\nYou can follow it here:\n\n${link}${sign}`,
  };
}

export function invalidatedEmail(f: Facts, note: string, link: string): OutgoingEmail {
  return {
    to: f.email,
    subject: `Your result for ${f.code} has been invalidated`,
    text: `Hello ${f.legal_name},\n\nAfter review, your result for ${examLine(f)} has been invalidated and will not count. The reason given:\n\n${note}\n\nThe details, and what you can do next, are here:\n\n${link}${sign}`,
  };
}

export const reportLink = (deps: Pick<Deps, 'config'>, attemptId: string) => `${deps.config.publicUrl}/results/${attemptId}`;

/**
 * Releases a result (the job after the delay, or staff): it becomes official, a pass gets its credential (in the same
 * transaction), the candidate is mailed the report. `by` null: released automatically. A result no longer in
 * validation or on hold is left as it is.
 */
export async function releaseResult(trx: Db, deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'config'>, attemptId: string, by: { userId: string; note: string | null } | null): Promise<boolean> {
  const now = deps.clock.now();
  const released = await trx.updateTable('results').set({ state: 'released', released_at: now, decided_by: by?.userId ?? null, decision_note: by?.note ?? null, updated_at: now })
    .where('attempt_id', '=', attemptId).where('state', 'in', by ? ['validating', 'held'] : ['validating']).returning('attempt_id').executeTakeFirst();
  if (!released) return false;
  await appendAudit(trx, deps.clock, { actorId: by?.userId ?? null, action: 'results.released', subjectType: 'attempt', subjectId: attemptId, data: by?.note ? { note: by.note } : {} });
  const credentialId = await issueCredential(trx, deps, attemptId);
  const credential = credentialId ? { verifyUrl: verifyPageUrl(deps, credentialId), credentialsUrl: `${deps.config.publicUrl}/credentials` } : null;
  await enqueueEmail(trx, deps, releasedEmail(await mailFacts(trx, attemptId), reportLink(deps, attemptId), credential));
  return true;
}

/** Job: release a result when its validation delay is over, unless it has been held meanwhile. */
export const releaseJob = defineJob({
  name: 'results.release',
  version: 1,
  schema: z.object({ attemptId: z.uuid() }),
  async handler(deps, trx, { attemptId }) {
    const row = await trx.selectFrom('results').select(['state', 'release_at']).where('attempt_id', '=', attemptId).forUpdate().executeTakeFirst();
    if (!row || row.state !== 'validating' || row.release_at > deps.clock.now()) return;
    await releaseResult(trx, deps, attemptId, null);
  },
});

export const resultJobs = [releaseJob];
