import { DateTime } from 'luxon';

const day = 86_400_000;

/**
 * When a certification earned at `earnedAt` expires: `validityMonths` calendar months later in UTC, clamped to the
 * month's last day (31 January + 1 month = 28/29 February); null when the policy says it never expires (0).
 */
export function credentialValidUntil(earnedAt: Date, validityMonths: number): Date | null {
  if (validityMonths <= 0) return null;
  return DateTime.fromJSDate(earnedAt, { zone: 'utc' }).plus({ months: validityMonths }).toJSDate();
}

/** The first instant a renewal sitting may start: `windowDays` before the expiry. */
export function renewalOpensAt(validUntil: Date, windowDays: number): Date {
  return new Date(validUntil.getTime() - windowDays * day);
}

export type CredentialStatus = 'valid' | 'expired' | 'revoked' | 'not_yet_valid';

/** A credential's standing at `now`: revocation wins over expiry, which wins over validity. */
export function credentialStatus(c: { validFrom: Date; validUntil: Date | null; revokedAt: Date | null }, now: Date): CredentialStatus {
  if (c.revokedAt && c.revokedAt <= now) return 'revoked';
  if (c.validUntil && now >= c.validUntil) return 'expired';
  if (now < c.validFrom) return 'not_yet_valid';
  return 'valid';
}

/** Days before expiry on which the holder is reminded, earliest first. */
export const expiryReminderDays = [90, 30] as const;

/**
 * The reminders a credential issued at `issuedAt` gets: each of `expiryReminderDays` before its expiry that is still
 * ahead at issuance (a credential valid for two months gets only the 30-day one); none for one that never expires.
 */
export function expiryReminders(issuedAt: Date, validUntil: Date | null): { daysBefore: number; at: Date }[] {
  if (!validUntil) return [];
  return expiryReminderDays.map((d) => ({ daysBefore: d, at: new Date(validUntil.getTime() - d * day) })).filter((r) => r.at > issuedAt);
}
