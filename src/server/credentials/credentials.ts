import { storedPolicy } from '../catalog/stored-policy.ts';
import type { z } from 'zod';
import { passLockout } from '../../core/booking/rules.ts';
import { credentialStatus } from '../../core/credentials/expiry.ts';
import { credentialContexts } from '../../core/credentials/open-badge.ts';
import { linkedInAddUrl } from '../../core/credentials/linkedin.ts';
import { ExamPolicy } from '../../core/catalog/policy.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { IssuerProfile, Jwks, MyCredential, PublishedCredential } from '../../contracts/credentials.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { certificatePdf } from './certificate-pdf.ts';
import { findIssuerProfile } from './issuer.ts';
import { decodeCompact, type PublicJwk } from './jws.ts';
import { publishedKeys, publishedKid } from './signing-keys.ts';
import { verifyCredential } from './verify-credential.ts';
import { verifyPageUrl } from './urls.ts';

const notFound = () => new AppError('NotFound', 'No credential with this id was issued here.');

/** Anyone: a credential as issued (the JWT and its decoded payload). */
export async function getPublishedCredential(deps: Deps, id: string): Promise<z.infer<typeof PublishedCredential>> {
  const row = await deps.db.selectFrom('credentials').select(['id', 'jwt']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return { id: row.id, jwt: row.jwt, credential: decodeCompact(row.jwt)?.payload ?? {} };
}

/** Anyone: a program's issuer Profile. */
export async function getIssuerProfile(deps: Deps, programId: string): Promise<z.infer<typeof IssuerProfile>> {
  const profile = await findIssuerProfile(deps.db, deps, programId);
  if (!profile) throw new AppError('NotFound', 'No such issuer.');
  return { '@context': [...credentialContexts], ...profile };
}

const published = (deps: Deps, kid: string, jwk: PublicJwk) => ({ ...jwk, kid: publishedKid(deps, kid), alg: 'EdDSA' as const, use: 'sig' as const });

/** Anyone: every key that ever signed a credential, current first, as a JWKS. */
export async function getJwks(deps: Deps): Promise<z.infer<typeof Jwks>> {
  return { keys: (await publishedKeys(deps.db)).map((k) => published(deps, k.kid, k.jwk)) };
}

/** Anyone: one published key by its thumbprint (what a JWT header's kid points at). */
export async function getPublicKey(deps: Deps, kid: string) {
  const key = (await publishedKeys(deps.db)).find((k) => k.kid === kid);
  if (!key) throw new AppError('NotFound', 'No such key.');
  return published(deps, key.kid, key.jwk);
}

/** The holder (their own) or an admin; NotFound for anyone else, so ids cannot be probed. */
async function ownCredential(deps: Deps, principal: Principal | null, id: string) {
  const actor = requireRole(principal, []);
  const row = await deps.db.selectFrom('credentials').innerJoin('exams', 'exams.id', 'credentials.exam_id').innerJoin('programs', 'programs.id', 'credentials.program_id')
    .innerJoin('users', 'users.id', 'credentials.candidate_id')
    .select(['credentials.id', 'credentials.candidate_id', 'credentials.attempt_id', 'credentials.issued_at', 'credentials.valid_until', 'credentials.revoked_at', 'exams.code', 'exams.title',
      'programs.issuer_name', 'users.legal_name'])
    .where('credentials.id', '=', id).executeTakeFirst();
  if (!row || (row.candidate_id !== actor.userId && !actor.roles.includes('admin'))) throw notFound();
  return row;
}

/** The holder: their credentials, newest first, each with its standing, renewal and sharing links. */
export async function listMyCredentials(deps: Deps, principal: Principal | null): Promise<{ credentials: MyCredential[] }> {
  const actor = requireRole(principal, []);
  const rows = await deps.db.selectFrom('credentials').innerJoin('exams', 'exams.id', 'credentials.exam_id').innerJoin('programs', 'programs.id', 'credentials.program_id')
    .innerJoin('results', 'results.attempt_id', 'credentials.attempt_id')
    .select((eb) => ['credentials.id', 'credentials.attempt_id', 'results.taken_at', 'credentials.issued_at', 'credentials.valid_until', 'credentials.revoked_at', 'exams.code', 'exams.title', 'programs.issuer_name',
      eb.selectFrom('exam_policies').select('policy').whereRef('exam_policies.exam_id', '=', 'exams.id').orderBy('version', 'desc').limit(1).as('policy')])
    .where('credentials.candidate_id', '=', actor.userId).orderBy('credentials.issued_at', 'desc').limit(200).execute();
  const now = deps.clock.now();
  return {
    credentials: rows.map((r) => {
      const policy = storedPolicy(r.policy ?? {});
      const name = `${r.code} ${r.title}`;
      return {
        id: r.id, attemptId: r.attempt_id, examCode: r.code, examTitle: r.title, issuerName: r.issuer_name, issuedAt: r.issued_at.toISOString(), validUntil: r.valid_until?.toISOString() ?? null,
        status: credentialStatus({ validFrom: r.issued_at, validUntil: r.valid_until, revokedAt: r.revoked_at }, now),
        renewableFrom: renewableFrom(r.taken_at, r.valid_until, policy, now),
        verifyUrl: verifyPageUrl(deps, r.id),
        linkedInUrl: linkedInAddUrl({ name, organizationName: r.issuer_name, issuedAt: r.issued_at, validUntil: r.valid_until, certUrl: verifyPageUrl(deps, r.id), certId: r.id }),
      };
    }),
  };
}

/** When the holder may next start a sitting of the exam (the booking rule after a pass); null: no wait now. */
function renewableFrom(takenAt: Date, validUntil: Date | null, policy: ExamPolicy, now: Date): string | null {
  const lock = passLockout({ outcome: 'pass', at: takenAt, credentialValidUntil: validUntil }, policy);
  return lock && lock.until > now ? lock.until.toISOString() : null;
}

/** The holder or an admin: the certificate as a one-page PDF with a QR code to the verification page. */
export async function getCertificatePdf(deps: Deps, principal: Principal | null, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const row = await ownCredential(deps, principal, id);
  const report = await verifyCredential(deps, id);
  const pdf = await certificatePdf({
    holderName: report.holderName, achievement: `${row.code} ${row.title}`, issuerName: row.issuer_name, issuedAt: row.issued_at, validUntil: row.valid_until,
    credentialId: row.id, verifyUrl: verifyPageUrl(deps, row.id), status: report.status,
  });
  return { pdf: Buffer.from(pdf), filename: `certificate-${row.code}-${row.issued_at.toISOString().slice(0, 10)}.pdf` };
}

/** The holder or an admin: the signed credential as a file (.jwt), to import into a wallet or backpack. */
export async function getCredentialFile(deps: Deps, principal: Principal | null, id: string): Promise<{ jwt: string; filename: string }> {
  const row = await ownCredential(deps, principal, id);
  const { jwt } = await getPublishedCredential(deps, id);
  return { jwt, filename: `credential-${row.code}-${row.issued_at.toISOString().slice(0, 10)}.jwt` };
}
