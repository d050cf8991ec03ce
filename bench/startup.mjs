#!/usr/bin/env node
// Start-up time of `invigil serve` on the embedded PostgreSQL, until /readyz answers 200:
//   cold = a new data folder (initdb, migrations, demo accounts), warm = the same folder again.
// Usage: node bench/startup.mjs [runs=5]. Needs the web app built (npm run build) so Vite is not timed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runs = Math.max(1, Math.min(20, Number(process.argv[2] ?? 5)));
const port = 3900 + Math.floor(Math.random() * 90);

async function startOnce(dataDir) {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/invigil.mjs', 'serve'], {
    env: { ...process.env, INVIGIL_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; i < 600; i++) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (r.status === 200) return performance.now() - t0;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('did not become ready within 12 s');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'invigil-bench-'));
  try {
    cold.push(await startOnce(dir));
    warm.push(await startOnce(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const fmt = (xs) => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
console.log(`cold start (new data folder): median ${(median(cold) / 1000).toFixed(2)} s  [${fmt(cold)}]`);
console.log(`warm start (existing folder): median ${(median(warm) / 1000).toFixed(2)} s  [${fmt(warm)}]`);
