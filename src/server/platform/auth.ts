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

interface SessionRow {
  id: string;
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
  disabled_at: Date | null;
  roles: Role[];
}

/**
 * One instance's session state: the cache, and the lookups of sessions not in it. Lookups that arrive while one runs
 * wait and go together in the next query (`where id = any(...)`), so a burst of first requests (candidates opening
 * their exam on the hour) costs a few round trips, not one each. `drops` remembers when a user's principals were last
 * dropped, so a lookup that read a session before its sign-out committed does not put it back in the cache.
 */
class SessionState {
  readonly cache = new Map<string, CachedSession>();
  private readonly waiting = new Map<string, { resolve: (row: SessionRow | undefined) => void; reject: (e: unknown) => void }[]>();
  private running = 0;
  private epoch = 0;
  private dropsFloor = 0;
  private readonly drops = new Map<string, number>();

  constructor(private readonly db: Db) {}

  /** The epoch now: pass it to `mayCache` after the lookup. */
  now(): number {
    return this.epoch;
  }

  drop(userId: string): void {
    this.epoch++;
    if (this.drops.size >= maxCachedSessions) {
      this.drops.clear();
      this.dropsFloor = this.epoch;
    }
    this.drops.set(userId, this.epoch);
    for (const [id, entry] of this.cache) if (entry.principal.userId === userId) this.cache.delete(id);
  }

  /** Whether a principal read since `epoch` may be cached: none of the user's sessions or roles changed meanwhile. */
  mayCache(userId: string, epoch: number): boolean {
    return epoch >= this.dropsFloor && (this.drops.get(userId) ?? 0) <= epoch;
  }

  lookup(id: string): Promise<SessionRow | undefined> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(id);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(id, [{ resolve, reject }]);
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < maxConcurrentLookups && this.waiting.size > 0) {
      const batch = new Map([...this.waiting].slice(0, maxLookupBatch));
      for (const id of batch.keys()) this.waiting.delete(id);
      this.running++;
      void this.read([...batch.keys()]).then(
        (rows) => {
          for (const [id, callers] of batch) for (const c of callers) c.resolve(rows.get(id));
        },
        (error: unknown) => {
          for (const callers of batch.values()) for (const c of callers) c.reject(error);
        },
      ).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async read(ids: string[]): Promise<Map<string, SessionRow>> {
    const rows = await this.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.user_id', 'sessions.last_seen_at', 'sessions.expires_at', 'users.disabled_at'])
      // Roles in the same round trip.
      .select(sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = sessions.user_id), '{}')`.as('roles'))
      .where(sql<boolean>`sessions.id = any(${ids}::text[])`).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }
}

const maxConcurrentLookups = 2;
const maxLookupBatch = 500;
const sessionStates = new WeakMap<Db, SessionState>();

function sessionState(db: Db): SessionState {
  let state = sessionStates.get(db);
  if (!state) sessionStates.set(db, (state = new SessionState(db)));
  return state;
}

/** Drops this instance's cached principals of `userId` (the bus calls it on every instance). */
export function dropCachedPrincipals(db: Db, userId: string): void {
  sessionState(db).drop(userId);
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
  sessionState(deps.db).cache.delete(hashSecret(secret));
  if (row) forgetPrincipals(deps, row.user_id);
}

/** Resolves a session cookie to its principal, extending the session as it is used; null when unknown or expired. */
export async function principalFromSession(deps: Pick<Deps, 'db' | 'clock'>, secret: string): Promise<Principal | null> {
  const id = hashSecret(secret);
  const now = deps.clock.now();
  const state = sessionState(deps.db);
  const hit = state.cache.get(id);
  if (hit && now.getTime() - hit.cachedAt < principalCacheMs && now.getTime() - hit.lastSeenAt.getTime() <= touchEveryMs && hit.expiresAt > now) {
    return hit.principal;
  }
  state.cache.delete(id);
  const epoch = state.now();
  const row = await state.lookup(id);
  if (!row || row.expires_at <= now || row.disabled_at) return null;
  let { last_seen_at: lastSeenAt, expires_at: expiresAt } = row;
  if (now.getTime() - lastSeenAt.getTime() > touchEveryMs) {
    lastSeenAt = now;
    expiresAt = new Date(now.getTime() + sessionLifetimeMs);
    await deps.db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }
  const principal: Principal = { userId: row.user_id, roles: row.roles, via: 'session', sessionId: id };
  if (state.mayCache(row.user_id, epoch)) {
    if (state.cache.size >= maxCachedSessions) state.cache.delete(state.cache.keys().next().value!);
    state.cache.set(id, { principal, lastSeenAt, expiresAt, cachedAt: now.getTime() });
  }
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
