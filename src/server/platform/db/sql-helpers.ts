import type { Db } from './database.ts';

/** An ILIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Runs `fn` in the caller's transaction when there is one, else in a new transaction of its own. */
export function inTransaction<T>(db: Db, trx: Db | undefined, fn: (t: Db) => Promise<T>): Promise<T> {
  return trx ? fn(trx) : db.transaction().execute(fn);
}
