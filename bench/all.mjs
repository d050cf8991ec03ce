#!/usr/bin/env node
/**
 * `npm run bench`: every bench with its defaults (sized so the whole set takes about twenty minutes on a small
 * machine), one after another, then one table of the figures each printed last, with the goal each is measured
 * against. Benches use DATABASE_URL's PostgreSQL when set (the machine's), otherwise an embedded one each.
 * Autosave runs three times here and its medians are taken (it measures one run per invocation).
 * Usage: npm run bench [-- name ...]   (names: autosave auth booking start sockets proctoring tiles uploads qti startup bundle)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsx = (file, ...args) => ['npx', 'tsx', `bench/${file}`, ...args];
const benches = [
  { name: 'autosave', cmd: tsx('autosave.ts', '1000', '10', '32'), times: 3, goal: 'route ≥ 0.7× raw pg upsert, durable' },
  { name: 'auth', cmd: tsx('auth-overhead.ts', '5', '32', '3'), goal: 'signed-in overhead ≤ 0.1 ms CPU per request' },
  { name: 'booking', cmd: tsx('booking-contention.ts', '1000', '3'), goal: 'exactly 100 booked, p99 < 500 ms' },
  { name: 'start', cmd: tsx('synchronized-start.ts', '2000', '60', '250'), goal: 'p99 < 1 s, 0 errors' },
  { name: 'sockets', cmd: tsx('live-sockets.ts', '10000', '20'), goal: 'RSS < 1 GiB, p99 delivery < 100 ms' },
  { name: 'proctoring', cmd: tsx('proctoring-live.ts', '2000', '30', '8', '3'), goal: '2,000 live sessions: chat delivery p99 < 100 ms' },
  { name: 'tiles', cmd: tsx('proctor-tiles.ts', '12', '30', '3'), goal: 'one console, 12 live tiles: fps, CPU, heap' },
  { name: 'uploads', cmd: tsx('checkin-uploads.ts', '200', '3'), goal: '≥ 0.7× sharp alone, RSS < 400 MB' },
  { name: 'qti', cmd: tsx('qti-import.ts', '10000', '3'), goal: '10,000 items imported' },
  { name: 'startup', cmd: ['node', 'bench/startup.mjs', '3'], goal: 'cold < 3 s, warm < 1.5 s' },
  { name: 'bundle', cmd: ['npm', 'run', '--silent', 'bundle-report'], goal: 'exam page < 200 KB gzip' },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !benches.some((b) => b.name === w));
if (unknown.length) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Choose from: ${benches.map((b) => b.name).join(' ')}`);
  process.exit(2);
}

/** Runs a command, echoing its output, and returns its lines. */
function run(cmd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.split('\n').map((l) => l.trim()).filter(Boolean)) : reject(new Error(`${cmd.join(' ')} exited with ${code}`))));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The figure lines each bench ends with. */
function summary(name, outputs) {
  const last = outputs.at(-1);
  if (name === 'autosave') {
    const pick = (re) => median(outputs.map((lines) => Number(re.exec(lines.find((l) => l.startsWith('saturation')) ?? '')?.[1])));
    const http = pick(/HTTP route (\d+) saves\/s/);
    const socket = pick(/live socket (\d+) saves\/s/);
    const raw = pick(/raw pg upsert (\d+)\/s/);
    const ratioHttp = pick(/ratio HTTP ([\d.]+)/);
    const ratioSocket = pick(/socket ([\d.]+)$/);
    return [`median of ${outputs.length} runs: HTTP ${http} saves/s, live socket ${socket} saves/s, raw pg ${raw}/s; ratio HTTP ${ratioHttp}, socket ${ratioSocket}`];
  }
  if (name === 'startup') return last.filter((l) => /^(cold|warm) start/.test(l));
  if (name === 'bundle') return last.slice(-4);
  if (name === 'start') return last.slice(-1);
  if (name === 'sockets') return last.filter((l) => /rounds of 1 s/.test(l));
  if (name === 'qti') return last.filter((l) => /^import into/.test(l));
  return last.filter((l) => /^median/.test(l)).slice(-1);
}

const rows = [];
for (const bench of benches.filter((b) => !wanted.length || wanted.includes(b.name))) {
  console.log(`\n=== ${bench.name}: ${bench.cmd.join(' ')}${bench.times ? ` (×${bench.times})` : ''}`);
  const started = performance.now();
  try {
    const outputs = [];
    for (let i = 0; i < (bench.times ?? 1); i++) outputs.push(await run(bench.cmd));
    rows.push({ name: bench.name, goal: bench.goal, figures: summary(bench.name, outputs), seconds: (performance.now() - started) / 1000 });
  } catch (err) {
    rows.push({ name: bench.name, goal: bench.goal, figures: [`failed: ${err.message}`], seconds: (performance.now() - started) / 1000 });
  }
}

console.log('\n| bench | goal | measured | time |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.goal} | ${r.figures.join('<br>')} | ${r.seconds.toFixed(0)} s |`);
if (rows.some((r) => r.figures[0]?.startsWith('failed'))) process.exitCode = 1;
