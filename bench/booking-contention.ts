/**
 * Booking contention: N candidates, each with their own session, race over HTTP for the 100 seats of one slot
 * (10 proctors × 10 candidates each). Every candidate holds a seat (POST /api/v1/holds) and, when it gets one, books it
 * (POST /api/v1/appointments with an Idempotency-Key). The server runs as its own process (`invigil serve`) on
 * 127.0.0.1, so the load generator does not share its event loop. Reports booked count (must be exactly 100),
 * p50/p99 latency per request kind and overall, and requests/s; repeated on a fresh database per run.
 * Uses DATABASE_URL's server (a role that may create databases) or an embedded PostgreSQL.
 * Usage: npx tsx bench/booking-contention.ts [candidates=1000] [runs=3] [arrivalMs=0]
 * arrivalMs 0 is a burst (every candidate at the same instant); otherwise arrivals are spread evenly over that time.
 */
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { ExamPolicy } from '../src/core/catalog/policy.ts';
import { createProgram } from '../src/server/catalog/programs.ts';
import { createExam } from '../src/server/catalog/exams.ts';
import { savePolicy } from '../src/server/catalog/save-policy.ts';
import { createSession, sessionCookieName } from '../src/server/platform/auth.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import { cryptoIds } from '../src/server/platform/secrets.ts';
import { benchDeps, benchPostgres, cpuMs, createDatabase, dropDatabase, freePort, jsonClient, pct, startServe, stopServe } from './support.ts';
import { recomputeCapacity } from '../src/server/scheduling/recompute-capacity.ts';

const candidates = Math.max(100, Math.min(5000, Number(process.argv[2] ?? 1000)));
const runs = Math.max(1, Math.min(10, Number(process.argv[3] ?? 3)));
const arrivalMs = Math.max(0, Math.min(60_000, Number(process.argv[4] ?? 0)));
const seats = 100;
/** Candidates who book another day first, so the race meets a warm server (JIT, lazily built schemas), as in production. */
const warmups = 20;

async function seed(deps: Deps, now: Date) {
  const program = await createProgram(deps, 'system', { name: 'Bench board' });
  await createExam(deps, 'system', { programId: program.id, code: 'BENCH-C', title: 'Contention bench', level: 'professional', description: '', languages: ['en'], durationMinutes: 120, scoredItemCount: 50, unscoredItemCount: 0, scaleMin: 100, scaleMax: 1000, passingScore: 700, priceMinor: 15000, currency: 'USD', practice: false, formMode: 'random' });
  await savePolicy(deps, 'system', 'BENCH-C', { policy: ExamPolicy.parse({ proctoring: { candidatesPerProctor: 10, checkInsPerGreeter: 20 } }), expectedVersion: 0 });
  await deps.db.updateTable('exams').set({ status: 'published' }).where('code', '=', 'BENCH-C').execute();
  const users = (role: 'proctor' | 'candidate', n: number) => Array.from({ length: n }, (_, i) => ({
    id: cryptoIds.uuid(), email: `${role}${i}@bench.invalid`, legal_name: `Bench ${role} ${i}`, password_hash: null, time_zone: 'UTC', language: 'en',
    email_verified_at: now, disabled_at: null, created_at: now, updated_at: now,
  }));
  const proctors = users('proctor', seats / 10);
  const people = users('candidate', candidates + warmups);
  for (const batch of [proctors, people]) {
    await deps.db.insertInto('users').values(batch).execute();
    await deps.db.insertInto('user_roles').values(batch.map((u) => ({ user_id: u.id, role: batch === proctors ? 'proctor' as const : 'candidate' as const, granted_at: now, granted_by: null }))).execute();
  }
  await deps.db.transaction().execute(async (trx) => {
    for (const p of proctors) {
      await trx.insertInto('shift_rules').values({ id: cryptoIds.uuid(), proctor_id: p.id, program_id: program.id, weekdays: [1, 2, 3, 4, 5, 6, 7], start_time: '00:00', end_time: '24:00', time_zone: 'UTC', valid_from: '2020-01-01', valid_until: null, proctoring: true, greeting: true, created_by: null, created_at: now, updated_at: now }).execute();
    }
    await recomputeCapacity(deps, trx, program.id);
  });
  const cookies = await Promise.all(people.map(async (u) => `${sessionCookieName}=${await createSession(deps, u.id, {})}`));
  return cookies;
}

async function oneRun(adminUrl: string, r: number) {
  const name = `invigil_bench_booking_${process.pid}_${r}`;
  const dbUrl = await createDatabase(adminUrl, name);
  const db = openDatabase(dbUrl, { max: 8 });
  let child: ChildProcess | undefined;
  let client: ReturnType<typeof jsonClient> | undefined;
  try {
    await migrateToLatest(db);
    const now = new Date();
    const deps = benchDeps(db);
    const allCookies = await seed(deps, now);
    const port = await freePort();
    child = await startServe(dbUrl, port);
    client = jsonClient(port, 256);
    const request = (method: string, url: string, cookie: string, body: unknown, headers: Record<string, string> = {}) => client!.request(method, url, cookie, body, headers);
    // Let start-up work finish (the daily capacity job runs at start) so the race measures a server in its normal state.
    for (let i = 0; i < 100; i++) {
      const pending = await db.selectFrom('jobs').select('id').where('done_at', 'is', null).where('run_at', '<=', new Date()).executeTakeFirst();
      if (!pending) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const day = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const warmDay = new Date(now.getTime() + 4 * 86_400_000).toISOString().slice(0, 10);
    for (const cookie of allCookies.slice(candidates)) {
      const h = await request('POST', '/api/v1/holds', cookie, { examCode: 'BENCH-C', startsAt: `${warmDay}T10:00:00.000Z`, language: 'en' });
      if (h.status === 201) await request('POST', '/api/v1/appointments', cookie, { holdId: h.json.hold.id, paymentMethod: 'invoice' }, { 'idempotency-key': `warm-${cookie.slice(-12)}` });
    }
    await new Promise((r) => setTimeout(r, 500));
    const cookies = allCookies.slice(0, candidates);
    const startsAt = `${day}T10:00:00.000Z`;
    const holdMs: number[] = [];
    const bookMs: number[] = [];
    const outcomes = new Map<string, number>();
    const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    const xacts = async () => Number((await sql<{ n: string }>`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`.execute(db)).rows[0]!.n);
    const xact0 = await xacts();
    const cpu0 = cpuMs(child!.pid);
    const t0 = performance.now();
    await Promise.all(cookies.map(async (cookie, i) => {
      if (arrivalMs) await new Promise((r) => setTimeout(r, (i * arrivalMs) / cookies.length));
      const h = await request('POST', '/api/v1/holds', cookie, { examCode: 'BENCH-C', startsAt, language: 'en' });
      holdMs.push(h.ms);
      if (h.status !== 201) return count(`hold ${h.status} ${h.json?.error?.code}`);
      const b = await request('POST', '/api/v1/appointments', cookie, { holdId: h.json.hold.id, paymentMethod: 'invoice' }, { 'idempotency-key': `bench-${r}-${i}` });
      bookMs.push(b.ms);
      count(b.status === 201 ? 'booked' : `book ${b.status} ${b.json?.error?.code}`);
    }));
    const seconds = (performance.now() - t0) / 1000;
    const serverCpuMs = cpuMs(child!.pid) - cpu0;
    await new Promise((r) => setTimeout(r, 600)); // statistics are flushed to the cumulative views every ~500 ms
    const transactions = (await xacts()) - xact0;
    const inDb = await db.selectFrom('appointments').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'booked').where('starts_at', '=', new Date(startsAt)).executeTakeFirstOrThrow();
    const all = [...holdMs, ...bookMs];
    return { transactions, serverCpuPerRequestMs: serverCpuMs / all.length, booked: Number(inDb.n), outcomes: Object.fromEntries(outcomes), requests: all.length, seconds, rps: all.length / seconds, p50: pct(all, 50), p99: pct(all, 99), holdP99: pct(holdMs, 99), bookP99: pct(bookMs, 99) };
  } finally {
    await stopServe(child);
    client?.close();
    await db.destroy();
    await dropDatabase(adminUrl, name);
  }
}

const server = await benchPostgres();
const results: Awaited<ReturnType<typeof oneRun>>[] = [];
try {
  for (let r = 0; r < runs; r++) {
    const res = await oneRun(server.adminUrl, r);
    results.push(res);
    console.log(`run ${r + 1}: booked ${res.booked}/${seats} of ${candidates} candidates; ${res.requests} requests in ${res.seconds.toFixed(2)} s = ${Math.round(res.rps)} req/s; p50 ${res.p50.toFixed(1)} ms, p99 ${res.p99.toFixed(1)} ms (hold p99 ${res.holdP99.toFixed(1)}, book p99 ${res.bookP99.toFixed(1)}); server CPU ${res.serverCpuPerRequestMs.toFixed(2)} ms/request; ${res.transactions} database transactions; ${JSON.stringify(res.outcomes)}`);
  }
} finally {
  await server.stop();
}
const med = (k: 'p50' | 'p99' | 'rps') => pct(results.map((x) => x[k]), 50);
console.log(`median over ${runs} runs (${server.external ? 'DATABASE_URL' : 'embedded PostgreSQL'}, ${arrivalMs ? `arrivals spread over ${arrivalMs} ms` : 'all at once'}): booked ${results.map((x) => x.booked).join('/')} of ${seats}; p50 ${med('p50').toFixed(1)} ms; p99 ${med('p99').toFixed(1)} ms; ${Math.round(med('rps'))} req/s`);
if (results.some((x) => x.booked !== seats)) process.exitCode = 1;
