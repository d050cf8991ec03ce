import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSessions, firstName } from './assignment.ts';

const proctorsArb = fc.uniqueArray(fc.record({ proctorId: fc.stringMatching(/^p[0-9]{1,3}$/), load: fc.integer({ min: 0, max: 10 }) }), { selector: (p) => p.proctorId, maxLength: 6 });
const sessionsArb = fc.uniqueArray(fc.record({ attemptId: fc.stringMatching(/^a[0-9]{1,4}$/), capacity: fc.integer({ min: 1, max: 8 }) }), { selector: (s) => s.attemptId, maxLength: 30 });

describe('assigning sessions to proctors', () => {
  it('gives a session to the least-loaded proctor', () => {
    expect(assignSessions([{ attemptId: 'a', capacity: 6 }], [{ proctorId: 'p1', load: 3 }, { proctorId: 'p2', load: 1 }])).toEqual(new Map([['a', 'p2']]));
  });

  it('leaves a session waiting when every proctor is at the ratio, and never gives it back to the proctor who left', () => {
    expect(assignSessions([{ attemptId: 'a', capacity: 2 }], [{ proctorId: 'p1', load: 2 }]).size).toBe(0);
    expect(assignSessions([{ attemptId: 'a', capacity: 8, notTo: 'p1' }], [{ proctorId: 'p1', load: 0 }]).size).toBe(0);
  });

  it('never puts a proctor over a session’s ratio, and places a session whenever some proctor has room', () => {
    fc.assert(fc.property(sessionsArb, proctorsArb, (sessions, proctors) => {
      const placed = assignSessions(sessions, proctors);
      const loads = new Map(proctors.map((p) => [p.proctorId, p.load]));
      for (const s of sessions) {
        const to = placed.get(s.attemptId);
        if (to === undefined) {
          // Waiting only if nobody had room for it at its turn.
          expect([...loads.values()].every((l) => l >= s.capacity)).toBe(true);
          continue;
        }
        expect(loads.get(to)!).toBeLessThan(s.capacity);
        // The least loaded at its turn.
        expect(loads.get(to)!).toBe(Math.min(...[...loads.entries()].filter(([, l]) => l < s.capacity).map(([, l]) => l)));
        loads.set(to, loads.get(to)! + 1);
      }
    }));
  });

  it('gives sessions to proctors on shift first, and to one off shift only when nobody on shift has room', () => {
    const proctors = [{ proctorId: 'late', load: 0, onShift: false }, { proctorId: 'p1', load: 4, onShift: true }];
    expect(assignSessions([{ attemptId: 'a', capacity: 6 }, { attemptId: 'b', capacity: 6 }, { attemptId: 'c', capacity: 6 }], proctors))
      .toEqual(new Map([['a', 'p1'], ['b', 'p1'], ['c', 'late']]));
  });

  it('places each session with someone on shift whenever one of them has room, the least loaded of them', () => {
    const shiftedArb = fc.uniqueArray(fc.record({ proctorId: fc.stringMatching(/^p[0-9]{1,3}$/), load: fc.integer({ min: 0, max: 10 }), onShift: fc.boolean() }), { selector: (p) => p.proctorId, maxLength: 6 });
    fc.assert(fc.property(sessionsArb, shiftedArb, (sessions, proctors) => {
      const placed = assignSessions(sessions, proctors);
      const state = new Map(proctors.map((p) => [p.proctorId, { ...p }]));
      for (const s of sessions) {
        const to = placed.get(s.attemptId);
        const room = [...state.values()].filter((p) => p.load < s.capacity);
        const onShiftRoom = room.filter((p) => p.onShift);
        if (to === undefined) {
          expect(room).toEqual([]);
          continue;
        }
        const pool = onShiftRoom.length > 0 ? onShiftRoom : room;
        expect(pool.map((p) => p.proctorId)).toContain(to);
        expect(state.get(to)!.load).toBe(Math.min(...pool.map((p) => p.load)));
        state.get(to)!.load += 1;
      }
    }));
  });

  it('shows the candidate only the first name', () => {
    expect(firstName('  Priya  Raman ')).toBe('Priya');
  });
});
