import type { Config } from './config.ts';
import { acquireDataDirLock, readLockHolder, DataDirBusyError, type DataDirLock } from './platform/db/data-dir-lock.ts';
import { connectToRunning, startEmbeddedPostgres, type EmbeddedPostgres } from './platform/db/embedded-postgres.ts';
import { migrateToLatest, openDatabase, type Db } from './platform/db/database.ts';
import type { Logger } from './platform/logger.ts';

/** An open database and how to let go of it: the pool, and the embedded server and data-folder lock if we own them. */
export interface DatabaseRuntime {
  db: Db;
  /** `external` (DATABASE_URL), `embedded` (we started it), or `shared` (another Invigil process on this data folder runs it). */
  mode: 'external' | 'embedded' | 'shared';
  migrated: string[];
  /** Settles once the database's files are on disk (see EmbeddedPostgres.durable); serve listens only after. */
  durable: Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the database for `command`. With DATABASE_URL that server is used. Otherwise the embedded server in the
 * data folder: started by us under the data-folder lock, or — for CLI commands when `invigil serve` already runs
 * on the folder and `shareRunning` is set — the running one is used. `serve` never shares: a second server on
 * one data folder is refused with DataDirBusyError.
 */
export async function openDatabaseRuntime(config: Config, log: Logger, command: string, opts: { shareRunning: boolean; poolMax?: number }): Promise<DatabaseRuntime> {
  if (config.databaseUrl) {
    const db = openDatabase(config.databaseUrl, { max: opts.poolMax });
    const migrated = await migrateToLatest(db).catch(async (err) => { await db.destroy(); throw err; });
    return { db, mode: 'external', migrated, durable: Promise.resolve(), close: () => db.destroy() };
  }
  if (opts.shareRunning && readLockHolder(config.dataDir)) {
    const running = connectToRunning(config.dataDir);
    if (running) {
      const db = openDatabase(running.url, { max: 2 });
      const migrated = await migrateToLatest(db).catch(async (err) => { await db.destroy(); throw err; });
      return { db, mode: 'shared', migrated, durable: Promise.resolve(), close: () => db.destroy() };
    }
    // The holder is alive but its server is not up yet (still starting): fall through to the lock, which reports it.
  }
  const lock: DataDirLock = acquireDataDirLock(config.dataDir, command);
  let pg: EmbeddedPostgres | undefined;
  let db: Db | undefined;
  try {
    pg = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      osUser: config.pgOsUser,
      log: (event, fields) => log.info({ event, ...fields }, event),
    });
    db = openDatabase(pg.url, { max: opts.poolMax });
    const migrated = await migrateToLatest(db);
    const [openDb, server] = [db, pg];
    return {
      db: openDb,
      mode: 'embedded',
      migrated,
      durable: server.durable,
      async close() {
        await openDb.destroy();
        await server.stop();
        lock.release();
      },
    };
  } catch (err) {
    await db?.destroy().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    lock.release();
    throw err;
  }
}

export { DataDirBusyError };
