import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { isAlive, processStartTime } from './process-info.ts';

/** Who holds a data folder. */
export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
  /** /proc start time of the holder, so a pid reused by another process after a crash is not mistaken for it. */
  procStart: string | null;
}

export interface DataDirLock {
  holder: LockHolder;
  release(): void;
}

export class DataDirBusyError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder) {
    super(
      `Another Invigil process (pid ${holder.pid}, "invigil ${holder.command}", since ${holder.startedAt}) is using the data folder ${dataDir}. ` +
        'Stop it first, or point INVIGIL_DATA_DIR at another folder.',
    );
    this.name = 'DataDirBusyError';
  }
}

const lockPath = (dataDir: string) => path.join(dataDir, 'invigil.lock');

/** The live holder of the data folder's lock, or null when it is free or its holder died (e.g. `kill -9`). */
export function readLockHolder(dataDir: string): LockHolder | null {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
  if (!Number.isInteger(holder.pid) || !isAlive(holder.pid)) return null;
  if (holder.procStart && processStartTime(holder.pid) !== holder.procStart) return null;
  return holder;
}

/**
 * Takes the data folder for this process: exclusive creation of `invigil.lock`; a lock left by a dead process
 * is removed and taken over. Throws DataDirBusyError while a live Invigil process holds it.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const file = lockPath(dataDir);
  const holder: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString(), procStart: processStartTime(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      let released = false;
      return {
        holder,
        release() {
          if (released) return;
          released = true;
          // Only remove the lock if it is still ours.
          try {
            const current = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
            if (current.pid === process.pid) rmSync(file, { force: true });
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const live = readLockHolder(dataDir);
      if (live) throw new DataDirBusyError(dataDir, live);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${file}; another process keeps recreating it.`);
}
