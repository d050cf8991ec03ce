import { storedPolicy } from '../catalog/stored-policy.ts';
import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { hasAnyRole } from '../../core/accounts/roles.ts';
import { ExamPolicy } from '../../core/catalog/policy.ts';
import type { Principal } from '../platform/auth.ts';
import type { Db } from '../platform/db/database.ts';

/** Attempts a proctor watches: proctored, launched or running. */
export const watchedStatuses = ['authorised', 'in_progress', 'paused'] as const;

/** Whether an attempt is one a proctor watches (a proctored appointment, not a practice test). */
export const proctoredSql = sql<boolean>`(attempts.practice = false and attempts.appointment_id is not null and coalesce((attempts.policy->'proctoring'->>'proctored')::boolean, true))`;

/** Marks a proctor's console alive (`accepting` false: open but taking no new sessions); `seenBefore`: the previous mark. */
export async function touchPresence(db: Db, proctorId: string, now: Date, accepting?: boolean): Promise<{ accepting: boolean; seenBefore: Date | null }> {
  const row = await db.with('before', (q) => q.selectFrom('proctor_presence').select('seen_at').where('proctor_id', '=', proctorId))
    .insertInto('proctor_presence').values({ proctor_id: proctorId, seen_at: now, accepting: accepting ?? true })
    .onConflict((oc) => oc.column('proctor_id').doUpdateSet(accepting === undefined ? { seen_at: now } : { seen_at: now, accepting }))
    .returning((eb) => ['accepting', eb.selectFrom('before').select('seen_at').as('seen_before')]).executeTakeFirstOrThrow();
  return { accepting: row.accepting, seenBefore: row.seen_before ?? null };
}

/** Launched attempts nobody started within this long are not waited for (the candidate left the start screen). */
export const staleLaunchMs = 6 * 3600_000;

/**
 * Whether the sweep has work: a proctored session waits for a proctor, or a proctor whose console is gone still has
 * sessions. Both are index lookups, so a console heartbeat may ask every time.
 */
export async function sweepNeeded(db: Db, now: Date, goneBefore: Date): Promise<boolean> {
  const waiting = await db.selectFrom('attempts').select('id').where('proctor_id', 'is', null).where('status', 'in', [...watchedStatuses]).where(proctoredSql)
    .where((eb) => eb.or([eb('status', '!=', 'authorised'), eb('created_at', '>', new Date(now.getTime() - staleLaunchMs))])).limit(1).executeTakeFirst();
  if (waiting) return true;
  const orphaned = await db.selectFrom('proctor_presence').select('proctor_id').where('seen_at', '<', goneBefore)
    .where((eb) => eb.exists(eb.selectFrom('attempts').select('id').whereRef('attempts.proctor_id', '=', 'proctor_presence.proctor_id').where('attempts.status', 'in', [...watchedStatuses])))
    .limit(1).executeTakeFirst();
  return orphaned !== undefined;
}

/** Proctors whose console was seen since `since` and who take sessions, with how many they watch. */
export async function listPresentProctors(db: Db, since: Date): Promise<{ proctorId: string; name: string; load: number; accepting: boolean }[]> {
  const rows = await db.selectFrom('proctor_presence').innerJoin('users', 'users.id', 'proctor_presence.proctor_id')
    .select(['proctor_presence.proctor_id', 'proctor_presence.accepting', 'users.legal_name'])
    .select((eb) => eb.selectFrom('attempts').select(sql<string>`count(*)`.as('n')).whereRef('attempts.proctor_id', '=', 'proctor_presence.proctor_id')
      .where('attempts.status', 'in', [...watchedStatuses]).as('load'))
    .where('proctor_presence.seen_at', '>=', since)
    .where('users.disabled_at', 'is', null)
    .orderBy('proctor_presence.proctor_id').execute();
  return rows.map((r) => ({ proctorId: r.proctor_id, name: r.legal_name, load: Number(r.load ?? 0), accepting: r.accepting }));
}

/** What deciding access to an attempt's proctoring needs. */
export interface AttemptAccess {
  id: string;
  candidateId: string;
  proctorId: string | null;
  status: string;
  proctored: boolean;
  policy: ExamPolicy;
}

export async function findAttemptAccess(db: Db, id: string): Promise<AttemptAccess | undefined> {
  const row = await db.selectFrom('attempts').select(['id', 'candidate_id', 'proctor_id', 'status', 'policy']).select(proctoredSql.as('proctored'))
    .where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, candidateId: row.candidate_id, proctorId: row.proctor_id, status: row.status, proctored: row.proctored, policy: storedPolicy(row.policy) };
}

/** Who may act on an attempt's proctoring: its candidate, the proctor assigned to it, or an admin. */
export type Party = 'candidate' | 'proctor' | 'admin';

/**
 * The caller's part in an attempt, or NotFound (a candidate never learns that someone else's attempt exists) /
 * Forbidden (a proctor who is not assigned to it). `allow` names the parts the use case accepts.
 */
export async function requireParty(db: Db, principal: Principal, id: string, allow: readonly Party[]): Promise<{ attempt: AttemptAccess; party: Party }> {
  const attempt = await findAttemptAccess(db, id);
  if (!attempt) throw new AppError('NotFound', 'No such exam attempt.');
  let party: Party | null = null;
  if (attempt.candidateId === principal.userId) party = 'candidate';
  else if (attempt.proctorId === principal.userId && hasAnyRole(principal.roles, ['proctor'])) party = 'proctor';
  else if (hasAnyRole(principal.roles, ['admin'])) party = 'admin';
  if (party === null) {
    if (!hasAnyRole(principal.roles, ['proctor', 'admin'])) throw new AppError('NotFound', 'No such exam attempt.');
    throw new AppError('Forbidden', 'Another proctor watches this candidate; ask them to hand the session over.');
  }
  if (!allow.includes(party)) throw new AppError('Forbidden', 'You do not have access to this.');
  return { attempt, party };
}
