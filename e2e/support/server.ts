/**
 * Browser-journey server: the real app (built web app included) on a fresh database, listening on 127.0.0.1
 * with a free port, in demo mode so the outbox is visible to admins.
 */
import path from 'node:path';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import type { Config } from '../../src/server/config.ts';
import type { Deps } from '../../src/server/platform/deps.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { cryptoIds } from '../../src/server/platform/secrets.ts';
import { localBlobStore } from '../../src/server/platform/blobs.ts';
import { inProcessBus } from '../../src/server/platform/bus.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { createTestDatabase, testConfig } from '../../test/harness.ts';
import { projectRoot } from '../../test/processes.ts';

export interface E2eServer {
  url: string;
  app: FastifyInstance;
  deps: Deps;
  /** Stops the HTTP server and starts a new app on the same port and database, as a restarted process would;
   * `whileDown` runs in between. Everything a restarted server knows comes from the database. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Starts the app with the demo accounts seeded; `config` overrides the test configuration (e.g. `iceConfigFor(turn)`
 * from coturn.ts for a real TURN server). Needs `vite build` to have produced dist/web. */
export async function startE2eServer(opts: { config?: Partial<Config> } = {}): Promise<E2eServer> {
  const webDir = path.join(projectRoot, 'dist', 'web');
  if (!existsSync(path.join(webDir, 'index.html'))) throw new Error('dist/web is missing: run `npx vite build` first (npm test does).');
  const database = await createTestDatabase();
  const config = testConfig({ demo: true, ...opts.config });
  const deps: Deps = { db: database.db, clock: systemClock, ids: cryptoIds, log: createLogger('warn'), config, mailPoke: () => undefined, blobs: localBlobStore(mkdtempSync(path.join(os.tmpdir(), 'invigil-e2e-blobs-'))), bus: inProcessBus() };
  await seedDemo(deps);
  const app = await buildApp(deps, { webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  // Links in mail must point at this server.
  deps.config.publicUrl = url;
  const server: E2eServer = {
    url, app, deps,
    async restart(whileDown) {
      await server.app.close();
      await whileDown?.();
      const next = await buildApp(deps, { webDir });
      await next.listen({ port, host: '127.0.0.1' });
      server.app = next;
    },
    async close() {
      await server.app.close();
      await database.drop();
    },
  };
  return server;
}
