#!/usr/bin/env node
// `npm run dev`: the API server (`invigil serve` on PORT, default 3000) and Vite's dev server with hot reload,
// which proxies /api to it. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const children = [
  spawn(process.execPath, ['bin/invigil.mjs', 'serve'], { stdio: 'inherit', env: { ...process.env, PORT: port } }),
  spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, INVIGIL_API_PORT: port } }),
];
const stop = () => { for (const c of children) if (c.exitCode === null) c.kill('SIGTERM'); };
// Ctrl-C in a terminal already reaches both children (same process group); pass on only other stops.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => { stop(); process.exitCode = code ?? 0; });
