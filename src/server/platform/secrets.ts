import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

/** Identifier and secret generation, passed to use cases as `deps.ids`. */
export interface Ids {
  uuid(): string;
  /** A URL-safe secret with 256 bits of entropy, optionally prefixed (`ivg_…` for API tokens). */
  secret(prefix?: string): string;
}

export const cryptoIds: Ids = {
  uuid: () => randomUUID(),
  secret: (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`,
};

/** The form in which secrets are stored: sha256 hex. The secret itself never reaches the database. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
const argonOptions = { algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id (PHC string with its parameters and salt). */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, argonOptions);
}

/** Checks a password against a stored hash; false for malformed hashes. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so a login for an unknown email is not distinguishable by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('invigil-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
