/**
 * LinkedIn's "Add licence or certification" link, filled in: name, issuing organisation, issue and expiry month,
 * the public verification page and the credential id. Example: `linkedInAddUrl({ name: 'CDE-P01 …', … })`.
 */
export function linkedInAddUrl(c: { name: string; organizationName: string; issuedAt: Date; validUntil: Date | null; certUrl: string; certId: string }): string {
  const q = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: c.name,
    organizationName: c.organizationName,
    issueYear: String(c.issuedAt.getUTCFullYear()),
    issueMonth: String(c.issuedAt.getUTCMonth() + 1),
  });
  if (c.validUntil) {
    q.set('expirationYear', String(c.validUntil.getUTCFullYear()));
    q.set('expirationMonth', String(c.validUntil.getUTCMonth() + 1));
  }
  q.set('certUrl', c.certUrl);
  q.set('certId', c.certId);
  return `https://www.linkedin.com/profile/add?${q.toString()}`;
}
