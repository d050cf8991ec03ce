import { DateTime } from 'luxon';
import type { OutgoingEmail } from '../platform/mail.ts';
import type { MailAttachment } from '../platform/db/schema.ts';

// Plain-text mail, like the account mail: times in the candidate's own zone, named, with links spelled out.

export interface MailAppointment {
  examCode: string;
  examTitle: string;
  startsAt: Date;
  durationMinutes: number;
  extraMinutes: number;
  checkInOpensAt: Date;
  changeCutoff: Date;
  link: string;
  systemTestLink: string;
  currency: string;
}

/** "Tuesday 1 December 2026, 14:30 (Europe/Berlin, UTC+1)". */
export function formatInZone(d: Date, zone: string): string {
  const t = DateTime.fromJSDate(d, { zone });
  return `${t.setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} (${zone}, UTC${t.toFormat('ZZ').replace(/:00$/, '').replace(/^\+00$/, '')})`;
}

const money = (minor: number, currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);
const length = (a: MailAppointment) => `${a.durationMinutes} minutes${a.extraMinutes ? ` plus ${a.extraMinutes} minutes of approved extra time` : ''}`;
const sign = '\n\n— Invigil';

function details(a: MailAppointment, zone: string): string {
  return `Exam: ${a.examCode} ${a.examTitle}\nStarts: ${formatInZone(a.startsAt, zone)}\nLength: ${length(a)}\nCheck-in opens: ${formatInZone(a.checkInOpensAt, zone)}`;
}

const invite = (ics: string): MailAttachment[] => [{ filename: 'invigil-appointment.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ics }];

export function confirmationEmail(to: string, name: string, zone: string, a: MailAppointment, paid: { paidMinor: number; method: string }, ics: string): OutgoingEmail {
  const payment = paid.paidMinor > 0 ? `\nFee: ${money(paid.paidMinor, a.currency)}${paid.method === 'invoice' ? ' (we will send an invoice)' : ''}` : '';
  return {
    to,
    subject: `Booked: ${a.examCode} on ${formatInZone(a.startsAt, zone)}`,
    text: `Hello ${name},\n\nYour exam is booked.\n\n${details(a, zone)}${payment}\n\nThe attached calendar invite adds it to your calendar.\n\nBefore the day, run the system test on the computer you will use:\n${a.systemTestLink}\n\nYour appointment (reschedule or cancel free of charge until ${formatInZone(a.changeCutoff, zone)}):\n${a.link}${sign}`,
    attachments: invite(ics),
  };
}

export function rescheduledEmail(to: string, name: string, zone: string, a: MailAppointment, ics: string): OutgoingEmail {
  return {
    to,
    subject: `Moved: ${a.examCode} to ${formatInZone(a.startsAt, zone)}`,
    text: `Hello ${name},\n\nYour exam has a new time.\n\n${details(a, zone)}\n\nThe attached calendar invite updates the event in your calendar.\n\nYour appointment:\n${a.link}${sign}`,
    attachments: invite(ics),
  };
}

export function cancelledEmail(to: string, name: string, zone: string, a: MailAppointment, money_: { refundMinor: number; forfeitMinor: number }, ics: string): OutgoingEmail {
  const outcome = money_.refundMinor > 0 ? `We will refund ${money(money_.refundMinor, a.currency)}.` : money_.forfeitMinor > 0 ? `The fee of ${money(money_.forfeitMinor, a.currency)} is forfeited, as the cancellation came after the free-cancellation cutoff.` : 'There was no fee to refund.';
  return {
    to,
    subject: `Cancelled: ${a.examCode} on ${formatInZone(a.startsAt, zone)}`,
    text: `Hello ${name},\n\nYour appointment for ${a.examCode} ${a.examTitle} on ${formatInZone(a.startsAt, zone)} is cancelled. ${outcome}\n\nYou can book a new time from the exam's page whenever you are ready.${sign}`,
    attachments: [{ filename: 'invigil-appointment.ics', contentType: 'text/calendar; charset=utf-8; method=CANCEL', content: ics }],
  };
}

export type ReminderKind = 'system-test' | 'day-before' | 'check-in';

/** The candidate's newest system test as a reminder needs it: when, whether it passed, until when it counts. */
export interface MailSystemTest {
  passed: boolean;
  createdAt: Date;
  validUntil: Date;
}

/** Where the system test stands for this exam, with what to do about it. */
export function systemTestLine(a: MailAppointment, zone: string, test: MailSystemTest | null): string {
  if (!test) return `System test: you have not run it yet. Run it on the computer, network and room you will use:\n${a.systemTestLink}`;
  if (!test.passed) {
    return `System test: your last one (${formatInZone(test.createdAt, zone)}) found problems. Run it again after fixing them:\n${a.systemTestLink}\n` +
      `If you cannot fix them in time, you may move this appointment once, free of charge, from your appointment page, even after the usual change deadline:\n${a.link}`;
  }
  if (test.validUntil < a.startsAt) return `System test: yours passed on ${formatInZone(test.createdAt, zone)} but counts only until ${formatInZone(test.validUntil, zone)}, before this exam. Run it again:\n${a.systemTestLink}`;
  return `System test: passed on ${formatInZone(test.createdAt, zone)}; it counts for this exam. Run it again if you change computer or network:\n${a.systemTestLink}`;
}

export function reminderEmail(kind: ReminderKind, to: string, name: string, zone: string, a: MailAppointment, test: MailSystemTest | null = null): OutgoingEmail {
  const status = systemTestLine(a, zone, test);
  switch (kind) {
    case 'system-test':
      return {
        to,
        subject: test?.passed && test.validUntil >= a.startsAt ? `In 2 days: ${a.examCode}` : `In 2 days: ${a.examCode} — run your system test now`,
        text: `Hello ${name},\n\nYour exam is in two days.\n\n${details(a, zone)}\n\n${status}\n\nRun it on the computer, network and room you will use, so there is time to fix anything it finds. If it fails and you cannot fix it, reschedule free of charge until ${formatInZone(a.changeCutoff, zone)} (or once after a failed test):\n${a.link}${sign}`,
      };
    case 'day-before':
      return {
        to,
        subject: `Tomorrow: ${a.examCode} at ${formatInZone(a.startsAt, zone)}`,
        text: `Hello ${name},\n\nYour exam is tomorrow.\n\n${details(a, zone)}\n\n${status}\n\nHave your government ID and your phone (for the check-in photos) ready, and clear your desk.\n\nYour appointment:\n${a.link}${sign}`,
      };
    case 'check-in':
      return {
        to,
        subject: `Check-in for ${a.examCode} opens now`,
        text: `Hello ${name},\n\nCheck-in for your exam is opening.\n\n${details(a, zone)}\n\n${status}\n\nStart your check-in here:\n${a.link}${sign}`,
      };
  }
}

export function noShowEmail(to: string, name: string, zone: string, a: MailAppointment, forfeitMinor: number): OutgoingEmail {
  return {
    to,
    subject: `Missed: ${a.examCode} on ${formatInZone(a.startsAt, zone)}`,
    text: `Hello ${name},\n\nCheck-in for your ${a.examCode} exam on ${formatInZone(a.startsAt, zone)} closed without a check-in, so the appointment counts as missed.${forfeitMinor > 0 ? ` The fee of ${money(forfeitMinor, a.currency)} is forfeited.` : ''}\n\nIf something outside your control stopped you, reply to this email. You can book a new time from the exam's page.${sign}`,
  };
}
