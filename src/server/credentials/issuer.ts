import type { IssuerProfile } from '../../core/credentials/open-badge.ts';
import type { Db } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { issuerUrl } from './urls.ts';

/** A program as an Open Badges issuer Profile (its issuer name; its site, else this instance). Null when unknown. */
export async function findIssuerProfile(db: Db, deps: Pick<Deps, 'config'>, programId: string): Promise<IssuerProfile | null> {
  const p = await db.selectFrom('programs').select(['id', 'issuer_name', 'issuer_url', 'website']).where('id', '=', programId).executeTakeFirst();
  return p ? { id: issuerUrl(deps, p.id), type: ['Profile'], name: p.issuer_name, url: p.issuer_url ?? p.website ?? deps.config.publicUrl } : null;
}
