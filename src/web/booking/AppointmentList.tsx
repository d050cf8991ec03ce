import { Link } from 'react-router';
import type { Appointment } from '../../contracts/booking.ts';
import { formatDateTime } from '../lib/format.ts';
import { statusLabels } from './appointment-text.ts';

/** Appointments as a list of links to their pages, each with its time in the candidate's zone and its status. */
export function AppointmentList({ appointments, timeZone }: { appointments: Appointment[]; timeZone: string }) {
  return (
    <ul className="appointment-list">
      {appointments.map((a) => (
        <li key={a.id}>
          <Link to={`/appointments/${a.id}`} className="appointment-link">
            <span className="exam-code">{a.examCode}</span> {a.examTitle}
          </Link>
          <span className="appointment-when">
            <time dateTime={a.startsAt}>{formatDateTime(a.startsAt, timeZone)}</time>
          </span>
          <span className="tag tag-first">{statusLabels[a.status]}</span>
        </li>
      ))}
    </ul>
  );
}
