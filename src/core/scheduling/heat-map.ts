import { bucketMs, unitsPerStaff, type BucketState } from './capacity.ts';
import { localInstant, nextDate } from './shifts.ts';

export interface HeatCell {
  startsAt: Date;
  proctors: number;
  greeters: number;
  usedPercent: number;
  appointments: number;
}

/**
 * The capacity heat map: each local hour of each local date in `zone`, with the proctors and greeters on duty for the
 * whole hour (the fewest in any of its quarter hours) and the share of proctor capacity taken at its busiest quarter.
 * DST days have 23 or 25 hours, as the wall clock does.
 */
export function heatMap(fromDate: string, toDate: string, zone: string, buckets: Map<number, BucketState>, appointmentStarts: Date[]): { date: string; hours: HeatCell[] }[] {
  const starts = appointmentStarts.map((d) => d.getTime());
  const days: { date: string; hours: HeatCell[] }[] = [];
  for (let date = fromDate; date <= toDate; date = nextDate(date)) {
    const hours: HeatCell[] = [];
    const end = localInstant(nextDate(date), '00:00', zone).getTime();
    for (let h = localInstant(date, '00:00', zone).getTime(); h < end; h += 4 * bucketMs) {
      let seatMin = Infinity;
      let greetMin = Infinity;
      let used = 0;
      for (let b = h; b < h + 4 * bucketMs; b += bucketMs) {
        const s = buckets.get(b);
        seatMin = Math.min(seatMin, s?.seatUnitsTotal ?? 0);
        greetMin = Math.min(greetMin, s?.checkinUnitsTotal ?? 0);
        if (s && s.seatUnitsTotal > 0) used = Math.max(used, s.seatUnitsTaken / s.seatUnitsTotal);
      }
      hours.push({
        startsAt: new Date(h),
        proctors: Math.floor(seatMin / unitsPerStaff),
        greeters: Math.floor(greetMin / unitsPerStaff),
        usedPercent: Math.min(100, Math.ceil(used * 100)),
        appointments: starts.filter((t) => t >= h && t < h + 4 * bucketMs).length,
      });
    }
    days.push({ date, hours });
  }
  return days;
}
