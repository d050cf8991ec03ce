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
