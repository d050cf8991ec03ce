#!/usr/bin/env node
/**
 * What the exam page downloads: reads the built web app (dist/web and its Vite manifest) and prints every chunk's raw
 * and gzip size, marking the ones the exam page loads before its first question can be answered — the entry, every
 * chunk it imports statically, the exam route's lazy chunk and its static imports — and those it loads later (the
 * route's own lazy imports, e.g. the notepad). Ends with the exam page's total gzip JavaScript and CSS.
 * Usage: node scripts/bundle-report.mjs [route module, relative to src/web; default delivery/AttemptPage.tsx]
 * (`npm run bundle-report` builds first.)
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const webDir = path.resolve(import.meta.dirname, '../dist/web');
const manifestPath = path.join(webDir, '.vite/manifest.json');
const route = process.argv[2] ?? 'delivery/AttemptPage.tsx';

if (!existsSync(manifestPath)) {
  console.error(`No ${path.relative(process.cwd(), manifestPath)}: build first (npx vite build), with build.manifest on.`);
  process.exit(1);
}
/** @type {Record<string, { file: string; name?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('The manifest has no entry chunk.');

// Level 9, as a precompressing server or CDN would store them; on-the-fly gzip at lower levels is a few % larger.
const sizes = new Map();
function sizeOf(file) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = readFileSync(path.join(webDir, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(file, size);
  }
  return size;
}

/** The manifest keys `key` needs before it runs: itself and its static imports, transitively. */
function staticClosure(key, into = new Set()) {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, into);
  return into;
}

const initial = staticClosure(entryKey);
// The route is lazy when it has its own manifest entry; otherwise it is inside the entry (or a chunk the entry imports).
const routeLazy = route in manifest;
if (routeLazy) staticClosure(route, initial);
const later = new Set();
for (const key of initial) {
  for (const dynamic of manifest[key].dynamicImports ?? []) {
    // The entry's lazy routes are other pages; only the exam route's own lazy imports are the exam page's "later".
    if (key === entryKey) continue;
    for (const needed of staticClosure(dynamic)) if (!initial.has(needed)) later.add(needed);
  }
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const rows = Object.entries(manifest)
  .map(([key, chunk]) => ({ key, chunk, ...sizeOf(chunk.file), loads: initial.has(key) ? 'exam page' : later.has(key) ? 'exam, later' : '' }))
  .sort((a, b) => b.gzip - a.gzip);
console.log(`${'chunk'.padEnd(44)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)}  loaded by`);
for (const row of rows) console.log(`${row.chunk.file.padEnd(44)} ${kb(row.raw)} ${kb(row.gzip)}  ${row.loads}`);
const css = [...new Set(rows.flatMap((row) => row.chunk.css ?? []))];
for (const file of css) {
  const size = sizeOf(file);
  const examCss = [...initial].some((key) => manifest[key].css?.includes(file));
  console.log(`${file.padEnd(44)} ${kb(size.raw)} ${kb(size.gzip)}  ${examCss ? 'exam page' : ''}`);
}

const sum = (keys, pick) => [...keys].reduce((total, key) => total + pick(sizeOf(manifest[key].file)), 0);
const cssFiles = (keys) => [...new Set([...keys].flatMap((key) => manifest[key].css ?? []))];
const cssSum = (keys, pick) => cssFiles(keys).reduce((total, file) => total + pick(sizeOf(file)), 0);
console.log('');
console.log(`exam page (${route}${routeLazy ? ', lazy' : ', inside the entry'}): ${initial.size} chunks before the first question`);
console.log(`  JavaScript ${kb(sum(initial, (s) => s.raw)).trim()} KB raw, ${kb(sum(initial, (s) => s.gzip)).trim()} KB gzip`);
console.log(`  CSS        ${kb(cssSum(initial, (s) => s.raw)).trim()} KB raw, ${kb(cssSum(initial, (s) => s.gzip)).trim()} KB gzip`);
console.log(`  total      ${kb(sum(initial, (s) => s.gzip) + cssSum(initial, (s) => s.gzip)).trim()} KB gzip`);
if (later.size > 0) console.log(`  later, on use: ${later.size} chunks, ${kb(sum(later, (s) => s.gzip)).trim()} KB gzip JavaScript`);
