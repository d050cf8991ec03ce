/** Factories for scheduling and booking tests: a bookable exam, proctor shifts, many signed-in candidates quickly. */
import type { ExamPolicyInput } from '../src/core/catalog/policy.ts';
import { ExamPolicy } from '../src/core/catalog/policy.ts';
import { createSession, sessionCookieName } from '../src/server/platform/auth.ts';
import { savePolicy } from '../src/server/catalog/save-policy.ts';
import { getExamByCode } from '../src/server/catalog/repository.ts';
import { recomputeCapacity } from '../src/server/scheduling/recompute-capacity.ts';
import { examWithBank } from './catalog-factories.ts';
import type { TestApp } from './harness.ts';

/** A published exam (90 minutes, 150.00 USD) with the given policy overrides; returns its ids. */
export async function bookableExam(t: TestApp, policy: ExamPolicyInput = {}, exam: { priceMinor?: number } = {}) {
  const code = await examWithBank(t);
  await savePolicy(t.deps, 'system', code, { policy: ExamPolicy.parse(policy), expectedVersion: 0 });
  await t.db.updateTable('exams').set({ status: 'published', ...(exam.priceMinor !== undefined ? { price_minor: exam.priceMinor } : {}) }).where('code', '=', code).execute();
  const row = await getExamByCode(t.db, code);
  return { code, examId: row.id, programId: row.program_id };
}

let seq = 0;
/** `n` users with the given role, verified, each with a session cookie (inserted directly: no password hashing). */
export async function quickUsers(t: TestApp, n: number, role: 'candidate' | 'proctor' | 'admin' = 'candidate', timeZone = 'Europe/Berlin') {
  const now = t.clock.now();
  const users = Array.from({ length: n }, () => ({
    id: t.deps.ids.uuid(), email: `${role}.${Date.now().toString(36)}.${(seq++).toString(36)}@example.org`, legal_name: `Test ${role} ${seq}`,
    password_hash: null, time_zone: timeZone, language: 'en', email_verified_at: now, disabled_at: null, created_at: now, updated_at: now,
  }));
  await t.db.insertInto('users').values(users).execute();
  await t.db.insertInto('user_roles').values(users.map((u) => ({ user_id: u.id, role, granted_at: now, granted_by: null }))).execute();
  return Promise.all(users.map(async (u) => ({ id: u.id, email: u.email, legalName: u.legal_name, cookie: `${sessionCookieName}=${await createSession(t.deps, u.id, {})}` })));
}

/** A weekly rule for a proctor, inserted directly, and the program's capacity recomputed. */
export async function addShift(t: TestApp, programId: string, proctorId: string, rule: { weekdays?: number[]; start?: string; end?: string; zone?: string; validFrom?: string; proctoring?: boolean; greeting?: boolean } = {}) {
  const now = t.clock.now();
  await t.db.transaction().execute(async (trx) => {
    await trx.insertInto('shift_rules').values({
      id: t.deps.ids.uuid(), proctor_id: proctorId, program_id: programId, weekdays: rule.weekdays ?? [1, 2, 3, 4, 5, 6, 7], start_time: rule.start ?? '00:00',
      end_time: rule.end ?? '24:00', time_zone: rule.zone ?? 'UTC', valid_from: rule.validFrom ?? '2026-01-01', valid_until: null,
      proctoring: rule.proctoring ?? true, greeting: rule.greeting ?? true, created_by: null, created_at: now, updated_at: now,
    }).execute();
    await recomputeCapacity(t.deps, trx, programId);
  });
}
