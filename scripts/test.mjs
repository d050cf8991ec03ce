#!/usr/bin/env node
// `npm test`: type-check, unit and server tests, then the browser journeys in Chromium.
// Server tests use TEST_DATABASE_URL's PostgreSQL when set, else an embedded one. Browser journeys run when
// Chromium is installed; under CI=true a missing Chromium is a failure, not a skip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(label, cmd, args) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`✖ ${label} failed after ${secs} s\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`✔ ${label} (${secs} s)\n`);
}

const npx = 'npx';
run('type-check', npx, ['tsc', '--noEmit']);
run('unit and server tests', npx, ['vitest', 'run', '--project', 'unit', '--project', 'server']);
if (existsSync(chromium)) {
  run('web build', npx, ['vite', 'build', '--logLevel', 'warn']);
  run('browser journeys (Chromium)', npx, ['vitest', 'run', '--project', 'e2e']);
} else if (ci) {
  process.stdout.write(`✖ Chromium not found at ${chromium}: browser journeys cannot run (CI=true makes this a failure). Install it with apt-get install chromium.\n`);
  process.exit(1);
} else {
  process.stdout.write(`⚠ Chromium not found at ${chromium}: browser journeys skipped (install chromium to run them).\n`);
}
