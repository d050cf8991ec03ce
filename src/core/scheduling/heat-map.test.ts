import { describe, expect, it } from 'vitest';
import { bucketMs, unitsPerSeat, unitsPerStaff, type BucketState } from './capacity.ts';
import { heatMap } from './heat-map.ts';

const state = (proctors: number, greeters: number, seatUnitsTaken = 0): BucketState => ({
  seatUnitsTotal: proctors * unitsPerStaff, seatUnitsTaken, checkinUnitsTotal: greeters * unitsPerStaff, checkinUnitsTaken: 0,
});
const quarters = (start: string, states: BucketState[]) => states.map((s, i): [number, BucketState] => [Date.parse(start) + i * bucketMs, s]);

describe('capacity heat map', () => {
  it('has one cell per local hour, 23 or 25 on DST change days', () => {
    const days = heatMap('2026-03-28', '2026-03-29', 'Europe/Berlin', new Map(), []);
    expect(days.map((d) => [d.date, d.hours.length])).toEqual([['2026-03-28', 24], ['2026-03-29', 23]]);
    expect(heatMap('2026-10-25', '2026-10-25', 'Europe/Berlin', new Map(), [])[0]!.hours).toHaveLength(25);
    expect(days[0]!.hours[0]!.startsAt.toISOString()).toBe('2026-03-27T23:00:00.000Z');
  });

  it('counts the proctors and greeters on duty for the whole hour, the fewest of its quarters', () => {
    const buckets = new Map(quarters('2026-06-03T10:00:00Z', [state(2, 1), state(3, 1), state(1, 2), state(2, 1)]));
    const hour = heatMap('2026-06-03', '2026-06-03', 'UTC', buckets, [])[0]!.hours[10]!;
    expect(hour).toMatchObject({ proctors: 1, greeters: 1 });
  });

  it('shows an hour with a missing quarter as uncovered', () => {
    const buckets = new Map(quarters('2026-06-03T10:00:00Z', [state(2, 1), state(2, 1), state(2, 1)]));
    expect(heatMap('2026-06-03', '2026-06-03', 'UTC', buckets, [])[0]!.hours[10]).toMatchObject({ proctors: 0, greeters: 0, usedPercent: 0 });
  });

  it('shows the share of proctor capacity taken at the busiest quarter, rounded up', () => {
    const buckets = new Map(quarters('2026-06-03T10:00:00Z', [state(1, 1, unitsPerSeat(6)), state(1, 1, 2 * unitsPerSeat(6)), state(1, 1), state(1, 1)]));
    expect(heatMap('2026-06-03', '2026-06-03', 'UTC', buckets, [])[0]!.hours[10]!.usedPercent).toBe(34);
  });

  it('counts the appointments starting in each hour', () => {
    const starts = ['2026-06-03T10:00:00Z', '2026-06-03T10:30:00Z', '2026-06-03T11:00:00Z'].map((s) => new Date(s));
    const hours = heatMap('2026-06-03', '2026-06-03', 'UTC', new Map(), starts)[0]!.hours;
    expect([hours[9]!.appointments, hours[10]!.appointments, hours[11]!.appointments]).toEqual([0, 2, 1]);
  });

  // Regression (was a bug): Chile moves its clocks from 00:00 to 01:00 on 2026-09-06. The day loop does `startOf('day')` then
  // `plus({ days: 1 })`; on the gap day midnight becomes 01:00 and later days keep 01:00, so 2026-09-06 gets 24 cells
  // (the last one is 00:00–01:00 of 2026-09-07) and every later day starts an hour late (04:00 UTC, not 03:00 UTC).
  it('keeps later days starting at local midnight after a DST change at midnight (America/Santiago)', () => {
    const days = heatMap('2026-09-06', '2026-09-07', 'America/Santiago', new Map(), []);
    expect(days.map((d) => [d.date, d.hours.length, d.hours[0]!.startsAt.toISOString()])).toEqual([
      ['2026-09-06', 23, '2026-09-06T04:00:00.000Z'],
      ['2026-09-07', 24, '2026-09-07T03:00:00.000Z'],
    ]);
  });
});
