import { containsPattern } from '../platform/db/sql-helpers.ts';
import type { Role } from '../../core/accounts/roles.ts';
import type { User } from '../../contracts/accounts.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { Db } from '../platform/db/database.ts';
import type { UsersTable } from '../platform/db/schema.ts';
import type { Selectable } from 'kysely';

export type UserRow = Selectable<UsersTable>;

/** The user with this (normalized) email, or undefined. */
export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** The user with this id; throws NotFound. */
export async function getUserRow(db: Db, id: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NotFound', 'No such user.');
  return row;
}

export async function listRoles(db: Db, userIds: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role]);
  return map;
}

/** The API view of users (roles included; never the password hash). */
export async function presentUsers(db: Db, rows: UserRow[]): Promise<User[]> {
  const roles = await listRoles(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    legalName: r.legal_name,
    timeZone: r.time_zone,
    language: r.language as User['language'],
    roles: roles.get(r.id) ?? [],
    emailVerified: r.email_verified_at !== null,
    createdAt: r.created_at.toISOString(),
  }));
}

/** The API view of one user by id; throws NotFound. */
export async function getUser(db: Db, id: string): Promise<User> {
  const [user] = await presentUsers(db, [await getUserRow(db, id)]);
  return user!;
}

export interface NewUser {
  id: string;
  email: string;
  legalName: string;
  passwordHash: string | null;
  timeZone: string;
  language: string;
  emailVerifiedAt: Date | null;
  roles: Role[];
  grantedBy: string | null;
  now: Date;
}

/** Inserts a user with roles; a taken email becomes EmailTaken (the unique index decides, not a prior read). */
export async function insertUser(trx: Db, u: NewUser): Promise<void> {
  try {
    await trx.insertInto('users').values({
      id: u.id, email: u.email, legal_name: u.legalName, password_hash: u.passwordHash, time_zone: u.timeZone,
      language: u.language, email_verified_at: u.emailVerifiedAt, created_at: u.now, updated_at: u.now,
    }).execute();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('EmailTaken', 'An account with this email address already exists. Log in or reset your password.');
    throw err;
  }
  if (u.roles.length) {
    await trx.insertInto('user_roles').values(u.roles.map((role) => ({ user_id: u.id, role, granted_at: u.now, granted_by: u.grantedBy }))).execute();
  }
}

/** Lists users, newest first, filtered by role and by a case-insensitive match on name or email. */
export async function listUserRows(db: Db, filter: { role?: Role; q?: string; limit: number }): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll('users');
  if (filter.role) q = q.where((eb) => eb.exists(eb.selectFrom('user_roles').select('user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', '=', filter.role!)));
  if (filter.q) {
    const like = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('users.email', 'ilike', like), eb('users.legal_name', 'ilike', like)]));
  }
  return q.orderBy('users.created_at', 'desc').orderBy('users.id').limit(filter.limit).execute();
}
