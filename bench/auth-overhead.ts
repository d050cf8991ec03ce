/**
 * The cost of being signed in: `GET /api/v1/me` with a session cookie against `GET /healthz` (no session, no
 * database), each driven for `seconds` with `inFlight` requests in flight over keep-alive, against `invigil serve` as
 * its own process. Reports requests/s and the server's CPU per request for both, and the difference: what session
 * lookup, authorisation and presenting the account add to a request. Repeated `runs` times, medians reported.
 * Uses DATABASE_URL's server (a role that may create databases) or an embedded PostgreSQL.
 * Usage: npx tsx bench/auth-overhead.ts [seconds=5] [inFlight=32] [runs=3]
 */
import type { ChildProcess } from 'node:child_process';
import { createSession, sessionCookieName } from '../src/server/platform/auth.ts';
import { cryptoIds } from '../src/server/platform/secrets.ts';
import { benchDatabase, benchDeps, cpuMs, freePort, jsonClient, startServe, stopServe } from './support.ts';

const seconds = Math.max(1, Math.min(60, Number(process.argv[2] ?? 5)));
const inFlight = Math.max(1, Math.min(256, Number(process.argv[3] ?? 32)));
const runs = Math.max(1, Math.min(10, Number(process.argv[4] ?? 3)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bench = await benchDatabase('auth', 4);
const { db } = bench;
let child: ChildProcess | undefined;
let client: ReturnType<typeof jsonClient> | undefined;
try {
  const now = new Date();
  const user = { id: cryptoIds.uuid(), email: 'me@bench.invalid', legal_name: 'Bench Candidate', password_hash: null, time_zone: 'UTC', language: 'en', email_verified_at: now, disabled_at: null, created_at: now, updated_at: now };
  await db.insertInto('users').values(user).execute();
  await db.insertInto('user_roles').values({ user_id: user.id, role: 'candidate', granted_at: now, granted_by: null }).execute();
  const cookie = `${sessionCookieName}=${await createSession(benchDeps(db), user.id, {})}`;
  const port = await freePort();
  child = await startServe(bench.url, port);
  client = jsonClient(port, inFlight);

  /** Requests/s and server CPU ms per request of `path` for `seconds`, `inFlight` at a time. */
  const drive = async (path: string, withCookie: boolean) => {
    let done = 0;
    let failed = 0;
    const until = performance.now() + seconds * 1000;
    const cpu0 = cpuMs(child!.pid);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        const r = await client!.request('GET', path, withCookie ? cookie : '');
        if (r.status === 200) done++;
        else failed++;
      }
    }));
    const wall = (performance.now() - t0) / 1000;
    if (failed) throw new Error(`${path}: ${failed} requests failed`);
    return { rps: done / wall, cpuPerRequest: (cpuMs(child!.pid) - cpu0) / done };
  };
  await drive('/healthz', false); // warm-up: JIT, connections
  await drive('/api/v1/me', true);
  const health: { rps: number; cpuPerRequest: number }[] = [];
  const me: { rps: number; cpuPerRequest: number }[] = [];
  for (let r = 0; r < runs; r++) {
    health.push(await drive('/healthz', false));
    me.push(await drive('/api/v1/me', true));
    console.log(`run ${r + 1}: /healthz ${health[r]!.rps.toFixed(0)} req/s (${health[r]!.cpuPerRequest.toFixed(3)} ms CPU each); /api/v1/me ${me[r]!.rps.toFixed(0)} req/s (${me[r]!.cpuPerRequest.toFixed(3)} ms CPU each)`);
  }
  const h = median(health.map((x) => x.cpuPerRequest));
  const m = median(me.map((x) => x.cpuPerRequest));
  console.log(`median over ${runs} runs (${inFlight} in flight, ${bench.external ? 'DATABASE_URL' : 'embedded PostgreSQL'}): /healthz ${median(health.map((x) => x.rps)).toFixed(0)} req/s, `
    + `/api/v1/me ${median(me.map((x) => x.rps)).toFixed(0)} req/s (ratio ${(median(me.map((x) => x.rps)) / median(health.map((x) => x.rps))).toFixed(2)}); `
    + `server CPU per request ${h.toFixed(3)} vs ${m.toFixed(3)} ms: signed in adds ${(m - h).toFixed(3)} ms`);
} finally {
  await stopServe(child);
  client?.close();
  await bench.close();
}
