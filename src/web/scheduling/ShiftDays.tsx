import type { z } from 'zod';
import type { ShiftOccurrence } from '../../contracts/scheduling.ts';
import { dutiesLabel, occurrenceHoursLabel } from './shift-text.ts';
import { dayLabel, localDateOf } from './zoned.ts';

type Occurrence = z.infer<typeof ShiftOccurrence>;

/** Concrete shifts grouped by the local day they start on (a shift already running on the first day is listed
 * there), one list per day, with every time in `zone`. */
export function ShiftDays({
  dates,
  occurrences,
  zone,
  showProctor,
  headingLevel = 3,
}: {
  dates: string[];
  occurrences: Occurrence[];
  zone: string;
  /** Name the proctor on each shift (the admin's calendar) or not (a proctor's own shifts). */
  showProctor: boolean;
  headingLevel?: 2 | 3;
}) {
  const byDay = new Map<string, Occurrence[]>(dates.map((date) => [date, []]));
  const first = dates[0] ?? '';
  for (const occurrence of occurrences) {
    const day = localDateOf(occurrence.startsAt, zone);
    byDay.get(day < first ? first : day)?.push(occurrence);
  }
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="shift-days">
      {dates.map((date) => {
        const shifts = [...(byDay.get(date) ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.proctorName.localeCompare(b.proctorName));
        return (
          <li key={date} className="shift-day">
            <Heading className="shift-day-title">{dayLabel(date)}</Heading>
            {shifts.length === 0 ? (
              <p className="shift-none">No shifts.</p>
            ) : (
              <ul className="shift-list">
                {shifts.map((shift) => (
                  <li key={`${shift.proctorId}-${shift.programId}-${shift.startsAt}`} className="shift-item">
                    <span className="shift-hours">{occurrenceHoursLabel(shift, zone, date)}</span>
                    {showProctor ? <span className="shift-proctor">{shift.proctorName}</span> : <span className="shift-proctor">{shift.programName}</span>}
                    <span className="shift-duties">
                      {dutiesLabel(shift)}
                      {shift.source === 'added' ? <span className="tag tag-first shift-extra">extra shift</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
