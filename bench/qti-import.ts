/**
 * Time to import a 10,000-item QTI 3.0 package into an exam (read + validate + sanitize + write), median of N runs,
 * each into a fresh database. Uses DATABASE_URL's server (a role that may create databases) or an embedded one.
 * Usage: npx tsx bench/qti-import.ts [items=10000] [runs=3]
 */
import { benchDeps } from './support.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../src/server/platform/db/database.ts';
import { startEmbeddedPostgres } from '../src/server/platform/db/embedded-postgres.ts';
import type { ItemDraft } from '../src/core/catalog/item.ts';
import { writeQtiPackage } from '../src/server/catalog/qti/write-package.ts';
import { readQtiPackage } from '../src/server/catalog/qti/read-package.ts';
import { importQtiPackage } from '../src/server/catalog/qti-transfer.ts';
import { createProgram } from '../src/server/catalog/programs.ts';
import { createExam } from '../src/server/catalog/exams.ts';
import { saveBlueprint } from '../src/server/catalog/save-blueprint.ts';

const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
const domains = ['D1', 'D2', 'D3', 'D4', 'D5'];

const items: ItemDraft[] = Array.from({ length: count }, (_, i) => ({
  identifier: `BENCH-${String(i).padStart(5, '0')}`,
  title: `Scenario ${i}`,
  domain: domains[i % 5]!,
  status: 'active',
  scored: i % 10 !== 0,
  content: {
    interaction: i % 5 === 0 ? 'multiple' : 'single',
    stem: `<p>A company runs service ${i} across two regions. Deployments fail <strong>intermittently</strong> when the pipeline promotes builds.</p><p>Which change meets the requirement with the LEAST operational overhead?</p>`,
    options: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id, html: `Option ${id} for item ${i}: use <code>step-${id}</code> in the pipeline.` })),
    correct: i % 5 === 0 ? ['A', 'C'] : ['B'],
    maxChoices: i % 5 === 0 ? 2 : 1,
    shuffle: true,
    scoring: { method: 'match_correct' },
    rationale: `<p>Rationale for item ${i}.</p>`,
  },
}));

const zip = writeQtiPackage({ identifier: 'BENCH', title: 'Bench', items });
const t0 = performance.now();
readQtiPackage(zip);
const readMs = performance.now() - t0;

const external = process.env.DATABASE_URL;
const tmp = external ? null : mkdtempSync(path.join(os.tmpdir(), 'invigil-bench-pg-'));
const server = external ? null : await startEmbeddedPostgres({ dataDir: tmp! });
const adminUrl = external ?? server!.adminUrl;
const times: number[] = [];
try {
  for (let r = 0; r < runs; r++) {
    const name = `invigil_bench_${process.pid}_${r}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const db = openDatabase(u.toString(), { max: 4 });
    try {
      await migrateToLatest(db);
      const deps = benchDeps(db);
      await createProgram(deps, 'system', { name: 'Bench' });
      await createExam(deps, 'system', { code: 'BENCH', title: 'Bench exam', level: 'professional', description: '', languages: ['en'], durationMinutes: 60, scoredItemCount: 50, unscoredItemCount: 5, scaleMin: 100, scaleMax: 1000, passingScore: 700, priceMinor: 0, currency: 'USD', practice: false, formMode: 'random' });
      await saveBlueprint(deps, 'system', 'BENCH', { domains: domains.map((code) => ({ code, name: code, weight: 20 })) });
      const start = performance.now();
      const report = await importQtiPackage(deps, 'system', 'BENCH', zip);
      times.push(performance.now() - start);
      if (report.created !== count) throw new Error(`imported ${report.created} of ${count}`);
    } finally {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
  }
} finally {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
console.log(`package: ${count} items, ${(zip.length / 1e6).toFixed(1)} MB zipped; read+validate only: ${(readMs / 1000).toFixed(2)} s`);
console.log(`import into PostgreSQL (${external ? 'DATABASE_URL' : 'embedded'}): median ${(median / 1000).toFixed(2)} s over ${runs} runs [${times.map((t) => (t / 1000).toFixed(2)).join(', ')}] = ${Math.round(count / (median / 1000))} items/s`);
