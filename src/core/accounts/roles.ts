/** The roles a user can hold; a user may hold several. */
export const roles = ['candidate', 'proctor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Roles an admin may grant when creating a staff account (candidates sign themselves up). */
export const staffRoles = ['proctor', 'admin'] as const;

/** True when `held` includes any of `needed` (an empty `needed` means any signed-in user). */
export function hasAnyRole(held: readonly Role[], needed: readonly Role[]): boolean {
  return needed.length === 0 || needed.some((r) => held.includes(r));
}

/** The area a user lands in after signing in: the most privileged one they hold. */
export function homeArea(held: readonly Role[]): '/admin' | '/proctor' | '/' {
  if (held.includes('admin')) return '/admin';
  if (held.includes('proctor')) return '/proctor';
  return '/';
}
