import { normalizeEmail, normalizeLegalName } from '../../core/accounts/email.ts';
import type { Role } from '../../core/accounts/roles.ts';
import { assertAcceptablePassword } from './password-check.ts';
import type { User } from '../../contracts/accounts.ts';
import { appendAudit } from '../platform/audit.ts';
import { requireRole, type Principal } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { enqueueEmail } from '../platform/mail.ts';
import { hashPassword } from '../platform/secrets.ts';
import { staffInvitationEmail } from './emails.ts';
import { issueToken } from './one-time-tokens.ts';
import { getUser, insertUser } from './repository.ts';

export interface CreateAccountInput {
  email: string;
  legalName: string;
  roles: Role[];
  /** Set now (the address counts as vouched for by the admin); without it an invitation link is emailed. */
  password?: string;
  timeZone?: string;
  language?: string;
}

/**
 * Creates an account on an admin's behalf (`principal`), or on the operator's from the CLI (`'system'`).
 * Audited with who created it and with which roles.
 */
export async function createAccount(deps: Deps, principal: Principal | null | 'system', input: CreateAccountInput): Promise<{ user: User; invited: boolean }> {
  const actorId = principal === 'system' ? null : requireRole(principal, ['admin']).userId;
  const email = normalizeEmail(input.email);
  const legalName = normalizeLegalName(input.legalName);
  if (input.password !== undefined) {
    assertAcceptablePassword(input.password, { email, legalName });
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  const roles = [...new Set(input.roles)];
  await deps.db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id, email, legalName, passwordHash, timeZone: input.timeZone ?? 'UTC', language: input.language ?? 'en',
      emailVerifiedAt: passwordHash ? now : null, roles, grantedBy: actorId, now,
    });
    if (!passwordHash) {
      const token = await issueToken(trx, deps, id, email, 'invite');
      await enqueueEmail(trx, deps, staffInvitationEmail(email, legalName, roles, `${deps.config.publicUrl}/reset-password?token=${token}&invite=1`));
    }
    await appendAudit(trx, deps.clock, { actorId, action: 'staff.account_created', subjectType: 'user', subjectId: id, data: { email, roles, invited: !passwordHash, via: principal === 'system' ? 'cli' : 'api' } });
  });
  deps.mailPoke();
  return { user: await getUser(deps.db, id), invited: !passwordHash };
}
