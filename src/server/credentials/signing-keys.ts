import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { appendAudit } from '../platform/audit.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { jwkThumbprint, publicJwkOf, type PublicJwk } from './jws.ts';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** Where every instance publishes its signing keys; a key's JWK `kid` is this plus `/<thumbprint>`, which resolves. */
export const jwksUrl = (deps: Pick<Deps, 'config'>) => `${deps.config.publicUrl}/api/v1/credentials/jwks`;
/** The `kid` of a key as it appears in JWT headers and in the JWKS. */
export const publishedKid = (deps: Pick<Deps, 'config'>, kid: string) => `${jwksUrl(deps)}/${kid}`;

// Parsed private keys by kid: a key never changes once made, so each process reads it once.
const parsed = new Map<string, KeyObject>();

async function fileKey(deps: Pick<Deps, 'db' | 'clock'>, file: string, reader: Db): Promise<SigningKey> {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(await readFile(file, 'utf8'));
  } catch (err) {
    throw new AppError('Internal', `The signing key file ${file} could not be read as a PEM private key: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new AppError('Internal', `The signing key file ${file} must hold an Ed25519 key.`);
  const jwk = publicJwkOf(privateKey);
  const kid = jwkThumbprint(jwk);
  // Published like any other key (committed on its own, before it signs), so credentials it signed keep verifying
  // after the file is replaced.
  if (await reader.selectFrom('signing_keys').select('kid').where('kid', '=', kid).executeTakeFirst()) return { kid, privateKey };
  await deps.db.insertInto('signing_keys').values({ kid, public_jwk: JSON.stringify(jwk), private_pkcs8: null, source: 'file', created_at: deps.clock.now() })
    .onConflict((oc) => oc.column('kid').doNothing()).execute();
  return { kid, privateKey };
}

/**
 * The key that signs now: the configured PEM file's, else the current database key, made on first use. It is read
 * through `reader` (the caller's transaction, so signing needs no second connection), but made in a transaction of its
 * own, never the caller's, so a key that signed something is always committed and published.
 */
export async function currentSigningKey(deps: Pick<Deps, 'db' | 'clock' | 'config'>, reader: Db = deps.db): Promise<SigningKey> {
  if (deps.config.signingKeyFile) return fileKey(deps, deps.config.signingKeyFile, reader);
  const row = (await currentRow(reader)) ?? await deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('invigil.signing_keys'))`.execute(trx);
    return (await currentRow(trx)) ?? insertKey(trx, deps.clock.now());
  });
  return { kid: row.kid, privateKey: privateKeyOf(row.kid, row.private_pkcs8!) };
}

const currentRow = (db: Db) => db.selectFrom('signing_keys').select(['kid', 'private_pkcs8']).where('source', '=', 'database').where('retired_at', 'is', null).executeTakeFirst();

async function insertKey(trx: Db, now: Date) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicJwkOf(privateKey);
  const row = { kid: jwkThumbprint(jwk), public_jwk: JSON.stringify(jwk), private_pkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }), source: 'database' as const, created_at: now };
  await trx.insertInto('signing_keys').values(row).execute();
  return row;
}

function privateKeyOf(kid: string, pkcs8: Buffer): KeyObject {
  let key = parsed.get(kid);
  if (!key) {
    key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    parsed.set(kid, key);
  }
  return key;
}

/**
 * Makes a new database key current and retires the one before (it stops signing but stays published, so everything
 * it signed still verifies); audited. Refused while a key file is configured: replace the file instead.
 */
export async function rotateSigningKey(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<{ kid: string; retired: string | null }> {
  if (deps.config.signingKeyFile) throw new AppError('Conflict', `Credentials are signed with the key in ${deps.config.signingKeyFile} (INVIGIL_SIGNING_KEY_FILE); to rotate, put a new key in that file.`);
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('invigil.signing_keys'))`.execute(trx);
    const now = deps.clock.now();
    const old = await trx.updateTable('signing_keys').set({ retired_at: now }).where('source', '=', 'database').where('retired_at', 'is', null).returning('kid').executeTakeFirst();
    const made = await insertKey(trx, now);
    await appendAudit(trx, deps.clock, { actorId: null, action: 'credentials.key_rotated', subjectType: 'signing_key', subjectId: made.kid, data: { retired: old?.kid ?? null } });
    return { kid: made.kid, retired: old?.kid ?? null };
  });
}

/** Every public key ever used to sign, current first (retired keys stay: what they signed must keep verifying). */
export async function publishedKeys(db: Db): Promise<{ kid: string; jwk: PublicJwk; createdAt: Date; retiredAt: Date | null }[]> {
  const rows = await db.selectFrom('signing_keys').select(['kid', 'public_jwk', 'created_at', 'retired_at']).orderBy(sql`retired_at is null`, 'desc').orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ kid: r.kid, jwk: r.public_jwk as PublicJwk, createdAt: r.created_at, retiredAt: r.retired_at }));
}

/** The public key with this thumbprint, or null. */
export async function findPublicKey(db: Db, kid: string): Promise<PublicJwk | null> {
  const row = await db.selectFrom('signing_keys').select('public_jwk').where('kid', '=', kid).executeTakeFirst();
  return row ? (row.public_jwk as PublicJwk) : null;
}
