import { useState } from 'react';
import { Link } from 'react-router';
import { OccurrencesResponse } from '../../contracts/scheduling.ts';
import { messageOf } from '../lib/api.ts';
import { timeZoneLabel } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { ShiftDays } from '../scheduling/ShiftDays.tsx';
import { WeekPager } from '../scheduling/WeekPager.tsx';
import { addDays, datesFrom, todayIn } from '../scheduling/zoned.ts';

const span = 14;

/** `/proctor/shifts`: the signed-in proctor's shifts, two weeks at a time, grouped by day in their own zone. */
export function MyShiftsPage() {
  const { user } = useSession();
  const zone = user?.timeZone ?? 'UTC';
  const [today] = useState(() => todayIn(zone));
  const [from, setFrom] = useState(today);
  const shifts = useApiData('/proctor/shifts', OccurrencesResponse, { from, to: addDays(from, span - 1), tz: zone });
  const shownZone = shifts.data?.timeZone ?? zone;

  return (
    <section className="page">
      <PageTitle>My shifts</PageTitle>
      <p>
        Times are in your time zone, <strong>{timeZoneLabel(shownZone)}</strong>. You can change it in your{' '}
        <Link to="/profile">profile</Link>. Time off recorded by an administrator is already left out.
      </p>
      <WeekPager from={from} days={span} first={today} onChange={setFrom} what="shifts" />
      {shifts.error ? (
        <Alert tone="error" title="We could not load your shifts."><p>{messageOf(shifts.error)}</p></Alert>
      ) : !shifts.data ? (
        <Loading what="Loading your shifts" />
      ) : (
        <>
          <p className="result-count">
            {countLabel(shifts.data.occurrences.length)} in these two weeks.
          </p>
          <ShiftDays dates={datesFrom(from, span)} occurrences={shifts.data.occurrences} zone={shownZone} showProctor={false} headingLevel={2} />
        </>
      )}
    </section>
  );
}

function countLabel(count: number): string {
  if (count === 0) return 'No shifts';
  return count === 1 ? '1 shift' : `${count} shifts`;
}
