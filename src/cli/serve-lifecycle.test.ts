import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../server/platform/db/process-info.ts';
import { exited, runCli, startServe, type ServeProcess } from '../../test/processes.ts';

// Runs the real `invigil serve` on the embedded PostgreSQL, the way a user does, and abuses it the way users do.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'invigil-lifecycle-'));
const env = { INVIGIL_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' };
delete process.env.DATABASE_URL;
const started: ServeProcess[] = [];

afterAll(async () => {
  for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  // Stop any server a failed run left behind, then remove the folder.
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (isAlive(pid)) process.kill(pid, 'SIGINT');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const postgresPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

async function login(url: string, email: string, password: string) {
  return fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

describe('invigil serve on the embedded PostgreSQL', () => {
  it('starts, seeds the demo accounts, refuses a second server, shares its database with CLI commands, survives kill -9 and stops cleanly', async () => {
    const first = await startServe(env);
    started.push(first);
    const envNoUrl = { ...env };
    expect(first.output()).toContain('admin@invigil.test');
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    expect((await login(first.url, 'admin@invigil.test', 'ada-demo-2026')).status).toBe(200);

    // A second server on the same data folder is refused with a clear message.
    const second = await runCli(['serve'], { ...envNoUrl, PORT: '0' });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/Another Invigil process \(pid \d+, "invigil serve"/);

    // CLI commands use the running server's database.
    const created = await runCli(['user', 'create', '--email', 'lifecycle@example.org', '--name', 'Life Cycle', '--role', 'proctor', '--password', 'rotating shift 9'], envNoUrl);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect((await login(first.url, 'lifecycle@example.org', 'rotating shift 9')).status).toBe(200);

    // kill -9 leaves PostgreSQL running as an orphan…
    const orphan = postgresPid();
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(isAlive(orphan)).toBe(true);

    // …and the next start stops it and starts normally, with every committed row intact.
    const again = await startServe(env);
    started.push(again);
    expect(isAlive(orphan)).toBe(false);
    expect((await login(again.url, 'lifecycle@example.org', 'rotating shift 9')).status).toBe(200);
    const audit = await runCli(['audit', 'verify'], envNoUrl);
    expect(audit.stdout).toMatch(/Audit chain intact: \d+ entries verified/);

    // SIGTERM stops the app, then PostgreSQL, and releases the folder.
    const server = postgresPid();
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);
    expect(isAlive(server)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'invigil.lock'))).toBe(false);

    // With no server running, a CLI command starts the embedded server for itself and stops it again.
    const offline = await runCli(['audit', 'verify'], envNoUrl);
    expect(offline.code).toBe(0);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
