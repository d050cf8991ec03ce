/**
 * Password rules, after NIST SP 800-63B: length matters, composition rules do not. We refuse passwords that
 * are too short, too long for the hash to be cheap to compute, or trivially derived from the account itself.
 */
export const passwordMinLength = 10;
export const passwordMaxLength = 200;

const common = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd', '1234567890', '12345678910', 'qwertyuiop',
  'qwerty1234', 'iloveyou12', 'letmein123', 'welcome123', 'abcdefghij', 'administrator', 'invigil123',
  '0123456789', '1111111111', 'aaaaaaaaaa', 'changeme123', 'trustno1234',
]);

/** Returns the reasons a password is refused (empty when acceptable). `context` holds the email and name. */
export function passwordProblems(password: string, context: { email?: string; legalName?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < passwordMinLength) problems.push(`Use at least ${passwordMinLength} characters.`);
  if (length > passwordMaxLength) problems.push(`Use at most ${passwordMaxLength} characters.`);
  const lower = password.toLowerCase();
  if (common.has(lower)) problems.push('This password is too common.');
  if (new Set(lower).size <= 2 && length > 0) problems.push('Use more than two different characters.');
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) problems.push('Do not use your email address in the password.');
  return problems;
}
