import { AppError } from '../../core/shared/app-error.ts';
import type { Db } from '../platform/db/database.ts';

/** The API view of API tokens (never the hash), newest first. */
export async function listApiTokenViews(db: Db, filter: { id?: string } = {}) {
  let q = db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'users.email', 'api_tokens.name', 'api_tokens.prefix', 'api_tokens.created_at', 'api_tokens.expires_at', 'api_tokens.last_used_at', 'api_tokens.revoked_at']);
  if (filter.id) q = q.where('api_tokens.id', '=', filter.id);
  const rows = await q.orderBy('api_tokens.created_at', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id, userId: r.user_id, userEmail: r.email, name: r.name, prefix: r.prefix, createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null, lastUsedAt: r.last_used_at?.toISOString() ?? null, revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

export async function getApiTokenView(db: Db, id: string) {
  const [view] = await listApiTokenViews(db, { id });
  if (!view) throw new AppError('NotFound', 'No such API token.');
  return view;
}
