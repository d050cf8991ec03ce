import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error.ts';
import { finishedStatuses, isFinished, nextStatus, transition, type AttemptAction, type AttemptStatus } from './attempt-state.ts';

const statuses: AttemptStatus[] = ['authorised', 'in_progress', 'paused', 'submitted', 'expired', 'terminated'];
const actions: AttemptAction[] = ['start', 'pause', 'resume', 'submit', 'expire', 'terminate'];
const finished: AttemptStatus[] = ['submitted', 'expired', 'terminated'];

/** The whole table, written out by hand: every status × action → the next status, or null when refused. */
const table: Record<AttemptStatus, Record<AttemptAction, AttemptStatus | null>> = {
  authorised: { start: 'in_progress', pause: null, resume: null, submit: null, expire: null, terminate: 'terminated' },
  in_progress: { start: null, pause: 'paused', resume: null, submit: 'submitted', expire: 'expired', terminate: 'terminated' },
  paused: { start: null, pause: null, resume: 'in_progress', submit: 'submitted', expire: null, terminate: 'terminated' },
  submitted: { start: null, pause: null, resume: null, submit: null, expire: null, terminate: null },
  expired: { start: null, pause: null, resume: null, submit: null, expire: null, terminate: null },
  terminated: { start: null, pause: null, resume: null, submit: null, expire: null, terminate: null },
};

const cells = statuses.flatMap((from) => actions.map((action) => ({ from, action, to: table[from][action] })));
const allowed = cells.filter((c) => c.to !== null);
const refusedWhileRunning = cells.filter((c) => c.to === null && !finished.includes(c.from));
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

describe('attempt state machine', () => {
  it.each(allowed)('moves $from on $action to $to', ({ from, action, to }) => {
    expect(nextStatus(from, action)).toBe(to);
    expect(transition(from, action)).toBe(to);
  });

  it.each(refusedWhileRunning)('refuses $action when $from, as a Conflict', ({ from, action }) => {
    expect(nextStatus(from, action)).toBeNull();
    const e = refusal(() => transition(from, action));
    expect(e.code).toBe('Conflict');
    expect(e.message).toBe(`An exam that is ${from.replace('_', ' ')} cannot ${action}.`);
  });

  it.each(refusedWhenFinished)('refuses $action when $from, as AttemptFinished', ({ from, action }) => {
    expect(nextStatus(from, action)).toBeNull();
    const e = refusal(() => transition(from, action));
    expect(e.code).toBe('AttemptFinished');
    expect(e.message).toContain(`already ${from}`);
  });

  it('calls exactly submitted, expired and terminated finished', () => {
    expect([...finishedStatuses].sort()).toEqual([...finished].sort());
    for (const s of statuses) expect(isFinished(s)).toBe(finished.includes(s));
  });

  it('never moves a finished attempt, whatever actions follow', () => {
    fc.assert(
      fc.property(fc.constantFrom(...finished), fc.array(fc.constantFrom(...actions), { minLength: 1, maxLength: 20 }), (from, sequence) => {
        let status = from;
        for (const action of sequence) {
          expect(nextStatus(status, action)).toBeNull();
          expect(refusal(() => transition(status, action)).code).toBe('AttemptFinished');
          status = nextStatus(status, action) ?? status;
        }
        expect(status).toBe(from);
      }),
    );
  });

  it('never leaves a finished state on any walk from authorised', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 30 }), (sequence) => {
        let status: AttemptStatus = 'authorised';
        let finishedAs: AttemptStatus | null = null;
        for (const action of sequence) {
          status = nextStatus(status, action) ?? status;
          if (finishedAs) expect(status).toBe(finishedAs);
          else if (isFinished(status)) finishedAs = status;
        }
      }),
    );
  });

  it('lets only a running attempt expire', () => {
    for (const s of statuses) expect(nextStatus(s, 'expire') !== null).toBe(s === 'in_progress');
  });

  it('lets a paused attempt be submitted', () => {
    expect(transition('paused', 'submit')).toBe('submitted');
  });
});
