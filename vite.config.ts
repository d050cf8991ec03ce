import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server's port in development; the dev server proxies every server-owned path to it so the browser
// sees one origin (session cookies stay same-site, no CORS).
const apiPort = process.env.INVIGIL_API_PORT ?? '3000';
const apiTarget = `http://127.0.0.1:${apiPort}`;
// `/api` carries the live WebSocket (/api/v1/live) too, which the proxy forwards only with `ws: true`.
const proxy = Object.fromEntries(['/api', '/healthz', '/readyz', '/metrics'].map((path) => [path, { target: apiTarget, ws: path === '/api' }]));

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // dist/web/.vite/manifest.json: which chunks each entry and lazy import needs (scripts/bundle-report.mjs reads it).
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries every page needs change less often than our code: separate chunks stay cached across our
        // releases. react-aria is not grouped: each page then loads only the widgets it uses (the exam page does not
        // download the date pickers, tables and menus of booking and the consoles).
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ },
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
