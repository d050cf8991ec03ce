import { Link } from 'react-router';
import { AppointmentList as AppointmentListResponse } from '../../contracts/booking.ts';
import { messageOf } from '../lib/api.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { isUpcoming } from '../booking/appointment-text.ts';
import { AppointmentList } from '../booking/AppointmentList.tsx';
import { Loading } from '../ui/Loading.tsx';

/** The dashboard's "Your appointments" card: the next three upcoming ones, with links to all and to the catalog. */
export function UpcomingAppointments({ timeZone }: { timeZone: string }) {
  const data = useApiData('/appointments', AppointmentListResponse);
  let body;
  if (data.error) body = <p>We could not load your appointments: {messageOf(data.error)}</p>;
  else if (!data.data) body = <Loading what="Loading your appointments" />;
  else {
    const now = Date.now();
    const upcoming = data.data.appointments.filter((a) => isUpcoming(a, now)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    body =
      upcoming.length === 0 ? (
        <p className="empty-state">No exams booked yet.</p>
      ) : (
        <AppointmentList appointments={upcoming.slice(0, 3)} timeZone={timeZone} />
      );
  }
  return (
    <section className="card" aria-labelledby="appointments-heading">
      <h2 id="appointments-heading">Your appointments</h2>
      {body}
      <ul className="link-list">
        <li><Link to="/appointments">All your appointments</Link></li>
        <li><Link to="/exams">Browse the exam catalog</Link> to book an exam.</li>
      </ul>
    </section>
  );
}
