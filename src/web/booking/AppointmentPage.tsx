import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { AppointmentResponse, type Appointment } from '../../contracts/booking.ts';
import { ApiError, apiUrl, messageOf } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { AppointmentDetails } from './AppointmentDetails.tsx';
import { CancelAppointment } from './CancelAppointment.tsx';
import { FeeBreakdown } from './FeeBreakdown.tsx';
import { RescheduleSection } from './RescheduleSection.tsx';
import { StartAppointmentExam } from '../delivery/StartAppointmentExam.tsx';
import { SystemTestStatus } from '../systemcheck/SystemTestStatus.tsx';

/** `/appointments/:id`: one appointment in the candidate's zone, its fee, calendar file, system test, and changes. */
export function AppointmentPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const location = useLocation();
  const data = useApiData(`/appointments/${encodeURIComponent(id)}`, AppointmentResponse);
  const [changed, setChanged] = useState<{ appointment: Appointment; message: string } | null>(null);
  const timeZone = user?.timeZone ?? 'UTC';
  const justBooked = (location.state as { booked?: boolean } | null)?.booked === true;

  if (data.error) {
    const missing = data.error instanceof ApiError && data.error.code === 'NotFound';
    return (
      <section className="page narrow">
        <PageTitle>Appointment</PageTitle>
        <Alert tone="error" title={missing ? 'There is no such appointment.' : 'We could not load this appointment.'}>
          <p>{missing ? 'It may belong to another account, or the link may be mistyped.' : messageOf(data.error)}</p>
        </Alert>
        <p><Link to="/appointments">Your appointments</Link></p>
      </section>
    );
  }
  if (!data.data) return <Loading what="Loading your appointment" />;
  const appointment = changed?.appointment.id === id ? changed.appointment : data.data.appointment;
  const active = appointment.status === 'booked';

  function onChanged(next: Appointment, message: string) {
    setChanged({ appointment: next, message });
  }

  return (
    <section className="page appointment-page">
      <p className="breadcrumb"><Link to="/appointments">Your appointments</Link></p>
      <PageTitle title={`Appointment ${appointment.examCode}`}>
        <span className="exam-code">{appointment.examCode}</span> {appointment.examTitle}
      </PageTitle>
      <p className="muted">Offered by {appointment.programName}</p>
      {changed ? (
        <Alert tone="success" title={changed.message} />
      ) : justBooked ? (
        <Alert tone="success" title="Your exam is booked.">
          <p>We sent a confirmation to {user?.email ?? 'your email address'} with a calendar invitation.</p>
        </Alert>
      ) : null}
      <div className="grid">
        <section className="card" aria-labelledby="when-heading">
          <h2 id="when-heading">When</h2>
          <AppointmentDetails appointment={appointment} timeZone={timeZone} />
          {active ? (
            <ul className="link-list">
              <li>
                <a href={apiUrl(`/appointments/${appointment.id}/calendar.ics`)} download={`${appointment.examCode}.ics`}>
                  Add to calendar (.ics)
                </a>
              </li>
              <li><SystemTestStatus startsAt={appointment.startsAt} timeZone={timeZone} freeMove={appointment.rescheduleViaSystemTest} /></li>
              <li><Link to={`/appointments/${appointment.id}/checkin`}>Check in</Link> on the day, when check-in opens shortly before the start.</li>
            </ul>
          ) : null}
        </section>
        <section className="card" aria-labelledby="fee-heading">
          <h2 id="fee-heading">Fee</h2>
          <FeeBreakdown fee={appointment.fee} />
        </section>
      </div>
      {active ? <StartAppointmentExam appointmentId={appointment.id} /> : null}
      {active ? (
        <div className="grid">
          <RescheduleSection key={appointment.startsAt} appointment={appointment} timeZone={timeZone} onChanged={onChanged} />
          <CancelAppointment appointment={appointment} onChanged={onChanged} />
        </div>
      ) : null}
    </section>
  );
}
