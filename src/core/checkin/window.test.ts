import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExamPolicy, type ExamPolicyInput } from '../catalog/policy.ts';
import { checkInWindow, humanDuration, windowState } from './window.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const policy = (checkIn: ExamPolicyInput['checkIn'] = {}) => ExamPolicy.parse({ checkIn });
const at = (iso: string) => new Date(iso);
const berlin = 'Europe/Berlin';

// Whole and half-hour offsets, quarter-hour offsets, southern-hemisphere DST and a 30-minute DST shift.
const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Chatham'];

/** HH:mm of `d` in `zone`, computed by Intl directly rather than luxon, as an independent oracle. */
const wallClock = (d: Date, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

// Instants from 2020 to 2035, minute-aligned like real appointments; `now` anywhere within a week of the start, to the ms.
const arbStart = fc.integer({ min: Date.UTC(2020, 0, 1) / minute, max: Date.UTC(2035, 0, 1) / minute }).map((m) => new Date(m * minute));
const arbOffset = fc.integer({ min: -7 * day, max: 7 * day });
const arbCheckIn = fc.record({ opensMinutesBefore: fc.integer({ min: 0, max: 240 }), closesMinutesAfter: fc.integer({ min: 0, max: 60 }) });

describe('check-in window', () => {
  it('opens the policy minutes before the start and closes the policy minutes after it', () => {
    const w = checkInWindow(at('2026-11-26T14:00:00Z'), policy({ opensMinutesBefore: 45, closesMinutesAfter: 10 }));
    expect(w).toEqual({ opensAt: at('2026-11-26T13:15:00Z'), closesAt: at('2026-11-26T14:10:00Z') });
  });

  it('defaults to 30 minutes before until 15 minutes after the start', () => {
    expect(checkInWindow(at('2026-11-26T14:00:00Z'), policy())).toEqual({ opensAt: at('2026-11-26T13:30:00Z'), closesAt: at('2026-11-26T14:15:00Z') });
  });

  it('keeps the window the same span of real time in every zone, across clock changes (property)', () => {
    fc.assert(fc.property(arbStart, arbCheckIn, (startsAt, checkIn) => {
      const w = checkInWindow(startsAt, policy(checkIn));
      expect(startsAt.getTime() - w.opensAt.getTime()).toBe(checkIn.opensMinutesBefore * minute);
      expect(w.closesAt.getTime() - startsAt.getTime()).toBe(checkIn.closesMinutesAfter * minute);
    }));
  });
});

describe('window state', () => {
  const startsAt = at('2026-11-26T14:00:00Z');

  it('is not_yet one millisecond before it opens', () => {
    expect(windowState(startsAt, policy(), at('2026-11-26T13:29:59.999Z'), berlin).state).toBe('not_yet');
  });

  it('is open at the exact opening instant', () => {
    expect(windowState(startsAt, policy(), at('2026-11-26T13:30:00Z'), berlin).state).toBe('open');
  });

  it('is open one millisecond before it closes', () => {
    expect(windowState(startsAt, policy(), at('2026-11-26T14:14:59.999Z'), berlin).state).toBe('open');
  });

  it('is closed at the exact closing instant', () => {
    expect(windowState(startsAt, policy(), at('2026-11-26T14:15:00Z'), berlin).state).toBe('closed');
  });

  it('is never open when the policy opens and closes at the start itself', () => {
    const p = policy({ opensMinutesBefore: 0, closesMinutesAfter: 0 });
    expect(windowState(startsAt, p, at('2026-11-26T13:59:59.999Z'), berlin).state).toBe('not_yet');
    expect(windowState(startsAt, p, startsAt, berlin).state).toBe('closed');
  });

  it('returns the window it judged by', () => {
    const s = windowState(startsAt, policy(), at('2026-11-26T12:00:00Z'), berlin);
    expect({ opensAt: s.opensAt, closesAt: s.closesAt }).toEqual(checkInWindow(startsAt, policy()));
  });

  it('is not_yet iff now < opensAt, open iff opensAt ≤ now < closesAt, closed otherwise, in any zone (property)', () => {
    fc.assert(fc.property(arbStart, arbOffset, arbCheckIn, fc.constantFrom(...zones), (start, offset, checkIn, zone) => {
      const now = new Date(start.getTime() + offset);
      const s = windowState(start, policy(checkIn), now, zone);
      const opens = start.getTime() - checkIn.opensMinutesBefore * minute;
      const closes = start.getTime() + checkIn.closesMinutesAfter * minute;
      const expected = now.getTime() < opens ? 'not_yet' : now.getTime() < closes ? 'open' : 'closed';
      expect(s.state).toBe(expected);
    }));
  });

  it('flips state exactly at the edges: a millisecond before opensAt and closesAt is the earlier state (property)', () => {
    fc.assert(fc.property(arbStart, arbCheckIn, fc.constantFrom(...zones), (start, checkIn, zone) => {
      fc.pre(checkIn.opensMinutesBefore + checkIn.closesMinutesAfter > 0);
      const p = policy(checkIn);
      const { opensAt, closesAt } = checkInWindow(start, p);
      const state = (ms: number) => windowState(start, p, new Date(ms), zone).state;
      expect([state(opensAt.getTime() - 1), state(opensAt.getTime())]).toEqual(['not_yet', 'open']);
      expect([state(closesAt.getTime() - 1), state(closesAt.getTime())]).toEqual(['open', 'closed']);
    }));
  });

  it('names the zone and the wall-clock time of the relevant edge in that zone (property)', () => {
    fc.assert(fc.property(arbStart, arbOffset, arbCheckIn, fc.constantFrom(...zones), (start, offset, checkIn, zone) => {
      const s = windowState(start, policy(checkIn), new Date(start.getTime() + offset), zone);
      const edge = s.state === 'not_yet' ? s.opensAt : s.closesAt;
      expect(s.message).toContain(`${wallClock(edge, zone)} (${zone}`);
    }));
  });

  it('never promises the opening sooner than it is, nor more time left than there is (property)', () => {
    fc.assert(fc.property(arbStart, fc.integer({ min: -59 * minute, max: 59 * minute }), fc.constantFrom(...zones), (start, offset, zone) => {
      // Default policy: the opening is within an hour of `now` here, so the message counts whole minutes.
      const now = new Date(start.getTime() - 30 * minute + offset);
      const s = windowState(start, policy(), now, zone);
      const words = /in (\d+) minutes?\.$|: (\d+) minutes? left\.$|less than a minute left\.$/.exec(s.message);
      if (s.state === 'closed') return;
      expect(words).not.toBeNull();
      if (s.state === 'not_yet') expect(Number(words![1]) * minute).toBeGreaterThanOrEqual(s.opensAt.getTime() - now.getTime());
      else if (words![2]) expect(Number(words![2]) * minute).toBeLessThanOrEqual(s.closesAt.getTime() - now.getTime());
    }));
  });
});

describe('window messages', () => {
  const startsAt = at('2026-11-26T14:00:00Z'); // 15:00 in Berlin (CET)

  it('says when check-in opens, in the candidate’s zone, and how long until then', () => {
    expect(windowState(startsAt, policy(), at('2026-11-26T11:30:00Z'), berlin).message).toBe('Check-in opens at 14:30 (Europe/Berlin), in 2 hours.');
  });

  it('says until when check-in is open and how long is left', () => {
    expect(windowState(startsAt, policy(), at('2026-11-26T13:40:00Z'), berlin).message).toBe('Check-in is open until 15:15 (Europe/Berlin): 35 minutes left.');
  });

  it('says "less than a minute left" in the last minute rather than "0 minutes"', () => {
    expect(windowState(startsAt, policy(), at('2026-11-26T14:14:30Z'), berlin).message).toBe('Check-in is open until 15:15 (Europe/Berlin): less than a minute left.');
  });

  it('says the appointment was missed once check-in has closed', () => {
    expect(windowState(startsAt, policy(), at('2026-11-26T14:15:00Z'), berlin).message).toBe('Check-in closed at 15:15 (Europe/Berlin); this appointment was missed.');
  });

  it('adds the day when the edge is not on today’s date in that zone', () => {
    expect(windowState(startsAt, policy(), at('2026-11-23T09:00:00Z'), berlin).message).toBe('Check-in opens at 14:30 (Europe/Berlin) on Thursday 26 November, in 3 days and 5 hours.');
    expect(windowState(startsAt, policy(), at('2026-11-27T09:00:00Z'), berlin).message).toBe('Check-in closed at 15:15 (Europe/Berlin) on Thursday 26 November; this appointment was missed.');
  });

  it('judges "today" by the display zone, not by UTC', () => {
    // 23:30 UTC on the 25th is already the 26th in Kolkata (05:00), the day check-in opens there at 19:00.
    expect(windowState(startsAt, policy(), at('2026-11-25T23:30:00Z'), 'Asia/Kolkata').message).toBe('Check-in opens at 19:00 (Asia/Kolkata), in 14 hours.');
    expect(windowState(startsAt, policy(), at('2026-11-25T23:30:00Z'), 'America/New_York').message).toBe('Check-in opens at 08:30 (America/New_York) on Thursday 26 November, in 14 hours.');
  });

  it('shows the same instant in each candidate’s own zone, including quarter-hour offsets', () => {
    const now = at('2026-11-26T13:00:00Z');
    expect(windowState(startsAt, policy(), now, 'UTC').message).toBe('Check-in opens at 13:30 (UTC), in 30 minutes.');
    expect(windowState(startsAt, policy(), now, 'Asia/Kathmandu').message).toBe('Check-in opens at 19:15 (Asia/Kathmandu), in 30 minutes.');
    expect(windowState(startsAt, policy(), now, 'America/St_Johns').message).toBe('Check-in opens at 10:00 (America/St_Johns), in 30 minutes.');
  });

  it('counts real time across the spring-forward change, not the wall-clock difference', () => {
    // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST. From 01:30 CET to 03:00 CEST is 30 minutes, not 90.
    expect(windowState(at('2026-03-29T01:30:00Z'), policy(), at('2026-03-29T00:30:00Z'), berlin).message).toBe('Check-in opens at 03:00 (Europe/Berlin), in 30 minutes.');
    // New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT.
    expect(windowState(at('2026-03-08T07:30:00Z'), policy(), at('2026-03-08T06:30:00Z'), 'America/New_York').message).toBe('Check-in opens at 03:00 (America/New_York), in 30 minutes.');
  });

  it('adds the UTC offset when the wall time happens twice (the fall-back hour)', () => {
    // Berlin, 25 October 2026: 03:00 CEST falls back to 02:00 CET. At 02:15 CEST, opening "at 02:00" alone would look past.
    expect(windowState(at('2026-10-25T01:30:00Z'), policy(), at('2026-10-25T00:15:00Z'), berlin).message).toBe('Check-in opens at 02:00 (Europe/Berlin, UTC+1), in 45 minutes.');
    expect(windowState(at('2026-10-25T00:30:00Z'), policy(), at('2026-10-25T00:20:00Z'), berlin).message).toBe('Check-in is open until 02:45 (Europe/Berlin, UTC+2): 25 minutes left.');
  });

  it('leaves the offset out an hour away from the change', () => {
    expect(windowState(at('2026-10-25T02:30:00Z'), policy(), at('2026-10-25T01:45:00Z'), berlin).message).toBe('Check-in opens at 03:00 (Europe/Berlin), in 15 minutes.');
  });

  it('handles a 30-minute DST shift (Lord Howe Island)', () => {
    // 5 April 2026: 02:00 +11 falls back to 01:30 +10:30, so 01:45 happens twice.
    expect(windowState(at('2026-04-04T15:45:00Z'), policy(), at('2026-04-04T15:00:00Z'), 'Australia/Lord_Howe').message).toBe('Check-in opens at 01:45 (Australia/Lord_Howe, UTC+10:30), in 15 minutes.');
  });

  it('refuses an unknown time zone instead of printing "Invalid DateTime"', () => {
    expect(() => windowState(startsAt, policy(), at('2026-11-26T11:30:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('durations in words', () => {
  it('rounds a wait up to the next minute, so "in 1 minute" never means 90 seconds', () => {
    expect(humanDuration(61_000, 'up')).toBe('2 minutes');
  });

  it('rounds time left down, and calls under a minute "less than a minute"', () => {
    expect(humanDuration(119_000, 'down')).toBe('1 minute');
    expect(humanDuration(59_999, 'down')).toBe('less than a minute');
  });

  it('uses hours and minutes under a day, dropping zero parts', () => {
    expect(humanDuration(65 * minute, 'up')).toBe('1 hour and 5 minutes');
    expect(humanDuration(2 * hour, 'up')).toBe('2 hours');
  });

  it('uses days and hours from a day on', () => {
    expect(humanDuration(3 * day + 5 * hour, 'up')).toBe('3 days and 5 hours');
    expect(humanDuration(day + 1, 'up')).toBe('1 day and 1 hour');
    expect(humanDuration(day + hour - 1, 'down')).toBe('1 day');
  });

  it('moves to the larger unit when rounding reaches it', () => {
    expect(humanDuration(hour - 1, 'up')).toBe('1 hour');
  });
});
