import { createAccount } from '../src/server/accounts/create-account.ts';
import { findUserByEmail } from '../src/server/accounts/repository.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import type { Role } from '../src/core/accounts/roles.ts';
import { loadDemoProgram } from './load-demo-program.ts';
import { seedDemoStaffing } from './seed-staffing.ts';

/** The demo accounts, printed at start-up in demo mode. Passwords are public: demo mode is for trying Invigil out. */
export const demoAccounts: { email: string; legalName: string; roles: Role[]; password: string; timeZone: string }[] = [
  { email: 'admin@invigil.test', legalName: 'Ada Admin', roles: ['admin'], password: 'ada-demo-2026', timeZone: 'Europe/London' },
  { email: 'proctor@invigil.test', legalName: 'Priya Proctor', roles: ['proctor'], password: 'priya-demo-2026', timeZone: 'Asia/Kolkata' },
  { email: 'candidate@invigil.test', legalName: 'Clark Candidate', roles: ['candidate'], password: 'clark-demo-2026', timeZone: 'Europe/Dublin' },
  { email: 'lena.proctor@invigil.test', legalName: 'Lena Proctor', roles: ['proctor'], password: 'lena-demo-2026', timeZone: 'Europe/Berlin' },
  { email: 'mateo.proctor@invigil.test', legalName: 'Mateo Proctor', roles: ['proctor'], password: 'mateo-demo-2026', timeZone: 'America/Sao_Paulo' },
  // On shift around the clock (demo/seed-staffing.ts): the proctor to sign in as when walking the proctored journey.
  { email: 'omar.proctor@invigil.test', legalName: 'Omar Proctor', roles: ['proctor'], password: 'omar-demo-2026', timeZone: 'UTC' },
];

/** Creates whichever demo accounts and demo exams are missing (idempotent); returns what it created. */
export async function seedDemo(deps: Deps): Promise<string[]> {
  const created: string[] = [];
  created.push(...(await loadDemoProgram(deps)));
  for (const a of demoAccounts) {
    if (await findUserByEmail(deps.db, a.email)) continue;
    await createAccount(deps, 'system', { email: a.email, legalName: a.legalName, roles: a.roles, password: a.password, timeZone: a.timeZone });
    created.push(a.email);
  }
  created.push(...(await seedDemoStaffing(deps)));
  return created;
}

/** True when the instance has no accounts yet (the first start). */
export async function isEmptyInstance(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const row = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
