import { normalizeEmail } from '../../core/accounts/email.ts';
import { AppError } from '../../core/shared/app-error.ts';
import type { User } from '../../contracts/accounts.ts';
import { createSession } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { burnPasswordCheck, verifyPassword } from '../platform/secrets.ts';
import { findUserByEmail, getUser } from './repository.ts';

/** Failed sign-ins allowed per account within the window before further tries are refused. */
export const maxLoginFailures = 10;
export const loginFailureWindowMs = 15 * 60_000;

const invalid = () => new AppError('InvalidCredentials', 'The email or password is not correct.');

/**
 * Signs a user in and returns a new session. The same answer for an unknown email and a wrong password (and
 * the same time spent), and a per-account throttle kept in the database so it holds across instances.
 */
export async function logIn(deps: Deps, input: { email: string; password: string }, meta: { userAgent?: string; ip?: string }): Promise<{ user: User; sessionSecret: string }> {
  const email = normalizeEmail(input.email);
  const since = new Date(deps.clock.now().getTime() - loginFailureWindowMs);
  const { failures } = await deps.db.selectFrom('login_failures').select((eb) => eb.fn.countAll<string>().as('failures'))
    .where('email', '=', email).where('at', '>', since).executeTakeFirstOrThrow();
  if (Number(failures) >= maxLoginFailures) {
    deps.log.warn({ event: 'account.login_throttled', ip: meta.ip }, 'account.login_throttled');
    throw new AppError('TooManyAttempts', 'Too many failed sign-ins for this account. Wait 15 minutes or reset your password.');
  }
  const user = await findUserByEmail(deps.db, email);
  const ok = user?.password_hash ? await verifyPassword(user.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !ok) {
    await deps.db.insertInto('login_failures').values({ email, ip: meta.ip ?? null, at: deps.clock.now() }).execute();
    deps.log.info({ event: 'account.login_failed', ip: meta.ip }, 'account.login_failed');
    throw invalid();
  }
  if (user.disabled_at) throw new AppError('AccountDisabled', 'This account has been disabled. Contact the exam program.');
  const sessionSecret = await createSession(deps, user.id, meta);
  await deps.db.deleteFrom('login_failures').where('email', '=', email).execute();
  deps.log.info({ event: 'account.logged_in', userId: user.id }, 'account.logged_in');
  return { user: await getUser(deps.db, user.id), sessionSecret };
}
