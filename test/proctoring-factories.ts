/** Factories for proctoring tests: proctored appointments whose exams are running, and proctors. */
import type { ExamPolicyInput } from '../src/core/catalog/policy.ts';
import { addShift, bookableExam, quickUsers } from './booking-factories.ts';
import type { TestApp } from './harness.ts';

/** The appointments start here (the harness clock starts a day earlier). */
export const examStart = new Date('2026-11-27T10:30:00Z');

/**
 * `n` candidates with a proctored appointment at `examStart`, each launched and started at 10:25 (the clock is left
 * there), and `proctors` proctors on shift. Launches are authorised directly, as an approved check-in would.
 */
export async function runningProctoredExams(t: TestApp, n: number, opts: { proctors?: number; policy?: ExamPolicyInput } = {}) {
  const { code, programId } = await bookableExam(t, opts.policy ?? {});
  const proctors = await quickUsers(t, Math.max(1, opts.proctors ?? 1), 'proctor');
  for (const p of proctors) await addShift(t, programId, p.id, { weekdays: [5], start: '08:00', end: '16:00' });
  const candidates = await quickUsers(t, n);
  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const attempts: string[] = [];
  for (const c of candidates) {
    const hold = (await call(c.cookie, 'POST', '/api/v1/holds', { examCode: code, startsAt: examStart.toISOString(), language: 'en' })).json().hold;
    const appt = (await call(c.cookie, 'POST', '/api/v1/appointments', { holdId: hold.id, paymentMethod: 'invoice' })).json().appointment;
    await t.db.updateTable('appointments').set({ launch_authorised_at: t.clock.now() }).where('id', '=', appt.id).execute();
    attempts.push(appt.id);
  }
  t.clock.set(new Date(examStart.getTime() - 5 * 60_000));
  const ids: string[] = [];
  for (const [i, c] of candidates.entries()) {
    const opened = await call(c.cookie, 'POST', `/api/v1/appointments/${attempts[i]}/attempt`);
    if (opened.statusCode !== 201) throw new Error(`open failed: ${opened.body}`);
    const id = opened.json().attempt.id as string;
    const started = await call(c.cookie, 'POST', `/api/v1/attempts/${id}/start`);
    if (started.statusCode !== 200) throw new Error(`start failed: ${started.body}`);
    ids.push(id);
  }
  return { code, candidates: candidates.map((c, i) => ({ ...c, attemptId: ids[i]! })), proctors, call };
}
