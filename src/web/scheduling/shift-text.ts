import type { z } from 'zod';
import type { ShiftOccurrence } from '../../contracts/scheduling.ts';
import { addDays, dayLabel, localDateOf, localTimeOf } from './zoned.ts';

type Occurrence = z.infer<typeof ShiftOccurrence>;

/** A rule's local hours for people: `08:00–16:00`, `22:00–06:00 next day`, `00:00–24:00`. */
export function ruleHoursLabel(startTime: string, endTime: string): string {
  const overnight = endTime !== '24:00' && endTime <= startTime;
  return `${startTime}–${endTime}${overnight ? ' next day' : ''}`;
}

/** What a shift does, in words: `Proctoring and greeting`, `Proctoring only`, `Greeting only`. */
export function dutiesLabel(duties: { proctoring: boolean; greeting: boolean }): string {
  if (duties.proctoring && duties.greeting) return 'Proctoring and greeting';
  if (duties.proctoring) return 'Proctoring only';
  if (duties.greeting) return 'Greeting only';
  return 'No duties';
}

/** A concrete shift's hours in a zone, naming the start day when it is not `listedOn` (a shift already running
 * when the list begins) and the end day when it is not the start day: `08:00–16:00`, `22:00–06:00 (Sun 3 May)`. */
export function occurrenceHoursLabel(occurrence: Pick<Occurrence, 'startsAt' | 'endsAt'>, zone: string, listedOn?: string): string {
  const start = localTimeOf(occurrence.startsAt, zone);
  const end = localTimeOf(occurrence.endsAt, zone);
  const startDay = localDateOf(occurrence.startsAt, zone);
  const endDay = localDateOf(occurrence.endsAt, zone);
  const from = listedOn && listedOn !== startDay ? `${dayLabel(startDay, { short: true })} ${start}` : start;
  if (endDay === startDay) return `${from}–${end}`;
  // Ending exactly at midnight reads better as 24:00 than as 00:00 of the next day.
  if (end === '00:00' && endDay === addDays(startDay, 1)) return `${from}–24:00`;
  return `${from}–${end} (${dayLabel(endDay, { short: true })})`;
}
