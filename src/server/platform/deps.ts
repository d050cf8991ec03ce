import type { Config } from '../config.ts';
import type { Db } from './db/database.ts';
import type { Clock } from './clock.ts';
import type { Ids } from './secrets.ts';
import type { Logger } from './logger.ts';
import type { BlobStore } from './blobs.ts';
import type { Bus } from './bus.ts';

/** The IO a use case may touch, built once in main.ts (or by a test) and passed down explicitly. */
export interface Deps {
  db: Db;
  clock: Clock;
  ids: Ids;
  log: Logger;
  config: Config;
  /** Photos and recordings (a local folder by default). */
  blobs: BlobStore;
  /** Fan-out of "this changed" to live WebSockets, on every app instance (in-process, or Redis when configured). */
  bus: Bus;
  /** Nudges outbox delivery after a commit that enqueued mail; a no-op when no SMTP server is configured. */
  mailPoke: () => void;
}
