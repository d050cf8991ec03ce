import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness.ts';
import { runCli } from '../../test/processes.ts';

let database: TestDatabase;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  database = await createTestDatabase();
  env = { DATABASE_URL: database.url };
});
afterAll(async () => { await database.drop(); });

describe('invigil CLI', () => {
  it('prints help for every command', async () => {
    for (const args of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['user', 'create', '--help'], ['token', 'create', '--help'], ['audit', 'verify', '--help'], ['demo', 'seed', '--help']]) {
      const r = await runCli(args, env);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('Usage: invigil');
    }
  }, 60_000);

  it('creates a user and an API token that the API accepts', async () => {
    const u = await runCli(['user', 'create', '--email', 'Ops@Example.org', '--name', 'Ops Person', '--role', 'admin', 'proctor', '--password', 'ops secret 123'], env);
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(/Created ops@example\.org \(admin, proctor\)/);
    const tok = await runCli(['token', 'create', '--email', 'ops@example.org', '--name', 'nightly export'], env);
    expect(tok.code).toBe(0);
    expect(tok.stdout.trim()).toMatch(/^ivg_[A-Za-z0-9_-]{43}$/);
    const row = await database.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(row.name).toBe('nightly export');
    expect(await database.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).toEqual([{ action: 'staff.account_created' }, { action: 'staff.api_token_created' }]);
  }, 60_000);

  it('refuses bad arguments with a clear message and exit code 2, changing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['user', 'create', '--email', 'x@example.org', '--name', 'X', '--role', 'emperor', '--password', 'long enough pw'], /Allowed choices are candidate, proctor, admin/],
      [['user', 'create', '--email', 'not-an-email', '--name', 'X', '--role', 'admin', '--password', 'long enough pw'], /--email: Enter a valid email address/],
      [['user', 'create', '--email', 'y@example.org', '--name', 'Y', '--role', 'admin', '--password', 'short'], /--password: Use at least 10 characters/],
      [['user', 'create', '--email', 'z@example.org', '--name', 'Z', '--role', 'admin'], /required option '--password/],
      [['user', 'create', '--email', 'ops@example.org', '--name', 'Dup', '--role', 'admin', '--password', 'long enough pw'], /already exists/],
      [['token', 'create', '--email', 'nobody@example.org'], /No account with the email nobody@example\.org/],
      [['token', 'create', '--email', 'ops@example.org', '--expires-in-days', 'soon'], /--expires-in-days must be a whole number/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    const before = await database.db.selectFrom('users').select('id').execute();
    for (const [args, message] of cases) {
      const r = await runCli(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  }, 120_000);

  it('refuses a bad configuration, naming every problem', async () => {
    const r = await runCli(['migrate'], { ...env, PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL: must be a postgres:// URL');
  });
});
