import type { Role } from '../../core/accounts/roles.ts';
import { hasAnyRole } from '../../core/accounts/roles.ts';

export interface Area {
  path: '/' | '/proctor' | '/admin';
  label: string;
  /** Any of these roles opens the area. */
  roles: Role[];
}

/** The three signed-in areas of the app and who may enter them. */
export const areas: Area[] = [
  { path: '/', label: 'Candidate', roles: ['candidate'] },
  { path: '/proctor', label: 'Proctor', roles: ['proctor', 'admin'] },
  { path: '/admin', label: 'Admin', roles: ['admin'] },
];

/** The areas a user with these roles may enter, in menu order. */
export function areasFor(held: readonly Role[]): Area[] {
  return areas.filter((area) => hasAnyRole(held, area.roles));
}
