import type { Occurrence } from './shifts.ts';

/** Capacity is kept per quarter hour ("bucket"); every shift time and slot start lies on this grid in UTC. */
export const bucketMinutes = 15;
export const bucketMs = bucketMinutes * 60_000;

/**
 * One proctor (or greeter) on duty for a bucket contributes this many units. An appointment costs
 * floor(units / ratio), so exactly `ratio` candidates of one exam fit one proctor, and exams with different ratios can
 * share proctors fairly. 720720 = lcm(1..16); for every ratio up to 50, `ratio + 1` seats never fit.
 */
export const unitsPerStaff = 720_720;

/** The units one candidate takes of a proctor who watches `ratio` candidates at once. */
export const unitsPerSeat = (ratio: number): number => Math.floor(unitsPerStaff / ratio);

/** Start of the bucket holding `t`. */
export const floorToBucket = (t: Date): Date => new Date(Math.floor(t.getTime() / bucketMs) * bucketMs);
/** `t` rounded up to a bucket boundary. */
export const ceilToBucket = (t: Date): Date => new Date(Math.ceil(t.getTime() / bucketMs) * bucketMs);

/** Starts (ms) of the buckets that overlap [from, to). */
export function bucketStarts(from: Date, to: Date): number[] {
  const out: number[] = [];
  for (let b = floorToBucket(from).getTime(); b < to.getTime(); b += bucketMs) out.push(b);
  return out;
}

export interface BucketTotals {
  seatUnits: number;
  checkinUnits: number;
}

/** Merges overlapping or touching [start, end) spans (ms). */
function merge(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * Capacity units per bucket of [from, to) from the concrete shifts: a proctor counts for a bucket only when on duty
 * for the whole of it, and once however many of their shifts overlap it. Buckets with no cover are present with 0.
 */
export function capacityTotals(occurrences: Occurrence[], from: Date, to: Date): Map<number, BucketTotals> {
  const totals = new Map<number, BucketTotals>();
  for (const b of bucketStarts(from, to)) totals.set(b, { seatUnits: 0, checkinUnits: 0 });
  const byProctor = new Map<string, { proctoring: [number, number][]; greeting: [number, number][] }>();
  for (const o of occurrences) {
    const entry = byProctor.get(o.proctorId) ?? { proctoring: [], greeting: [] };
    const span: [number, number] = [o.startsAt.getTime(), o.endsAt.getTime()];
    if (o.proctoring) entry.proctoring.push(span);
    if (o.greeting) entry.greeting.push(span);
    byProctor.set(o.proctorId, entry);
  }
  for (const { proctoring, greeting } of byProctor.values()) {
    for (const [duty, spans] of [['seatUnits', proctoring], ['checkinUnits', greeting]] as const) {
      for (const [s, e] of merge(spans)) {
        for (let b = Math.ceil(s / bucketMs) * bucketMs; b + bucketMs <= e; b += bucketMs) {
          const cell = totals.get(b);
          if (cell) cell[duty] += unitsPerStaff;
        }
      }
    }
  }
  return totals;
}

/** What one appointment takes from capacity: a proctor seat for its whole span and a greeter before its start. */
export interface Claim {
  /** Check-in opening. */
  spanStart: Date;
  /** End of the exam time including extra time. */
  spanEnd: Date;
  /** The quarter hour before the start, when the check-in is reviewed. */
  checkinBucket: Date;
  seatUnits: number;
  checkinUnits: number;
}

/** The claim of an appointment starting at `startsAt` under the given policy numbers. */
export function claimFor(input: {
  startsAt: Date;
  durationMinutes: number;
  extraMinutes: number;
  checkInOpensMinutesBefore: number;
  candidatesPerProctor: number;
  checkInsPerGreeter: number;
}): Claim {
  const start = input.startsAt.getTime();
  return {
    spanStart: new Date(start - input.checkInOpensMinutesBefore * 60_000),
    spanEnd: new Date(start + (input.durationMinutes + input.extraMinutes) * 60_000),
    checkinBucket: new Date(floorToBucket(input.startsAt).getTime() - bucketMs),
    seatUnits: unitsPerSeat(input.candidatesPerProctor),
    checkinUnits: unitsPerSeat(input.checkInsPerGreeter),
  };
}

/** Buckets a claim touches: its span, plus the check-in bucket (which lies inside the span unless check-in opens at the start). */
export function claimBuckets(claim: Claim): number[] {
  const span = bucketStarts(claim.spanStart, claim.spanEnd);
  const ck = claim.checkinBucket.getTime();
  return span.includes(ck) ? span : [ck, ...span].sort((a, b) => a - b);
}

export interface BucketState {
  seatUnitsTotal: number;
  seatUnitsTaken: number;
  checkinUnitsTotal: number;
  checkinUnitsTaken: number;
}

/** True when every bucket of the claim has a free seat for it and its check-in bucket a free greeter. Missing buckets have no cover. */
export function claimFits(claim: Claim, buckets: Map<number, BucketState>): boolean {
  for (const b of bucketStarts(claim.spanStart, claim.spanEnd)) {
    const s = buckets.get(b);
    if (!s || s.seatUnitsTotal - s.seatUnitsTaken < claim.seatUnits) return false;
  }
  const ck = buckets.get(claim.checkinBucket.getTime());
  return !!ck && ck.checkinUnitsTotal - ck.checkinUnitsTaken >= claim.checkinUnits;
}

/** Capacity is kept this many days ahead (more than the longest booking horizon a policy may set, 180 days). */
export const capacityHorizonDays = 181;
