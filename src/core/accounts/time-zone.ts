/** True when `zone` is an IANA time zone this runtime knows (e.g. `Europe/Berlin`). */
export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$|^UTC$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The interface languages we ship; a user's language must be one of these. */
export const supportedLanguages = ['en', 'de', 'fr', 'es', 'ja', 'pt-BR'] as const;
export type Language = (typeof supportedLanguages)[number];
