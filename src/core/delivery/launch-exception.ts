import { AppError } from '../shared/app-error.ts';

/**
 * Why staff may let a candidate launch without the usual check-in (approved photos, then the room scan). The codes
 * are stored and reported; the labels are what staff choose from and what the audit log and timeline show.
 */
export const launchExceptionReasons = {
  video_checkin: 'Check-in done by video call',
  technical_failure: 'The check-in tools failed; identity checked another way',
  accommodation: 'An approved accommodation needs another check-in',
} as const;

export type LaunchExceptionReason = keyof typeof launchExceptionReasons;
export const launchExceptionReasonCodes = Object.keys(launchExceptionReasons) as [LaunchExceptionReason, ...LaunchExceptionReason[]];

/**
 * Refuses (Forbidden) an approval by the staff member who requested the exception, or by the appointment's own
 * candidate: an exception needs two different people, neither of them the one taking the exam.
 */
export function assertSecondStaffMember(approverId: string, e: { requestedBy: string; candidateId: string }): void {
  if (approverId === e.requestedBy) throw new AppError('Forbidden', 'You requested this exception: a second staff member must approve it.');
  if (approverId === e.candidateId) throw new AppError('Forbidden', 'Nobody can approve an exception for their own appointment.');
}

/** The reason of a stored code in words (a code no longer in the list is shown as it is). */
export function launchExceptionReasonText(code: string): string {
  return (launchExceptionReasons as Record<string, string>)[code] ?? code;
}
