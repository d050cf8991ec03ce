/**
 * Synchronized start: N candidates booked for the same hour of the demo's proctored exam start it within one
 * minute, as they do when an exam starts on the hour. Each opens the attempt of their appointment, starts it (the
 * answer carries the first items) and saves a first answer, through the real routes over HTTP keep-alive, against
 * `invigil serve` as its own process. Arrivals are spread evenly over `windowSeconds` (0: all at once). Reports, per
 * step and for the whole (open → first save acknowledged), p50/p99/max and the errors, and the server's CPU.
 * Uses DATABASE_URL's server (a role that may create databases) or an embedded PostgreSQL.
 * Usage: npx tsx bench/synchronized-start.ts [candidates=2000] [windowSeconds=60] [proctors=250]
 */
import type { ChildProcess } from 'node:child_process';
import { getExamByCode } from '../src/server/catalog/repository.ts';
import { createSession, sessionCookieName } from '../src/server/platform/auth.ts';
import { loadDemoProgram } from '../demo/load-demo-program.ts';
import { benchDatabase, benchDeps, cpuMs, freePort, jsonClient, pct, pool, seedBookedCandidates, startServe, stopServe } from './support.ts';

const candidates = Math.max(10, Math.min(10_000, Number(process.argv[2] ?? 2000)));
const windowSeconds = Math.max(0, Math.min(600, Number(process.argv[3] ?? 60)));
const proctors = Math.max(1, Math.min(2000, Number(process.argv[4] ?? 250)));
const exam = 'CDE-P01';

const bench = await benchDatabase('start');
const { db } = bench;
let child: ChildProcess | undefined;
let client: ReturnType<typeof jsonClient> | undefined;
try {
  const deps = benchDeps(db);
  await loadDemoProgram(deps);
  const row = await getExamByCode(db, exam);
  const { people, appointments } = await seedBookedCandidates(deps, row, { candidates, proctors, ratio: Math.ceil(candidates / proctors) });
  const cookies = await pool(people.length, 16, async (i) => `${sessionCookieName}=${await createSession(deps, people[i]!.id, {})}`);
  const port = await freePort();
  child = await startServe(bench.url, port);
  client = jsonClient(port, 1024);
  const request = (method: string, url: string, cookie: string, body?: unknown) => client!.request(method, url, cookie, body);

  const steps = { open: [] as number[], start: [] as number[], save: [] as number[], total: [] as number[] };
  const errors = new Map<string, number>();
  const fail = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
  const cpu0 = cpuMs(child.pid);
  const t0 = performance.now();
  await Promise.all(cookies.map(async (cookie, i) => {
    if (windowSeconds) await new Promise((r) => setTimeout(r, (i * windowSeconds * 1000) / cookies.length));
    const began = performance.now();
    const opened = await request('POST', `/api/v1/appointments/${appointments[i]}/attempt`, cookie);
    steps.open.push(opened.ms);
    if (opened.status !== 201) return fail(`open ${opened.status} ${opened.json?.error?.code ?? ''}`);
    const started = await request('POST', `/api/v1/attempts/${opened.json.attempt.id}/start`, cookie);
    steps.start.push(started.ms);
    const items = started.json?.attempt?.items as { key: string; options: { id: string }[] }[] | undefined;
    if (started.status !== 200 || !items?.length) return fail(`start ${started.status} ${started.json?.error?.code ?? ''}`);
    const first = items[0]!;
    const saved = await request('POST', `/api/v1/attempts/${opened.json.attempt.id}/journal`, cookie, { entries: [{ key: `answer:${first.key}`, value: [first.options[0]!.id], seq: 1 }] });
    steps.save.push(saved.ms);
    if (saved.status !== 200) return fail(`save ${saved.status} ${saved.json?.error?.code ?? ''}`);
    steps.total.push(performance.now() - began);
  }));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuMs(child.pid) - cpu0;
  const f = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms, p99 ${pct(xs, 99).toFixed(0)} ms, max ${pct(xs, 100).toFixed(0)} ms`;
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(`open ${f(steps.open)}; start ${f(steps.start)}; first save ${f(steps.save)}`);
  console.log(`${candidates} candidates starting ${windowSeconds ? `within ${windowSeconds} s` : 'all at once'} (${bench.external ? 'DATABASE_URL' : 'embedded PostgreSQL'}): `
    + `${steps.total.length} started and saved in ${seconds.toFixed(1)} s; open → first save ${f(steps.total)}; ${errorCount} errors${errorCount ? ` ${JSON.stringify(Object.fromEntries(errors))}` : ''}; `
    + `server CPU ${(cpu / candidates).toFixed(1)} ms per candidate`);
} finally {
  await stopServe(child);
  client?.close();
  await bench.close();
}
