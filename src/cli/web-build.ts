import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the web app with Vite when dist/web is missing or older than its sources; returns whether it built. */
export async function ensureWebBuild(root: string, say: (line: string) => void): Promise<boolean> {
  const index = path.join(root, 'dist', 'web', 'index.html');
  const sources = ['src/web', 'src/contracts', 'src/core', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(root, p));
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (builtAt > Math.max(...sources.map(newestMtime))) return false;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    if (builtAt) return false; // production install without dev tools: serve the existing build
    throw new Error('The web app is not built and Vite is not installed. Run `npm install` (with dev dependencies) and try again.');
  }
  say('  Building the web app…');
  const started = Date.now();
  await vite.build({ root: path.join(root, 'src', 'web'), configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  say(`  Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}
