import { DateTime } from 'luxon';
import { claimFits, type BucketState, type Claim } from './capacity.ts';
import { localInstant, nextDate } from './shifts.ts';

/** The instants [start of `fromDate`, start of the day after `toDate`) in `zone`: a local date range in UTC. */
export function localDateRange(fromDate: string, toDate: string, zone: string): { from: Date; to: Date } {
  if (!DateTime.fromISO(fromDate).isValid || !DateTime.fromISO(toDate).isValid) throw new RangeError(`Not a date range: ${fromDate}..${toDate}`);
  return { from: localInstant(fromDate, '00:00', zone), to: localInstant(nextDate(toDate), '00:00', zone) };
}

/** Slot starts in [from, to) on the interval grid (multiples of the interval since the Unix epoch, so in UTC). */
export function slotStarts(from: Date, to: Date, intervalMinutes: number): Date[] {
  const step = intervalMinutes * 60_000;
  const out: Date[] = [];
  for (let t = Math.ceil(from.getTime() / step) * step; t < to.getTime(); t += step) out.push(new Date(t));
  return out;
}

/** True when `t` is a start the policy's grid allows. */
export const onSlotGrid = (t: Date, intervalMinutes: number): boolean => t.getTime() % (intervalMinutes * 60_000) === 0;

export interface SlotRequest {
  fromDate: string;
  toDate: string;
  zone: string;
  intervalMinutes: number;
  /** Earliest and latest start allowed (lead time, retake wait, booking horizon). */
  earliest: Date;
  latest: Date;
  claimOf(startsAt: Date): Claim;
}

export interface DaySlots {
  date: string;
  slots: { startsAt: Date; localTime: string; endsAt: Date }[];
}

/**
 * Free slots per local date: every start on the grid within the dates and the policy bounds whose whole claim fits
 * the current capacity. Days are listed even when empty, so a calendar can say "no free times".
 */
export function freeSlots(req: SlotRequest, buckets: Map<number, BucketState>): DaySlots[] {
  const { from, to } = localDateRange(req.fromDate, req.toDate, req.zone);
  const days = new Map<string, DaySlots>();
  for (let date = req.fromDate; date <= req.toDate; date = nextDate(date)) days.set(date, { date, slots: [] });
  for (const s of slotStarts(from, to, req.intervalMinutes)) {
    if (s < req.earliest || s > req.latest) continue;
    const claim = req.claimOf(s);
    if (!claimFits(claim, buckets)) continue;
    const local = DateTime.fromJSDate(s, { zone: req.zone });
    days.get(local.toISODate()!)?.slots.push({ startsAt: s, localTime: local.toFormat('HH:mm'), endsAt: claim.spanEnd });
  }
  return [...days.values()];
}
