import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.ts';

export const CredentialStatus = z.enum(['valid', 'expired', 'revoked', 'not_yet_valid', 'invalid']).meta({
  description: 'valid; expired (past validUntil); revoked (the result was invalidated); not_yet_valid; invalid (the signature or the record does not check out).',
});

/** An Open Badges 3.0 credential as published: the signed JWT and its decoded payload. */
export const PublishedCredential = z.object({
  id: Uuid,
  jwt: z.string().meta({ description: 'The credential secured as a JWT (EdDSA; header kid resolves in the JWKS).' }),
  credential: z.record(z.string(), z.unknown()).meta({ description: 'The OpenBadgeCredential (the JWT payload, decoded).' }),
}).meta({ id: 'PublishedCredential' });

export const VerificationCheck = z.object({
  check: z.enum(['signature', 'validity', 'revocation', 'result']),
  passed: z.boolean(),
  detail: z.string(),
});

/** What a verifier learns about a credential, computed afresh on every request. */
export const CredentialVerification = z.object({
  credentialId: Uuid,
  status: CredentialStatus,
  holderName: z.string(),
  achievement: z.object({ name: z.string(), description: z.string() }),
  issuer: z.object({ name: z.string(), url: z.string() }),
  issuedAt: IsoDateTime,
  validUntil: IsoDateTime.nullable().meta({ description: 'Null: never expires.' }),
  revokedAt: IsoDateTime.nullable(),
  checks: z.array(VerificationCheck),
  checkedAt: IsoDateTime,
}).meta({ id: 'CredentialVerification' });
export type CredentialVerification = z.infer<typeof CredentialVerification>;

/** One of the holder's own credentials, with what they can do with it. */
export const MyCredential = z.object({
  id: Uuid,
  examCode: z.string(),
  examTitle: z.string(),
  issuerName: z.string(),
  issuedAt: IsoDateTime,
  validUntil: IsoDateTime.nullable(),
  status: CredentialStatus,
  renewableFrom: IsoDateTime.nullable().meta({ description: 'From when a new sitting of the exam (a renewal) may start: the end of the lockout after a pass, or the renewal window before expiry if that opens first; null when nothing stops it now.' }),
  attemptId: Uuid,
  verifyUrl: z.string(),
  linkedInUrl: z.string(),
}).meta({ id: 'MyCredential' });
export type MyCredential = z.infer<typeof MyCredential>;
export const MyCredentials = z.object({ credentials: z.array(MyCredential) });

export const VerifyBody = z.strictObject({ jwt: z.string().trim().min(10).max(100_000).meta({ description: 'A credential as a compact JWT.' }) });

const Jwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') });
export const Jwks = z.object({ keys: z.array(Jwk) }).meta({ id: 'Jwks' });
export const PublicJwk = Jwk;

export const IssuerProfile = z.object({
  '@context': z.array(z.string()),
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  url: z.string(),
}).meta({ id: 'IssuerProfile' });
