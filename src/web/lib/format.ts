/** Formats an ISO instant for a person in their own time zone, e.g. "12 Mar 2026, 14:05 CET". */
export function formatDateTime(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(date) + ` ${zoneAbbreviation(date, timeZone)}`;
  } catch {
    return date.toISOString();
  }
}

/** Formats an ISO instant as a date only, in the given time zone. */
export function formatDate(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/** The short name of a zone at an instant ("CET", "GMT+5:30"). */
function zoneAbbreviation(date: Date, timeZone: string | undefined): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** A time zone id as people read it: `America/Argentina/Buenos_Aires` → `America / Argentina / Buenos Aires`. */
export function timeZoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ').replaceAll('/', ' / ');
}

/** The English and native names of the interface languages we ship. */
export const languageNames: Record<string, { english: string; native: string }> = {
  en: { english: 'English', native: 'English' },
  de: { english: 'German', native: 'Deutsch' },
  fr: { english: 'French', native: 'Français' },
  es: { english: 'Spanish', native: 'Español' },
  ja: { english: 'Japanese', native: '日本語' },
  'pt-BR': { english: 'Portuguese (Brazil)', native: 'Português (Brasil)' },
};

/** A language code's English name, e.g. `de` → `German`. */
export function languageLabel(code: string): string {
  return languageNames[code]?.english ?? code;
}

/** An amount in minor units as money, e.g. `15000, 'USD'` → `US$150.00` (0 stays `US$0.00`, unlike a price). */
export function formatMoney(amountMinor: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown currency code: two decimals and the code after the amount, below.
  }
  const amount = amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(digits)} ${currency}`;
  }
}

/** The wall-clock time of an instant in a zone, 24-hour, e.g. "14:05". */
export function formatTime(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
  } catch {
    return date.toISOString().slice(11, 16);
  }
}

/** The day of an instant in a zone with its weekday, e.g. "Tuesday 14 January 2026". */
export function formatDayOf(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    // Built from parts: ICU versions disagree on a comma after the weekday.
    const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).formatToParts(date);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/** A calendar date (`YYYY-MM-DD`, no zone) as words; `style: 'short'` gives "Tue 14 Jan", `long` "Tuesday 14 January". */
export function formatLocalDate(date: string, style: 'short' | 'long' = 'long'): string {
  const [y, m, d] = date.split('-').map(Number);
  const instant = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  if (Number.isNaN(instant.getTime())) return date;
  const width = style === 'short' ? 'short' : 'long';
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: width, day: 'numeric', month: width, timeZone: 'UTC' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')}`;
}

/** A zone's offset from UTC at an instant, e.g. "UTC+1", "UTC+5:30", "UTC" (offsets change with summer time). */
export function zoneOffsetLabel(timeZone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
    const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part);
    if (!match) return 'UTC';
    const hours = String(Number(match[2]));
    return `UTC${match[1]}${hours}${match[3] === '00' ? '' : `:${match[3]}`}`;
  } catch {
    return '';
  }
}

/** A zone named with its offset, e.g. "Europe/Berlin (UTC+1)". */
export function zoneWithOffset(timeZone: string, at: Date = new Date()): string {
  const offset = zoneOffsetLabel(timeZone, at);
  return offset ? `${timeZone} (${offset})` : timeZone;
}
