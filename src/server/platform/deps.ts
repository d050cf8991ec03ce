import type { Config } from '../config.ts';
import type { Db } from './db/database.ts';
import type { Clock } from './clock.ts';
import type { Ids } from './secrets.ts';
import type { Logger } from './logger.ts';
import type { BlobStore } from './blobs.ts';

/** The IO a use case may touch, built once in main.ts (or by a test) and passed down explicitly. */
export interface Deps {
  db: Db;
  clock: Clock;
  ids: Ids;
  log: Logger;
  config: Config;
  /** Photos and recordings (a local folder by default). */
  blobs: BlobStore;
  /** Nudges outbox delivery after a commit that enqueued mail; a no-op when no SMTP server is configured. */
  mailPoke: () => void;
}
