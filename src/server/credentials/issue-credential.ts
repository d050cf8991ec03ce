import { storedPolicy } from '../catalog/stored-policy.ts';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { credentialValidUntil, expiryReminders } from '../../core/credentials/expiry.ts';
import { jwtClaims, openBadgeCredential } from '../../core/credentials/open-badge.ts';
import { pickStatusSlot } from '../../core/credentials/status-list.ts';
import { appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueJobs } from '../platform/jobs.ts';
import { findIssuerProfile } from './issuer.ts';
import { signCompact } from './jws.ts';
import { expiryReminderJob } from './expiry-reminders.ts';
import { currentSigningKey, publishedKid } from './signing-keys.ts';
import { achievementUrl, credentialUrl, statusListUrl } from './urls.ts';

/** OB 3.0 IdentityObject hash of an email: `sha256$` + hex sha256 of the lower-case address followed by the salt. */
export const emailIdentityHash = (email: string, salt: string) => `sha256$${createHash('sha256').update(email.toLowerCase() + salt).digest('hex')}`;

/**
 * Issues the Open Badges 3.0 credential of a released pass, in the caller's transaction (the release's): signed as a
 * JWT, stored with its revocation slot, reminders of its expiry scheduled, audited. Nothing for a fail or a result
 * that is not released; the existing credential when there is one. Returns the credential id or null.
 */
export async function issueCredential(trx: Db, deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'config'>, attemptId: string): Promise<string | null> {
  const r = await trx.selectFrom('results').innerJoin('exams', 'exams.id', 'results.exam_id').innerJoin('users', 'users.id', 'results.candidate_id').innerJoin('attempts', 'attempts.id', 'results.attempt_id')
    .select(['results.attempt_id', 'results.candidate_id', 'results.exam_id', 'results.state', 'results.passed', 'results.scaled_score', 'results.passing_score', 'results.taken_at',
      'exams.program_id', 'exams.code', 'exams.title', 'exams.description', 'exams.scale_min', 'exams.scale_max', 'users.email', 'users.legal_name', 'attempts.policy'])
    .where('results.attempt_id', '=', attemptId).executeTakeFirst();
  if (!r || r.state !== 'released' || !r.passed) return null;
  // One standing credential per result (a reinstated result gets a new one; the revoked one stays revoked).
  const existing = await trx.selectFrom('credentials').select('id').where('attempt_id', '=', attemptId).where('revoked_at', 'is', null).executeTakeFirst();
  if (existing) return existing.id;
  const issuer = (await findIssuerProfile(trx, deps, r.program_id))!;
  // The policy the exam was taken under decides the validity, as it decided the pass.
  const policy = storedPolicy(r.policy);
  const now = deps.clock.now();
  const validUntil = credentialValidUntil(r.taken_at, policy.credential.validityMonths);
  const key = await currentSigningKey(deps, trx);
  const id = deps.ids.uuid();
  const salt = randomBytes(16).toString('hex');

  // A random free slot in the program's newest list; the unique slot constraint settles a race (we pick again).
  for (let tries = 0; tries < 20; tries++) {
    const latest = await trx.selectFrom('credentials').select(['status_list', sql<string>`count(*)`.as('used')]).where('program_id', '=', r.program_id)
      .groupBy('status_list').orderBy('status_list', 'desc').limit(1).executeTakeFirst();
    const slot = pickStatusSlot(Number(latest?.used ?? 0), latest?.status_list ?? 0, (n) => randomInt(n));
    const credential = openBadgeCredential({
      id: credentialUrl(deps, id),
      issuer,
      achievement: {
        id: achievementUrl(deps, r.code),
        name: `${r.code} ${r.title}`,
        description: r.description || `Certification for passing the ${r.code} ${r.title} exam.`,
        criteria: `Pass the proctored ${r.code} exam with a scaled score of at least ${r.passing_score} (scale ${r.scale_min} to ${r.scale_max}); the result is released only after validation of the session.`,
      },
      holder: { name: r.legal_name, emailHash: emailIdentityHash(r.email, salt), salt },
      validFrom: now,
      validUntil,
      awardedAt: r.taken_at,
      score: { scaled: r.scaled_score, passing: r.passing_score, min: r.scale_min, max: r.scale_max },
      status: { listUrl: statusListUrl(deps, r.program_id, slot.list), index: slot.index },
    });
    const jwt = signCompact(key.privateKey, publishedKid(deps, key.kid), jwtClaims(credential));
    const inserted = await trx.insertInto('credentials').values({
      id, attempt_id: attemptId, candidate_id: r.candidate_id, exam_id: r.exam_id, program_id: r.program_id, status_list: slot.list, status_index: slot.index,
      issued_at: now, valid_until: validUntil, revoked_at: null, revocation_reason: null, jwt, kid: key.kid,
    }).onConflict((oc) => oc.columns(['program_id', 'status_list', 'status_index']).doNothing()).returning('id').executeTakeFirst();
    if (!inserted) continue;
    await enqueueJobs(trx, deps, expiryReminders(now, validUntil).map((m) => ({ job: expiryReminderJob, payload: { credentialId: id, daysBefore: m.daysBefore }, runAt: m.at, uniqueKey: `credential-expiry:${id}:${m.daysBefore}` })));
    await appendAudit(trx, deps.clock, { actorId: null, action: 'credentials.issued', subjectType: 'credential', subjectId: id, data: { attemptId, kid: key.kid, validUntil: validUntil?.toISOString() ?? null } });
    return id;
  }
  throw new Error('No free revocation slot after 20 tries.');
}

/**
 * Revokes the credential of a result (its invalidation, in the same transaction): its bit in the status list turns on,
 * the reason is kept (not published), audited. Does nothing when there is none or it is already revoked.
 */
export async function revokeCredential(trx: Db, deps: Pick<Deps, 'clock'>, attemptId: string, reason: string, actorId: string | null): Promise<boolean> {
  const now = deps.clock.now();
  const revoked = await trx.updateTable('credentials').set({ revoked_at: now, revocation_reason: reason }).where('attempt_id', '=', attemptId).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
  if (!revoked) return false;
  await appendAudit(trx, deps.clock, { actorId, action: 'credentials.revoked', subjectType: 'credential', subjectId: revoked.id, data: { attemptId, reason } });
  return true;
}
