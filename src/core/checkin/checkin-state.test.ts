import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.ts';
import {
  checkInActions, checkInStatuses, checkInTransition, finishedCheckInStatuses, isCheckInFinished, nextCheckInStatus,
  type CheckInAction, type CheckInStatus,
} from './checkin-state.ts';

const statuses: CheckInStatus[] = ['in_progress', 'submitted', 'in_review', 'approved', 'retake_requested', 'rejected', 'room_scan', 'completed', 'expired'];
const actions: CheckInAction[] = ['submit', 'claim', 'release', 'approve', 'request_retake', 'reject', 'retake', 'start_scan', 'complete', 'expire'];
const finished: CheckInStatus[] = ['completed', 'rejected', 'expired'];

const none: Record<CheckInAction, null> = { submit: null, claim: null, release: null, approve: null, request_retake: null, reject: null, retake: null, start_scan: null, complete: null, expire: null };

/** The whole table, written out by hand: every status × action → the next status, or null when refused. */
const table: Record<CheckInStatus, Record<CheckInAction, CheckInStatus | null>> = {
  in_progress: { ...none, submit: 'submitted', expire: 'expired' },
  submitted: { ...none, claim: 'in_review', expire: 'expired' },
  in_review: { ...none, release: 'submitted', approve: 'approved', request_retake: 'retake_requested', reject: 'rejected', expire: 'expired' },
  approved: { ...none, start_scan: 'room_scan', complete: 'completed', expire: 'expired' },
  retake_requested: { ...none, retake: 'in_progress', expire: 'expired' },
  room_scan: { ...none, reject: 'rejected', complete: 'completed', expire: 'expired' },
  rejected: { ...none },
  completed: { ...none },
  expired: { ...none },
};

const words: Record<CheckInStatus, string> = {
  in_progress: 'in progress', submitted: 'waiting in the queue', in_review: 'being reviewed', approved: 'approved', retake_requested: 'waiting for a retake',
  rejected: 'rejected', room_scan: 'in the room scan', completed: 'completed', expired: 'expired',
};

const cells = statuses.flatMap((from) => actions.map((action) => ({ from, action, to: table[from][action] })));
const allowed = cells.filter((c) => c.to !== null);
const refusedWhileOpen = cells.filter((c) => c.to === null && !finished.includes(c.from));
const refusedWhenFinished = cells.filter((c) => c.to === null && finished.includes(c.from));

/** The AppError `fn` throws (fails the test when it throws nothing or something else). */
function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal, but the transition was allowed');
}

describe('check-in state machine', () => {
  it('lists every status and action exactly once', () => {
    expect([...checkInStatuses].sort()).toEqual([...statuses].sort());
    expect([...checkInActions].sort()).toEqual([...actions].sort());
  });

  it.each(allowed)('moves $from on $action to $to', ({ from, action, to }) => {
    expect(nextCheckInStatus(from, action)).toBe(to);
    expect(checkInTransition(from, action)).toBe(to);
  });

  it.each(refusedWhileOpen)('refuses $action when $from, as a Conflict in words', ({ from, action }) => {
    expect(nextCheckInStatus(from, action)).toBeNull();
    const e = refusal(() => checkInTransition(from, action));
    expect(e.code).toBe('Conflict');
    expect(e.message).toMatch(new RegExp(`^A check-in that is ${words[from]} cannot .+\\.$`));
    expect(e.details).toEqual({ from, action });
  });

  it.each(refusedWhenFinished)('refuses $action when $from, saying the check-in is final', ({ from, action }) => {
    expect(nextCheckInStatus(from, action)).toBeNull();
    const e = refusal(() => checkInTransition(from, action));
    expect(e.code).toBe('Conflict');
    expect(e.message).toBe(`This check-in is already ${from}; nothing more can change.`);
  });

  it('words a refusal so a greeter understands it', () => {
    expect(refusal(() => checkInTransition('submitted', 'approve')).message).toBe('A check-in that is waiting in the queue cannot be approved.');
  });

  it('calls exactly completed, rejected and expired finished', () => {
    expect([...finishedCheckInStatuses].sort()).toEqual([...finished].sort());
    for (const s of statuses) expect(isCheckInFinished(s)).toBe(finished.includes(s));
  });

  it('lets every unfinished check-in expire, and no finished one', () => {
    for (const s of statuses) expect(nextCheckInStatus(s, 'expire')).toBe(finished.includes(s) ? null : 'expired');
  });

  it('sends a retake back to in_progress, where the candidate submits again', () => {
    const path: CheckInAction[] = ['submit', 'claim', 'request_retake', 'retake', 'submit', 'claim', 'approve', 'start_scan', 'complete'];
    expect(path.reduce<CheckInStatus>((s, a) => checkInTransition(s, a), 'in_progress')).toBe('completed');
  });

  it('takes only a queued check-in for review, so a claimed one cannot be claimed again', () => {
    expect(nextCheckInStatus('in_review', 'claim')).toBeNull();
    expect(checkInTransition('in_review', 'release')).toBe('submitted');
  });

  it('gives a verdict only on a check-in under review', () => {
    for (const verdict of ['approve', 'request_retake'] as const) for (const s of statuses) expect(nextCheckInStatus(s, verdict) !== null).toBe(s === 'in_review');
  });

  it('never moves a finished check-in, whatever actions follow (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...finished), fc.array(fc.constantFrom(...actions), { minLength: 1, maxLength: 20 }), (from, sequence) => {
      let status = from;
      for (const action of sequence) {
        expect(nextCheckInStatus(status, action)).toBeNull();
        expect(refusal(() => checkInTransition(status, action)).message).toContain('nothing more can change');
        status = nextCheckInStatus(status, action) ?? status;
      }
      expect(status).toBe(from);
    }));
  });

  it('never leaves a finished state on any walk from in_progress (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 40 }), (sequence) => {
      let status: CheckInStatus = 'in_progress';
      let finishedAs: CheckInStatus | null = null;
      for (const action of sequence) {
        status = nextCheckInStatus(status, action) ?? status;
        if (finishedAs) expect(status).toBe(finishedAs);
        else if (isCheckInFinished(status)) finishedAs = status;
      }
    }));
  });

  it('reaches completed only through an approval (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 40 }), (sequence) => {
      let status: CheckInStatus = 'in_progress';
      let approved = false;
      for (const action of sequence) {
        const next = nextCheckInStatus(status, action);
        if (next === 'approved') approved = true;
        if (next === 'completed') expect(approved).toBe(true);
        status = next ?? status;
      }
    }));
  });
});
