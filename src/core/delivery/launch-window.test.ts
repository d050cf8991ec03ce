import { describe, expect, it } from 'vitest';
import { ExamPolicy } from '../catalog/policy.ts';
import { AppError } from '../shared/app-error.ts';
import { assertAttemptMayOpen, assertExceptionWindow } from './launch-window.ts';
import { assertSecondStaffMember, launchExceptionReasonCodes, launchExceptionReasonText } from './launch-exception.ts';

// A 10:30 UTC start with the default policy: check-in 10:00 (inclusive) to 10:45 (exclusive).
const start = new Date('2026-11-27T10:30:00Z');
const policy = ExamPolicy.parse({});
const at = (hhmm: string) => new Date(`2026-11-27T${hhmm}:00Z`);
const refusal = (f: () => void) => {
  try { f(); } catch (err) { return err instanceof AppError ? { code: err.code, message: err.message } : err; }
  return null;
};

describe('when an attempt may open', () => {
  it('refuses before check-in opens, saying when it does', () => {
    expect(refusal(() => assertAttemptMayOpen(start, policy, at('09:40'), 'UTC', null))).toEqual({
      code: 'LaunchNotAuthorised', message: 'Check-in opens at 10:00 (UTC), in 20 minutes: the exam can be opened only from then.' });
  });

  it('opens from the first instant of the window until just before it closes', () => {
    expect(refusal(() => assertAttemptMayOpen(start, policy, at('10:00'), 'UTC', null))).toBeNull();
    expect(refusal(() => assertAttemptMayOpen(start, policy, new Date(at('10:45').getTime() - 1), 'UTC', null))).toBeNull();
    expect(refusal(() => assertAttemptMayOpen(start, policy, at('10:45'), 'UTC', null))).toMatchObject({ code: 'LaunchNotAuthorised', message: 'Check-in closed at 10:45 (UTC); this appointment was missed.' });
  });

  it('opens after the close only for a check-in that reached the greeters before it', () => {
    expect(refusal(() => assertAttemptMayOpen(start, policy, at('11:10'), 'UTC', at('10:44')))).toBeNull();
    expect(refusal(() => assertAttemptMayOpen(start, policy, at('11:10'), 'UTC', at('10:45')))).toMatchObject({ code: 'LaunchNotAuthorised' });
  });
});

describe('launch exceptions', () => {
  it('are made only inside the check-in window, in the staff member’s zone', () => {
    expect(refusal(() => assertExceptionWindow(start, policy, at('10:00'), 'UTC'))).toBeNull();
    expect(refusal(() => assertExceptionWindow(start, policy, new Date('2026-11-25T22:30:00Z'), 'Asia/Kolkata'))).toEqual({ code: 'Conflict',
      message: "A launch exception can be made only while the appointment's check-in is open. Check-in opens at 15:30 (Asia/Kolkata) on Friday 27 November, in 1 day and 12 hours." });
    expect(refusal(() => assertExceptionWindow(start, policy, at('10:45'), 'UTC'))).toMatchObject({ code: 'Conflict', message: expect.stringMatching(/Check-in closed at 10:45 \(UTC\)/) });
  });

  it('need a second staff member who is not the candidate', () => {
    expect(refusal(() => assertSecondStaffMember('a', { requestedBy: 'a', candidateId: 'c' }))).toEqual({ code: 'Forbidden', message: 'You requested this exception: a second staff member must approve it.' });
    expect(refusal(() => assertSecondStaffMember('c', { requestedBy: 'a', candidateId: 'c' }))).toMatchObject({ code: 'Forbidden' });
    expect(refusal(() => assertSecondStaffMember('b', { requestedBy: 'a', candidateId: 'c' }))).toBeNull();
  });

  it('have a fixed list of reasons, each in words', () => {
    expect(launchExceptionReasonCodes).toEqual(['video_checkin', 'technical_failure', 'accommodation']);
    expect(launchExceptionReasonText('video_checkin')).toBe('Check-in done by video call');
    expect(launchExceptionReasonText('retired_code')).toBe('retired_code');
  });
});
