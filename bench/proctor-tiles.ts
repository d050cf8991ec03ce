/**
 * One proctor console with N live tiles (default 12): `invigil serve` as its own process on 127.0.0.1 with the demo
 * program, N candidates in CDE-PQ1 (seeded in the database with their launch authorised, as an approved check-in leaves
 * them; each opens and starts the exam in its own page, as the e2e live journey does), and Omar's console at
 * /proctor/live receiving every candidate's webcam over WebRTC (host candidates on loopback, no TURN).
 *
 * Browsers: Debian's Chromium through playwright-core (e2e/support/browser.ts). The N candidate pages are separate
 * browser contexts (own cookies) in ONE Chromium with the fake camera and microphone (Chromium's moving test picture,
 * asked for at 640×480 and 15 fps by the exam page): N browsers of their own are too heavy for this 2-core machine. The
 * console is alone in a second Chromium, so its processes are its own. Session recording is turned off in the policy
 * (BENCH_RECORD=1 keeps it): it does not change what the console receives, and N MediaRecorders would take CPU from the
 * console on a machine this small. Everything shares the machine with the server and PostgreSQL, so read the
 * candidates' CPU next to the console's.
 *
 * Measured on the console after every tile shows video and a 3 s settle, for `seconds` in `windows` windows (their
 * median reported): frames decoded per second per tile (getStats inbound-rtp video of every RTCPeerConnection the page
 * made, counted by a wrapper added before the page loads) and frames presented per tile (requestVideoFrameCallback on
 * each tile's <video>), the console renderer's CPU (SystemInfo.getProcessInfo, % of one core) and the whole console
 * browser's, renderer CPU per decoded frame (what holds when the senders on this machine deliver fewer frames than they
 * would from 12 homes), main-thread busy time (Performance.getMetrics TaskDuration: wall time of tasks, so it grows when
 * the machine is short of CPU), and the JS heap (JSHeapUsedSize) at the start and the end, each also after a forced GC
 * (the growth that stays). Bounded: setup has its deadlines, and the whole run
 * stops itself after seconds + 420 s. Uses DATABASE_URL's server (a role that may create databases) or an embedded
 * PostgreSQL; needs dist/web (`npx vite build`). BENCH_SCREENSHOT=<file.png> keeps a picture of the console.
 * Usage: npx tsx bench/proctor-tiles.ts [tiles=12] [seconds=30] [windows=3]
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { currentPolicy, getExamByCode } from '../src/server/catalog/repository.ts';
import { savePolicy } from '../src/server/catalog/save-policy.ts';
import { createSession, sessionCookieName } from '../src/server/platform/auth.ts';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import { cryptoIds } from '../src/server/platform/secrets.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { launchBrowser, type TestBrowser } from '../e2e/support/browser.ts';
import { benchDeps, benchPostgres, cpuMs, createDatabase, dropDatabase, freePort, pct, startServe, stopServe } from './support.ts';

const tiles = Math.max(1, Math.min(30, Number(process.argv[2] ?? 12)));
const seconds = Math.max(6, Math.min(300, Number(process.argv[3] ?? 30)));
const windows = Math.max(1, Math.min(10, Number(process.argv[4] ?? 3)));
const record = process.env.BENCH_RECORD === '1';
const exam = 'CDE-PQ1';
const proctorEmail = 'omar.proctor@invigil.test';
const webDir = path.resolve(import.meta.dirname, '..', 'dist', 'web');
const windowMs = (seconds * 1000) / windows;

if (!existsSync(path.join(webDir, 'index.html'))) throw new Error('dist/web is missing: run `npx vite build` first.');

/** Waits for `check` to return true (polling), or throws after `ms` saying what did not happen. */
async function until(what: string, ms: number, check: () => Promise<boolean>, everyMs = 250): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what}: not within ${ms / 1000} s`);
}

/** Installed in the console before its scripts run: keeps every RTCPeerConnection the page makes, and counts the
 * frames each tile's <video> presents (requestVideoFrameCallback), by attempt id. Plain JavaScript in a string: tsx
 * would wrap named functions of a TypeScript function in a helper (`__name`) the page does not have. */
const instrumentScript = `(() => {
  const bench = { pcs: [], presented: {} };
  window.__bench = bench;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config) { super(config); bench.pcs.push(this); }
  };
  setInterval(() => {
    for (const video of document.querySelectorAll('.session-tile video')) {
      if (video.__counted) continue;
      video.__counted = true;
      const id = video.closest('.session-tile')?.dataset.attempt ?? '?';
      const frame = () => {
        bench.presented[id] = (bench.presented[id] ?? 0) + 1;
        if (video.isConnected) video.requestVideoFrameCallback(frame);
      };
      video.requestVideoFrameCallback(frame);
    }
  }, 500);
})();`;

/** What the console shows now: per live connection the video frames decoded (and the tile's frames presented). */
async function consoleFrames(page: Page) {
  return page.evaluate(async () => {
    const b = (window as unknown as { __bench: { pcs: RTCPeerConnection[]; presented: Record<string, number> } }).__bench;
    const decoded: { key: string; decoded: number; fps: number; dropped: number; width: number; height: number }[] = [];
    for (const [i, pc] of b.pcs.entries()) {
      if (pc.connectionState === 'closed') continue;
      for (const s of (await pc.getStats()).values()) {
        if (s.type === 'inbound-rtp' && s.kind === 'video') decoded.push({ key: `${i}/${s.id}`, decoded: s.framesDecoded ?? 0, fps: s.framesPerSecond ?? 0, dropped: s.framesDropped ?? 0, width: s.frameWidth ?? 0, height: s.frameHeight ?? 0 });
      }
    }
    const live = [...document.querySelectorAll<HTMLVideoElement>('.session-tile video')].filter((v) => v.videoWidth > 0 && !v.paused);
    const playingIds = live.map((v) => v.closest<HTMLElement>('.session-tile')?.dataset.attempt ?? '?');
    return { decoded, presented: { ...b.presented }, playing: live.length, playingIds, tiles: document.querySelectorAll('.session-tile').length };
  });
}

/** CPU seconds so far of a browser's processes (SystemInfo.getProcessInfo): its renderers and all of them. */
async function browserCpu(cdp: CDPSession) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  const sum = (xs: { cpuTime: number }[]) => xs.reduce((s, p) => s + p.cpuTime, 0);
  return { renderer: sum(processInfo.filter((p) => p.type === 'renderer')), all: sum(processInfo), byType: processInfo.map((p) => `${p.type}:${p.id}`) };
}

const metricsOf = async (cdp: CDPSession) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value])) as Record<string, number>;

const pg = await benchPostgres();
const name = `invigil_bench_tiles_${process.pid}`;
const dbUrl = await createDatabase(pg.adminUrl, name);
const db = openDatabase(dbUrl, { max: 4, applicationName: 'invigil-bench' });
let child: ChildProcess | undefined;
let candidatesBrowser: TestBrowser | undefined;
let consoleBrowser: TestBrowser | undefined;
let poller: ReturnType<typeof setInterval> | undefined;
let stopped: Promise<void> | undefined;
const shutdown = () => (stopped ??= (async () => {
  clearInterval(poller);
  await candidatesBrowser?.close().catch(() => undefined);
  await consoleBrowser?.close().catch(() => undefined);
  await stopServe(child, 5000);
  await db.destroy();
  await dropDatabase(pg.adminUrl, name);
  await pg.stop();
})());
// Bounded whatever happens: a stuck page or server ends the run instead of leaving processes behind.
const deadline = setTimeout(() => {
  console.error(`deadline of ${seconds + 420} s reached: stopping`);
  process.exitCode = 2;
  void shutdown().finally(() => process.exit(2));
}, (seconds + 420) * 1000);
deadline.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown().finally(() => process.exit(130)));

try {
  await migrateToLatest(db);
  const deps = benchDeps(db);
  await seedDemo(deps);
  // Room on one console for every tile; recordings off unless asked for (see the header).
  const row = await getExamByCode(db, exam);
  const { policy, version } = await currentPolicy(db, row.id);
  await savePolicy(deps, 'system', exam, { policy: { ...policy, proctoring: { ...policy.proctoring, candidatesPerProctor: Math.max(tiles, policy.proctoring.candidatesPerProctor), recordSessions: record && policy.proctoring.recordSessions } }, expectedVersion: version });

  // Candidates with a booked appointment 20 minutes ahead (check-in open) whose launch is authorised.
  const now = new Date();
  const startsAt = new Date(now.getTime() + 20 * 60_000);
  const q = 15 * 60_000;
  const people = Array.from({ length: tiles }, (_, i) => ({
    id: cryptoIds.uuid(), email: `tile${i}@bench.invalid`, legal_name: `Tile Candidate ${String(i + 1).padStart(2, '0')}`, password_hash: null, time_zone: 'UTC', language: 'en',
    email_verified_at: now, disabled_at: null, created_at: now, updated_at: now,
  }));
  await db.insertInto('users').values(people).execute();
  await db.insertInto('user_roles').values(people.map((u) => ({ user_id: u.id, role: 'candidate' as const, granted_at: now, granted_by: null }))).execute();
  const appointments = people.map((u) => ({
    id: cryptoIds.uuid(), candidate_id: u.id, exam_id: row.id, program_id: row.program_id, hold_id: null, language: 'en', starts_at: startsAt, duration_minutes: row.duration_minutes, extra_minutes: 0,
    span_start: new Date(startsAt.getTime() - 30 * 60_000), span_end: new Date(startsAt.getTime() + row.duration_minutes * 60_000), checkin_bucket: new Date(Math.floor((startsAt.getTime() - q) / q) * q), seat_units: 1, checkin_units: 1,
    status: 'booked' as const, price_minor: 0, discount_minor: 0, voucher_minor: 0, paid_minor: 0, currency: 'USD', payment_method: 'invoice' as const, code: null, invoice_reference: null,
    outcome: null, outcome_at: null, cancelled_at: null, launch_authorised_at: now, created_at: now, updated_at: now,
  }));
  await db.insertInto('appointments').values(appointments).execute();
  const proctor = await db.selectFrom('users').select('id').where('email', '=', proctorEmail).executeTakeFirstOrThrow();
  const cookies = {
    proctor: await createSession(deps, proctor.id, {}),
    candidates: await Promise.all(people.map((u) => createSession(deps, u.id, {}))),
  };

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  child = await startServe(dbUrl, port);
  const signedIn = async (context: BrowserContext, value: string) => { await context.addCookies([{ name: sessionCookieName, value, url }]); return context; };

  // The console opens first: its proctor is on duty, so each candidate who starts is handed to it.
  const tSetup = performance.now();
  consoleBrowser = await launchBrowser();
  const consoleContext = await signedIn(await consoleBrowser.browser.newContext({ viewport: { width: 1920, height: 1600 } }), cookies.proctor);
  await consoleContext.addInitScript({ content: instrumentScript });
  const consolePage = await consoleContext.newPage();
  await consolePage.goto(`${url}/proctor/live`);
  await until('the console is on duty', 30_000, async () => /^(On|Off) shift/.test((await consolePage.locator('.live-summary').textContent()) ?? ''));

  candidatesBrowser = await launchBrowser({ media: true });
  // When each candidate's exam started, and when their tile first played video (polled while the others start).
  const startedAt = new Map<string, number>();
  const liveAt = new Map<string, number>();
  let polling = false;
  poller = setInterval(() => {
    if (polling) return;
    polling = true;
    void consoleFrames(consolePage).then((f) => { for (const id of f.playingIds) if (!liveAt.has(id)) liveAt.set(id, performance.now()); }, () => undefined).finally(() => (polling = false));
  }, 250);
  for (let i = 0; i < tiles; i++) {
    const context = await signedIn(await candidatesBrowser.browser.newContext({ viewport: { width: 1024, height: 768 } }), cookies.candidates[i]!);
    const page = await context.newPage();
    const opened = await context.request.post(`${url}/api/v1/appointments/${appointments[i]!.id}/attempt`, { headers: { accept: 'application/json', origin: url } });
    if (opened.status() !== 201) throw new Error(`open attempt: ${opened.status()} ${await opened.text()}`);
    const attemptId = (await opened.json()).attempt.id as string;
    await page.goto(`${url}/attempts/${attemptId}`);
    // Generous: with N cameras encoding on 2 cores, a page can take tens of seconds to react. A candidate whose page
    // does not get into the exam in time is left out (and said so), rather than ending the run.
    try {
      await page.getByRole('button', { name: 'Start exam' }).click({ timeout: 60_000 });
      await until(`candidate ${i + 1} in the exam`, 60_000, async () => /^Question 1 of /.test((await page.locator('h1').first().textContent()) ?? ''));
      startedAt.set(attemptId, performance.now());
    } catch (err) {
      console.log(`candidate ${i + 1} left out: ${(err as Error).message.split('\n')[0]}`);
      await context.close();
    }
  }
  const tStarted = performance.now();
  if (startedAt.size < tiles) console.log(`only ${startedAt.size} of ${tiles} candidates got into the exam: measuring their tiles`);
  await until(`${startedAt.size} tiles playing video`, 90_000, async () => [...startedAt.keys()].every((id) => liveAt.has(id)), 250);
  clearInterval(poller);
  // A tile can play before its candidate's page shows the first question (the camera starts with the exam).
  const toLive = [...startedAt].map(([id, at]) => Math.max(0, (liveAt.get(id) ?? NaN) - at) / 1000);
  console.log(`${startedAt.size} candidates started in ${((tStarted - tSetup) / 1000).toFixed(1)} s; all ${tiles} tiles live ${((performance.now() - tStarted) / 1000).toFixed(1)} s later; `
    + `from a candidate's first question to their tile playing: median ${pct(toLive, 50).toFixed(1)} s, max ${pct(toLive, 100).toFixed(1)} s`);
  if (process.env.BENCH_SCREENSHOT) await consolePage.screenshot({ path: process.env.BENCH_SCREENSHOT, fullPage: true });

  const pageCdp = await consoleContext.newCDPSession(consolePage);
  await pageCdp.send('Performance.enable');
  await pageCdp.send('HeapProfiler.enable');
  const consoleCdp = await consoleBrowser.browser.newBrowserCDPSession();
  const candidatesCdp = await candidatesBrowser.browser.newBrowserCDPSession();
  await new Promise((r) => setTimeout(r, 3000));

  const heap = async (gc: boolean) => { if (gc) await pageCdp.send('HeapProfiler.collectGarbage'); return (await metricsOf(pageCdp)).JSHeapUsedSize!; };
  const heapStart = await heap(false);
  const heapStartGc = await heap(true);
  const tHeap = performance.now();
  const rows: { decodedMedian: number; decodedMin: number; decodedTotal: number; presentedMedian: number; presentedMin: number; statsFps: number; renderer: number; consoleAll: number; task: number; msPerFrame: number; candidates: number; server: number; streams: number }[] = [];
  for (let w = 0; w < windows; w++) {
    const [f0, m0, c0, k0] = [await consoleFrames(consolePage), await metricsOf(pageCdp), await browserCpu(consoleCdp), await browserCpu(candidatesCdp)];
    const s0 = cpuMs(child.pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const [f1, m1, c1, k1] = [await consoleFrames(consolePage), await metricsOf(pageCdp), await browserCpu(consoleCdp), await browserCpu(candidatesCdp)];
    const wall = (performance.now() - t0) / 1000;
    // Decoded frames per stream (a connection made again meanwhile is new: counted from zero).
    const before = new Map(f0.decoded.map((d) => [d.key, d.decoded]));
    const decodedFps = f1.decoded.map((d) => (d.decoded - (before.get(d.key) ?? 0)) / wall);
    const presentedFps = Object.entries(f1.presented).map(([id, n]) => (n - (f0.presented[id] ?? 0)) / wall);
    const r = {
      decodedMedian: pct(decodedFps, 50), decodedMin: Math.min(...decodedFps), decodedTotal: decodedFps.reduce((a, b) => a + b, 0), presentedMedian: pct(presentedFps, 50), presentedMin: Math.min(...presentedFps),
      statsFps: pct(f1.decoded.map((d) => d.fps), 50), streams: f1.decoded.length,
      renderer: ((c1.renderer - c0.renderer) / wall) * 100, consoleAll: ((c1.all - c0.all) / wall) * 100, task: ((m1.TaskDuration! - m0.TaskDuration!) / wall) * 100,
      // The console's cost per frame shown, which holds when the senders (sharing this machine) deliver fewer frames.
      msPerFrame: ((c1.renderer - c0.renderer) * 1000) / (decodedFps.reduce((a, b) => a + b, 0) * wall),
      candidates: ((k1.all - k0.all) / wall) * 100, server: ((cpuMs(child.pid) - s0) / 10 / wall),
    };
    rows.push(r);
    const size = f1.decoded.map((d) => `${d.width}×${d.height}`);
    console.log(`window ${w + 1} (${wall.toFixed(0)} s): ${r.streams} video streams (${[...new Set(size)].join(', ')}), ${f1.playing} tiles playing; decoded fps per tile median ${r.decodedMedian.toFixed(1)}, min ${r.decodedMin.toFixed(1)} `
      + `(getStats framesPerSecond median ${r.statsFps.toFixed(1)}; dropped ${f1.decoded.reduce((s, d) => s + d.dropped, 0)} in all); presented fps per tile median ${r.presentedMedian.toFixed(1)}, min ${r.presentedMin.toFixed(1)}; `
      + `console renderer CPU ${r.renderer.toFixed(0)} % of one core (main thread busy ${r.task.toFixed(0)} %; ${r.msPerFrame.toFixed(2)} ms of renderer CPU per decoded frame, ${r.decodedTotal.toFixed(0)} frames/s in all), whole console browser ${r.consoleAll.toFixed(0)} %; candidates' browser ${r.candidates.toFixed(0)} %, server ${r.server.toFixed(0)} %`);
  }
  const heapEnd = await heap(false);
  const heapEndGc = await heap(true);
  const med = (k: keyof (typeof rows)[number]) => {
    const xs = rows.map((r) => r[k]).sort((a, b) => a - b);
    const m = xs.length / 2;
    return xs.length % 2 ? xs[Math.floor(m)]! : (xs[m - 1]! + xs[m]!) / 2;
  };
  const mb = (x: number) => (x / 2 ** 20).toFixed(1);
  const minutes = (performance.now() - tHeap) / 60_000;
  console.log(`median of ${windows} windows (${startedAt.size} tiles${startedAt.size < tiles ? ` of ${tiles}` : ''}, ${record ? 'recording on' : 'recording off'}, ${pg.external ? 'DATABASE_URL' : 'embedded PostgreSQL'}): decoded fps per tile median ${med('decodedMedian').toFixed(1)}, min ${med('decodedMin').toFixed(1)}; `
    + `presented median ${med('presentedMedian').toFixed(1)}, min ${med('presentedMin').toFixed(1)}; console renderer CPU ${med('renderer').toFixed(0)} % of one core (main thread ${med('task').toFixed(0)} %, ${med('msPerFrame').toFixed(2)} ms per decoded frame), whole console browser ${med('consoleAll').toFixed(0)} %; `
    + `candidates' browser ${med('candidates').toFixed(0)} %, server ${med('server').toFixed(0)} %; `
    + `JS heap ${mb(heapStart)} → ${mb(heapEnd)} MB, after GC ${mb(heapStartGc)} → ${mb(heapEndGc)} MB (${((heapEndGc - heapStartGc) / 2 ** 20 / minutes).toFixed(2)} MB a minute)`);
} finally {
  clearTimeout(deadline);
  await shutdown();
}
