import { passwordMinLength, passwordProblems } from '../../core/accounts/password-policy.ts';

/** The rules as we explain them next to every new-password field. */
export const passwordRulesText =
  `Use at least ${passwordMinLength} characters. A few unrelated words make a strong, memorable password. ` +
  'Avoid common passwords and your email address.';

/** A react-aria `validate` function for a new password, checked against the account's email and name. */
export function validateNewPassword(context: { email?: string; legalName?: string }) {
  return (password: string) => {
    if (password === '') return null;
    const problems = passwordProblems(password, context);
    return problems.length > 0 ? problems : null;
  };
}
