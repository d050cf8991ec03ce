/**
 * The server's prebuilt bundle: src/cli/main.ts (the whole server and CLI) and the QTI reader's worker, bundled by
 * esbuild into dist/server with the npm packages left as imports. Loading it takes a fraction of the time that
 * compiling the TypeScript sources at every start does (tsx). bin/invigil.mjs calls `serverBundle()`, which rebuilds
 * when any source is newer than the bundle; a build that fails (or esbuild missing) answers null and the CLI runs
 * from the sources instead, where the same error then shows with its usual message.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist', 'server');
const entry = path.join(outDir, 'cli.mjs');
const sources = ['src', 'demo', 'migrations', 'package.json', 'package-lock.json', 'scripts/server-bundle.mjs'];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(target)) {
    if (target.endsWith(`${path.sep}src`) && name === 'web') continue; // the browser app is not in the server bundle
    newest = Math.max(newest, newestMtime(path.join(target, name)));
  }
  return newest;
}

/** Bundles the server into dist/server. Each file is written beside its place and renamed, so a process starting
 * meanwhile (or another building at once) reads either the old file or the new one, never half of one. */
export async function buildServerBundle() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/main.ts', 'read-worker-entry': 'src/server/catalog/qti/read-worker.ts' },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Lazily imported modules stay lazy (serve starts the database before loading the rest of the server). Chunks
    // sit beside the entry: code that finds files from its own place (paths.ts, the QTI worker) finds the same
    // ones from every file of the bundle.
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(outDir, { recursive: true });
  // The entry last: its time is what `serverBundle` compares with the sources.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === entry) - Number(b.path === entry));
  for (const file of files) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  // Chunks of earlier builds: removed once no process starting now could still want them.
  const current = new Set(files.map((f) => f.path));
  for (const name of readdirSync(outDir)) {
    const file = path.join(outDir, name);
    if (/-[A-Z0-9]{8}\.mjs(\.map)?$/.test(name) && !current.has(file) && Date.now() - statSync(file).mtimeMs > 10 * 60_000) rmSync(file, { force: true });
  }
  return entry;
}

/** The bundle's entry, rebuilt first if a source is newer; null when it cannot be built. */
export async function serverBundle() {
  const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  if (builtAt > Math.max(...sources.map((s) => newestMtime(path.join(root, s))))) return entry;
  try {
    return await buildServerBundle();
  } catch {
    return null;
  }
}

if (process.argv[1] === import.meta.filename) {
  const started = performance.now();
  await buildServerBundle();
  console.log(`Built ${path.relative(process.cwd(), entry)} in ${Math.round(performance.now() - started)} ms.`);
}
