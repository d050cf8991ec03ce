import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credentialStatus, credentialValidUntil, expiryReminders, renewalOpensAt } from './expiry.ts';

const day = 86_400_000;
const anyInstant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true });

describe('credential expiry', () => {
  it('expires whole calendar months after the exam, clamped to the end of a shorter month', () => {
    expect(credentialValidUntil(new Date('2026-11-27T10:45:00Z'), 36)).toEqual(new Date('2029-11-27T10:45:00Z'));
    expect(credentialValidUntil(new Date('2027-01-31T08:00:00Z'), 1)).toEqual(new Date('2027-02-28T08:00:00Z'));
    expect(credentialValidUntil(new Date('2028-02-29T08:00:00Z'), 12)).toEqual(new Date('2029-02-28T08:00:00Z'));
    expect(credentialValidUntil(new Date('2026-11-27T10:45:00Z'), 0)).toBeNull();
  });

  it('always lands later, in the right month, never more than a month-end away from the same day (property)', () => {
    fc.assert(fc.property(anyInstant, fc.integer({ min: 1, max: 240 }), (earned, months) => {
      const until = credentialValidUntil(earned, months)!;
      const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
      return until > earned && monthIndex(until) - monthIndex(earned) === months && until.getUTCDate() <= earned.getUTCDate()
        && until.getUTCHours() === earned.getUTCHours() && until.getUTCMinutes() === earned.getUTCMinutes();
    }));
  });

  it('opens renewal the window’s days before expiry', () => {
    expect(renewalOpensAt(new Date('2029-11-27T10:45:00Z'), 180)).toEqual(new Date('2029-05-31T10:45:00Z'));
  });

  it('reads revoked over expired over valid, and not yet valid before validFrom', () => {
    const c = { validFrom: new Date('2026-12-01T00:00:00Z'), validUntil: new Date('2029-12-01T00:00:00Z'), revokedAt: null };
    expect(credentialStatus(c, new Date('2027-01-01T00:00:00Z'))).toBe('valid');
    expect(credentialStatus(c, new Date('2026-11-30T00:00:00Z'))).toBe('not_yet_valid');
    expect(credentialStatus(c, new Date('2029-12-01T00:00:00Z'))).toBe('expired');
    expect(credentialStatus({ ...c, revokedAt: new Date('2027-02-01T00:00:00Z') }, new Date('2030-01-01T00:00:00Z'))).toBe('revoked');
    expect(credentialStatus({ ...c, validUntil: null }, new Date('2090-01-01T00:00:00Z'))).toBe('valid');
  });

  it('schedules the 90- and 30-day reminders that are still ahead at issuance, none without expiry (property)', () => {
    expect(expiryReminders(new Date('2026-12-01T00:00:00Z'), null)).toEqual([]);
    expect(expiryReminders(new Date('2026-12-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z')).map((r) => r.daysBefore)).toEqual([30]);
    fc.assert(fc.property(anyInstant, fc.integer({ min: 1, max: 2000 }), (issued, validDays) => {
      const until = new Date(issued.getTime() + validDays * day);
      const reminders = expiryReminders(issued, until);
      return reminders.every((r) => r.at > issued && until.getTime() - r.at.getTime() === r.daysBefore * day)
        && reminders.length === [90, 30].filter((d) => validDays > d).length;
    }));
  });
});
