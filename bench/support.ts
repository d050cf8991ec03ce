/** What the HTTP benchmarks share: a database of their own, `invigil serve` as a separate process, a keep-alive
 * client, percentiles and CPU accounting. Everything targets 127.0.0.1. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/server/platform/db/embedded-postgres.ts';
import { loadConfig } from '../src/server/config.ts';
import { localBlobStore } from '../src/server/platform/blobs.ts';
import { inProcessBus } from '../src/server/platform/bus.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { migrateToLatest, openDatabase, type Db } from '../src/server/platform/db/database.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { cryptoIds } from '../src/server/platform/secrets.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');

/** A free TCP port on 127.0.0.1. */
export const freePort = () => new Promise<number>((resolve, reject) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
  s.on('error', reject);
});

/** The p-th percentile (nearest rank) of `xs`. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

/** CPU time (ms) a process has used so far, from /proc (Linux). */
export const cpuMs = (pid: number | undefined) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
};

/** Memory of a process from /proc (Linux): VmRSS sampled every `everyMs` (its peak), and VmHWM (the kernel's high-water
 * mark since the process started). `stop()` ends the sampling and returns both, in bytes. */
export function memorySampler(pid: number | undefined, everyMs = 50) {
  const read = (field: string) => {
    try {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : NaN;
    } catch {
      return NaN;
    }
  };
  const startRss = read('VmRSS');
  let peakRss = startRss;
  const timer = setInterval(() => { const r = read('VmRSS'); if (r > peakRss) peakRss = r; }, everyMs);
  return { startRss, rss: () => read('VmRSS'), stop: () => { clearInterval(timer); return { peakRss, hwm: read('VmHWM') }; } };
}

/** A PostgreSQL server to create bench databases on: DATABASE_URL's, or an embedded one started here. */
export async function benchPostgres(): Promise<{ adminUrl: string; external: boolean; stop(): Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) return { adminUrl: external, external: true, stop: async () => undefined };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'invigil-bench-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: tmp });
  return { adminUrl: server.adminUrl, external: false, async stop() { await server.stop(); rmSync(tmp, { recursive: true, force: true }); } };
}

/** Creates database `name` on the server and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}

/**
 * A fresh, migrated bench database named after the bench and this process, on DATABASE_URL's server or an embedded
 * one; `close()` closes the pool, drops the database and stops an embedded server.
 */
export async function benchDatabase(label: string, poolMax = 8) {
  const server = await benchPostgres();
  const name = `invigil_bench_${label}_${process.pid}`;
  const url = await createDatabase(server.adminUrl, name);
  const db = openDatabase(url, { max: poolMax });
  await migrateToLatest(db);
  return {
    db, url, external: server.external,
    async close() {
      await db.destroy();
      await dropDatabase(server.adminUrl, name);
      await server.stop();
    },
  };
}

/**
 * Starts `invigil serve` on `dbUrl` as its own process (demo off, warn-level logs; `env` overrides, e.g.
 * `{ INVIGIL_DEMO: 'true' }`) and waits for /readyz. BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server there.
 */
export async function startServe(dbUrl: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, path.join(projectRoot, 'bin/invigil.mjs'), 'serve'], {
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', INVIGIL_DEMO: 'false', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const ok = await new Promise<boolean>((resolve) => {
      http.get({ host: '127.0.0.1', port, path: '/readyz' }, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
    });
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`invigil serve exited with ${child.exitCode}`);
  }
  child.kill('SIGTERM');
  throw new Error('invigil serve did not become ready in 30 s');
}

/** Stops a server started by startServe (SIGTERM, then waits for it to exit; SIGKILL after `killAfterMs`, for a server
 * left with a backlog it would otherwise drain first). */
export async function stopServe(child: ChildProcess | undefined, killAfterMs = Infinity): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = Number.isFinite(killAfterMs) ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined;
  await exited;
  clearTimeout(timer);
}

/** A keep-alive JSON client for one server, timing each request. */
export function jsonClient(port: number, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  function request(method: string, url: string, cookie: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; ms: number }> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1', port, method, path: url, agent,
        headers: { cookie, origin: `http://127.0.0.1:${port}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}), ...headers },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || 'null'), ms: performance.now() - started }));
      });
      req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(payload);
    });
  }
  return { request, close: () => agent.destroy() };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same numbers in [0, 1), so runs are reproducible. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `count` tasks with at most `limit` at once. */
export async function pool<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const i = next++;
      out[i] = await task(i);
    }
  }));
  return out;
}

/** Use-case deps for seeding a bench database in this process (silent, real clock, no mail, in-process bus). */
export function benchDeps(db: Db, blobDir = path.join(os.tmpdir(), 'invigil-bench-blobs')): Deps {
  return { db, clock: systemClock, ids: cryptoIds, log: createLogger('silent'), config: loadConfig({ LOG_LEVEL: 'silent' }), mailPoke: () => undefined, blobs: localBlobStore(blobDir), bus: inProcessBus() };
}

// Shared with the crash-recovery test.
export { seedBookedCandidates } from '../test/booked-candidates.ts';
