import type { Deps } from '../src/server/platform/deps.ts';
import { cryptoIds } from '../src/server/platform/secrets.ts';

/**
 * Candidates with a booked, launch-authorised appointment of `exam` at the same start (the next quarter hour at
 * least 10 minutes away, inside the check-in window), and proctors, written straight in SQL. Returns the users and the
 * appointment ids (by candidate).
 */
export async function seedBookedCandidates(deps: Deps, exam: { id: string; program_id: string; duration_minutes: number }, opts: { candidates: number; proctors: number; ratio: number }) {
  const now = new Date();
  const q = 15 * 60_000;
  const startsAt = new Date(Math.ceil((now.getTime() + 10 * 60_000) / q) * q);
  const users = (role: 'candidate' | 'proctor', n: number) => Array.from({ length: n }, (_, i) => ({
    id: cryptoIds.uuid(), email: `${role}${i}@bench.invalid`, legal_name: `Bench ${role === 'candidate' ? 'Candidate' : 'Proctor'} ${i}`, password_hash: null, time_zone: 'UTC', language: 'en',
    email_verified_at: now, disabled_at: null, created_at: now, updated_at: now,
  }));
  const people = users('candidate', opts.candidates);
  const staff = users('proctor', opts.proctors);
  const appointments: string[] = [];
  for (const [batch, role] of [[staff, 'proctor'], [people, 'candidate']] as const) {
    for (let b = 0; b < batch.length; b += 500) {
      const part = batch.slice(b, b + 500);
      await deps.db.insertInto('users').values(part).execute();
      await deps.db.insertInto('user_roles').values(part.map((u) => ({ user_id: u.id, role, granted_at: now, granted_by: null }))).execute();
      if (role !== 'candidate') continue;
      const appts = part.map((u) => ({
        id: cryptoIds.uuid(), candidate_id: u.id, exam_id: exam.id, program_id: exam.program_id, hold_id: null, language: 'en', starts_at: startsAt, duration_minutes: exam.duration_minutes, extra_minutes: 0,
        span_start: new Date(startsAt.getTime() - 30 * 60_000), span_end: new Date(startsAt.getTime() + exam.duration_minutes * 60_000), checkin_bucket: new Date(startsAt.getTime() - q), seat_units: Math.floor(720720 / opts.ratio), checkin_units: 36036,
        status: 'booked' as const, price_minor: 0, discount_minor: 0, voucher_minor: 0, paid_minor: 0, currency: 'USD', payment_method: 'invoice' as const, code: null, invoice_reference: null,
        outcome: null, outcome_at: null, cancelled_at: null, launch_authorised_at: now, created_at: now, updated_at: now,
      }));
      await deps.db.insertInto('appointments').values(appts).execute();
      appointments.push(...appts.map((a) => a.id));
    }
  }
  return { people, staff, appointments, startsAt };
}
