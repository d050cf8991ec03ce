import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeLegalName } from './email.ts';
import { passwordMinLength, passwordProblems } from './password-policy.ts';
import { hasAnyRole, homeArea } from './roles.ts';
import { isValidTimeZone } from './time-zone.ts';

describe('password policy', () => {
  it('accepts long passphrases without composition rules', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
  });
  it('refuses short, common, repetitive and email-derived passwords', () => {
    expect(passwordProblems('short')).toHaveLength(1);
    expect(passwordProblems('password123')).toContain('This password is too common.');
    expect(passwordProblems('aaaaaaaaaaaa')).toContain('Use more than two different characters.');
    expect(passwordProblems('mariana-2026!', { email: 'Mariana@example.org' })).toContain('Do not use your email address in the password.');
  });
  it('counts characters, not UTF-16 units, for the length rule', () => {
    expect(passwordProblems('🔒🔑🗝️🔐🚪'.slice(0, 10))).toContain(`Use at least ${passwordMinLength} characters.`);
    expect(passwordProblems('ÄÖÜäöüßẞéè')).toEqual([]);
  });
  it('never accepts a password shorter than the minimum', () => {
    fc.assert(fc.property(fc.string({ maxLength: passwordMinLength - 1, unit: 'binary' }), (p) => passwordProblems(p).length > 0));
  });
});

describe('emails and names', () => {
  it('normalizes email case and surrounding space, idempotently', () => {
    expect(normalizeEmail('  Clark.Kent@Example.ORG ')).toBe('clark.kent@example.org');
    fc.assert(fc.property(fc.emailAddress(), (e) => normalizeEmail(normalizeEmail(e)) === normalizeEmail(e)));
  });
  it('keeps a legal name as written, collapsing only whitespace', () => {
    expect(normalizeLegalName('  José   María\tO’Neil ')).toBe('José María O’Neil');
  });
});

describe('time zones', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    for (const z of ['Europe/Dublin', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'UTC', 'Etc/GMT+5']) expect(isValidTimeZone(z), z).toBe(true);
    for (const z of ['Mars/Olympus', '', 'Europe/../etc', 'UTC; drop table', 'a'.repeat(80)]) expect(isValidTimeZone(z), z).toBe(false);
  });
});

describe('roles', () => {
  it('sends each user to the most privileged area they hold', () => {
    expect(homeArea(['candidate'])).toBe('/');
    expect(homeArea(['candidate', 'proctor'])).toBe('/proctor');
    expect(homeArea(['proctor', 'admin'])).toBe('/admin');
  });
  it('treats an empty requirement as any signed-in user', () => {
    expect(hasAnyRole([], [])).toBe(true);
    expect(hasAnyRole(['candidate'], ['admin'])).toBe(false);
    expect(hasAnyRole(['candidate', 'admin'], ['admin', 'proctor'])).toBe(true);
  });
});
