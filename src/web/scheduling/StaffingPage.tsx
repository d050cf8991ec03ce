import { useState } from 'react';
import { Link } from 'react-router';
import { ShiftsResponse } from '../../contracts/scheduling.ts';
import { messageOf } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { ProctorShiftsCard } from './ProctorShiftsCard.tsx';
import { ProgramPicker } from './ProgramPicker.tsx';
import { StaffingCalendar } from './StaffingCalendar.tsx';
import { useProgramChoice } from './use-program-choice.ts';

/** `/admin/staffing`: each proctor's weekly shifts, time off and extra shifts in a program, and the week's calendar. */
export function StaffingPage() {
  const { user } = useSession();
  const zone = user?.timeZone ?? 'UTC';
  const choice = useProgramChoice();
  const programId = choice.chosen?.id ?? null;
  const shifts = useApiData(programId ? '/admin/shifts' : null, ShiftsResponse, { programId: programId ?? undefined });
  const [version, setVersion] = useState(0);

  function changed() {
    shifts.reload();
    setVersion((v) => v + 1);
  }

  return (
    <section className="page">
      <PageTitle>Staffing</PageTitle>
      <p>
        Exams are only sold for times a proctor can watch. Give each proctor weekly shifts in their own time zone, then
        record time off and extra shifts as they come. The{' '}
        <Link to={`/admin/capacity${programId ? `?program=${programId}` : ''}`}>capacity heat map</Link> shows the cover
        this gives, hour by hour.
      </p>
      <ProgramPicker choice={choice} />
      {programId === null ? null : shifts.error ? (
        <Alert tone="error" title="We could not load the shifts."><p>{messageOf(shifts.error)}</p></Alert>
      ) : !shifts.data ? (
        <Loading what="Loading the proctors and their shifts" />
      ) : shifts.data.proctors.length === 0 ? (
        <p className="empty-state">
          No proctors yet. Create proctor accounts under <Link to="/admin/users">Users</Link>.
        </p>
      ) : (
        <div className="proctor-cards">
          {shifts.data.proctors.map((proctor) => (
            <ProctorShiftsCard
              key={`${programId}-${proctor.id}`}
              proctor={proctor}
              programId={programId}
              rules={shifts.data!.rules.filter((r) => r.proctorId === proctor.id)}
              exceptions={shifts.data!.exceptions.filter((e) => e.proctorId === proctor.id)}
              zone={zone}
              onChanged={changed}
            />
          ))}
        </div>
      )}
      {programId ? <StaffingCalendar key={programId} programId={programId} zone={zone} version={version} /> : null}
    </section>
  );
}
