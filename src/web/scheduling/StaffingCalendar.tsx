import { useEffect, useState } from 'react';
import { OccurrencesResponse } from '../../contracts/scheduling.ts';
import { messageOf } from '../lib/api.ts';
import { timeZoneLabel } from '../lib/format.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ShiftDays } from './ShiftDays.tsx';
import { WeekPager } from './WeekPager.tsx';
import { addDays, datesFrom, todayIn } from './zoned.ts';

/** A week of a program's concrete shifts (time off already cut out), day by day in the viewer's zone.
 * `version` changes whenever shifts were edited, to load the week again. */
export function StaffingCalendar({ programId, zone, version }: { programId: string; zone: string; version: number }) {
  const [today] = useState(() => todayIn(zone));
  const [from, setFrom] = useState(today);
  const shifts = useApiData('/admin/shift-occurrences', OccurrencesResponse, { programId, from, to: addDays(from, 6), tz: zone });
  const { reload } = shifts;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const shownZone = shifts.data?.timeZone ?? zone;

  return (
    <section className="staffing-calendar" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Staffing calendar</h2>
      <p>
        Every shift of the week, with time off already left out. Times are in your time zone,{' '}
        <strong>{timeZoneLabel(shownZone)}</strong>.
      </p>
      <WeekPager from={from} days={7} first={today} onChange={setFrom} what="staffing calendar" />
      {shifts.error ? (
        <Alert tone="error" title="We could not load the shifts."><p>{messageOf(shifts.error)}</p></Alert>
      ) : !shifts.data ? (
        <Loading what="Loading the shifts" />
      ) : (
        <ShiftDays dates={datesFrom(from, 7)} occurrences={shifts.data.occurrences} zone={shownZone} showProctor />
      )}
    </section>
  );
}
