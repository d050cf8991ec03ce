import { DateTime } from 'luxon';

/** ISO weekday names, index 1 = Monday … 7 = Sunday (index 0 unused). */
export const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const weekdayShort = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Today's date (`YYYY-MM-DD`) in a zone. */
export function todayIn(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() ?? DateTime.utc().toISODate()!;
}

/** A local date moved by whole days, e.g. `addDays('2026-05-02', 7)` → `2026-05-09`. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** `count` consecutive dates starting at `from`. */
export function datesFrom(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(from, i));
}

/** The local date of an instant in a zone. */
export function localDateOf(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toISODate() ?? iso.slice(0, 10);
}

/** The local wall-clock time `HH:MM` of an instant in a zone. */
export function localTimeOf(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat('HH:mm');
}

/** The local hour (0–23) of an instant in a zone. */
export function localHourOf(iso: string, zone: string): number {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).hour;
}

/** A `datetime-local` input's value (`YYYY-MM-DDTHH:MM`) read in a zone, as an ISO instant; null when invalid. */
export function zonedInputToIso(value: string, zone: string): string | null {
  const local = DateTime.fromISO(value, { zone });
  return local.isValid ? local.toUTC().toISO({ suppressMilliseconds: true }) : null;
}

/** The end of a local date (the start of the next day) in a zone, as an ISO instant. */
export function endOfDateIso(date: string, zone: string): string | null {
  const local = DateTime.fromISO(date, { zone });
  return local.isValid ? local.plus({ days: 1 }).startOf('day').toUTC().toISO({ suppressMilliseconds: true }) : null;
}

/** A `datetime-local` value for an instant in a zone, e.g. to pre-fill an input. */
export function isoToZonedInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A local date for people, e.g. `Saturday 2 May` (with the year when `withYear`). */
export function dayLabel(date: string, options: { withYear?: boolean; short?: boolean } = {}): string {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  const weekday = options.short ? weekdayShort[day.weekday] : weekdayNames[day.weekday];
  return `${weekday} ${day.toFormat(options.withYear ? 'd LLLL yyyy' : options.short ? 'd LLL' : 'd LLLL')}`;
}

/** A span of local dates for people, e.g. `2–8 May 2026` or `28 April – 4 May 2026`. */
export function rangeLabel(from: string, to: string): string {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  if (a.year !== b.year) return `${a.toFormat('d LLLL yyyy')} – ${b.toFormat('d LLLL yyyy')}`;
  if (a.month !== b.month) return `${a.toFormat('d LLLL')} – ${b.toFormat('d LLLL yyyy')}`;
  return `${a.toFormat('d')}–${b.toFormat('d LLLL yyyy')}`;
}

/** The ISO weekday (1 = Monday) of a local date. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/** Weekdays for people, with runs joined: [1,2,3,4,5] → `Monday to Friday`, [6] → `Saturday`, [1,3] → `Mon, Wed`. */
export function weekdaysLabel(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'Every day';
  if (sorted.length === 1) return weekdayNames[sorted[0]!] ?? '';
  const consecutive = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (consecutive && sorted.length > 2) return `${weekdayNames[sorted[0]!]} to ${weekdayNames[sorted.at(-1)!]}`;
  return sorted.map((d) => weekdayShort[d]).join(', ');
}

/** The quarter-hour times of a day, `00:00` … `23:45`, plus `24:00` when `withMidnightEnd`. */
export function quarterTimes(withMidnightEnd = false): string[] {
  const times: string[] = [];
  for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
    times.push(`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
  }
  if (withMidnightEnd) times.push('24:00');
  return times;
}

/** A local date for people with its year, e.g. `2 May 2026`. */
export function dateLabel(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).toFormat('d LLLL yyyy');
}
