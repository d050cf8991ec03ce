import { normalizeEmail, normalizeLegalName } from '../../core/accounts/email.ts';
import { assertAcceptablePassword } from './password-check.ts';
import type { User } from '../../contracts/accounts.ts';
import { appendAudit } from '../platform/audit.ts';
import { createSession } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { hashPassword } from '../platform/secrets.ts';
import { verificationEmail } from './emails.ts';
import { issueToken } from './one-time-tokens.ts';
import { getUser, insertUser } from './repository.ts';

export interface SignUpInput {
  legalName: string;
  email: string;
  password: string;
  timeZone: string;
  language: string;
}

/** Creates a candidate account, signs it in and emails a verification link; all or nothing. */
export async function signUp(deps: Deps, input: SignUpInput, meta: { userAgent?: string; ip?: string }): Promise<{ user: User; sessionSecret: string }> {
  const email = normalizeEmail(input.email);
  const legalName = normalizeLegalName(input.legalName);
  assertAcceptablePassword(input.password, { email, legalName });
  const passwordHash = await hashPassword(input.password);
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  const sessionSecret = await deps.db.transaction().execute(async (trx) => {
    await insertUser(trx, { id, email, legalName, passwordHash, timeZone: input.timeZone, language: input.language, emailVerifiedAt: null, roles: ['candidate'], grantedBy: null, now });
    const token = await issueToken(trx, deps, id, email, 'verify_email');
    await enqueueEmail(trx, deps, verificationEmail(email, legalName, `${deps.config.publicUrl}/verify-email?token=${token}`));
    await appendAudit(trx, deps.clock, { actorId: id, action: 'account.signed_up', subjectType: 'user', subjectId: id, data: { email } });
    return createSession(deps, id, meta, trx);
  });
  deps.mailPoke();
  deps.log.info({ event: 'account.signed_up', userId: id }, 'account.signed_up');
  return { user: await getUser(deps.db, id), sessionSecret };
}
