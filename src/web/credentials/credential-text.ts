import type { z } from 'zod';
import type { CredentialStatus, VerificationCheck } from '../../contracts/credentials.ts';

type Status = z.infer<typeof CredentialStatus>;

/** A credential's standing in words (the page never says it by colour alone). */
export const credentialStatusLabels: Record<Status, string> = {
  valid: 'Valid',
  expired: 'Expired',
  revoked: 'Revoked',
  not_yet_valid: 'Not yet valid',
  invalid: 'Not valid',
};

/** The tag style of each standing: good, bad or neutral. */
export const credentialStatusTone: Record<Status, 'ok' | 'bad' | 'neutral'> = {
  valid: 'ok', expired: 'neutral', revoked: 'bad', not_yet_valid: 'neutral', invalid: 'bad',
};

/** What each verification check looked at. */
export const checkLabels: Record<z.infer<typeof VerificationCheck>['check'], string> = {
  signature: 'Signature by the issuer',
  validity: 'Validity dates',
  revocation: 'Revocation list',
  result: 'Exam result behind it',
};
