import type { Appointment } from '../../contracts/booking.ts';
import { formatDuration } from '../catalog/exam-facts.ts';
import { formatDateTime, formatDayOf, formatTime, languageLabel, zoneWithOffset } from '../lib/format.ts';
import { statusLabels } from './appointment-text.ts';

/** When and what: status, day and time in the candidate's zone (named), length, language, check-in, change cutoff. */
export function AppointmentDetails({ appointment: a, timeZone }: { appointment: Appointment; timeZone: string }) {
  return (
    <dl className="summary">
      <div>
        <dt>Status</dt>
        <dd><span className={`tag tag-first tag-status-${a.status}`}>{statusLabels[a.status]}</span></dd>
      </div>
      <div>
        <dt>Date</dt>
        <dd>{formatDayOf(a.startsAt, timeZone)}</dd>
      </div>
      <div>
        <dt>Time</dt>
        <dd>
          <time dateTime={a.startsAt}>{formatTime(a.startsAt, timeZone)}</time> to{' '}
          <time dateTime={a.endsAt}>{formatTime(a.endsAt, timeZone)}</time>, {zoneWithOffset(timeZone, new Date(a.startsAt))}
        </dd>
      </div>
      <div>
        <dt>Length</dt>
        <dd>
          {formatDuration(a.durationMinutes + a.extraMinutes)}
          {a.extraMinutes > 0 ? `, including your ${a.extraMinutes} minutes of extra time` : null}
        </dd>
      </div>
      <div>
        <dt>Language</dt>
        <dd>{languageLabel(a.language)}</dd>
      </div>
      {a.status === 'booked' ? (
        <>
          <div>
            <dt>Check-in opens</dt>
            <dd>{formatDateTime(a.checkInOpensAt, timeZone)} (closes {formatTime(a.checkInClosesAt, timeZone)})</dd>
          </div>
          <div>
            <dt>Free changes until</dt>
            <dd>{formatDateTime(a.changeCutoff, timeZone)}</dd>
          </div>
          <div>
            <dt>Free reschedules left</dt>
            <dd>{a.reschedulesLeft} of {a.rescheduleCount + a.reschedulesLeft}</dd>
          </div>
        </>
      ) : null}
      {a.cancelledAt ? (
        <div>
          <dt>Cancelled on</dt>
          <dd>{formatDateTime(a.cancelledAt, timeZone)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
