import { sql } from 'kysely';
import { AppError } from '../../core/shared/app-error.ts';
import { hasAnyRole, type Role } from '../../core/accounts/roles.ts';
import type { Db } from './db/database.ts';
import type { Deps } from './deps.ts';
import { hashSecret } from './secrets.ts';

/** Who is calling: a signed-in browser session or an API token, with the user's current roles. */
export interface Principal {
  userId: string;
  roles: Role[];
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}

export const sessionCookieName = 'invigil_session';
export const sessionLifetimeMs = 14 * 24 * 3600_000;
/** A session is extended (sliding expiry) at most this often, to keep reads cheap. */
const touchEveryMs = 5 * 60_000;

/** Throws Forbidden unless the principal holds one of `needed`; the check every use case starts with. */
export function requireRole(principal: Principal | null, needed: readonly Role[]): Principal {
  if (!principal) throw new AppError('NotAuthenticated', 'Sign in to continue.');
  if (!hasAnyRole(principal.roles, needed)) throw new AppError('Forbidden', 'You do not have access to this.');
  return principal;
}

async function rolesOf(db: Db, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

/** Creates a session row and returns the cookie value (the row stores only its hash). */
export async function createSession(deps: Pick<Deps, 'db' | 'clock' | 'ids'>, userId: string, meta: { userAgent?: string; ip?: string }, trx: Db = deps.db): Promise<string> {
  const secret = deps.ids.secret();
  const now = deps.clock.now();
  await trx.insertInto('sessions').values({
    id: hashSecret(secret), user_id: userId, created_at: now, last_seen_at: now,
    expires_at: new Date(now.getTime() + sessionLifetimeMs), user_agent: meta.userAgent?.slice(0, 300) ?? null, ip: meta.ip ?? null,
  }).execute();
  return secret;
}

/**
 * Principals of recently used sessions, so that a request does not read the session, the user and the roles again
 * (an exam tab saves every few seconds). An entry lives `principalCacheMs` at most, so a change made elsewhere (a
 * session deleted in SQL, another instance without a shared bus) shows within that time; the changes Invigil makes
 * (sign-out, password change or reset ending sessions, roles granted) drop the user's entries at once on every
 * instance, through the bus. One cache per database handle: one per app instance.
 */
export const principalCacheMs = 10_000;
const maxCachedSessions = 50_000;
export const authChannel = 'auth.sessions';

interface CachedSession {
  principal: Principal;
  lastSeenAt: Date;
  expiresAt: Date;
  cachedAt: number;
}

const sessionCaches = new WeakMap<Db, Map<string, CachedSession>>();

function sessionCache(db: Db): Map<string, CachedSession> {
  let cache = sessionCaches.get(db);
  if (!cache) sessionCaches.set(db, (cache = new Map()));
  return cache;
}

/** Drops this instance's cached principals of `userId` (the bus calls it on every instance). */
export function dropCachedPrincipals(db: Db, userId: string): void {
  const cache = sessionCache(db);
  for (const [id, entry] of cache) if (entry.principal.userId === userId) cache.delete(id);
}

/**
 * Call after committing a change to a user's sessions or roles: every instance forgets the user's cached
 * principals, so the next request reads them afresh.
 */
export function forgetPrincipals(deps: Pick<Deps, 'db' | 'bus'>, userId: string): void {
  dropCachedPrincipals(deps.db, userId);
  deps.bus.publish(authChannel, { userId });
}

/** Ends the session with this cookie value, if any. */
export async function destroySession(deps: Pick<Deps, 'db' | 'bus'>, secret: string): Promise<void> {
  const row = await deps.db.deleteFrom('sessions').where('id', '=', hashSecret(secret)).returning('user_id').executeTakeFirst();
  sessionCache(deps.db).delete(hashSecret(secret));
  if (row) forgetPrincipals(deps, row.user_id);
}

/** Resolves a session cookie to its principal, extending the session as it is used; null when unknown or expired. */
export async function principalFromSession(deps: Pick<Deps, 'db' | 'clock'>, secret: string): Promise<Principal | null> {
  const id = hashSecret(secret);
  const now = deps.clock.now();
  const cache = sessionCache(deps.db);
  const hit = cache.get(id);
  if (hit && now.getTime() - hit.cachedAt < principalCacheMs && now.getTime() - hit.lastSeenAt.getTime() <= touchEveryMs && hit.expiresAt > now) {
    return hit.principal;
  }
  cache.delete(id);
  const row = await deps.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.last_seen_at', 'sessions.expires_at', 'users.disabled_at'])
    // Roles in the same round trip.
    .select(sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = sessions.user_id), '{}')`.as('roles'))
    .where('sessions.id', '=', id).executeTakeFirst();
  if (!row || row.expires_at <= now || row.disabled_at) return null;
  let { last_seen_at: lastSeenAt, expires_at: expiresAt } = row;
  if (now.getTime() - lastSeenAt.getTime() > touchEveryMs) {
    lastSeenAt = now;
    expiresAt = new Date(now.getTime() + sessionLifetimeMs);
    await deps.db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }
  const principal: Principal = { userId: row.user_id, roles: row.roles, via: 'session', sessionId: id };
  if (cache.size >= maxCachedSessions) cache.delete(cache.keys().next().value!);
  cache.set(id, { principal, lastSeenAt, expiresAt, cachedAt: now.getTime() });
  return principal;
}

/** Resolves a bearer API token to its principal; null when unknown, revoked or expired. */
export async function principalFromApiToken(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<Principal | null> {
  const now = deps.clock.now();
  const row = await deps.db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.disabled_at'])
    .where('api_tokens.token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at || (row.expires_at && row.expires_at <= now)) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await deps.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { userId: row.user_id, roles: await rolesOf(deps.db, row.user_id), via: 'token', tokenId: row.id };
}

/** Removes expired sessions and spent one-time tokens; run periodically. */
export async function purgeExpiredCredentials(deps: Pick<Deps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now();
  await deps.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await deps.db.deleteFrom('user_tokens').where('expires_at', '<', sql<Date>`${now}::timestamptz - interval '30 days'`).execute();
  await deps.db.deleteFrom('login_failures').where('at', '<', sql<Date>`${now}::timestamptz - interval '1 day'`).execute();
}
