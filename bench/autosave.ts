/**
 * Autosave: N candidates, each with their own session and a running attempt of the demo practice exam, save an
 * answer every 10 s through the real route (session auth, validation, seq check, durable commit) over HTTP
 * keep-alive, against `invigil serve` running as its own process on 127.0.0.1. Reports saves/s and p50/p99.
 * Then, in the same run, the saturation rate of the route with C saves in flight against the raw `pg` upsert rate of
 * the same statement on the same table with C connections (the physical limit here), and the ratio between them.
 * Uses DATABASE_URL's server (a role that may create databases) or an embedded PostgreSQL.
 * The saturation phase runs twice: over HTTP (a request per save) and over the live WebSocket (each candidate's tab
 * holds one; the browser's runner saves that way when its socket is open).
 * Usage: npx tsx bench/autosave.ts [candidates=5000] [seconds=30] [inFlight=32]
 */
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import WebSocket from 'ws';
import { createSession, sessionCookieName } from '../src/server/platform/auth.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import { cryptoIds } from '../src/server/platform/secrets.ts';
import { loadDemoProgram } from '../demo/load-demo-program.ts';
import { benchDeps, benchPostgres, createDatabase, dropDatabase, freePort, jsonClient, pct, pool, startServe, stopServe } from './support.ts';

const candidates = Math.max(10, Math.min(20_000, Number(process.argv[2] ?? 5000)));
const seconds = Math.max(10, Math.min(600, Number(process.argv[3] ?? 30)));
const inFlight = Math.max(1, Math.min(256, Number(process.argv[4] ?? 32)));
const exam = 'CDE-PR1';


const server = await benchPostgres();
const adminUrl = server.adminUrl;
const name = `invigil_bench_autosave_${process.pid}`;
const dbUrl = await createDatabase(adminUrl, name);
const db = openDatabase(dbUrl, { max: 8 });
let child: ChildProcess | undefined;
let client: ReturnType<typeof jsonClient> | undefined;
try {
  await migrateToLatest(db);
  const now = new Date();
  const deps = benchDeps(db);
  await loadDemoProgram(deps);
  const users = Array.from({ length: candidates }, (_, i) => ({
    id: cryptoIds.uuid(), email: `candidate${i}@bench.invalid`, legal_name: `Bench candidate ${i}`, password_hash: null, time_zone: 'UTC', language: 'en',
    email_verified_at: now, disabled_at: null, created_at: now, updated_at: now,
  }));
  for (let i = 0; i < users.length; i += 1000) {
    const batch = users.slice(i, i + 1000);
    await db.insertInto('users').values(batch).execute();
    await db.insertInto('user_roles').values(batch.map((x) => ({ user_id: x.id, role: 'candidate' as const, granted_at: now, granted_by: null }))).execute();
  }
  const cookies = await pool(users.length, 16, async (i) => `${sessionCookieName}=${await createSession(deps, users[i]!.id, {})}`);
  const port = await freePort();
  child = await startServe(dbUrl, port);
  client = jsonClient(port, 1024);
  const request = (method: string, url: string, cookie: string, body?: unknown) => client!.request(method, url, cookie, body);

  const t0 = performance.now();
  const attempts = await pool(cookies.length, 64, async (i) => {
    const created = await request('POST', `/api/v1/exams/${exam}/practice-attempts`, cookies[i]!);
    if (created.status !== 201) throw new Error(`practice attempt: ${created.status} ${JSON.stringify(created.json)}`);
    const started = await request('POST', `/api/v1/attempts/${created.json.attempt.id}/start`, cookies[i]!);
    return { id: started.json.attempt.id as string, items: (started.json.attempt.items as { key: string; options: { id: string }[] }[]) };
  });
  console.log(`setup: ${candidates} candidates started ${exam} attempts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Running candidates' browsers send a heartbeat every 15 s; the minutes of setup would otherwise look like a
  // disconnect to every attempt, so each gets one heartbeat first.
  await pool(attempts.length, 64, (i) => request('POST', `/api/v1/attempts/${attempts[i]!.id}/journal`, cookies[i]!, { entries: [] }));

  // Phase 1: everyone saves every 10 s, starts spread over the first 10 s, for `seconds`.
  const lat: number[] = [];
  let failures = 0;
  const phaseStart = performance.now();
  const seq = new Array<number>(candidates).fill(0);
  await Promise.all(attempts.map(async (a, i) => {
    await new Promise((r) => setTimeout(r, (i / candidates) * 10_000));
    while (performance.now() - phaseStart < seconds * 1000) {
      const tick = performance.now();
      const item = a.items[seq[i]! % a.items.length]!;
      const res = await request('POST', `/api/v1/attempts/${a.id}/journal`, cookies[i]!, { entries: [{ key: `answer:${item.key}`, value: [item.options[seq[i]! % item.options.length]!.id], seq: ++seq[i]! }] });
      if (res.status === 200) lat.push(res.ms); else failures++;
      await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (performance.now() - tick))));
    }
  }));
  const phaseSeconds = (performance.now() - phaseStart) / 1000;
  console.log(`steady: ${candidates} candidates saving every 10 s for ${seconds} s: ${lat.length} saves (${failures} failed), ${(lat.length / phaseSeconds).toFixed(0)} saves/s; p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms`);

  // Phase 2: saturation through the route, `inFlight` saves at a time for 10 s.
  const satLat: number[] = [];
  const satStart = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async (_, w) => {
    for (let k = 0; performance.now() - satStart < 10_000; k++) {
      const i = (w + k * inFlight) % candidates;
      const a = attempts[i]!;
      const item = a.items[seq[i]! % a.items.length]!;
      const res = await request('POST', `/api/v1/attempts/${a.id}/journal`, cookies[i]!, { entries: [{ key: `answer:${item.key}`, value: [item.options[0]!.id], seq: ++seq[i]! }] });
      if (res.status === 200) satLat.push(res.ms);
    }
  }));
  const appRate = satLat.length / ((performance.now() - satStart) / 1000);

  // Phase 2b: the same over the live socket, one per candidate (up to 2,000 of them), `inFlight` saves at a time.
  const socketCount = Math.min(candidates, 2000);
  const sockets = await pool(socketCount, 32, (i) => openSaver(port, cookies[i]!));
  const wsLat: number[] = [];
  let wsFailed = 0;
  const wsStart = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async (_, w) => {
    for (let k = 0; performance.now() - wsStart < 10_000; k++) {
      const i = (w + k * inFlight) % socketCount;
      const a = attempts[i]!;
      const item = a.items[seq[i]! % a.items.length]!;
      const t0 = performance.now();
      const reply = await sockets[i]!.save(a.id, [{ key: `answer:${item.key}`, value: [item.options[0]!.id], seq: ++seq[i]! }]);
      if (reply.type === 'saved') wsLat.push(performance.now() - t0); else wsFailed++;
    }
  }));
  const wsRate = wsLat.length / ((performance.now() - wsStart) / 1000);
  for (const sock of sockets) sock.close();
  await stopServe(child);

  // Phase 3: the same upsert straight through pg, `inFlight` connections, 10 s.
  const clients = await Promise.all(Array.from({ length: inFlight }, async () => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    return c;
  }));
  let raw = 0;
  const rawStart = performance.now();
  await Promise.all(clients.map(async (c, w) => {
    for (let k = 0; performance.now() - rawStart < 10_000; k++) {
      const i = (w + k * inFlight) % candidates;
      const a = attempts[i]!;
      await c.query(
        `insert into attempt_journal (attempt_id, key, value, seq, saved_at) values ($1, $2, $3, $4, now())
         on conflict (attempt_id, key) do update set value = excluded.value, seq = excluded.seq, saved_at = excluded.saved_at where attempt_journal.seq < excluded.seq`,
        [a.id, `answer:${a.items[0]!.key}`, JSON.stringify([a.items[0]!.options[0]!.id]), ++seq[i]!],
      );
      raw++;
    }
  }));
  const rawRate = raw / ((performance.now() - rawStart) / 1000);
  await Promise.all(clients.map((c) => c.end()));
  console.log(`saturation, ${inFlight} in flight: HTTP route ${appRate.toFixed(0)} saves/s (p50 ${pct(satLat, 50).toFixed(1)} ms, p99 ${pct(satLat, 99).toFixed(1)} ms); `
    + `live socket ${wsRate.toFixed(0)} saves/s (p50 ${pct(wsLat, 50).toFixed(1)} ms, p99 ${pct(wsLat, 99).toFixed(1)} ms, ${wsFailed} failed); raw pg upsert ${rawRate.toFixed(0)}/s; `
    + `ratio HTTP ${(appRate / rawRate).toFixed(2)}, socket ${(wsRate / rawRate).toFixed(2)}`);
} finally {
  await stopServe(child);
  client?.close();
  await db.destroy();
  await dropDatabase(adminUrl, name);
  await server.stop();
}

/** A candidate's live socket that saves and waits for each answer by its ref. */
async function openSaver(port: number, cookie: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`, { headers: { cookie } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<string, (m: { type: string }) => void>();
  let next = 0;
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as { type: string; ref?: string };
    const done = m.ref === undefined ? undefined : waiting.get(m.ref);
    if (done) {
      waiting.delete(m.ref!);
      done(m);
    }
  });
  return {
    save: (attemptId: string, entries: unknown[]) => new Promise<{ type: string }>((resolve) => {
      const ref = `w${++next}`;
      waiting.set(ref, resolve);
      ws.send(JSON.stringify({ type: 'save', ref, attemptId, entries }));
    }),
    close: () => ws.close(),
  };
}
