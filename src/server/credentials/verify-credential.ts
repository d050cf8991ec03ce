import { decodeStatusList, statusBit } from '../../core/credentials/status-list.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { CredentialVerification } from '../../contracts/credentials.ts';
import type { Deps } from '../platform/deps.ts';
import { decodeCompact, verifyCompact, type DecodedJws } from './jws.ts';
import { findPublicKey, jwksUrl } from './signing-keys.ts';
import { signedStatusList } from './status-list.ts';
import { credentialIdOf, statusListOf } from './urls.ts';

type Check = CredentialVerification['checks'][number];
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Whether the JWS was signed by one of our published keys, found by its header `kid`. */
async function signatureCheck(deps: Deps, jws: DecodedJws): Promise<Check> {
  const kid = typeof jws.header.kid === 'string' && jws.header.kid.startsWith(`${jwksUrl(deps)}/`) ? jws.header.kid.slice(jwksUrl(deps).length + 1) : null;
  const jwk = kid ? await findPublicKey(deps.db, kid) : null;
  if (!jwk) return { check: 'signature', passed: false, detail: 'The key named in the credential is not one of the issuer’s published keys.' };
  return verifyCompact(jws, jwk)
    ? { check: 'signature', passed: true, detail: `Signed by the issuer (EdDSA key ${kid}); the content is unchanged since it was signed.` }
    : { check: 'signature', passed: false, detail: 'The signature does not match the content: the credential was changed after it was signed, or not signed by the issuer.' };
}

/** The revocation bit of the credential, read from a freshly built and signature-checked status list. */
async function revocationCheck(deps: Deps, status: unknown): Promise<Check & { revoked: boolean }> {
  const entry = status as { type?: unknown; statusPurpose?: unknown; statusListIndex?: unknown; statusListCredential?: unknown } | null;
  const list = statusListOf(deps, entry?.statusListCredential);
  const index = typeof entry?.statusListIndex === 'string' && /^\d{1,7}$/.test(entry.statusListIndex) ? Number(entry.statusListIndex) : null;
  if (!entry || entry.type !== 'BitstringStatusListEntry' || entry.statusPurpose !== 'revocation' || !list || index === null) {
    return { check: 'revocation', passed: false, revoked: false, detail: 'The credential names no revocation list of this issuer.' };
  }
  const { jwt } = await signedStatusList(deps, list.programId, list.list);
  const decoded = decodeCompact(jwt)!;
  const signed = await signatureCheck(deps, decoded);
  const subject = decoded.payload.credentialSubject as { encodedList?: unknown } | undefined;
  if (!signed.passed || typeof subject?.encodedList !== 'string') return { check: 'revocation', passed: false, revoked: false, detail: 'The revocation list could not be checked.' };
  const revoked = statusBit(decodeStatusList(subject.encodedList), index);
  return revoked
    ? { check: 'revocation', passed: false, revoked: true, detail: 'The issuer has revoked this credential (its bit is set in the signed revocation list).' }
    : { check: 'revocation', passed: true, revoked: false, detail: 'Not revoked: its bit in the issuer’s signed revocation list is clear.' };
}

/**
 * Verifies a credential JWT from scratch: the signature against our published key, its validity dates against the
 * clock, its bit in the signed revocation list, and that the exam result behind it is still released. Throws NotFound
 * when it names no credential of ours, ValidationFailed when it is not a JWT.
 */
export async function verifyCredentialJwt(deps: Deps, jwt: string, expectedId?: string): Promise<CredentialVerification> {
  const jws = decodeCompact(jwt);
  if (!jws) throw new AppError('ValidationFailed', 'This is not a credential in JWT form.');
  const id = expectedId ?? credentialIdOf(deps, jws.payload.jti);
  if (!id) throw new AppError('NotFound', 'This credential was not issued here.');
  const row = await deps.db.selectFrom('credentials').innerJoin('results', 'results.attempt_id', 'credentials.attempt_id').innerJoin('users', 'users.id', 'credentials.candidate_id')
    .innerJoin('exams', 'exams.id', 'credentials.exam_id').innerJoin('programs', 'programs.id', 'credentials.program_id')
    .select(['credentials.id', 'credentials.issued_at', 'credentials.valid_until', 'credentials.revoked_at', 'results.state', 'users.legal_name', 'exams.code', 'exams.title', 'exams.description',
      'programs.issuer_name', 'programs.issuer_url', 'programs.website'])
    .where('credentials.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No credential with this id was issued here.');
  const now = deps.clock.now();

  const signature = await signatureCheck(deps, jws);
  const ours = credentialIdOf(deps, jws.payload.jti) === id;
  const nbf = typeof jws.payload.nbf === 'number' ? new Date(jws.payload.nbf * 1000) : null;
  const exp = typeof jws.payload.exp === 'number' ? new Date(jws.payload.exp * 1000) : null;
  const expired = exp !== null && now >= exp;
  const early = nbf === null || now < nbf;
  const validity: Check = expired
    ? { check: 'validity', passed: false, detail: `Expired on ${day(exp)}.` }
    : early
      ? { check: 'validity', passed: false, detail: nbf ? `Not valid before ${day(nbf)}.` : 'The credential has no start of validity.' }
      : { check: 'validity', passed: true, detail: `Valid from ${day(nbf)}${exp ? ` until ${day(exp)}` : ', with no expiry'}.` };
  const { revoked, ...revocation } = await revocationCheck(deps, jws.payload.credentialStatus);
  const result: Check = row.state === 'released'
    ? { check: 'result', passed: true, detail: 'The exam result it certifies is released and stands.' }
    : { check: 'result', passed: false, detail: 'The exam result it certifies no longer stands.' };
  const checks = [ours ? signature : { ...signature, passed: false, detail: 'The credential presented is not the one with this id.' }, validity, revocation, result];

  const status = !checks[0]!.passed ? 'invalid' : revoked ? 'revoked' : expired ? 'expired' : early ? 'not_yet_valid' : !revocation.passed || !result.passed ? 'invalid' : 'valid';
  const subject = jws.payload.credentialSubject as { identifier?: { identityType?: unknown; identityHash?: unknown }[] } | undefined;
  const signedName = signature.passed ? subject?.identifier?.find((i) => i.identityType === 'name')?.identityHash : undefined;
  return {
    credentialId: row.id,
    status,
    holderName: typeof signedName === 'string' ? signedName : row.legal_name,
    achievement: { name: `${row.code} ${row.title}`, description: row.description },
    issuer: { name: row.issuer_name, url: row.issuer_url ?? row.website ?? deps.config.publicUrl },
    issuedAt: row.issued_at.toISOString(),
    validUntil: row.valid_until?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    checks,
    checkedAt: now.toISOString(),
  };
}

/** Verifies the stored credential with this id (as its holder would present it). NotFound when there is none. */
export async function verifyCredential(deps: Deps, id: string): Promise<CredentialVerification> {
  const row = await deps.db.selectFrom('credentials').select('jwt').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No credential with this id was issued here.');
  return verifyCredentialJwt(deps, row.jwt, id);
}
