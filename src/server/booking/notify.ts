import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { appointmentCalendar } from './calendar.ts';
import type { MailAppointment } from './emails.ts';
import { getExamById, type AppointmentRow, type BookableExam } from './repository.ts';

type MailUser = { email: string; legal_name: string; time_zone: string };

export interface AppointmentMail {
  to: string;
  name: string;
  zone: string;
  appointment: MailAppointment;
  /** The calendar invite of the appointment as it is now (a CANCEL once cancelled). */
  ics: string;
}

/** Everything a mail about this appointment needs: the candidate, their zone, times, links and the .ics invite. */
export async function appointmentMail(deps: Pick<Deps, 'config' | 'clock'>, db: Db, row: AppointmentRow, known: { bookable?: BookableExam; user?: MailUser } = {}): Promise<AppointmentMail> {
  const [{ exam, policy }, user] = await Promise.all([
    known.bookable ?? getExamById(db, row.exam_id),
    known.user ?? db.selectFrom('users').select(['email', 'legal_name', 'time_zone']).where('id', '=', row.candidate_id).executeTakeFirstOrThrow(),
  ]);
  const link = `${deps.config.publicUrl}/appointments/${row.id}`;
  const endsAt = new Date(row.starts_at.getTime() + (row.duration_minutes + row.extra_minutes) * 60_000);
  const checkInOpensAt = new Date(row.starts_at.getTime() - policy.checkIn.opensMinutesBefore * 60_000);
  return {
    to: user.email,
    name: user.legal_name,
    zone: user.time_zone,
    appointment: {
      examCode: exam.code, examTitle: exam.title, startsAt: row.starts_at, durationMinutes: row.duration_minutes, extraMinutes: row.extra_minutes,
      checkInOpensAt, changeCutoff: new Date(row.starts_at.getTime() - policy.rescheduling.cutoffHours * 3_600_000),
      link, systemTestLink: `${deps.config.publicUrl}/system-test`, currency: row.currency,
    },
    ics: appointmentCalendar({
      id: row.id, examCode: exam.code, examTitle: exam.title, startsAt: row.starts_at, endsAt, checkInOpensAt, sequence: row.calendar_sequence,
      cancelled: row.status === 'cancelled', url: link, organizerEmail: deps.config.mailFrom.replace(/^.*<(.+)>$/, '$1'), issuedAt: deps.clock.now(),
    }, new URL(deps.config.publicUrl).host),
  };
}
