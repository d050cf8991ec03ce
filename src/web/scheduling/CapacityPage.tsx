import { useState } from 'react';
import { Link } from 'react-router';
import { CapacityResponse } from '../../contracts/scheduling.ts';
import { messageOf } from '../lib/api.ts';
import { timeZoneLabel } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { CapacityHeatMap } from './CapacityHeatMap.tsx';
import { CapacityLegend } from './CapacityLegend.tsx';
import { ProgramPicker } from './ProgramPicker.tsx';
import { WeekPager } from './WeekPager.tsx';
import { useProgramChoice } from './use-program-choice.ts';
import { addDays, todayIn } from './zoned.ts';

/** `/admin/capacity`: a week of proctor cover and bookings as a heat map, hour by hour in the admin's zone. */
export function CapacityPage() {
  const { user } = useSession();
  const zone = user?.timeZone ?? 'UTC';
  const choice = useProgramChoice();
  const programId = choice.chosen?.id ?? null;
  const [today] = useState(() => todayIn(zone));
  const [from, setFrom] = useState(today);
  const capacity = useApiData(programId ? '/admin/capacity' : null, CapacityResponse, {
    programId: programId ?? undefined,
    from,
    to: addDays(from, 6),
    tz: zone,
  });

  return (
    <section className="page">
      <PageTitle>Capacity</PageTitle>
      <p>
        How many proctors are on duty each hour, and how much of their capacity is booked. Hours with no cover cannot be
        booked: add shifts on the <Link to={`/admin/staffing${programId ? `?program=${programId}` : ''}`}>staffing</Link>{' '}
        page. Times are in your time zone, <strong>{timeZoneLabel(capacity.data?.timeZone ?? zone)}</strong>.
      </p>
      <ProgramPicker choice={choice} />
      <WeekPager from={from} days={7} first={today} onChange={setFrom} what="capacity heat map" />
      {programId === null ? null : capacity.error ? (
        <Alert tone="error" title="We could not load the capacity."><p>{messageOf(capacity.error)}</p></Alert>
      ) : !capacity.data ? (
        <Loading what="Loading the capacity" />
      ) : (
        <CapacityHeatMap capacity={capacity.data} />
      )}
      <CapacityLegend />
    </section>
  );
}
