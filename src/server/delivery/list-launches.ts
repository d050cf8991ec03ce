import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { currentPolicy } from '../catalog/repository.ts';
import { findLatestSystemTestResults, summariseSystemTest } from '../systemcheck/repository.ts';
import { listLaunchExceptions } from './repository.ts';

/**
 * Proctor or admin: appointments starting from 4 hours ago to 24 hours ahead, with their launch authorisation and
 * newest launch exception, attempt and the candidate's newest system test, so staff see who may have technical
 * trouble and, where the usual check-in cannot be done, request or approve an exception (an approved check-in
 * authorises the launch by itself).
 */
export async function listLaunches(deps: Deps, principal: Principal | null) {
  requireRole(principal, ['proctor', 'admin']);
  const now = deps.clock.now().getTime();
  const rows = await deps.db.selectFrom('appointments')
    .innerJoin('users', 'users.id', 'appointments.candidate_id')
    .innerJoin('exams', 'exams.id', 'appointments.exam_id')
    .leftJoin('attempts', 'attempts.appointment_id', 'appointments.id')
    .leftJoin('checkins', 'checkins.appointment_id', 'appointments.id')
    .select(['appointments.id', 'appointments.exam_id', 'appointments.candidate_id', 'appointments.starts_at', 'appointments.status', 'appointments.launch_authorised_at', 'users.legal_name', 'users.email', 'exams.code', 'exams.title', 'attempts.status as attempt_status',
      'checkins.id as checkin_id', 'checkins.status as checkin_status', 'checkins.scan_take'])
    .where('appointments.starts_at', '>=', new Date(now - 4 * 3_600_000)).where('appointments.starts_at', '<', new Date(now + 24 * 3_600_000))
    .where('appointments.status', 'in', ['booked', 'checked_in', 'completed'])
    .orderBy('appointments.starts_at').limit(500).execute();
  const [policies, tests, exceptions] = await Promise.all([
    Promise.all([...new Set(rows.map((r) => r.exam_id))].map(async (id) => [id, (await currentPolicy(deps.db, id)).policy] as const)).then((e) => new Map(e)),
    findLatestSystemTestResults(deps.db, rows.map((r) => r.candidate_id)),
    listLaunchExceptions(deps.db, rows.map((r) => r.id)),
  ]);
  return rows.map((r) => {
    const p = policies.get(r.exam_id)!;
    return {
      id: r.id, candidateName: r.legal_name, candidateEmail: r.email, examCode: r.code, examTitle: r.title, startsAt: r.starts_at.toISOString(),
      checkInOpensAt: new Date(r.starts_at.getTime() - p.checkIn.opensMinutesBefore * 60_000).toISOString(),
      checkInClosesAt: new Date(r.starts_at.getTime() + p.checkIn.closesMinutesAfter * 60_000).toISOString(),
      status: r.status, launchAuthorisedAt: r.launch_authorised_at?.toISOString() ?? null, launchException: exceptions.get(r.id) ?? null, attemptStatus: r.attempt_status ?? null,
      systemTest: tests.has(r.candidate_id) ? summariseSystemTest(tests.get(r.candidate_id)!, p.systemTest.validDays, r.starts_at) : null,
      checkIn: r.checkin_id ? { id: r.checkin_id, status: r.checkin_status!, roomScanTakes: r.scan_take ?? 0 } : null,
    };
  });
}
