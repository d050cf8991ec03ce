import { passwordProblems } from '../../core/accounts/password-policy.ts';
import { AppError } from '../../core/shared/app-error.ts';

/** Throws ValidationFailed, with the problems at `field`, unless the password meets the policy. */
export function assertAcceptablePassword(password: string, context: { email: string; legalName: string }, field = 'password'): void {
  const problems = passwordProblems(password, context);
  if (problems.length) throw new AppError('ValidationFailed', problems.join(' '), { in: 'body', issues: problems.map((message) => ({ path: [field], message })) });
}
