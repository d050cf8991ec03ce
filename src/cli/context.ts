import type { Config } from '../server/config.ts';
import type { Logger } from '../server/platform/logger.ts';
import type { Deps } from '../server/platform/deps.ts';

// Server modules are loaded only when a command runs, so `--help` and argument errors answer at once.

/** A problem the user can fix; printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a CLI command against the instance's database: the running `invigil serve`'s embedded server when there
 * is one on this data folder, else an embedded server started just for the command, or DATABASE_URL's server.
 */
export async function withDeps<T>(command: string, fn: (deps: Deps, ctx: { config: Config; log: Logger }) => Promise<T>): Promise<T> {
  const [{ loadConfig }, { createLogger }, { makeDeps }, { openDatabaseRuntime }] = await Promise.all([
    import('../server/config.ts'), import('../server/platform/logger.ts'), import('../server/main.ts'), import('../server/runtime.ts'),
  ]);
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const runtime = await openDatabaseRuntime(config, log, command, { shareRunning: true, poolMax: 4 });
  const deps = makeDeps(config, log, runtime.db);
  try {
    return await fn(deps, { config, log });
  } finally {
    await deps.bus.close();
    await runtime.close();
  }
}
