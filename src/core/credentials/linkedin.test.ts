import { describe, expect, it } from 'vitest';
import { linkedInAddUrl } from './linkedin.ts';

describe('LinkedIn add-certification link', () => {
  it('fills in the certification, the issuer, the months and the verification page', () => {
    const url = new URL(linkedInAddUrl({ name: 'CDE-P01 Cloud & Data', organizationName: 'Invigil Demo Board', issuedAt: new Date('2026-12-04T10:00:00Z'), validUntil: new Date('2029-11-27T10:00:00Z'), certUrl: 'https://x.test/verify/abc', certId: 'abc' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME', name: 'CDE-P01 Cloud & Data', organizationName: 'Invigil Demo Board', issueYear: '2026', issueMonth: '12',
      expirationYear: '2029', expirationMonth: '11', certUrl: 'https://x.test/verify/abc', certId: 'abc',
    });
  });

  it('leaves the expiry out for a certification that never expires', () => {
    const url = new URL(linkedInAddUrl({ name: 'X', organizationName: 'Y', issuedAt: new Date('2026-12-04T10:00:00Z'), validUntil: null, certUrl: 'https://x.test/verify/abc', certId: 'abc' }));
    expect(url.searchParams.has('expirationYear')).toBe(false);
  });
});
