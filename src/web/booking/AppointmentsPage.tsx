import { Link } from 'react-router';
import { AppointmentList as AppointmentListResponse } from '../../contracts/booking.ts';
import { messageOf } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { isUpcoming } from './appointment-text.ts';
import { AppointmentList } from './AppointmentList.tsx';

/** `/appointments`: the candidate's upcoming appointments (soonest first) and past ones (latest first). */
export function AppointmentsPage() {
  const { user } = useSession();
  const data = useApiData('/appointments', AppointmentListResponse);
  const timeZone = user?.timeZone ?? 'UTC';

  let body;
  if (data.error) {
    body = <Alert tone="error" title="We could not load your appointments."><p>{messageOf(data.error)}</p></Alert>;
  } else if (!data.data) {
    body = <Loading what="Loading your appointments" />;
  } else {
    const now = Date.now();
    const all = data.data.appointments;
    const upcoming = all.filter((a) => isUpcoming(a, now)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const past = all.filter((a) => !isUpcoming(a, now)).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    body = (
      <>
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">Upcoming</h2>
          {upcoming.length > 0 ? (
            <AppointmentList appointments={upcoming} timeZone={timeZone} />
          ) : (
            <p className="empty-state">No upcoming appointments. <Link to="/exams">Find an exam to book</Link>.</p>
          )}
        </section>
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">Past and cancelled</h2>
          {past.length > 0 ? <AppointmentList appointments={past} timeZone={timeZone} /> : <p>None yet.</p>}
        </section>
      </>
    );
  }

  return (
    <section className="page">
      <PageTitle>My appointments</PageTitle>
      <p>Times are in your time zone, {timeZone}. <Link to="/profile">Change it in your profile</Link>.</p>
      {body}
    </section>
  );
}
