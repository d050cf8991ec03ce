import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketMs, bucketStarts, capacityTotals, ceilToBucket, claimBuckets, claimFits, claimFor, floorToBucket, unitsPerSeat, unitsPerStaff,
  type BucketState, type Claim,
} from './capacity.ts';
import type { Occurrence } from './shifts.ts';

const minute = 60_000;
const T0 = Date.parse('2026-06-03T10:00:00Z');
const at = (hhmm: string) => Date.parse(`2026-06-03T${hhmm}:00Z`);
const occ = (proctorId: string, from: string, to: string, duties: { proctoring?: boolean; greeting?: boolean } = {}): Occurrence => ({
  proctorId, startsAt: new Date(at(from)), endsAt: new Date(at(to)), source: 'rule', proctoring: duties.proctoring ?? true, greeting: duties.greeting ?? true,
});
/** Seat units per bucket as `HH:MM → proctors`, leaving out empty buckets. */
const proctorsByBucket = (totals: Map<number, { seatUnits: number }>) =>
  Object.fromEntries([...totals].filter(([, t]) => t.seatUnits > 0).map(([b, t]) => [new Date(b).toISOString().slice(11, 16), t.seatUnits / unitsPerStaff]));
const window = { from: new Date(at('09:00')), to: new Date(at('13:00')) };

describe('the quarter-hour grid', () => {
  it('floors and ceils instants to quarter hours, leaving boundaries alone', () => {
    expect(floorToBucket(new Date('2026-06-03T10:14:59.999Z')).toISOString()).toBe('2026-06-03T10:00:00.000Z');
    expect(ceilToBucket(new Date('2026-06-03T10:00:00.001Z')).toISOString()).toBe('2026-06-03T10:15:00.000Z');
    expect(floorToBucket(new Date(at('10:15'))).getTime()).toBe(at('10:15'));
    expect(ceilToBucket(new Date(at('10:15'))).getTime()).toBe(at('10:15'));
  });

  it('lists the buckets that overlap a span, including partly covered ones at both ends', () => {
    expect(bucketStarts(new Date(at('10:05')), new Date(at('10:31'))).map((b) => new Date(b).toISOString().slice(11, 16))).toEqual(['10:00', '10:15', '10:30']);
    expect(bucketStarts(new Date(at('10:00')), new Date(at('10:30')))).toEqual([at('10:00'), at('10:15')]);
    expect(bucketStarts(new Date(at('10:00')), new Date(at('10:00')))).toEqual([]);
  });
});

describe('capacity totals', () => {
  it('counts a proctor once however many of their shifts overlap a bucket', () => {
    const totals = capacityTotals([occ('p1', '09:00', '12:00'), occ('p1', '10:00', '11:00'), occ('p1', '10:30', '13:00')], window.from, window.to);
    expect(new Set(Object.values(proctorsByBucket(totals)))).toEqual(new Set([1]));
    expect(Object.keys(proctorsByBucket(totals))).toHaveLength(16);
  });

  it('counts different proctors on duty at the same time separately', () => {
    const totals = capacityTotals([occ('p1', '10:00', '11:00'), occ('p2', '10:30', '11:30')], window.from, window.to);
    expect(proctorsByBucket(totals)).toEqual({ '10:00': 1, '10:15': 1, '10:30': 2, '10:45': 2, '11:00': 1, '11:15': 1 });
  });

  it('counts only buckets the proctor covers whole', () => {
    const totals = capacityTotals([occ('p1', '10:05', '11:10')], window.from, window.to);
    expect(proctorsByBucket(totals)).toEqual({ '10:15': 1, '10:30': 1, '10:45': 1 });
  });

  it('joins a proctor\'s back-to-back shifts so the bucket across the seam counts', () => {
    const totals = capacityTotals([occ('p1', '10:00', '10:10'), occ('p1', '10:10', '10:20')], window.from, window.to);
    expect(proctorsByBucket(totals)).toEqual({ '10:00': 1 });
  });

  it('keeps proctoring and greeting apart', () => {
    const totals = capacityTotals([occ('p1', '10:00', '10:30', { greeting: false }), occ('p2', '10:00', '10:15', { proctoring: false })], window.from, window.to);
    expect(totals.get(at('10:00'))).toEqual({ seatUnits: unitsPerStaff, checkinUnits: unitsPerStaff });
    expect(totals.get(at('10:15'))).toEqual({ seatUnits: unitsPerStaff, checkinUnits: 0 });
  });

  it('lists every bucket of the range, uncovered ones with zero', () => {
    const totals = capacityTotals([occ('p1', '08:00', '14:00')], window.from, window.to);
    expect([...totals.keys()]).toEqual(bucketStarts(window.from, window.to));
    expect(capacityTotals([], window.from, window.to).get(at('09:00'))).toEqual({ seatUnits: 0, checkinUnits: 0 });
  });

  it('gives each bucket the units of exactly the proctors on duty for all of it (property, checked minute by minute)', () => {
    const span = fc.tuple(fc.integer({ min: -60, max: 300 }), fc.integer({ min: 1, max: 180 }));
    const occArb = fc.record({ p: fc.constantFrom('p1', 'p2', 'p3'), span, proctoring: fc.boolean(), greeting: fc.boolean() }).map((g): Occurrence => ({
      proctorId: g.p, startsAt: new Date(T0 + g.span[0] * minute), endsAt: new Date(T0 + (g.span[0] + g.span[1]) * minute), source: 'rule', proctoring: g.proctoring, greeting: g.greeting,
    }));
    fc.assert(fc.property(fc.array(occArb, { maxLength: 8 }), fc.integer({ min: 0, max: 29 }), (os, fromOffset) => {
      const from = new Date(T0 + fromOffset * minute);
      const to = new Date(T0 + 4 * 3_600_000);
      const totals = capacityTotals(os, from, to);
      const covered = (p: string, duty: 'proctoring' | 'greeting', b: number) => {
        for (let m = b; m < b + bucketMs; m += minute) if (!os.some((o) => o.proctorId === p && o[duty] && o.startsAt.getTime() <= m && m < o.endsAt.getTime())) return false;
        return true;
      };
      expect([...totals.keys()]).toEqual(bucketStarts(from, to));
      for (const [b, t] of totals) {
        expect(t.seatUnits).toBe(unitsPerStaff * ['p1', 'p2', 'p3'].filter((p) => covered(p, 'proctoring', b)).length);
        expect(t.checkinUnits).toBe(unitsPerStaff * ['p1', 'p2', 'p3'].filter((p) => covered(p, 'greeting', b)).length);
      }
    }), { numRuns: 200 });
  });
});

describe('seat units', () => {
  it('fits exactly r seats of ratio r into one proctor, and not r + 1, for every ratio 1..50', () => {
    for (let r = 1; r <= 50; r++) {
      expect(r * unitsPerSeat(r), `ratio ${r}`).toBeLessThanOrEqual(unitsPerStaff);
      expect((r + 1) * unitsPerSeat(r), `ratio ${r}`).toBeGreaterThan(unitsPerStaff);
    }
  });

  it('lets claims of ratio r into a one-proctor bucket exactly r times (claimFits), for every ratio 1..50', () => {
    for (let r = 1; r <= 50; r++) {
      const claim: Claim = { spanStart: new Date(T0), spanEnd: new Date(T0 + bucketMs), checkinBucket: new Date(T0), seatUnits: unitsPerSeat(r), checkinUnits: 0 };
      const fitsAfter = (k: number) => claimFits(claim, new Map([[T0, { seatUnitsTotal: unitsPerStaff, seatUnitsTaken: k * unitsPerSeat(r), checkinUnitsTotal: unitsPerStaff, checkinUnitsTaken: 0 }]]));
      expect(fitsAfter(r - 1), `ratio ${r}`).toBe(true);
      expect(fitsAfter(r), `ratio ${r}`).toBe(false);
    }
  });

  it('lets exams with different ratios share a proctor in proportion', () => {
    // Three candidates of a 6-per-proctor exam take half a proctor: 2 of a 4-per-proctor exam still fit, 3 do not.
    const used = 3 * unitsPerSeat(6);
    expect(used + 2 * unitsPerSeat(4)).toBeLessThanOrEqual(unitsPerStaff);
    expect(used + 3 * unitsPerSeat(4)).toBeGreaterThan(unitsPerStaff);
  });
});

describe('claims', () => {
  const base = { startsAt: new Date(at('10:30')), durationMinutes: 90, extraMinutes: 0, checkInOpensMinutesBefore: 30, candidatesPerProctor: 6, checkInsPerGreeter: 4 };

  it('spans from check-in opening to the end of the exam including extra time', () => {
    const c = claimFor({ ...base, extraMinutes: 25 });
    expect([c.spanStart.toISOString(), c.spanEnd.toISOString(), c.checkinBucket.toISOString()]).toEqual(['2026-06-03T10:00:00.000Z', '2026-06-03T12:25:00.000Z', '2026-06-03T10:15:00.000Z']);
    expect([c.seatUnits, c.checkinUnits]).toEqual([unitsPerSeat(6), unitsPerSeat(4)]);
  });

  it('touches the buckets of its span, the last one even when partly', () => {
    const c = claimFor({ ...base, extraMinutes: 25 });
    expect(claimBuckets(c).map((b) => new Date(b).toISOString().slice(11, 16))).toEqual(['10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '11:30', '11:45', '12:00', '12:15']);
  });

  it('adds the check-in bucket before the span when check-in opens at the start', () => {
    const c = claimFor({ ...base, checkInOpensMinutesBefore: 0, durationMinutes: 30 });
    expect(c.checkinBucket.toISOString()).toBe('2026-06-03T10:15:00.000Z');
    expect(claimBuckets(c)).toEqual([at('10:15'), at('10:30'), at('10:45')]);
  });

  it('fits only when every bucket of the span has a seat and the check-in bucket a greeter', () => {
    const c = claimFor({ ...base, durationMinutes: 30 });
    const free: BucketState = { seatUnitsTotal: unitsPerStaff, seatUnitsTaken: 0, checkinUnitsTotal: unitsPerStaff, checkinUnitsTaken: 0 };
    const buckets = () => new Map(claimBuckets(c).map((b) => [b, { ...free }]));
    expect(claimFits(c, buckets())).toBe(true);
    const noSeat = buckets();
    noSeat.get(at('10:45'))!.seatUnitsTaken = unitsPerStaff - c.seatUnits + 1;
    expect(claimFits(c, noSeat)).toBe(false);
    const noGreeter = buckets();
    noGreeter.get(at('10:15'))!.checkinUnitsTotal = 0;
    expect(claimFits(c, noGreeter)).toBe(false);
    const missing = buckets();
    missing.delete(at('10:45'));
    expect(claimFits(c, missing)).toBe(false);
  });

  it('agrees with a minute-by-minute check of free seats and the greeter bucket (property)', () => {
    const nBuckets = 40;
    const scenario = fc.record({
      ratio: fc.integer({ min: 1, max: 50 }),
      greeterRatio: fc.integer({ min: 1, max: 20 }),
      startMinute: fc.integer({ min: 0, max: 36 * 15 }),
      onGrid: fc.boolean(),
      duration: fc.integer({ min: 1, max: 240 }),
      extra: fc.integer({ min: 0, max: 60 }),
      opens: fc.integer({ min: 0, max: 60 }),
    }).chain((s) => {
      const seat = unitsPerSeat(s.ratio);
      const ck = unitsPerSeat(s.greeterRatio);
      // Free room near the claim's needs, so both sides of the boundary come up often.
      const freeArb = (need: number) => fc.oneof(fc.constantFrom(0, need - 1, need, need + 1), fc.integer({ min: 0, max: 3 * unitsPerStaff }));
      const bucketArb = fc.option(fc.record({ staff: fc.integer({ min: 0, max: 3 }), seatFree: freeArb(seat), ckFree: freeArb(ck) }), { freq: 8 });
      return fc.tuple(fc.constant(s), fc.array(bucketArb, { minLength: nBuckets, maxLength: nBuckets }));
    });
    fc.assert(fc.property(scenario, ([s, cells]) => {
      const buckets = new Map<number, BucketState>();
      cells.forEach((cell, i) => {
        if (!cell) return;
        const total = Math.max(cell.staff * unitsPerStaff, cell.seatFree, cell.ckFree);
        buckets.set(T0 + i * bucketMs, { seatUnitsTotal: total, seatUnitsTaken: total - cell.seatFree, checkinUnitsTotal: total, checkinUnitsTaken: total - cell.ckFree });
      });
      const startMinute = s.onGrid ? Math.floor(s.startMinute / 15) * 15 : s.startMinute;
      const claim = claimFor({
        startsAt: new Date(T0 + startMinute * minute), durationMinutes: s.duration, extraMinutes: s.extra, checkInOpensMinutesBefore: s.opens,
        candidatesPerProctor: s.ratio, checkInsPerGreeter: s.greeterRatio,
      });
      let expected = true;
      for (let m = claim.spanStart.getTime(); m < claim.spanEnd.getTime(); m += minute) {
        const b = buckets.get(Math.floor(m / bucketMs) * bucketMs);
        if (!b || b.seatUnitsTotal - b.seatUnitsTaken < claim.seatUnits) expected = false;
      }
      // The check-in is reviewed in the quarter hour before the one the exam starts in.
      const startsAt = T0 + startMinute * minute;
      const ck = buckets.get(Math.floor(startsAt / bucketMs) * bucketMs - bucketMs);
      if (!ck || ck.checkinUnitsTotal - ck.checkinUnitsTaken < claim.checkinUnits) expected = false;
      expect(claimFits(claim, buckets)).toBe(expected);
    }), { numRuns: 500 });
  });
});
