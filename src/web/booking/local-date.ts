/** Calendar dates (`YYYY-MM-DD`) for the slot picker. Dates carry no zone: arithmetic is done on UTC midnights, so
 * summer-time changes never skip or repeat a day. */

/** `date` moved by `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The calendar date of an instant in a zone. */
export function localDateOf(instant: string | Date, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/** The seven dates of the week strip that starts at `start`. */
export function weekOf(start: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

/** True when `value` looks like a calendar date, e.g. from a URL. */
export function isLocalDate(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}
