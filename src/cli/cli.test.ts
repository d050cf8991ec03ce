import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    for (const args of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['user', 'create', '--help'], ['token', 'create', '--help'], ['audit', 'verify', '--help'], ['demo', 'seed', '--help'], ['qti', 'import', '--help'], ['qti', 'export', '--help'], ['keys', 'rotate', '--help'], ['keys', 'list', '--help']]) {
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

  it('exports an exam as a QTI package and imports it into another exam, with a summary', async () => {
    const { seedDemo } = await import('../../demo/seed-demo.ts');
    const { makeDeps } = await import('../server/main.ts');
    const { testConfig } = await import('../../test/harness.ts');
    const { createLogger } = await import('../server/platform/logger.ts');
    await seedDemo(makeDeps(testConfig(), createLogger('silent'), database.db));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'invigil-cli-qti-'));
    try {
      const out = path.join(dir, 'practice.zip');
      const exported = await runCli(['qti', 'export', '--exam', 'cde-pr1', '--out', out], env);
      expect(exported.stderr).toBe('');
      expect(exported.stdout).toMatch(/Wrote .*practice\.zip \(\d+ bytes\)/);
      const again = await runCli(['qti', 'import', out, '--exam', 'CDE-PR1'], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('0 created, 0 updated, 20 unchanged, 0 skipped');
      const missing = await runCli(['qti', 'import', path.join(dir, 'nope.zip'), '--exam', 'CDE-PR1'], env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('No such file');
      const badCode = await runCli(['qti', 'export', '--exam', 'no such!', '--out', out], env);
      expect(badCode.code).toBe(2);
      const unknown = await runCli(['qti', 'export', '--exam', 'ZZZ-999', '--out', out], env);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('No exam with the code ZZZ-999');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('rotates the credential signing key, keeping the old one published; refuses while a key file is configured', async () => {
    const first = await runCli(['keys', 'rotate'], env);
    expect(first.code, first.stderr).toBe(0);
    const made = /New signing key ([A-Za-z0-9_-]{43}) is current\./.exec(first.stdout)?.[1];
    expect(made).toBeDefined();
    const second = await runCli(['keys', 'rotate'], env);
    expect(second.stdout).toMatch(new RegExp(`New signing key [A-Za-z0-9_-]{43} is current\\. Key ${made} is retired and stays published\\.`));
    const keys = await database.db.selectFrom('signing_keys').select(['kid', 'retired_at']).orderBy('created_at').execute();
    expect(keys.map((k) => [k.kid === made, k.retired_at !== null])).toEqual([[true, true], [false, false]]);
    const listed = await runCli(['keys', 'list'], env);
    expect(listed.stdout.trim().split('\n').map((l) => l.split('  ')[1]!.split(' ')[0])).toEqual(['current', 'retired']);
    expect((await database.db.selectFrom('audit_log').select('action').where('action', '=', 'credentials.key_rotated').execute())).toHaveLength(2);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'invigil-cli-key-'));
    try {
      const { generateKeyPairSync } = await import('node:crypto');
      const file = path.join(dir, 'signing.pem');
      writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
      const refused = await runCli(['keys', 'rotate'], { ...env, INVIGIL_SIGNING_KEY_FILE: file });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('INVIGIL_SIGNING_KEY_FILE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a bad configuration, naming every problem', async () => {
    const r = await runCli(['migrate'], { ...env, PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL: must be a postgres:// URL');
  });
});
