import { DateTime, Duration } from 'luxon';
import type { ExamPolicy } from '../catalog/policy.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** When check-in for one appointment may happen: from `opensAt` (inclusive) until `closesAt` (exclusive). */
export interface CheckInWindow {
  opensAt: Date;
  closesAt: Date;
}

export type WindowStateName = 'not_yet' | 'open' | 'closed';

export interface WindowState extends CheckInWindow {
  state: WindowStateName;
  /** Plain words for the candidate, times shown in the requested zone. */
  message: string;
}

/**
 * The check-in window of an appointment starting at `startsAt`, from the exam policy.
 * Example: a 15:00 start with the default policy opens at 14:30 and closes at 15:15.
 */
export function checkInWindow(startsAt: Date, policy: Pick<ExamPolicy, 'checkIn'>): CheckInWindow {
  return {
    opensAt: new Date(startsAt.getTime() - policy.checkIn.opensMinutesBefore * minute),
    closesAt: new Date(startsAt.getTime() + policy.checkIn.closesMinutesAfter * minute),
  };
}

/**
 * Where `now` falls in the window (`not_yet` before `opensAt`, `open` from `opensAt` until just before `closesAt`,
 * `closed` from `closesAt` on), with a message whose times are shown in `zone` (an IANA zone, e.g. `Europe/Berlin`).
 * The `closed` message assumes the candidate has not finished check-in: callers show it only then.
 * Example: `windowState(start, policy, now, 'Europe/Berlin').message` → "Check-in opens at 14:30 (Europe/Berlin), in 2 hours."
 */
export function windowState(startsAt: Date, policy: Pick<ExamPolicy, 'checkIn'>, now: Date, zone: string): WindowState {
  const w = checkInWindow(startsAt, policy);
  const t = now.getTime();
  if (t < w.opensAt.getTime()) {
    return { state: 'not_yet', ...w, message: `Check-in opens ${localTime(w.opensAt, now, zone)}, in ${humanDuration(w.opensAt.getTime() - t, 'up')}.` };
  }
  if (t < w.closesAt.getTime()) {
    return { state: 'open', ...w, message: `Check-in is open until ${localTime(w.closesAt, now, zone, '')}: ${humanDuration(w.closesAt.getTime() - t, 'down')} left.` };
  }
  return { state: 'closed', ...w, message: `Check-in closed ${localTime(w.closesAt, now, zone)}; this appointment was missed.` };
}

/**
 * "at 14:30 (Europe/Berlin)", with the day when it is not `now`'s day in that zone ("at 14:30 (Europe/Berlin) on
 * Thursday 26 November"), and with the UTC offset when the wall time happens twice that night (the hour the clocks
 * go back), because "02:30" alone would not say which of the two.
 */
function localTime(d: Date, now: Date, zone: string, preposition = 'at '): string {
  const t = DateTime.fromJSDate(d, { zone }).setLocale('en-GB');
  if (!t.isValid) throw new RangeError(`Unknown time zone: ${zone}`);
  const ambiguous = t.getPossibleOffsets().length > 1;
  const offset = ambiguous ? `, UTC${t.toFormat('Z')}` : '';
  const sameDay = t.hasSame(DateTime.fromJSDate(now, { zone }), 'day');
  return `${preposition}${t.toFormat('HH:mm')} (${zone}${offset})${sameDay ? '' : ` on ${t.toFormat('cccc d LLLL')}`}`;
}

/**
 * A positive span in words, at a precision that suits its size: minutes under an hour, hours and minutes under a day,
 * days and hours beyond; under a minute rounded down is "less than a minute". `up` rounds up (a wait is never promised shorter than it is), `down` rounds down (time left
 * is never promised longer than it is). Real elapsed time, so a span across a clock change is not an hour off.
 */
export function humanDuration(ms: number, round: 'up' | 'down'): string {
  const r = round === 'up' ? Math.ceil : Math.floor;
  const unit = ms < day ? minute : hour;
  const n = r(ms / unit) * unit;
  if (n === 0) return 'less than a minute';
  const parts = n < hour
    ? { minutes: n / minute }
    : n < day
      ? { hours: Math.floor(n / hour), minutes: (n % hour) / minute }
      : { days: Math.floor(n / day), hours: (n % day) / hour };
  const nonZero = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== 0));
  return Duration.fromObject(nonZero, { locale: 'en-GB' }).toHuman({ listStyle: 'long' });
}
