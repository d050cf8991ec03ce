import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDateRange } from './slots.ts';
import { dutyAt, expandRule, expandShifts, type Occurrence, type ShiftExceptionSpan, type WeeklyShiftRule } from './shifts.ts';

const rule = (over: Partial<WeeklyShiftRule> = {}): WeeklyShiftRule => ({
  id: 'r1', proctorId: 'p1', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00', endTime: '17:00', timeZone: 'UTC',
  validFrom: '2026-01-01', validUntil: null, proctoring: true, greeting: true, ...over,
});
const timeOff = (proctorId: string, startsAt: string, endsAt: string, id = 'x1'): ShiftExceptionSpan => ({
  id, proctorId, kind: 'cancel', startsAt: new Date(startsAt), endsAt: new Date(endsAt), proctoring: true, greeting: true,
});
const spans = (os: Occurrence[]) => os.map((o) => [o.startsAt.toISOString(), o.endsAt.toISOString()]);
const hours = (o: Occurrence) => (o.endsAt.getTime() - o.startsAt.getTime()) / 3_600_000;
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
/** Occurrences of `r` that start on local date `date` (the range covers that whole local day). */
const onDate = (r: WeeklyShiftRule, date: string) => {
  const { from, to } = localDateRange(date, date, r.timeZone);
  return expandRule(r, from, to).filter((o) => o.startsAt >= from);
};

describe('weekly shifts across DST changes', () => {
  it('keeps a 09:00–17:00 Berlin shift at 09:00–17:00 local on both sides of the spring change (2026-03-29)', () => {
    const r = rule({ timeZone: 'Europe/Berlin' });
    const os = expandRule(r, new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z'));
    expect(spans(os)).toEqual([
      ['2026-03-28T08:00:00.000Z', '2026-03-28T16:00:00.000Z'],
      ['2026-03-29T07:00:00.000Z', '2026-03-29T15:00:00.000Z'],
    ]);
    for (const o of os) expect([local(o.startsAt, 'Europe/Berlin').slice(11), local(o.endsAt, 'Europe/Berlin').slice(11)]).toEqual(['09:00', '17:00']);
  });

  it('keeps a 09:00–17:00 Berlin shift at 09:00–17:00 local on both sides of the autumn change (2026-10-25)', () => {
    const os = expandRule(rule({ timeZone: 'Europe/Berlin' }), new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T00:00:00Z'));
    expect(spans(os)).toEqual([
      ['2026-10-24T07:00:00.000Z', '2026-10-24T15:00:00.000Z'],
      ['2026-10-25T08:00:00.000Z', '2026-10-25T16:00:00.000Z'],
    ]);
  });

  it('keeps a 09:00–17:00 New York shift at 09:00–17:00 local across 2026-03-08 and 2026-11-01', () => {
    const r = rule({ timeZone: 'America/New_York' });
    expect(spans(expandRule(r, new Date('2026-03-07T05:00:00Z'), new Date('2026-03-09T04:00:00Z')))).toEqual([
      ['2026-03-07T14:00:00.000Z', '2026-03-07T22:00:00.000Z'],
      ['2026-03-08T13:00:00.000Z', '2026-03-08T21:00:00.000Z'],
    ]);
    expect(spans(expandRule(r, new Date('2026-10-31T04:00:00Z'), new Date('2026-11-02T05:00:00Z')))).toEqual([
      ['2026-10-31T13:00:00.000Z', '2026-10-31T21:00:00.000Z'],
      ['2026-11-01T14:00:00.000Z', '2026-11-01T22:00:00.000Z'],
    ]);
  });

  it('makes an overnight 22:00–06:00 Berlin shift 7 hours long across the spring change', () => {
    const [o] = onDate(rule({ timeZone: 'Europe/Berlin', startTime: '22:00', endTime: '06:00', weekdays: [6] }), '2026-03-28');
    expect(spans([o!])).toEqual([['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z']]);
    expect(hours(o!)).toBe(7);
  });

  it('makes an overnight 22:00–06:00 Berlin shift 9 hours long across the autumn change', () => {
    const [o] = onDate(rule({ timeZone: 'Europe/Berlin', startTime: '22:00', endTime: '06:00', weekdays: [6] }), '2026-10-24');
    expect(spans([o!])).toEqual([['2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z']]);
    expect(hours(o!)).toBe(9);
  });

  it('makes an overnight 22:00–06:00 New York shift 7 hours long on 2026-03-08 and 9 hours on 2026-11-01', () => {
    const r = rule({ timeZone: 'America/New_York', startTime: '22:00', endTime: '06:00', weekdays: [6] });
    const [spring] = onDate(r, '2026-03-07');
    const [autumn] = onDate(r, '2026-10-31');
    expect(spans([spring!, autumn!])).toEqual([
      ['2026-03-08T03:00:00.000Z', '2026-03-08T10:00:00.000Z'],
      ['2026-11-01T02:00:00.000Z', '2026-11-01T11:00:00.000Z'],
    ]);
    expect([hours(spring!), hours(autumn!)]).toEqual([7, 9]);
  });

  it('makes a 00:00–24:00 shift last 23 hours on the spring change day and 25 on the autumn one', () => {
    const r = rule({ timeZone: 'Europe/Berlin', startTime: '00:00', endTime: '24:00' });
    expect(onDate(r, '2026-03-29').map(hours)).toEqual([23]);
    expect(onDate(r, '2026-10-25').map(hours)).toEqual([25]);
    expect(onDate(r, '2026-06-01').map(hours)).toEqual([24]);
  });

  it('ends a shift at 24:00 at the local midnight that starts the next day', () => {
    const [o] = onDate(rule({ timeZone: 'Europe/Berlin', startTime: '18:00', endTime: '24:00' }), '2026-03-28');
    expect(spans([o!])).toEqual([['2026-03-28T17:00:00.000Z', '2026-03-28T23:00:00.000Z']]);
    expect(local(o!.endsAt, 'Europe/Berlin')).toBe('2026-03-29 00:00');
  });

  it('treats an end equal to the start as a 24-hour shift ending the next day', () => {
    const os = onDate(rule({ startTime: '08:00', endTime: '08:00', weekdays: [3] }), '2026-06-03');
    expect(spans(os)).toEqual([['2026-06-03T08:00:00.000Z', '2026-06-04T08:00:00.000Z']]);
  });

  it('moves a start at the very beginning of a spring-forward gap to the end of the gap (Berlin 02:00 → 03:00)', () => {
    const [o] = onDate(rule({ timeZone: 'Europe/Berlin', startTime: '02:00', endTime: '10:00', weekdays: [7] }), '2026-03-29');
    expect(o!.startsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(local(o!.startsAt, 'Europe/Berlin')).toBe('2026-03-29 03:00');
  });

  // Regression (was a bug): the contract says a start inside a spring-forward gap "moves to the first valid instant after it",
  // i.e. 03:00 CEST (01:00 UTC) in Berlin on 2026-03-29. Luxon instead shifts the wall time forward by the gap's
  // length, so a 02:30 start becomes 03:30 CEST (01:30 UTC) and half an hour of the shift is lost.
  it('moves a start inside a spring-forward gap to the first valid instant after the gap (Berlin 02:30 → 03:00)', () => {
    const [o] = onDate(rule({ timeZone: 'Europe/Berlin', startTime: '02:30', endTime: '10:00', weekdays: [7] }), '2026-03-29');
    expect(o!.startsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  // BUG (reported), same cause in a 30-minute DST zone: Lord Howe jumps 02:00 → 02:30 on 2026-10-04, so a 02:15 start
  // should begin at 02:30 (+11:00, 15:30 UTC the day before); it begins at 02:45 instead.
  it('moves a start inside Lord Howe\'s 30-minute gap to 02:30 (2026-10-04 02:15 → 02:30)', () => {
    const [o] = onDate(rule({ timeZone: 'Australia/Lord_Howe', startTime: '02:15', endTime: '10:00', weekdays: [7] }), '2026-10-04');
    expect(local(o!.startsAt, 'Australia/Lord_Howe')).toBe('2026-10-04 02:30');
  });

  // BUG (reported), a consequence of the above: a 02:30–03:15 shift on Berlin's spring-change day should run
  // 03:00–03:15 local; its start is pushed to 03:30, after its end, and the occurrence disappears.
  it('keeps a shift that starts inside the gap and ends after it (Berlin 2026-03-29 02:30–03:15)', () => {
    const os = onDate(rule({ timeZone: 'Europe/Berlin', startTime: '02:30', endTime: '03:15', weekdays: [7] }), '2026-03-29');
    expect(spans(os)).toEqual([['2026-03-29T01:00:00.000Z', '2026-03-29T01:15:00.000Z']]);
  });
});

describe('weekly shift rules', () => {
  // Regression (was a bug): Chile moves its clocks from 00:00 to 01:00 on 2026-09-06. expandRule walks days with
  // `startOf('day')` + `plus({ days: 1 })`; on the gap day midnight becomes 01:00 and every later day keeps 01:00, so
  // the loop test `day <= lastDay` (lastDay at 00:00) drops the range's last local day whenever `to` is not at local
  // midnight. Here a 09:00–17:00 shift on 2026-09-07 (12:00–20:00 UTC) vanishes for a range inside that day.
  it('yields the shifts of the range\'s last local day after a change at midnight (America/Santiago, 2026-09-07)', () => {
    const r = rule({ timeZone: 'America/Santiago' });
    expect(spans(expandRule(r, new Date('2026-09-07T13:00:00Z'), new Date('2026-09-07T23:00:00Z')))).toEqual([['2026-09-07T12:00:00.000Z', '2026-09-07T20:00:00.000Z']]);
  });

  it('yields shifts only on the rule\'s weekdays', () => {
    // 2026-06-01 is a Monday.
    const { from, to } = localDateRange('2026-06-01', '2026-06-07', 'UTC');
    const os = expandRule(rule({ weekdays: [1, 3, 7] }), from, to);
    expect(os.map((o) => o.startsAt.toISOString().slice(0, 10))).toEqual(['2026-06-01', '2026-06-03', '2026-06-07']);
  });

  it('starts shifts only on local dates from validFrom to validUntil, both included', () => {
    const { from, to } = localDateRange('2026-06-01', '2026-06-07', 'UTC');
    const os = expandRule(rule({ validFrom: '2026-06-03', validUntil: '2026-06-05' }), from, to);
    expect(os.map((o) => o.startsAt.toISOString().slice(0, 10))).toEqual(['2026-06-03', '2026-06-04', '2026-06-05']);
  });

  it('reads validFrom and validUntil as dates in the rule\'s zone, not in UTC', () => {
    // 09:00 in Tokyo is 00:00 UTC the same date; in Honolulu 09:00 is 19:00 UTC the same date.
    const tokyo = expandRule(rule({ timeZone: 'Asia/Tokyo', validFrom: '2026-06-03', validUntil: '2026-06-03' }), new Date('2026-06-01T00:00:00Z'), new Date('2026-06-07T00:00:00Z'));
    expect(spans(tokyo)).toEqual([['2026-06-03T00:00:00.000Z', '2026-06-03T08:00:00.000Z']]);
    const honolulu = expandRule(rule({ timeZone: 'Pacific/Honolulu', startTime: '20:00', endTime: '22:00', validFrom: '2026-06-03', validUntil: '2026-06-03' }), new Date('2026-06-01T00:00:00Z'), new Date('2026-06-07T00:00:00Z'));
    expect(spans(honolulu)).toEqual([['2026-06-04T06:00:00.000Z', '2026-06-04T08:00:00.000Z']]);
  });

  it('lets an overnight shift that starts on validUntil run into the next day', () => {
    const os = expandRule(rule({ startTime: '22:00', endTime: '06:00', validUntil: '2026-06-03' }), new Date('2026-06-03T00:00:00Z'), new Date('2026-06-06T00:00:00Z'));
    expect(spans(os)).toEqual([
      ['2026-06-02T22:00:00.000Z', '2026-06-03T06:00:00.000Z'],
      ['2026-06-03T22:00:00.000Z', '2026-06-04T06:00:00.000Z'],
    ]);
  });

  it('includes a shift that began before the range and runs into it, unclipped', () => {
    const os = expandRule(rule({ startTime: '22:00', endTime: '06:00' }), new Date('2026-06-03T03:00:00Z'), new Date('2026-06-03T04:00:00Z'));
    expect(spans(os)).toEqual([['2026-06-02T22:00:00.000Z', '2026-06-03T06:00:00.000Z']]);
  });

  it('leaves out a shift that ends exactly when the range starts or starts exactly when it ends', () => {
    const r = rule({ startTime: '09:00', endTime: '17:00' });
    expect(expandRule(r, new Date('2026-06-03T17:00:00Z'), new Date('2026-06-04T09:00:00Z'))).toEqual([]);
  });

  it('copies the proctor and duties of the rule onto each occurrence', () => {
    const [o] = expandRule(rule({ proctorId: 'p7', proctoring: false, greeting: true }), new Date('2026-06-03T00:00:00Z'), new Date('2026-06-04T00:00:00Z'));
    expect(o).toMatchObject({ proctorId: 'p7', source: 'rule', proctoring: false, greeting: true });
  });
});

describe('time off and extra shifts', () => {
  const day = { from: new Date('2026-06-03T00:00:00Z'), to: new Date('2026-06-04T00:00:00Z') };

  it('cuts exactly the time off out of a shift', () => {
    const os = expandShifts([rule()], [timeOff('p1', '2026-06-03T12:00:00Z', '2026-06-03T13:30:00Z')], day.from, day.to);
    expect(spans(os)).toEqual([
      ['2026-06-03T09:00:00.000Z', '2026-06-03T12:00:00.000Z'],
      ['2026-06-03T13:30:00.000Z', '2026-06-03T17:00:00.000Z'],
    ]);
  });

  it('removes a shift entirely when the time off covers it', () => {
    expect(expandShifts([rule()], [timeOff('p1', '2026-06-03T08:00:00Z', '2026-06-03T18:00:00Z')], day.from, day.to)).toEqual([]);
  });

  it('cuts time off only from its own proctor', () => {
    const os = expandShifts([rule(), rule({ id: 'r2', proctorId: 'p2' })], [timeOff('p1', '2026-06-03T08:00:00Z', '2026-06-03T18:00:00Z')], day.from, day.to);
    expect(os.map((o) => o.proctorId)).toEqual(['p2']);
  });

  it('cuts one time-off span out of every shift of the proctor it overlaps, across days', () => {
    const os = expandShifts([rule({ startTime: '22:00', endTime: '06:00' })], [timeOff('p1', '2026-06-03T04:00:00Z', '2026-06-04T23:00:00Z')],
      new Date('2026-06-02T00:00:00Z'), new Date('2026-06-06T00:00:00Z'));
    expect(spans(os)).toEqual([
      ['2026-06-02T00:00:00.000Z', '2026-06-02T06:00:00.000Z'],
      ['2026-06-02T22:00:00.000Z', '2026-06-03T04:00:00.000Z'],
      ['2026-06-04T23:00:00.000Z', '2026-06-05T06:00:00.000Z'],
      ['2026-06-05T22:00:00.000Z', '2026-06-06T00:00:00.000Z'],
    ]);
  });

  it('lists an added shift with its own duties', () => {
    const add: ShiftExceptionSpan = { id: 'a1', proctorId: 'p2', kind: 'add', startsAt: new Date('2026-06-03T18:00:00Z'), endsAt: new Date('2026-06-03T20:00:00Z'), proctoring: false, greeting: true };
    const os = expandShifts([rule()], [add], day.from, day.to);
    expect(os.map((o) => [o.proctorId, o.source, o.startsAt.toISOString(), o.endsAt.toISOString(), o.proctoring, o.greeting])).toEqual([
      ['p1', 'rule', '2026-06-03T09:00:00.000Z', '2026-06-03T17:00:00.000Z', true, true],
      ['p2', 'added', '2026-06-03T18:00:00.000Z', '2026-06-03T20:00:00.000Z', false, true],
    ]);
  });

  it('cuts time off out of an added shift too', () => {
    const add: ShiftExceptionSpan = { id: 'a1', proctorId: 'p1', kind: 'add', startsAt: new Date('2026-06-03T18:00:00Z'), endsAt: new Date('2026-06-03T20:00:00Z'), proctoring: true, greeting: true };
    const os = expandShifts([], [add, timeOff('p1', '2026-06-03T19:00:00Z', '2026-06-03T21:00:00Z')], day.from, day.to);
    expect(spans(os)).toEqual([['2026-06-03T18:00:00.000Z', '2026-06-03T19:00:00.000Z']]);
  });

  it('clips shifts and added shifts to the range and leaves out added shifts outside it', () => {
    const add = (s: string, e: string, id: string): ShiftExceptionSpan => ({ id, proctorId: 'p2', kind: 'add', startsAt: new Date(s), endsAt: new Date(e), proctoring: true, greeting: true });
    const os = expandShifts([rule()], [add('2026-06-02T20:00:00Z', '2026-06-03T01:00:00Z', 'a1'), add('2026-06-04T00:00:00Z', '2026-06-04T02:00:00Z', 'a2')],
      new Date('2026-06-03T00:00:00Z'), new Date('2026-06-03T10:00:00Z'));
    expect(spans(os)).toEqual([
      ['2026-06-03T00:00:00.000Z', '2026-06-03T01:00:00.000Z'],
      ['2026-06-03T09:00:00.000Z', '2026-06-03T10:00:00.000Z'],
    ]);
  });

  it('keeps a proctor\'s overlapping shifts apart and sorts by start, then proctor', () => {
    const os = expandShifts([rule({ proctorId: 'p2' }), rule({ id: 'r2', startTime: '12:00', endTime: '18:00' }), rule({ id: 'r3', proctorId: 'p1' })], [], day.from, day.to);
    expect(os.map((o) => [o.proctorId, o.startsAt.toISOString().slice(11, 16)])).toEqual([['p1', '09:00'], ['p2', '09:00'], ['p1', '12:00']]);
  });
});

// ---- properties -----------------------------------------------------------------------------------------------

const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'America/Santiago', 'Europe/London', 'Asia/Tokyo'];
// Dates close to 2026's DST changes in those zones, so the properties hit them often.
const changeDates = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01'];
const quarter = (q: number) => (q === 96 ? '24:00' : `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
const isoPlus = (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;

const ruleArb = fc.record({
  zone: fc.constantFrom(...zones),
  weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  start: fc.integer({ min: 0, max: 95 }),
  end: fc.integer({ min: 0, max: 96 }),
  base: fc.oneof(fc.constantFrom(...changeDates), fc.integer({ min: 0, max: 364 }).map((n) => isoPlus('2026-01-01', n))),
  shift: fc.integer({ min: -3, max: 2 }),
  length: fc.integer({ min: 0, max: 9 }),
  validFromShift: fc.option(fc.integer({ min: -2, max: 8 })),
  validDays: fc.option(fc.integer({ min: 0, max: 8 })),
}).map((g) => {
  const fromDate = isoPlus(g.base, g.shift);
  const toDate = isoPlus(fromDate, g.length);
  const validFrom = g.validFromShift === null ? '2026-01-01' : isoPlus(fromDate, g.validFromShift);
  const r = rule({
    timeZone: g.zone, weekdays: g.weekdays, startTime: quarter(g.start), endTime: quarter(g.end === 0 ? 96 : g.end),
    validFrom, validUntil: g.validDays === null ? null : isoPlus(validFrom, g.validDays),
  });
  return { r, fromDate, toDate };
});

/** The instant the local wall time `date time` names in `zone`, or null when it does not exist (a spring-forward gap). */
function wall(date: string, time: string, zone: string): DateTime | null {
  const dt = time === '24:00' ? DateTime.fromISO(isoPlus(date, 1), { zone }) : DateTime.fromISO(`${date}T${time}`, { zone });
  const want = time === '24:00' ? `${isoPlus(date, 1)} 00:00` : `${date} ${time}`;
  return dt.toFormat('yyyy-MM-dd HH:mm') === want ? dt : null;
}
const inValidity = (r: WeeklyShiftRule, date: string) => date >= r.validFrom && (r.validUntil === null || date <= r.validUntil);
const overnight = (r: WeeklyShiftRule) => r.endTime !== '24:00' && r.endTime <= r.startTime;

describe('weekly shift properties', () => {
  it('starts and ends every shift at the rule\'s local times on a matching weekday within the valid dates, whatever the zone', () => {
    fc.assert(fc.property(ruleArb, ({ r, fromDate, toDate }) => {
      const { from, to } = localDateRange(fromDate, toDate, r.timeZone);
      for (const o of expandRule(r, from, to)) {
        const start = DateTime.fromJSDate(o.startsAt, { zone: r.timeZone });
        const date = start.toISODate()!;
        const startWall = wall(date, r.startTime, r.timeZone);
        if (!startWall) {
          // A start inside a spring-forward gap: checked by the concrete cases above, here only that it is that date.
          expect(r.weekdays).toContain(start.weekday);
          continue;
        }
        expect(start.toFormat('HH:mm')).toBe(r.startTime);
        expect(r.weekdays).toContain(start.weekday);
        expect(inValidity(r, date)).toBe(true);
        const endWall = wall(overnight(r) ? isoPlus(date, 1) : date, r.endTime, r.timeZone);
        if (endWall) expect(o.endsAt.getTime()).toBe(endWall.toMillis());
        expect(o.endsAt.getTime()).toBeGreaterThan(o.startsAt.getTime());
        expect(o.endsAt > from && o.startsAt < to).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('yields one shift for every matching valid local date in the range, and only those plus an overnight one from the day before', () => {
    fc.assert(fc.property(ruleArb, ({ r, fromDate, toDate }) => {
      const { from, to } = localDateRange(fromDate, toDate, r.timeZone);
      const os = expandRule(r, from, to);
      const startDates = os.map((o) => DateTime.fromJSDate(o.startsAt, { zone: r.timeZone }).toISODate()!);
      const expected: string[] = [];
      for (let d = fromDate; d <= toDate; d = isoPlus(d, 1)) {
        const weekday = DateTime.fromISO(d, { zone: 'UTC' }).weekday;
        // Only dates whose start and end both exist on the wall clock: gaps are covered by the concrete cases.
        const endDate = overnight(r) ? isoPlus(d, 1) : d;
        if (r.weekdays.includes(weekday) && inValidity(r, d) && wall(d, r.startTime, r.timeZone) && wall(endDate, r.endTime, r.timeZone)) expected.push(d);
      }
      for (const d of expected) expect(startDates).toContain(d);
      const before = startDates.filter((d) => d < fromDate);
      expect(before.length).toBeLessThanOrEqual(1);
      if (before.length) expect(overnight(r)).toBe(true);
      expect(startDates.every((d) => d <= toDate)).toBe(true);
    }), { numRuns: 300 });
  });

  it('never yields overlapping shifts for one rule', () => {
    fc.assert(fc.property(ruleArb, ({ r, fromDate, toDate }) => {
      const { from, to } = localDateRange(fromDate, toDate, r.timeZone);
      const os = expandRule(r, from, to).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let i = 1; i < os.length; i++) expect(os[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(os[i - 1]!.endsAt.getTime());
    }), { numRuns: 300 });
  });

  it('cuts exactly the time off: every minute is on duty afterwards iff it was before and is not in time off', () => {
    const minute = 60_000;
    const from = new Date('2026-06-03T00:00:00Z');
    const to = new Date('2026-06-05T00:00:00Z');
    const span = fc.tuple(fc.integer({ min: -120, max: 48 * 60 + 120 }), fc.integer({ min: 1, max: 20 * 60 })).map(([s, len]) => [s, s + len] as const);
    fc.assert(fc.property(
      fc.array(fc.record({ p: fc.constantFrom('p1', 'p2'), start: fc.integer({ min: 0, max: 95 }), end: fc.integer({ min: 1, max: 96 }) }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.record({ p: fc.constantFrom('p1', 'p2'), kind: fc.constantFrom('add', 'cancel' as const), span }), { maxLength: 4 }),
      (rs, xs) => {
        const rules = rs.map((g, i) => rule({ id: `r${i}`, proctorId: g.p, startTime: quarter(g.start), endTime: quarter(g.end) }));
        const exceptions: ShiftExceptionSpan[] = xs.map((x, i) => ({
          id: `x${i}`, proctorId: x.p, kind: x.kind, startsAt: new Date(from.getTime() + x.span[0] * minute), endsAt: new Date(from.getTime() + x.span[1] * minute), proctoring: true, greeting: true,
        }));
        const before = expandShifts(rules, exceptions.filter((x) => x.kind === 'add'), from, to);
        const after = expandShifts(rules, exceptions, from, to);
        const covers = (os: Occurrence[], p: string, t: number) => os.some((o) => o.proctorId === p && o.startsAt.getTime() <= t && t < o.endsAt.getTime());
        const off = (p: string, t: number) => exceptions.some((x) => x.kind === 'cancel' && x.proctorId === p && x.startsAt.getTime() <= t && t < x.endsAt.getTime());
        for (const p of ['p1', 'p2']) {
          for (let t = from.getTime(); t < to.getTime(); t += minute) {
            if (covers(after, p, t) !== (covers(before, p, t) && !off(p, t))) throw new Error(`${p} at ${new Date(t).toISOString()}`);
          }
        }
        for (const o of after) expect(o.startsAt >= from && o.endsAt <= to && o.endsAt > o.startsAt).toBe(true);
      },
    ), { numRuns: 100 });
  });
});

describe('a proctor’s duty at an instant', () => {
  const occ = (from: string, to: string, proctoring = true): Occurrence => ({ proctorId: 'p', startsAt: new Date(from), endsAt: new Date(to), source: 'rule', proctoring, greeting: !proctoring });
  const day = [occ('2026-12-04T12:00:00Z', '2026-12-04T16:00:00Z'), occ('2026-12-04T08:00:00Z', '2026-12-04T12:00:00Z'), occ('2026-12-05T08:00:00Z', '2026-12-05T12:00:00Z')];

  it('runs to the end of touching shifts, and names the next one off shift', () => {
    expect(dutyAt(day, new Date('2026-12-04T11:00:00Z'))).toEqual({ onShift: true, until: new Date('2026-12-04T16:00:00Z'), next: null });
    expect(dutyAt(day, new Date('2026-12-04T16:00:00Z'))).toEqual({ onShift: false, until: null, next: new Date('2026-12-05T08:00:00Z') });
    expect(dutyAt([], new Date('2026-12-04T11:00:00Z'))).toEqual({ onShift: false, until: null, next: null });
  });

  it('ignores greeting-only shifts', () => {
    expect(dutyAt([occ('2026-12-04T08:00:00Z', '2026-12-04T12:00:00Z', false)], new Date('2026-12-04T09:00:00Z')).onShift).toBe(false);
  });

  it('is on shift exactly when some proctoring occurrence holds the instant, until a moment no occurrence covers', () => {
    const spanArb = fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 1, max: 12 })).map(([s, len]) => occ(new Date(Date.UTC(2026, 11, 4, s)).toISOString(), new Date(Date.UTC(2026, 11, 4, s + len)).toISOString()));
    fc.assert(fc.property(fc.array(spanArb, { maxLength: 8 }), fc.integer({ min: 0, max: 60 * 60 }), (spans, minute) => {
      const at = new Date(Date.UTC(2026, 11, 4) + minute * 60_000);
      const covers = (t: number) => spans.some((o) => o.startsAt.getTime() <= t && t < o.endsAt.getTime());
      const duty = dutyAt(spans, at);
      expect(duty.onShift).toBe(covers(at.getTime()));
      if (duty.until) {
        expect(covers(duty.until.getTime())).toBe(false);
        for (let t = at.getTime(); t < duty.until.getTime(); t += 15 * 60_000) expect(covers(t)).toBe(true);
      }
      if (duty.next) expect(covers(duty.next.getTime())).toBe(true);
    }));
  });
});
