import { encodeStatusList, statusBits } from '../../core/credentials/status-list.ts';
import { jwtClaims, statusListCredential } from '../../core/credentials/open-badge.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { Deps } from '../platform/deps.ts';
import { findIssuerProfile } from './issuer.ts';
import { signCompact } from './jws.ts';
import { currentSigningKey, publishedKid } from './signing-keys.ts';
import { statusListUrl } from './urls.ts';

/**
 * A program's revocation list `list` as a signed BitstringStatusListCredential, built from the credentials table as it
 * is now (a revoked credential's bit is 1). NotFound for a list that holds no credential.
 */
export async function signedStatusList(deps: Deps, programId: string, list: number): Promise<{ jwt: string; credential: ReturnType<typeof statusListCredential> }> {
  const issuer = await findIssuerProfile(deps.db, deps, programId);
  const rows = issuer ? await deps.db.selectFrom('credentials').select(['status_index', 'revoked_at']).where('program_id', '=', programId).where('status_list', '=', list).execute() : [];
  if (!issuer || rows.length === 0) throw new AppError('NotFound', 'No such status list.');
  const now = deps.clock.now();
  const encodedList = encodeStatusList(statusBits(rows.filter((r) => r.revoked_at !== null && r.revoked_at <= now).map((r) => r.status_index)));
  const credential = statusListCredential({ id: statusListUrl(deps, programId, list), issuer, validFrom: now, encodedList });
  const key = await currentSigningKey(deps);
  return { jwt: signCompact(key.privateKey, publishedKid(deps, key.kid), jwtClaims(credential)), credential };
}
