import { loadConfig, type Config } from '../server/config.ts';
import { createLogger, type Logger } from '../server/platform/logger.ts';
import { makeDeps } from '../server/main.ts';
import type { Deps } from '../server/platform/deps.ts';
import { openDatabaseRuntime } from '../server/runtime.ts';

/** A problem the user can fix; printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a CLI command against the instance's database: the running `invigil serve`'s embedded server when there
 * is one on this data folder, else an embedded server started just for the command, or DATABASE_URL's server.
 */
export async function withDeps<T>(command: string, fn: (deps: Deps, ctx: { config: Config; log: Logger }) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const runtime = await openDatabaseRuntime(config, log, command, { shareRunning: true, poolMax: 4 });
  try {
    return await fn(makeDeps(config, log, runtime.db), { config, log });
  } finally {
    await runtime.close();
  }
}
