import type { Appointment } from '../../contracts/booking.ts';

/** The words for an appointment's status (never shown by colour alone). */
export const statusLabels: Record<Appointment['status'], string> = {
  booked: 'Booked',
  checked_in: 'Checked in',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Missed (no show)',
};

/** The words for a payment method on an appointment. */
export const methodLabels: Record<Appointment['fee']['method'], string> = {
  free: 'Free exam',
  voucher: 'Voucher',
  invoice: 'Invoice',
};

/** True while an appointment is still ahead of the candidate (booked or checked in, and not over). */
export function isUpcoming(appointment: Appointment, now: number = Date.now()): boolean {
  return (appointment.status === 'booked' || appointment.status === 'checked_in') && Date.parse(appointment.endsAt) > now;
}

/** "1st", "2nd", "3rd", "4th" … for "your 1st of 2 free reschedules". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}
