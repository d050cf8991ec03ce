import { Command, InvalidArgumentError, Option } from 'commander';
import { roles, type Role } from '../../core/accounts/roles.ts';
import { normalizeEmail } from '../../core/accounts/email.ts';
import { Email, LegalName, Password, TimeZone } from '../../contracts/accounts.ts';
import { UsageError, withDeps } from '../context.ts';
import type { z } from 'zod';

function check<T>(schema: z.ZodType<T>, value: unknown, flag: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${flag}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

export const migrateCommand = new Command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    await withDeps('migrate', async () => undefined).then(() => console.log('Database is up to date.'));
  });

const userCreate = new Command('create')
  .description('Create an account with a password (any role, e.g. the first admin)')
  .requiredOption('--email <email>', 'email address')
  .requiredOption('--name <name>', 'legal name, as on the ID')
  .addOption(new Option('--role <role...>', 'role(s) to grant').choices([...roles]).makeOptionMandatory())
  .requiredOption('--password <password>', 'initial password (at least 10 characters)')
  .option('--time-zone <zone>', 'IANA time zone', 'UTC')
  .action(async (o: { email: string; name: string; role: Role[]; password: string; timeZone: string }) => {
    const input = {
      email: check(Email, o.email, '--email'),
      legalName: check(LegalName, o.name, '--name'),
      password: check(Password, o.password, '--password'),
      timeZone: check(TimeZone, o.timeZone, '--time-zone'),
      roles: o.role,
    };
    const { createAccount } = await import('../../server/accounts/create-account.ts');
    const { user } = await withDeps('user create', (deps) => createAccount(deps, 'system', input));
    console.log(`Created ${user.email} (${user.roles.join(', ')}), id ${user.id}.`);
  });
export const userCommand = new Command('user').description('Manage accounts').addCommand(userCreate);

const tokenCreate = new Command('create')
  .description('Create an API token acting as the given user; prints the secret once')
  .requiredOption('--email <email>', 'the user the token acts as')
  .option('--name <name>', 'a label for the token', 'cli')
  .addOption(new Option('--expires-in-days <days>', 'expire after this many days').argParser((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 3650) throw new InvalidArgumentError('--expires-in-days must be a whole number from 1 to 3650');
    return n;
  }))
  .action(async (o: { email: string; name: string; expiresInDays?: number }) => {
    const email = normalizeEmail(check(Email, o.email, '--email'));
    const [{ createApiToken }, { findUserByEmail }] = await Promise.all([import('../../server/accounts/create-api-token.ts'), import('../../server/accounts/repository.ts')]);
    const { token } = await withDeps('token create', async (deps) => {
      const user = await findUserByEmail(deps.db, email);
      if (!user) throw new UsageError(`No account with the email ${email}.`);
      return createApiToken(deps, 'system', { userId: user.id, name: o.name, ...(o.expiresInDays ? { expiresInDays: o.expiresInDays } : {}) });
    });
    console.log(token);
  });
export const tokenCommand = new Command('token').description('Manage API tokens').addCommand(tokenCreate);

const auditVerify = new Command('verify')
  .description('Re-compute the audit log hash chain; exit code 1 if it is broken')
  .action(async () => {
    const { verifyAuditChain } = await import('../../server/platform/audit.ts');
    const result = await withDeps('audit verify', (deps) => verifyAuditChain(deps.db));
    if (result.ok) console.log(`Audit chain intact: ${result.checked} entries verified.`);
    else {
      console.error(`Audit chain BROKEN at entry ${result.brokenAt?.seq}: ${result.brokenAt?.reason} (${result.checked} entries before it are intact).`);
      process.exitCode = 1;
    }
  });
export const auditCommand = new Command('audit').description('The audit log').addCommand(auditVerify);

const demoSeed = new Command('seed')
  .description('Load the demo program (exams, item banks) and the demo accounts, where missing')
  .action(async () => {
    const { demoAccounts, seedDemo } = await import('../../../demo/seed-demo.ts');
    const created = await withDeps('demo seed', (deps) => seedDemo(deps));
    console.log(created.length ? `Created ${created.join(', ')}.` : 'The demo program and accounts already exist.');
    for (const a of demoAccounts) console.log(`  ${a.email}  password: ${a.password}`);
  });
export const demoCommand = new Command('demo').description('Demo data').addCommand(demoSeed);
