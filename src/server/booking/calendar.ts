import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface CalendarAppointment {
  id: string;
  examCode: string;
  examTitle: string;
  startsAt: Date;
  endsAt: Date;
  checkInOpensAt: Date;
  sequence: number;
  cancelled: boolean;
  url: string;
  organizerEmail: string;
  /** When the invite is issued (DTSTAMP). */
  issuedAt: Date;
}

/**
 * An iCalendar (RFC 5545) invite for an appointment. Times are written in UTC, so every calendar shows them in its
 * own zone correctly; the UID stays the same across reschedules and SEQUENCE grows, so calendars update the event
 * in place, and a cancellation is sent as METHOD:CANCEL with STATUS:CANCELLED.
 */
export function appointmentCalendar(a: CalendarAppointment, publicHost: string): string {
  const cal = ical({ name: 'Invigil', prodId: { company: 'Invigil', product: 'Invigil', language: 'EN' }, method: a.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  cal.createEvent({
    id: `${a.id}@${publicHost}`,
    sequence: a.sequence,
    start: a.startsAt,
    end: a.endsAt,
    stamp: a.issuedAt,
    summary: `${a.examCode} ${a.examTitle} (online-proctored exam)`,
    description: `Check-in opens at ${a.checkInOpensAt.toISOString().slice(11, 16)} UTC. Run the system test before the day.\n\nYour appointment: ${a.url}`,
    url: a.url,
    location: 'Online (Invigil)',
    status: a.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: 'Invigil', email: a.organizerEmail },
    alarms: a.cancelled ? [] : [{ type: ICalAlarmType.display, trigger: 30 * 60, description: 'Check-in opens soon' }],
  });
  return cal.toString();
}
