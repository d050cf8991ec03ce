import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AttemptClock, AttemptList, AttemptResponse, CodeParamsForPractice, EventsBody, JournalAck, JournalBody, LaunchExceptionBody, LaunchExceptionResponse, RescanCompleteBody, StaffActionBody, StaffAppointmentList, SubmitBody } from '../../contracts/delivery.ts';
import { listLaunches } from './list-launches.ts';
import { IdParams } from '../../contracts/admin.ts';
import type { Deps } from '../platform/deps.ts';
import { route } from '../platform/http/route.ts';
import { requireRole } from '../platform/auth.ts';
import { getAttemptRow, policyOf, presentAttempt, presentResult, type AttemptRow } from './repository.ts';
import { acknowledgeWarning, completeRescan, endBreak, startBreak, recordLockdownEvents, resumeAttempt, staffAction, type StaffAction } from './pause-resume.ts';
import { saveJournal } from './save-journal.ts';
import { requireSafeExamBrowser, type SebRequest } from './seb.ts';
import { approveLaunchException } from './approve-launch-exception.ts';
import { requestLaunchException } from './request-launch-exception.ts';
import { beginAttempt, startAppointmentAttempt, startPracticeAttempt } from './start-attempt.ts';
import { submitAttempt } from './submit-attempt.ts';

const tags = ['Exam delivery'];
const signedIn = [] as const;
const staff = ['proctor', 'admin'] as const;

const SebHeaders = z.object({
  'x-safeexambrowser-configkeyhash': z.string().max(128).optional().meta({ description: 'Required when the exam policy requires Safe Exam Browser: hex SHA-256 of this absolute URL + the Config Key.' }),
});

/** Delivery: attempts (practice and proctored), the clock, the answer journal, lockdown events, submit, staff actions. */
export function deliveryRoutes(deps: Deps) {
  const seb = (req: FastifyRequest, headers: { 'x-safeexambrowser-configkeyhash'?: string | undefined }): SebRequest => ({
    absoluteUrl: `${deps.config.publicUrl}${req.url}`, configKeyHash: headers['x-safeexambrowser-configkeyhash'],
  });
  const summary = async (row: AttemptRow) => {
    const exam = await deps.db.selectFrom('exams').select(['code', 'title', 'passing_score']).where('id', '=', row.exam_id).executeTakeFirstOrThrow();
    return { id: row.id, examCode: exam.code, examTitle: exam.title, practice: row.practice, status: row.status, startedAt: row.started_at?.toISOString() ?? null, endedAt: row.ended_at?.toISOString() ?? null, result: presentResult(row, exam.passing_score) };
  };
  return [
    route({ method: 'POST', url: '/api/v1/exams/:code/practice-attempts', summary: 'Start (or resume) an unproctored practice attempt', tags, access: signedIn, params: CodeParamsForPractice, response: { status: 201, schema: AttemptResponse },
      handler: async ({ principal, params }) => ({ attempt: await startPracticeAttempt(deps, principal, params.code) }) }),
    route({ method: 'GET', url: '/api/v1/staff/appointments', summary: 'Appointments around now (4 h ago to 24 h ahead) with their launch authorisation and newest launch exception', tags, access: staff, response: { status: 200, schema: StaffAppointmentList },
      handler: async ({ principal }) => ({ appointments: await listLaunches(deps, principal) }) }),
    route({ method: 'POST', url: '/api/v1/appointments/:id/launch-exceptions', summary: 'Request a launch without the usual check-in (reason code and note; inside the check-in window); a second staff member must approve it', tags, access: staff, params: IdParams, body: LaunchExceptionBody, response: { status: 201, schema: LaunchExceptionResponse },
      handler: async ({ principal, params, body }) => ({ exception: await requestLaunchException(deps, principal, params.id, body) }) }),
    route({ method: 'POST', url: '/api/v1/launch-exceptions/:id/approval', summary: "Approve another staff member's launch exception, which authorises the launch (inside the check-in window; audited, on the attempt's timeline)", tags, access: staff, params: IdParams, response: { status: 200, schema: LaunchExceptionResponse },
      handler: async ({ principal, params }) => ({ exception: await approveLaunchException(deps, principal, params.id) }) }),
    route({ method: 'POST', url: '/api/v1/appointments/:id/attempt', summary: 'Open (or resume) the exam attempt of an appointment whose launch is authorised, inside its check-in window', tags, access: signedIn, params: IdParams, headers: SebHeaders, response: { status: 201, schema: AttemptResponse },
      handler: async ({ principal, params, headers, req }) => ({ attempt: await startAppointmentAttempt(deps, principal, params.id, seb(req, headers)) }) }),
    route({ method: 'GET', url: '/api/v1/attempts', summary: 'My exam attempts', tags, access: signedIn, response: { status: 200, schema: AttemptList },
      handler: async ({ principal }) => {
        const actor = requireRole(principal, []);
        const rows = await deps.db.selectFrom('attempts').selectAll().where('candidate_id', '=', actor.userId).orderBy('created_at', 'desc').limit(100).execute();
        return { attempts: await Promise.all(rows.map(summary)) };
      } }),
    route({ method: 'GET', url: '/api/v1/attempts/:id', summary: 'An attempt: items (never keys) while running, the saved journal, the clock, the result', tags, access: signedIn, params: IdParams, headers: SebHeaders, response: { status: 200, schema: AttemptResponse },
      handler: async ({ principal, params, headers, req }) => {
        const actor = requireRole(principal, []);
        const row = await getAttemptRow(deps.db, params.id, { userId: actor.userId, staff: false });
        requireSafeExamBrowser(policyOf(row), seb(req, headers));
        return { attempt: await presentAttempt(deps.db, row, deps.clock.now()) };
      } }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/start', summary: 'Start the clock', tags, access: signedIn, params: IdParams, headers: SebHeaders, response: { status: 200, schema: AttemptResponse },
      handler: async ({ principal, params, headers, req }) => ({ attempt: await beginAttempt(deps, principal, params.id, seb(req, headers)) }) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/journal', summary: 'Save answers, flags, strike-outs, notes and position (highest seq per key wins; empty = heartbeat)', tags, access: signedIn, params: IdParams, headers: SebHeaders, body: JournalBody, unstorableText: 'normalise', response: { status: 200, schema: JournalAck },
      handler: async ({ principal, params, headers, body, req }) => saveJournal(deps, principal, params.id, body.entries, seb(req, headers)) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/events', summary: 'Lockdown events (leaving fullscreen pauses the exam)', tags, access: signedIn, params: IdParams, headers: SebHeaders, body: EventsBody, response: { status: 200, schema: AttemptClock },
      handler: async ({ principal, params, headers, body, req }) => recordLockdownEvents(deps, principal, params.id, body.events, seb(req, headers)) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/break', summary: 'Start a break (when the policy allows one and breaks are left)', tags, access: signedIn, params: IdParams, headers: SebHeaders, response: { status: 200, schema: AttemptClock },
      handler: async ({ principal, params, headers, req }) => startBreak(deps, principal, params.id, seb(req, headers)) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/break/end', summary: 'Back from a break (a proctored exam then waits for the proctor)', tags, access: signedIn, params: IdParams, headers: SebHeaders, response: { status: 200, schema: AttemptClock },
      handler: async ({ principal, params, headers, req }) => endBreak(deps, principal, params.id, seb(req, headers)) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/acknowledge-warning', summary: "Acknowledge the proctor's warning (the clock runs again)", tags, access: signedIn, params: IdParams, headers: SebHeaders, response: { status: 200, schema: AttemptClock },
      handler: async ({ principal, params, headers, req }) => acknowledgeWarning(deps, principal, params.id, seb(req, headers)) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/resume', summary: 'Continue after leaving fullscreen', tags, access: signedIn, params: IdParams, headers: SebHeaders, response: { status: 200, schema: AttemptClock },
      handler: async ({ principal, params, headers, req }) => resumeAttempt(deps, principal, params.id, seb(req, headers)) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/rescan/complete', summary: 'Candidate: the room re-scan the proctor asked for is filmed (its recording is checked); the exam continues', tags, access: signedIn, params: IdParams, headers: SebHeaders, body: RescanCompleteBody, response: { status: 200, schema: AttemptClock },
      handler: async ({ principal, params, headers, req, body }) => completeRescan(deps, principal, params.id, body.recordingId, seb(req, headers)) }),
    route({ method: 'POST', url: '/api/v1/attempts/:id/submit', summary: 'Submit (with any unacknowledged journal entries); returns the provisional result', tags, access: signedIn, params: IdParams, headers: SebHeaders, body: SubmitBody, unstorableText: 'normalise', response: { status: 200, schema: AttemptResponse },
      handler: async ({ principal, params, headers, body, req }) => ({ attempt: await submitAttempt(deps, principal, params.id, body.entries, seb(req, headers)) }) }),
    ...(['warn', 'pause', 'resume', 'add-time', 'rescan', 'terminate'] as StaffAction[]).map((action) =>
      route({ method: 'POST', url: `/api/v1/staff/attempts/:id/${action}`, summary: `The assigned proctor or an admin: ${action.replace('-', ' ')} an attempt (with a reason; audited)`, tags, access: staff, params: IdParams, body: StaffActionBody, response: { status: 200, schema: AttemptClock },
        handler: async ({ principal, params, body }) => staffAction(deps, principal, params.id, action, body) })),
  ];
}
