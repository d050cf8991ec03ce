import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

// Compact JWS with EdDSA (Ed25519), written on Node's crypto: the format is small and fixed, and every byte we sign is
// ours to check. Tests verify what this produces with an independent library (jose).

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** The Ed25519 public key of a key object as a bare JWK. */
export function publicJwkOf(key: KeyObject): PublicJwk {
  const jwk = createPublicKey(key).export({ format: 'jwk' }) as { kty?: string; crv?: string; x?: string };
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('Credentials are signed with Ed25519 keys only.');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
}

/** RFC 7638 thumbprint: the key's stable id, the same on every instance. */
export function jwkThumbprint(jwk: PublicJwk): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}

/** Signs `payload` as a compact JWS with EdDSA; `kid` goes into the protected header. */
export function signCompact(privateKey: KeyObject, kid: string, payload: object, typ = 'vc+jwt'): string {
  const input = `${b64(JSON.stringify({ alg: 'EdDSA', kid, typ }))}.${b64(JSON.stringify(payload))}`;
  return `${input}.${b64(sign(null, Buffer.from(input), privateKey))}`;
}

export interface DecodedJws {
  header: { alg?: unknown; kid?: unknown; typ?: unknown };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits and parses a compact JWS without checking it; null when it is not one. */
export function decodeCompact(jws: string): DecodedJws | null {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
    return { header: header as DecodedJws['header'], payload: payload as Record<string, unknown>, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return null;
  }
}

/** Whether the JWS was signed with EdDSA by the private half of `jwk`. */
export function verifyCompact(decoded: DecodedJws, jwk: PublicJwk): boolean {
  if (decoded.header.alg !== 'EdDSA') return false;
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  return verify(null, Buffer.from(decoded.signingInput), key, decoded.signature);
}
