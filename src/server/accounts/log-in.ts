import { normalizeEmail } from '../../core/accounts/email.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { User } from '../../contracts/accounts.ts';
import { createSession } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { sql } from 'kysely';
import { burnPasswordCheck, hashSecret, verifyPassword } from '../platform/secrets.ts';
import { findUserByEmail, getUser } from './repository.ts';

/**
 * Guessing is throttled without letting anyone lock the rightful owner out (a candidate's email is easy to learn, and
 * a lockout just before an exam would be a weapon). Within `loginFailureWindowMs`, failed sign-ins are counted:
 * - per account and source address: `maxLoginFailures`, then that address is refused for that account;
 * - per account from browsers it has never signed in from: `maxAccountFailures`, then new browsers are refused (a
 *   guess spread over many addresses);
 * - from a browser that has signed in to the account before (its device cookie): only its own failures count, so the
 *   owner gets in from their usual browser whatever others try. A password reset clears the count.
 */
export const maxLoginFailures = 10;
export const maxAccountFailures = 50;
export const loginFailureWindowMs = 15 * 60_000;
/** How many browsers an account remembers (the oldest is forgotten). */
const maxKnownDevices = 20;

const invalid = () => new AppError('InvalidCredentials', 'The email or password is not correct.');

export interface SignInMeta {
  userAgent?: string;
  ip?: string;
  /** The device cookie this browser sent, if any. */
  deviceToken?: string;
}

/** Whether a try for `email` may go ahead; refuses with TooManyAttempts saying what the person can do. */
async function checkThrottle(deps: Deps, email: string, meta: SignInMeta, deviceHash: string | null): Promise<void> {
  const since = new Date(deps.clock.now().getTime() - loginFailureWindowMs);
  const known = deviceHash !== null && await deps.db.selectFrom('known_devices').innerJoin('users', 'users.id', 'known_devices.user_id')
    .select('known_devices.user_id').where('known_devices.token_hash', '=', deviceHash).where('users.email', '=', email).executeTakeFirst() !== undefined;
  const counted = await deps.db.selectFrom('login_failures')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere((w) => known ? w('device_hash', '=', deviceHash) : w('ip', '=', meta.ip ?? '')).as('mine'),
      eb.fn.countAll<string>().filterWhere((w) => w.or([w('device_hash', 'is', null), w('device_hash', 'not in', sql<string>`(select token_hash from known_devices k join users u on u.id = k.user_id where u.email = ${email})`)])).as('strangers'),
    ])
    .where('email', '=', email).where('at', '>', since).executeTakeFirstOrThrow();
  const refuse = (message: string) => {
    deps.log.warn({ event: 'account.login_throttled', ip: meta.ip, knownDevice: known }, 'account.login_throttled');
    throw new AppError('TooManyAttempts', message);
  };
  if (Number(counted.mine) >= maxLoginFailures) {
    refuse(known ? 'Too many failed sign-ins from this browser. Wait 15 minutes or reset your password.' : 'Too many failed sign-ins for this account from your network. Wait 15 minutes or reset your password.');
  }
  if (!known && Number(counted.strangers) >= maxAccountFailures) {
    refuse('Too many failed sign-ins for this account from new browsers. Sign in from a browser you have used before, reset your password, or wait 15 minutes.');
  }
}

/** Binds this browser to the account (a new device cookie unless it sent one), keeping the newest few. */
export async function rememberDevice(deps: Deps, userId: string, deviceToken: string | undefined): Promise<string> {
  const token = deviceToken ?? deps.ids.secret('dev_');
  const now = deps.clock.now();
  await deps.db.insertInto('known_devices').values({ token_hash: hashSecret(token), user_id: userId, created_at: now, last_used_at: now })
    .onConflict((oc) => oc.columns(['token_hash', 'user_id']).doUpdateSet({ last_used_at: now })).execute();
  await deps.db.deleteFrom('known_devices').where('user_id', '=', userId)
    .where('token_hash', 'not in', (eb) => eb.selectFrom('known_devices').select('token_hash').where('user_id', '=', userId).orderBy('last_used_at', 'desc').limit(maxKnownDevices)).execute();
  return token;
}

/** A device cookie as sent: only our own shape is taken (anything else is ignored, as if none was sent). */
export const deviceTokenOf = (raw: string | undefined): string | undefined => (raw && /^dev_[A-Za-z0-9_-]{43}$/.test(raw) ? raw : undefined);

/**
 * Signs a user in and returns a new session and the device cookie to keep. The same answer for an unknown email and
 * a wrong password (and the same time spent), and throttles kept in the database so they hold across instances.
 */
export async function logIn(deps: Deps, input: { email: string; password: string }, meta: SignInMeta): Promise<{ user: User; sessionSecret: string; deviceToken: string }> {
  const email = normalizeEmail(input.email);
  const deviceHash = meta.deviceToken ? hashSecret(meta.deviceToken) : null;
  await checkThrottle(deps, email, meta, deviceHash);
  const user = await findUserByEmail(deps.db, email);
  const ok = user?.password_hash ? await verifyPassword(user.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !ok) {
    await deps.db.insertInto('login_failures').values({ email, ip: meta.ip ?? null, device_hash: deviceHash, at: deps.clock.now() }).execute();
    deps.log.info({ event: 'account.login_failed', ip: meta.ip }, 'account.login_failed');
    throw invalid();
  }
  if (user.disabled_at) throw new AppError('AccountDisabled', 'This account has been disabled. Contact the exam program.');
  const sessionSecret = await createSession(deps, user.id, meta);
  const deviceToken = await rememberDevice(deps, user.id, meta.deviceToken);
  await deps.db.deleteFrom('login_failures').where('email', '=', email).execute();
  deps.log.info({ event: 'account.logged_in', userId: user.id }, 'account.logged_in');
  return { user: await getUser(deps.db, user.id), sessionSecret, deviceToken };
}
