import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bucketMs, bucketStarts, claimFits, claimFor, unitsPerStaff, type BucketState } from './capacity.ts';
import { freeSlots, localDateRange, onSlotGrid, slotStarts, type SlotRequest } from './slots.ts';

const hours = (r: { from: Date; to: Date }) => (r.to.getTime() - r.from.getTime()) / 3_600_000;
const iso = (d: Date) => d.toISOString();
const claimOf = (durationMinutes = 60) => (s: Date) => claimFor({ startsAt: s, durationMinutes, extraMinutes: 0, checkInOpensMinutesBefore: 30, candidatesPerProctor: 1, checkInsPerGreeter: 1 });
/** One free proctor and greeter in every bucket of [from, to). */
const staffed = (from: string, to: string): Map<number, BucketState> =>
  new Map(bucketStarts(new Date(from), new Date(to)).map((b) => [b, { seatUnitsTotal: unitsPerStaff, seatUnitsTaken: 0, checkinUnitsTotal: unitsPerStaff, checkinUnitsTaken: 0 }]));
const request = (over: Partial<SlotRequest> = {}): SlotRequest => ({
  fromDate: '2026-06-03', toDate: '2026-06-03', zone: 'UTC', intervalMinutes: 30,
  earliest: new Date('2026-01-01T00:00:00Z'), latest: new Date('2027-01-01T00:00:00Z'), claimOf: claimOf(), ...over,
});
const times = (days: { slots: { localTime: string }[] }[]) => days.map((d) => d.slots.map((s) => s.localTime));

describe('local date ranges', () => {
  it('runs from local midnight to the next local midnight, in UTC', () => {
    expect(localDateRange('2026-06-03', '2026-06-04', 'Europe/Berlin')).toEqual({ from: new Date('2026-06-02T22:00:00Z'), to: new Date('2026-06-04T22:00:00Z') });
    expect(localDateRange('2026-06-03', '2026-06-03', 'Asia/Kathmandu')).toEqual({ from: new Date('2026-06-02T18:15:00Z'), to: new Date('2026-06-03T18:15:00Z') });
  });

  it('is 23 or 25 hours long on DST change days, as the wall clock says', () => {
    expect(hours(localDateRange('2026-03-29', '2026-03-29', 'Europe/Berlin'))).toBe(23);
    expect(hours(localDateRange('2026-10-25', '2026-10-25', 'Europe/Berlin'))).toBe(25);
    expect(hours(localDateRange('2026-03-08', '2026-03-08', 'America/New_York'))).toBe(23);
    expect(hours(localDateRange('2026-11-01', '2026-11-01', 'America/New_York'))).toBe(25);
  });

  it('follows Lord Howe\'s half-hour DST change', () => {
    expect(hours(localDateRange('2026-10-04', '2026-10-04', 'Australia/Lord_Howe'))).toBe(23.5);
    expect(hours(localDateRange('2026-04-05', '2026-04-05', 'Australia/Lord_Howe'))).toBe(24.5);
  });

  it('refuses a date or zone it cannot read', () => {
    expect(() => localDateRange('2026-02-30', '2026-03-01', 'UTC')).toThrow(RangeError);
    expect(() => localDateRange('2026-06-03', '2026-06-03', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('slot starts', () => {
  it('lists every multiple of the interval from the first one at or after `from`, stopping before `to`', () => {
    expect(slotStarts(new Date('2026-06-03T10:05:00Z'), new Date('2026-06-03T11:30:00Z'), 30).map(iso)).toEqual(['2026-06-03T10:30:00.000Z', '2026-06-03T11:00:00.000Z']);
    expect(slotStarts(new Date('2026-06-03T10:00:00Z'), new Date('2026-06-03T10:45:00Z'), 15).map(iso)).toEqual(['2026-06-03T10:00:00.000Z', '2026-06-03T10:15:00.000Z', '2026-06-03T10:30:00.000Z']);
  });

  it('keeps the grid in UTC, so in a +05:45 zone half-hourly starts fall at :15 and :45 local', () => {
    const { from, to } = localDateRange('2026-06-03', '2026-06-03', 'Asia/Kathmandu');
    const starts = slotStarts(from, to, 30);
    expect(starts).toHaveLength(48);
    expect(DateTime.fromJSDate(starts[0]!, { zone: 'Asia/Kathmandu' }).toFormat('HH:mm')).toBe('00:15');
  });

  it('tells grid starts from others', () => {
    expect(onSlotGrid(new Date('2026-06-03T10:30:00Z'), 30)).toBe(true);
    expect(onSlotGrid(new Date('2026-06-03T10:15:00Z'), 30)).toBe(false);
    expect(onSlotGrid(new Date('2026-06-03T10:15:00Z'), 15)).toBe(true);
    expect(onSlotGrid(new Date('2026-06-03T10:30:01Z'), 30)).toBe(false);
  });
});

describe('free slots', () => {
  it('lists the starts whose whole claim fits, with local time and end', () => {
    // Staff 10:00–12:00: a 60-minute exam with 30 minutes of check-in fits from 10:30 (check-in 10:00) to 11:00.
    const days = freeSlots(request(), staffed('2026-06-03T09:45:00Z', '2026-06-03T12:00:00Z'));
    expect(days).toEqual([{ date: '2026-06-03', slots: [
      { startsAt: new Date('2026-06-03T10:30:00Z'), localTime: '10:30', endsAt: new Date('2026-06-03T11:30:00Z') },
      { startsAt: new Date('2026-06-03T11:00:00Z'), localTime: '11:00', endsAt: new Date('2026-06-03T12:00:00Z') },
    ] }]);
  });

  it('lists every day asked for, even days without a free time', () => {
    const days = freeSlots(request({ fromDate: '2026-06-02', toDate: '2026-06-05' }), staffed('2026-06-03T09:45:00Z', '2026-06-03T12:00:00Z'));
    expect(days.map((d) => [d.date, d.slots.length])).toEqual([['2026-06-02', 0], ['2026-06-03', 2], ['2026-06-04', 0], ['2026-06-05', 0]]);
    expect(freeSlots(request({ toDate: '2026-06-04' }), new Map()).map((d) => d.slots)).toEqual([[], []]);
  });

  it('groups slots by the local date of the zone asked for', () => {
    // 22:30 UTC on 2026-06-03 is 00:30 on 2026-06-04 in Berlin.
    const days = freeSlots(request({ zone: 'Europe/Berlin', fromDate: '2026-06-03', toDate: '2026-06-04' }), staffed('2026-06-03T21:45:00Z', '2026-06-03T23:30:00Z'));
    expect(days.map((d) => [d.date, d.slots.map((s) => s.localTime)])).toEqual([['2026-06-03', []], ['2026-06-04', ['00:30']]]);
  });

  it('includes a start exactly at the earliest and one exactly at the latest, and nothing outside', () => {
    const buckets = staffed('2026-06-03T00:00:00Z', '2026-06-04T02:00:00Z');
    const days = freeSlots(request({ earliest: new Date('2026-06-03T10:00:00Z'), latest: new Date('2026-06-03T11:00:00Z') }), buckets);
    expect(times(days)).toEqual([['10:00', '10:30', '11:00']]);
    const between = freeSlots(request({ earliest: new Date('2026-06-03T10:00:01Z'), latest: new Date('2026-06-03T10:59:59Z') }), buckets);
    expect(times(between)).toEqual([['10:30']]);
  });

  it('leaves out a start whose exam would outlast the cover, counting extra time', () => {
    const buckets = staffed('2026-06-03T09:45:00Z', '2026-06-03T12:00:00Z');
    const withExtra = (s: Date) => claimFor({ startsAt: s, durationMinutes: 60, extraMinutes: 15, checkInOpensMinutesBefore: 30, candidatesPerProctor: 1, checkInsPerGreeter: 1 });
    expect(times(freeSlots(request({ claimOf: withExtra }), buckets))).toEqual([['10:30']]);
  });

  it('leaves out a start whose seat is taken', () => {
    const buckets = staffed('2026-06-03T09:45:00Z', '2026-06-03T12:00:00Z');
    buckets.get(Date.parse('2026-06-03T11:45:00Z'))!.seatUnitsTaken = unitsPerStaff;
    expect(times(freeSlots(request(), buckets))).toEqual([['10:30']]);
  });
});

// ---- properties -----------------------------------------------------------------------------------------------

const zones = ['UTC', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
const changeDates = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01'];
const isoPlus = (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

const scenario = fc.record({
  zone: fc.constantFrom(...zones),
  base: fc.oneof(fc.constantFrom(...changeDates), fc.integer({ min: 0, max: 364 }).map((n) => isoPlus('2026-01-01', n))),
  shift: fc.integer({ min: -2, max: 1 }),
  days: fc.integer({ min: 0, max: 3 }),
  interval: fc.constantFrom(15, 30),
  // Window bounds in minutes from the range start (may lie outside the range).
  earliest: fc.integer({ min: -24 * 60, max: 3 * 24 * 60 }),
  latestAfter: fc.integer({ min: 0, max: 4 * 24 * 60 }),
  duration: fc.integer({ min: 15, max: 240 }),
  opens: fc.integer({ min: 0, max: 60 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  fullness: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** A deterministic mix of staffed, full and uncovered stretches over the range (with a margin for claims). */
function bucketsFor(from: Date, to: Date, seed: number, fullness: number): Map<number, BucketState> {
  let x = seed;
  const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
  const out = new Map<number, BucketState>();
  let staff = 1;
  for (const b of bucketStarts(new Date(from.getTime() - 2 * 3_600_000), new Date(to.getTime() + 5 * 3_600_000))) {
    // Staffing changes every two hours or so; single buckets are occasionally missing or booked out.
    if (rnd() < 0.12) staff = rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * 2);
    if (rnd() < 0.01) continue;
    const total = staff * unitsPerStaff;
    out.set(b, { seatUnitsTotal: total, seatUnitsTaken: rnd() < fullness * 0.1 ? total : 0, checkinUnitsTotal: total, checkinUnitsTaken: rnd() < fullness * 0.05 ? total : 0 });
  }
  return out;
}

describe('free slot properties', () => {
  it('lists, for every day asked for, exactly the grid starts of that local date within [earliest, latest] whose claim fits', () => {
    fc.assert(fc.property(scenario, (g) => {
      const fromDate = isoPlus(g.base, g.shift);
      const toDate = isoPlus(fromDate, g.days);
      const range = localDateRange(fromDate, toDate, g.zone);
      const earliest = new Date(range.from.getTime() + g.earliest * 60_000);
      const latest = new Date(earliest.getTime() + g.latestAfter * 60_000);
      const claimOfStart = (s: Date) => claimFor({ startsAt: s, durationMinutes: g.duration, extraMinutes: 0, checkInOpensMinutesBefore: g.opens, candidatesPerProctor: 1, checkInsPerGreeter: 1 });
      const buckets = bucketsFor(range.from, range.to, g.seed, g.fullness);
      const days = freeSlots({ fromDate, toDate, zone: g.zone, intervalMinutes: g.interval, earliest, latest, claimOf: claimOfStart }, buckets);

      const dates: string[] = [];
      for (let d = fromDate; d <= toDate; d = isoPlus(d, 1)) dates.push(d);
      expect(days.map((d) => d.date)).toEqual(dates);

      const listed = new Set<number>();
      for (const day of days) {
        let previous = -Infinity;
        for (const s of day.slots) {
          const t = s.startsAt.getTime();
          const local = DateTime.fromJSDate(s.startsAt, { zone: g.zone });
          expect(t % (g.interval * 60_000)).toBe(0);
          expect(t).toBeGreaterThanOrEqual(earliest.getTime());
          expect(t).toBeLessThanOrEqual(latest.getTime());
          expect(local.toISODate()).toBe(day.date);
          expect(s.localTime).toBe(local.toFormat('HH:mm'));
          expect(s.endsAt).toEqual(claimOfStart(s.startsAt).spanEnd);
          expect(t).toBeGreaterThan(previous);
          previous = t;
          listed.add(t);
        }
      }
      // Brute force over every minute of the range: listed iff on the grid, inside the window, and the claim fits.
      for (let t = range.from.getTime(); t < range.to.getTime(); t += 60_000) {
        const want = t % (g.interval * 60_000) === 0 && t >= earliest.getTime() && t <= latest.getTime() && claimFits(claimOfStart(new Date(t)), buckets);
        if (listed.has(t) !== want) throw new Error(`${new Date(t).toISOString()} listed=${listed.has(t)} want=${want}`);
      }
    }), { numRuns: 150 });
  });

  it('groups a start under its local date even in zones whose offset is not whole hours', () => {
    fc.assert(fc.property(fc.constantFrom('Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Australia/Lord_Howe'), fc.integer({ min: 0, max: 364 }), (zone, n) => {
      const date = isoPlus('2026-01-01', n);
      const range = localDateRange(date, date, zone);
      const [day] = freeSlots(request({ zone, fromDate: date, toDate: date, earliest: new Date('2025-01-01T00:00:00Z'), latest: new Date('2028-01-01T00:00:00Z') }), staffed(new Date(range.from.getTime() - bucketMs * 4).toISOString(), new Date(range.to.getTime() + 3 * 3_600_000).toISOString()));
      const first = DateTime.fromJSDate(day!.slots[0]!.startsAt, { zone });
      const last = DateTime.fromJSDate(day!.slots.at(-1)!.startsAt, { zone });
      expect([first.toISODate(), last.toISODate()]).toEqual([date, date]);
      // Every half-hour start of the local day is there, none missing at either end.
      expect(day!.slots).toHaveLength(slotStarts(range.from, range.to, 30).length);
    }), { numRuns: 100 });
  });
});
