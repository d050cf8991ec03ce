import { z } from 'zod';
import { Uuid } from '../../contracts/common.ts';
import { CredentialVerification, IssuerProfile, Jwks, MyCredentials, PublicJwk, PublishedCredential, VerifyBody } from '../../contracts/credentials.ts';
import type { Deps } from '../platform/deps.ts';
import { route, type AnyRoute } from '../platform/http/route.ts';
import { getCertificatePdf, getCredentialFile, getIssuerProfile, getJwks, getPublicKey, getPublishedCredential, listMyCredentials } from './credentials.ts';
import { signedStatusList } from './status-list.ts';
import { verifyCredential, verifyCredentialJwt } from './verify-credential.ts';

const tags = ['credentials'];
const IdParams = z.strictObject({ id: Uuid });
const ProgramParams = z.strictObject({ programId: Uuid });
const KidParams = z.strictObject({ kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'A key id is a 43-character RFC 7638 thumbprint.') });
const ListParams = z.strictObject({ programId: Uuid, list: z.coerce.number().int().min(1).max(999_999) });
// Public documents change rarely (keys, profiles) or must show revocations soon (status lists, verification).
const publicCache = (seconds: number) => `public, max-age=${seconds}`;

/** Open Badges 3.0 credentials: public documents (issuer, keys, status lists, credentials, verification) and the holder's own. */
export function credentialRoutes(deps: Deps): AnyRoute[] {
  return [
    route({ method: 'GET', url: '/api/v1/me/credentials', summary: "The holder's credentials with their status and sharing links", tags, access: [], response: { status: 200, schema: MyCredentials },
      handler: async ({ principal }) => listMyCredentials(deps, principal) }),
    route({ method: 'GET', url: '/api/v1/credentials/jwks', summary: 'Every key that signed credentials (retired keys included), as a JWKS', tags, access: 'public', response: { status: 200, schema: Jwks },
      handler: async ({ reply }) => { reply.header('cache-control', publicCache(300)); return getJwks(deps); } }),
    route({ method: 'GET', url: '/api/v1/credentials/jwks/:kid', summary: 'One signing key, by the thumbprint a JWT header kid ends in', tags, access: 'public', params: KidParams, response: { status: 200, schema: PublicJwk },
      handler: async ({ params, reply }) => { reply.header('cache-control', publicCache(3600)); return getPublicKey(deps, params.kid); } }),
    route({ method: 'GET', url: '/api/v1/credentials/issuers/:programId', summary: "A program's Open Badges issuer Profile", tags, access: 'public', params: ProgramParams, response: { status: 200, schema: IssuerProfile },
      handler: async ({ params, reply }) => { reply.header('cache-control', publicCache(300)); return getIssuerProfile(deps, params.programId); } }),
    route({ method: 'GET', url: '/api/v1/credentials/status/:programId/:list', summary: 'A revocation list: a signed BitstringStatusListCredential (JWT)', tags, access: 'public', params: ListParams,
      response: { status: 200, binary: 'application/vc+jwt', description: 'The status list credential as a compact JWT' },
      handler: async ({ params, reply }) => {
        reply.header('cache-control', publicCache(60));
        return Buffer.from((await signedStatusList(deps, params.programId, params.list)).jwt);
      } }),
    route({ method: 'POST', url: '/api/v1/credentials/verify', summary: 'Verify a credential JWT presented to you (signature, dates, revocation, result)', tags, access: 'public', body: VerifyBody,
      response: { status: 200, schema: CredentialVerification }, handler: async ({ body }) => verifyCredentialJwt(deps, body.jwt) }),
    route({ method: 'GET', url: '/api/v1/credentials/:id', summary: 'A credential as issued: the signed JWT and the decoded OpenBadgeCredential', tags, access: 'public', params: IdParams,
      response: { status: 200, schema: PublishedCredential }, handler: async ({ params }) => getPublishedCredential(deps, params.id) }),
    route({ method: 'GET', url: '/api/v1/credentials/:id/verify', summary: 'Verify a credential now, from scratch: signature, dates, revocation, the result behind it', tags, access: 'public', params: IdParams,
      response: { status: 200, schema: CredentialVerification },
      handler: async ({ params, reply }) => { reply.header('cache-control', 'no-store'); return verifyCredential(deps, params.id); } }),
    route({ method: 'GET', url: '/api/v1/credentials/:id/certificate.pdf', summary: 'The certificate with a QR code to the verification page (the holder, or staff)', tags, access: [], params: IdParams,
      response: { status: 200, binary: 'application/pdf', description: 'A one-page PDF certificate' },
      handler: async ({ principal, params, reply }) => {
        const { pdf, filename } = await getCertificatePdf(deps, principal, params.id);
        reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'private, no-store');
        return pdf;
      } }),
    route({ method: 'GET', url: '/api/v1/credentials/:id/credential.jwt', summary: 'The signed credential as a file (the holder, or staff)', tags, access: [], params: IdParams,
      response: { status: 200, binary: 'application/vc+jwt', description: 'The credential as a compact JWT' },
      handler: async ({ principal, params, reply }) => {
        const { jwt, filename } = await getCredentialFile(deps, principal, params.id);
        reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'private, no-store');
        return Buffer.from(jwt);
      } }),
  ];
}
