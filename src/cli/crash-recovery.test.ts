import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoProgram } from '../../demo/load-demo-program.ts';
import { seedBookedCandidates } from '../../test/booked-candidates.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../test/harness.ts';
import { exited, startServe, type ServeProcess } from '../../test/processes.ts';
import { getExamByCode } from '../server/catalog/repository.ts';
import { outageAfterMs } from '../server/delivery/outage.ts';
import { createSession, sessionCookieName } from '../server/platform/auth.ts';
import { localBlobStore } from '../server/platform/blobs.ts';
import { inProcessBus } from '../server/platform/bus.ts';
import { systemClock } from '../server/platform/clock.ts';
import type { Deps } from '../server/platform/deps.ts';
import { createLogger } from '../server/platform/logger.ts';
import { cryptoIds } from '../server/platform/secrets.ts';

/**
 * The first fault of the reliability issue: `kill -9` of the server while 200 candidates save answers through the
 * real route, as the exam page does (a journal of entries kept until acknowledged, sent again after any failure,
 * highest seq per key wins). The server stays down longer than an outage takes to count, then starts again on the same
 * database. Nothing acknowledged may be lost, every exam must go on, and the time the service was down must not be
 * taken from anyone.
 */
const candidates = 200;
const dir = mkdtempSync(path.join(os.tmpdir(), 'invigil-crash-'));
let database: TestDatabase;
const servers: ServeProcess[] = [];

beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

interface Candidate {
  cookie: string;
  appointmentId: string;
  attemptId: string;
  items: { key: string; options: { id: string }[] }[];
  seq: number;
  /** Entries not yet acknowledged, by key (a newer entry for a key replaces an older one, as in the browser). */
  pending: Map<string, { key: string; value: string[]; seq: number }>;
  /** The newest acknowledged entry per key. */
  acked: Map<string, { seq: number; value: string[] }>;
}

describe('kill -9 of the server during live exams', () => {
  it('loses no acknowledged answer, and every exam goes on with the outage given back', async () => {
    const deps: Deps = {
      db: database.db, clock: systemClock, ids: cryptoIds, log: createLogger('silent'), config: testConfig(), mailPoke: () => undefined,
      blobs: localBlobStore(path.join(dir, 'seed-blobs')), bus: inProcessBus(),
    };
    await loadDemoProgram(deps);
    const exam = await getExamByCode(database.db, 'CDE-PR1');
    const { people, appointments } = await seedBookedCandidates(deps, exam, { candidates, proctors: 1, ratio: candidates });
    const env = { DATABASE_URL: database.url, INVIGIL_DEMO: 'false', NODE_ENV: 'production', INVIGIL_DATA_DIR: path.join(dir, 'data'), INVIGIL_BLOB_DIR: path.join(dir, 'blobs') };
    let server = await startServe(env);
    servers.push(server);
    let url = server.url;

    const call = async (c: Pick<Candidate, 'cookie'>, method: string, route: string, body?: unknown) => {
      try {
        const res = await fetch(`${url}${route}`, { method, headers: { cookie: c.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal: AbortSignal.timeout(10_000) });
        return { status: res.status, json: await res.json().catch(() => null) };
      } catch {
        return { status: 0, json: null }; // the server is gone: as the browser sees it
      }
    };
    const people2 = await Promise.all(people.map(async (p, i) => ({ cookie: `${sessionCookieName}=${await createSession(deps, p.id, {})}`, appointmentId: appointments[i]! })));
    const all: Candidate[] = [];
    for (let i = 0; i < people2.length; i += 20) {
      all.push(...await Promise.all(people2.slice(i, i + 20).map(async (p) => {
        const opened = await call(p, 'POST', `/api/v1/appointments/${p.appointmentId}/attempt`);
        expect(opened.status, JSON.stringify(opened.json)).toBe(201);
        const attemptId = opened.json.attempt.id as string;
        const started = await call(p, 'POST', `/api/v1/attempts/${attemptId}/start`);
        expect(started.status, JSON.stringify(started.json)).toBe(200);
        return { ...p, attemptId, items: started.json.attempt.items, seq: 0, pending: new Map(), acked: new Map() };
      })));
    }

    // Each candidate answers a question every 150–400 ms and sends what is not acknowledged yet.
    let answering = true;
    const counts = { sent: 0, acknowledged: 0, failed: 0 };
    const flush = async (c: Candidate) => {
      if (c.pending.size === 0) return;
      const entries = [...c.pending.values()];
      const res = await call(c, 'POST', `/api/v1/attempts/${c.attemptId}/journal`, { entries });
      counts.sent += entries.length;
      if (res.status !== 200) { counts.failed++; return; }
      for (const e of entries) {
        const prev = c.acked.get(e.key);
        if (!prev || prev.seq < e.seq) c.acked.set(e.key, { seq: e.seq, value: e.value });
        if (c.pending.get(e.key)?.seq === e.seq) c.pending.delete(e.key);
        counts.acknowledged++;
      }
    };
    const loops = all.map(async (c, i) => {
      await new Promise((r) => setTimeout(r, (i * 400) / all.length));
      while (answering) {
        const item = c.items[Math.floor(Math.random() * c.items.length)]!;
        const option = item.options[Math.floor(Math.random() * item.options.length)]!;
        c.seq++;
        c.pending.set(`answer:${item.key}`, { key: `answer:${item.key}`, value: [option.id], seq: c.seq });
        await flush(c);
        await new Promise((r) => setTimeout(r, 150 + Math.random() * 250));
      }
    });

    await new Promise((r) => setTimeout(r, 3_000));
    const beforeKill = counts.acknowledged;
    server.child.kill('SIGKILL');
    await exited(server.child);
    const killedAt = Date.now();
    // Down for longer than an outage takes to count; the candidates keep answering into their journals meanwhile.
    await new Promise((r) => setTimeout(r, outageAfterMs + 2_000));
    server = await startServe(env);
    servers.push(server);
    url = server.url;
    const downMs = Date.now() - killedAt;
    await new Promise((r) => setTimeout(r, 3_000));
    answering = false;
    await Promise.all(loops);
    for (let round = 0; round < 3; round++) await Promise.all(all.map(flush));

    // Every acknowledged answer is there, as acknowledged or newer; nothing is left unacknowledged.
    let acknowledged = 0;
    const lost: string[] = [];
    const rows = await database.db.selectFrom('attempt_journal').select(['attempt_id', 'key', 'value', 'seq']).where('attempt_id', 'in', all.map((c) => c.attemptId)).execute();
    const stored = new Map(rows.map((r) => [`${r.attempt_id} ${r.key}`, r]));
    for (const c of all) {
      expect(c.pending.size).toBe(0);
      for (const [key, a] of c.acked) {
        acknowledged++;
        const row = stored.get(`${c.attemptId} ${key}`);
        if (!row || Number(row.seq) < a.seq || (Number(row.seq) === a.seq && JSON.stringify(row.value) !== JSON.stringify(a.value))) lost.push(`${c.attemptId} ${key}`);
      }
    }
    console.log(`crash recovery: ${candidates} exams, ${counts.acknowledged} entries acknowledged (${beforeKill} before the kill), ${counts.failed} sends failed and were sent again, ${acknowledged} answers checked, ${lost.length} lost; down ${(downMs / 1000).toFixed(1)} s`);
    expect(lost).toEqual([]);
    expect(beforeKill).toBeGreaterThan(candidates);
    expect(counts.failed).toBeGreaterThan(0);

    // Every exam goes on, with the outage given back: each has one outage pause at least as long as the server was
    // away minus the few seconds between the last save and the kill, and the new start.
    const outages = await database.db.selectFrom('attempt_pauses').select(['attempt_id', 'started_at', 'ended_at']).where('reason', '=', 'outage').execute();
    expect(new Set(outages.map((p) => p.attempt_id)).size).toBe(candidates);
    for (const p of outages) expect(p.ended_at!.getTime() - p.started_at.getTime()).toBeGreaterThanOrEqual(outageAfterMs);
    for (const c of all.slice(0, 20)) {
      const got = await call(c, 'GET', `/api/v1/attempts/${c.attemptId}`);
      expect(got.status).toBe(200);
      expect(got.json.attempt.status).toBe('in_progress');
      // The page reloaded after the restart gets every answer back.
      const journal = new Map((got.json.attempt.journal as { key: string; seq: number }[]).map((e) => [e.key, e.seq]));
      for (const [key, a] of c.acked) expect(journal.get(key)).toBeGreaterThanOrEqual(a.seq);
    }
    server.child.kill('SIGTERM');
    await exited(server.child);
  }, 120_000);
});
